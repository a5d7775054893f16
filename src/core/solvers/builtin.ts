/**
 * The shape of a built-in function. Each lives in its own file in
 * this folder, with a doc comment showing a worked example and a test at the
 * matching path under `test/core/solvers/`. `registry.ts` collects them.
 *
 * A built-in keeps its reverse-mode rule (`backward`) beside its forward
 * rule, so `∂L/∂X` works through it, and can explain itself (`steps`) for
 * the derivations view. Steps are computed only when asked, never on the
 * per-keystroke path.
 */
import type { SolverStep } from '../model';
import type { Matrix, Value } from '../values/value';

export interface BuiltinParam {
  readonly name: string;
  /** Default for an optional parameter (`stride = 1`). */
  readonly default?: number;
  /**
   * For an optional parameter whose default is another parameter's value
   * (`maxpool(input, size=2, stride=size)`): that parameter's name, which
   * comes earlier. Added beside `default`; `resolveArguments` fills it.
   */
  readonly defaultFrom?: string;
}

export interface Builtin {
  readonly name: string;
  /** `conv2d(input, kernel, stride=1, padding=0)`. */
  readonly signature: string;
  /** One line for completions and hovers. */
  readonly summary: string;
  /** A `.hw` line that checks clean: `conv_out(36, 3, padding=3, stride=2) = 20`. */
  readonly example: string;
  /** Positional order; named arguments match by name; omitted ones take their default. */
  readonly params: readonly BuiltinParam[];
  /** Takes any number (≥ 1) of arguments (`max`, `min`): `params` then names just the first. */
  readonly variadic?: boolean;
  /**
   * Of a variadic built-in: parameters given by name only (`sum(X, axis=2)`).
   * `forward` gets the positional arguments, then one value per option in
   * this order (its default when not given).
   */
  readonly options?: readonly BuiltinParam[];
  /**
   * Parameters whose value is a bare word, read and not evaluated
   * (`cross_entropy(P, y, reduction=sum)`): the word's position in its list
   * is what `forward` gets, -1 for anything else (see `words.ts`).
   */
  readonly words?: { readonly [param: string]: readonly string[] };
  /** The unit-aware functions (`ceil`, `floor`, `abs`, `max`, `min`) accept quantities. */
  readonly acceptsQuantities?: boolean;
  /**
   * Set by a built-in whose forward and backward rules handle values of rank
   * 3 and 4 (`Matrix.lead`); any other is never called with one: the call is
   * `shape.rank` (see `resolveArguments`).
   */
  readonly acceptsTensors?: true;

  /** Forward rule. Throws `EvalError` subclasses (`ShapeError`, `DomainError`) on bad input. */
  forward(args: readonly Value[]): Value;

  /**
   * Reverse-mode rule: given the upstream gradient (the output's shape), the
   * gradient of each argument (its shape), or `null` for an argument that
   * takes none (an integer stride). Absent when the function is piecewise
   * constant or integer-valued (`ceil`, `conv_out`): its gradient is zero.
   */
  backward?(upstream: Matrix, args: readonly Matrix[], output: Matrix): readonly (Matrix | null)[];

  /**
   * Set where the gradient exists but is not implemented (`eig`, `svd`,
   * `pinv`): `∂L/∂X` through it is reported as unsupported instead of
   * passing the zero gradient a constant would.
   */
  readonly noGradient?: true;

  /** For activations: the elementwise derivative, what `relu'(x)` evaluates. */
  derivative?(args: readonly Value[]): Value;

  /** The derivation, step by step, as the derivations view shows it. */
  steps?(args: readonly Value[], output: Value): readonly SolverStep[];
}

/**
 * The names of one problem. A problem is a scope: names defined in one
 * question are visible in the later questions of the same problem, and in no
 * other problem.
 *
 * Each binding holds two values: the true one (computed from the problem's
 * givens) and the writer's (what the writer last stated for it). They differ
 * only after a mistake; checking later lines against both is what lets one
 * slip give one error instead of a cascade ("follow-through").
 */
import type { Expr } from '../syntax/ast';
import type { Span } from '../text/span';
import type { Value } from '../values/value';

export type BindingKind = 'given' | 'definition' | 'function' | 'parameter';

export interface Binding {
  /** `a1`, or a derivative symbol's key `∂L/∂z2`. */
  readonly key: string;
  readonly kind: BindingKind;
  /** Span of the name where it is defined. */
  readonly nameSpan: Span;
  readonly statementId: number;
  /** Undefined when the defining expression could not be evaluated. */
  truth: Value | undefined;
  /** The writer's value, to the digits written; the same object as `truth` when no mistake is involved. */
  writer: Value | undefined;
  /**
   * The writer's value before they rounded it: what their own values give
   * for a value written with `≈` (`g = 0.3 b^4 ≈ 1.3631` keeps 1.363115568).
   * Undefined when it is `writer` itself.
   */
  unrounded?: Value;
  /** Where the writer's value went wrong (the link that stated it). */
  mistake?: Span;
  /** The defining expression, through which `∂L/∂X` differentiates. */
  readonly expr?: Expr;
  /** For functions: parameter names and body. */
  readonly params?: readonly string[];
  readonly references: Span[];
}

/**
 * The three worlds a name is read in: `truth` (from the givens), `writer`
 * (the values the writer stated, to the digits written) and `unrounded`
 * (the writer's values before their own rounding). A later step follows
 * from the writer's values when it is right for either, or in between.
 */
export type World = 'truth' | 'writer' | 'unrounded';

/** A binding's value in one world. */
export function valueInWorld(b: Binding, world: World): Value | undefined {
  if (world === 'truth') return b.truth;
  if (world === 'unrounded') return b.unrounded ?? b.writer ?? b.truth;
  return b.writer ?? b.truth;
}

/** True when the writer's values of the binding differ from its true value. */
export function diverges(b: Binding): boolean {
  return b.writer !== b.truth || (b.unrounded !== undefined && b.unrounded !== b.truth);
}

/** The writer's stated value of a computed gradient, as a binding's two writer values. */
export interface StatedDerivative {
  readonly value: Value;
  readonly unrounded?: Value;
  readonly mistake?: Span;
}

export function derivativeKey(of: string, wrt: string, order?: 2): string {
  return order === 2 ? `∂²${of}/∂${wrt}²` : `∂${of}/∂${wrt}`;
}

export class ProblemScope {
  private readonly bindings = new Map<string, Binding>();
  private readonly declaredUnits = new Set<string>();
  /** Bumped on every change, so cached gradients know when they are stale. */
  version = 0;
  /** Bindings in definition order (for symbols and did-you-mean). */
  readonly all: Binding[] = [];

  /**
   * `parent`: the enclosing scope of function parameters and `for`
   * variables. `inherited`: for a problem of a Markdown or LaTeX homework,
   * the scope of the problem before it, whose names stay visible (students
   * write "Problem 2: the backward pass" on Problem 1's network) but which
   * a definition of the same name shadows rather than restates.
   */
  constructor(
    private readonly parent?: ProblemScope,
    private readonly inherited?: ProblemScope,
  ) {}

  lookup(key: string): Binding | undefined {
    return this.bindings.get(key) ?? this.parent?.lookup(key) ?? this.inherited?.lookup(key);
  }

  /** A binding of this problem (or an enclosing function's), not one inherited from an earlier problem. */
  lookupInProblem(key: string): Binding | undefined {
    return this.bindings.get(key) ?? this.parent?.lookupInProblem(key);
  }

  has(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  define(binding: Binding): void {
    this.bindings.set(binding.key, binding);
    this.all.push(binding);
    this.version++;
  }

  /** A child scope for function parameters and `for` variables. */
  child(): ProblemScope {
    const c = new ProblemScope(this);
    c.version = this.version;
    return c;
  }

  private readonly statedDerivatives = new Map<string, StatedDerivative>();

  /** The writer's stated value of a computed gradient (`∂L/∂W2 = [...]`), for follow-through. */
  writerDerivative(key: string): StatedDerivative | undefined {
    return (
      this.statedDerivatives.get(key) ?? this.parent?.writerDerivative(key) ?? this.inherited?.writerDerivative(key)
    );
  }

  setWriterDerivative(key: string, stated: StatedDerivative): void {
    this.statedDerivatives.set(key, stated);
    this.version++;
  }

  declareUnit(name: string): void {
    this.declaredUnits.add(name);
    this.version++;
  }

  isDeclaredUnit(name: string): boolean {
    return (
      this.declaredUnits.has(name) ||
      (this.parent?.isDeclaredUnit(name) ?? false) ||
      (this.inherited?.isDeclaredUnit(name) ?? false)
    );
  }

  /** Every binding this scope sees: its own, then each enclosing and earlier problem's. */
  visibleBindings(): Binding[] {
    return this.outward().flatMap((s) => s.all);
  }

  /** Every visible name, nearest first, for did-you-mean. */
  visibleNames(): string[] {
    const names = new Set<string>();
    for (const s of this.outward()) {
      for (const k of s.bindings.keys()) if (!k.startsWith('∂')) names.add(k);
    }
    return [...names];
  }

  /** True when any binding's writer value differs from its true value. */
  hasDivergence(): boolean {
    for (const s of this.outward()) {
      for (const b of s.bindings.values()) if (diverges(b)) return true;
      if (s.statedDerivatives.size > 0) return true;
    }
    return false;
  }

  /** This scope, then each enclosing one, then the earlier problems' (nearest first). */
  private outward(): ProblemScope[] {
    const scopes: ProblemScope[] = [];
    const pending: ProblemScope[] = [this];
    // Each scope has at most one of each link, so this walks a chain, once per scope.
    for (let s = pending.pop(); s; s = pending.pop()) {
      scopes.push(s);
      if (s.inherited) pending.push(s.inherited);
      if (s.parent) pending.push(s.parent);
    }
    return scopes;
  }
}

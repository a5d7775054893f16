/**
 * Argument checks, guard rails and the elementwise pattern shared by the
 * built-ins. Every check throws the structured error the checker turns into
 * a diagnostic, with a message that names the function and the parameter.
 */
import type { SolverStep } from '../model';
import { DomainError, EvalError, LimitError, MAX_MATRIX_ENTRIES, ShapeError, UnitError } from '../values/errors';
import { Matrix, MAX_RANK, Quantity, type Value } from '../values/value';
import type { Builtin, BuiltinParam } from './builtin';
import { fnName, formatNumber, matrixLatex, quantityLatex } from './stepLatex';

/** Steps list at most this many entries (conv2d outputs, elementwise values), then a note. */
export const STEP_ENTRY_CAP = 16;

export function shapeOf(m: { rows: number; cols: number }): { rows: number; cols: number } {
  return { rows: m.rows, cols: m.cols };
}

/** A plain-number argument; a quantity (a number with a unit) is refused. */
export function matrixArg(fn: string, param: string, v: Value | undefined): Matrix {
  if (v === undefined) throw new DomainError(`${fn}: the argument ${param} is missing`);
  if (v.kind === 'quantity') {
    throw new UnitError(`${fn}: ${param} has a unit (${v.unit.formatUnits()}); ${fn} takes plain numbers`);
  }
  return v;
}

/** A 1×1 argument, as a number. */
export function scalarArg(fn: string, param: string, v: Value | undefined): number {
  const m = matrixArg(fn, param, v);
  if (!m.isScalar) {
    throw new ShapeError(
      'call',
      shapeOf(m),
      { rows: 1, cols: 1 },
      `${fn}: ${param} must be a scalar, not ${m.shapeText()}`,
    );
  }
  return m.data[0];
}

/** A scalar integer argument at least `min`. */
export function integerArg(fn: string, param: string, v: Value | undefined, min = -Infinity): number {
  const x = scalarArg(fn, param, v);
  if (!Number.isInteger(x)) throw new DomainError(`${fn}: ${param} must be an integer, not ${x}`);
  if (x < min) throw new DomainError(`${fn}: ${param} must be at least ${min}, not ${x}`);
  return x;
}

/** A finite scalar in the open interval (lo, hi). */
export function openIntervalArg(fn: string, param: string, v: Value | undefined, lo: number, hi: number): number {
  const x = scalarArg(fn, param, v);
  if (!(x > lo && x < hi))
    throw new DomainError(`${fn}: ${param} must be between ${lo} and ${hi} (exclusive), not ${x}`);
  return x;
}

export function requireSameShape(fn: string, aName: string, a: Matrix, bName: string, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(
      'call',
      shapeOf(b),
      shapeOf(a),
      `${fn}: ${bName} is ${b.shapeText()} but ${aName} is ${a.shapeText()}; they must have the same shape`,
    );
  }
}

/** A matrix argument of exactly rows × cols; `why` says where that shape comes from. */
export function requireShape(fn: string, param: string, m: Matrix, rows: number, cols: number, why: string): void {
  if (m.rows === rows && m.cols === cols) return;
  throw new ShapeError(
    'call',
    shapeOf(m),
    { rows, cols },
    `${fn}: ${param} is ${m.shapeText()} but must be ${rows}×${cols} (${why})`,
  );
}

export function transposed(a: Matrix): Matrix {
  const out = Matrix.zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

/** Refuse an output over the size guard rail before allocating it. */
export function allocate(fn: string, rows: number, cols: number): Matrix {
  if (rows * cols > MAX_MATRIX_ENTRIES) {
    throw new LimitError(
      'limit.matrix-size',
      `${fn}: the result would be ${rows}×${cols} = ${rows * cols} entries, over the limit of ${MAX_MATRIX_ENTRIES}`,
    );
  }
  return Matrix.zeros(rows, cols);
}

function allFinite(m: Matrix): boolean {
  const d = m.data;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return false;
  return true;
}

/** A non-finite result from finite inputs is an overflow, not a value. */
export function guardFinite<T extends Matrix>(fn: string, out: T, inputs: readonly Matrix[]): T {
  if (!allFinite(out) && inputs.every(allFinite)) {
    throw new LimitError('limit.overflow', `${fn}: the result overflows double precision`);
  }
  return out;
}

/** `f` of every entry, over every axis: the result has m's shape (a C×H×W value stays C×H×W). */
export function mapMatrix(m: Matrix, f: (x: number, index: number) => number): Matrix {
  const out = new Float64Array(m.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(m.data[i], i);
  return new Matrix(m.rows, m.cols, out, m.lead);
}

/** The sum of entrywise products, `Σ a ⊙ b`, of two same-shaped matrices. */
export function sumOfProducts(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i] * b.data[i];
  return s;
}

/** `a + scale · b` for same-shaped matrices. */
export function addScaled(a: Matrix, scale: number, b: Matrix): Matrix {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] + scale * b.data[i];
  return new Matrix(a.rows, a.cols, out);
}

export function scaled(m: Matrix, scale: number): Matrix {
  return mapMatrix(m, (x) => scale * x);
}

/** Quantities in the unit-aware built-ins: the number in the quantity's own unit, and back. */
function quantityNumber(q: Quantity): number {
  return q.unit.toNumber();
}

/** A copy of `q` holding `x` in the same unit as `q` (`floor(5.5 min)` is `5 min`). */
export function quantityWithNumber(q: Quantity, x: number): Quantity {
  const copy = q.unit.clone();
  // mathjs keeps the value in SI base units; `_normalize` is its own conversion from the written unit.
  const normalize = (copy as unknown as { _normalize?: (v: number) => number })._normalize;
  if (typeof normalize === 'function') {
    copy.value = normalize.call(copy, x);
  } else {
    const own = q.unit.toNumber();
    copy.value = own === 0 ? 0 : (q.unit.value * x) / own;
  }
  return new Quantity(copy);
}

// ------------------------------------------------------------------ elementwise built-ins

export interface ElementwiseSpec {
  readonly name: string;
  readonly signature?: string;
  readonly summary: string;
  readonly example: string;
  /** Extra scalar parameters after `x` (leaky_relu's `alpha`). */
  readonly extraParams?: readonly BuiltinParam[];
  /** The definition as LaTeX, in terms of `x`: `\max(0, x)`. */
  readonly definitionLatex: string;
  /** One entry with its number in: `\max(0, -2)`. */
  substitute(x: number, extra: readonly number[]): string;
  /** Forward rule for one entry; throws DomainError outside the domain. */
  f(x: number, extra: readonly number[]): number;
  /** d f / d x for one entry, from the input and the output (sigmoid' = s(1−s) uses the output). */
  df?(x: number, y: number, extra: readonly number[]): number;
  /** Gradients of the extra parameters, from the upstream gradient, the input and the output. */
  dExtra?(upstream: Matrix, x: Matrix, y: Matrix, extra: readonly number[]): readonly (Matrix | null)[];
  /** Offer `derivative` (`relu'(x)`): only the activations do. */
  readonly isActivation?: boolean;
  readonly acceptsQuantities?: boolean;
}

/**
 * A built-in applied entry by entry: forward, backward (`upstream ⊙ f'(x)`),
 * `derivative` for activations, and steps that show every entry (up to 16)
 * with its number in. Entry by entry, so any rank: `relu` of a C×H×W
 * feature map is C×H×W.
 */
export function elementwiseBuiltin(spec: ElementwiseSpec): Builtin {
  const extraParams = spec.extraParams ?? [];
  const readExtra = (args: readonly Value[]): number[] =>
    extraParams.map((p, i) => {
      const v = args[i + 1];
      if (v === undefined && p.default !== undefined) return p.default;
      return scalarArg(spec.name, p.name, v);
    });
  const apply = (x: Matrix, extra: readonly number[]): Matrix =>
    guardFinite(
      spec.name,
      mapMatrix(x, (v) => spec.f(v, extra)),
      [x],
    );
  const derivativeOf = (x: Matrix, y: Matrix, extra: readonly number[]): Matrix => {
    const df = spec.df;
    if (!df) throw new DomainError(`${spec.name} has no derivative`);
    return mapMatrix(x, (v, i) => df(v, y.data[i], extra));
  };
  const builtin: Builtin = {
    name: spec.name,
    signature: spec.signature ?? `${spec.name}(x)`,
    summary: spec.summary,
    example: spec.example,
    params: [{ name: 'x' }, ...extraParams],
    acceptsQuantities: spec.acceptsQuantities,
    acceptsTensors: true,
    forward(args) {
      const extra = readExtra(args);
      const v = args[0];
      if (spec.acceptsQuantities && v !== undefined && v.kind === 'quantity') {
        return quantityWithNumber(v, spec.f(quantityNumber(v), extra));
      }
      return apply(matrixArg(spec.name, 'x', v), extra);
    },
    steps(args, output) {
      const extra = readExtra(args);
      const v = args[0];
      const name = fnName(spec.name);
      const steps: SolverStep[] = [{ latex: `${name}(x) = ${spec.definitionLatex}` }];
      if (v !== undefined && v.kind === 'quantity' && output.kind === 'quantity') {
        steps.push({
          latex: `${name}(${quantityLatex(v)}) = ${quantityLatex(output)}`,
          note: "in the quantity's own unit",
        });
        return steps;
      }
      if (v === undefined || v.kind === 'quantity' || output.kind === 'quantity') return steps;
      if (v.isTensor) {
        steps.push({
          latex: `${name}(x)`,
          note: `applied to each of the ${v.size} entries of a ${v.shapeText()} value`,
        });
        return steps;
      }
      if (v.isScalar) {
        steps.push({
          latex: `${name}(${formatNumber(v.data[0])}) = ${spec.substitute(v.data[0], extra)} = ${formatNumber(output.data[0])}`,
        });
      } else if (v.size <= STEP_ENTRY_CAP) {
        const substituted = matrixLatex(v, (x) => spec.substitute(x, extra));
        steps.push({ latex: `${name}\\left(${matrixLatex(v)}\\right) = ${substituted} = ${matrixLatex(output)}` });
      } else {
        steps.push({
          latex: `${name}\\left(${matrixLatex(v)}\\right) = ${matrixLatex(output)}`,
          note: `applied to each of the ${v.size} entries`,
        });
      }
      return steps;
    },
  };
  if (spec.df) {
    const df = spec.df;
    builtin.backward = (upstream, args, output) => {
      const x = args[0];
      const extra = readExtra(args);
      const grad = mapMatrix(x, (v, i) => upstream.data[i] * df(v, output.data[i], extra));
      const extraGrads = spec.dExtra ? spec.dExtra(upstream, x, output, extra) : extraParams.map(() => null);
      return [grad, ...extraGrads];
    };
  }
  if (spec.isActivation) {
    builtin.derivative = (args) => {
      const x = matrixArg(spec.name, 'x', args[0]);
      const extra = readExtra(args);
      return derivativeOf(x, apply(x, extra), extra);
    };
  }
  return builtin;
}

/** `lr · g` and friends in steps: a scalar times a matrix, shown with both. */
export function scaledLatex(scale: string, m: Matrix): string {
  return `${scale} \\cdot ${matrixLatex(m)}`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth'];

/** Up to four axis sizes, each a whole number ≥ 1 (a zero-size axis has nothing to check). */
export function sizeArgs(fn: string, args: readonly Value[]): number[] {
  if (args.length > MAX_RANK)
    throw new EvalError(
      'shape.rank',
      `${fn}: ${args.length} sizes would make a value of rank ${args.length}; a value has at most ${MAX_RANK} axes`,
    );
  return args.map((v, i) => {
    const size = integerArg(fn, `the ${ORDINALS[i]} size`, v);
    if (size < 1)
      throw new EvalError(
        'call.domain',
        `${fn}: the ${ORDINALS[i]} size is ${size}; every axis needs at least 1 entry`,
      );
    return size;
  });
}

/**
 * Reducing over one axis (`axis=`, `keepdims=`), shared by the reductions
 * (`sum`, `mean`, `max`, …, `var`, `std`, `argmax`, `logsumexp`) and by the
 * batch built-ins that work along an axis (`softmax(Z, axis=2)`).
 *
 * Axes count from 1, as indices do; `axis=-1` is the last. A reduced matrix
 * stays 2-D (`sum(X, axis=2)` of an N×D matrix is the N×1 column of row
 * sums, `axis=1` the 1×D row of column sums); a rank-3 or rank-4 value loses
 * the axis (`sum(T, axis=1)` of C×H×W is H×W) unless `keepdims=1` keeps it
 * as size 1 (1×H×W).
 *
 *     reduceOverAxis(X, 1, false, sumOf)     // X 2×3 → 2×1 (axis index 1 from 0: the columns)
 *     axisArgument('sum', X, scalar(5))      // ArgumentError call.axis: X has 2 axes
 */
import { ArgumentError, DomainError, EvalError, UnitError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { BuiltinParam } from './builtin';
import { matrixArg } from './common';

/** `axis=` absent: NaN, which no expression evaluates to without an error first. */
export const NO_AXIS = NaN;

/** The named options of a reduction: `axis` (absent: all entries) and `keepdims` (0 or 1). */
export const AXIS_OPTIONS: readonly BuiltinParam[] = [
  { name: 'axis', default: NO_AXIS },
  { name: 'keepdims', default: 0 },
];

/**
 * The option values `resolveArguments` appends after a variadic built-in's
 * positional arguments. They are of their own class, so that `sum(a, b, c)`
 * called directly (by a test, or by another built-in) is never read as
 * `sum(a, axis=b, keepdims=c)`. (A class rather than a WeakSet of marked
 * values: weak collections cost the garbage collector on every sum.)
 */
class OptionValue extends Matrix {}

/** `v` as an option value; an option with a unit is refused (axes and flags are plain numbers). */
export function optionValue(fn: string, name: string, v: Value): Value {
  if (v.kind === 'quantity') throw new UnitError(`${fn}: ${name} takes a plain number, not a quantity with a unit`);
  return new OptionValue(v.rows, v.cols, v.data, v.lead);
}

/** The positional arguments and the option values (undefined when none were appended). */
export function splitOptions(
  args: readonly Value[],
  count: number,
): { positional: readonly Value[]; options: readonly Value[] | undefined } {
  const start = args.length - count;
  if (start < 0) return { positional: args, options: undefined };
  for (let i = start; i < args.length; i++)
    if (!(args[i] instanceof OptionValue)) return { positional: args, options: undefined };
  return { positional: args.slice(0, start), options: args.slice(start) };
}

/** The axis from 0, or undefined when `axis=` was not given; `call.axis` on the argument when x has no such axis. */
export function axisArgument(fn: string, x: Matrix, v: Value | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = matrixArg(fn, 'axis', v);
  if (m.isScalar && Number.isNaN(m.data[0])) return undefined;
  const rank = x.rank;
  const a = m.isScalar ? m.data[0] : NaN;
  if (!Number.isInteger(a) || a === 0 || a > rank || a < -rank) {
    const written = m.isScalar ? String(a) : m.shapeText();
    const zero = a === 0 ? ' (axes count from 1, as indices do)' : '';
    throw new ArgumentError(
      'call.axis',
      'axis',
      `${fn}: axis=${written}, but a ${x.shapeText()} value has axes 1 to ${rank} (or -1 to -${rank} from the end)${zero}`,
    );
  }
  return a > 0 ? a - 1 : rank + a;
}

export function keepdimsArgument(fn: string, v: Value | undefined): boolean {
  if (v === undefined) return false;
  const m = matrixArg(fn, 'keepdims', v);
  if (!m.isScalar || (m.data[0] !== 0 && m.data[0] !== 1))
    throw new ArgumentError('call.domain', 'keepdims', `${fn}: keepdims is 0 or 1`);
  return m.data[0] === 1;
}

/** The shape after reducing `axis` (from 0). */
export function reducedShape(shape: readonly number[], axis: number, keepdims: boolean): number[] {
  const out = shape.slice();
  if (keepdims || shape.length <= 2) out[axis] = 1;
  else out.splice(axis, 1);
  return out;
}

/** outer × n × inner: the entries before the axis, along it, and after it. */
function split(shape: readonly number[], axis: number): { outer: number; n: number; inner: number } {
  let outer = 1;
  let inner = 1;
  for (let k = 0; k < axis; k++) outer *= shape[k];
  for (let k = axis + 1; k < shape.length; k++) inner *= shape[k];
  return { outer, n: shape[axis], inner };
}

/** `reduce` applied to each line of entries along `axis` (from 0). */
export function reduceOverAxis(
  x: Matrix,
  axis: number,
  keepdims: boolean,
  reduce: (values: Float64Array) => number,
): Matrix {
  const { outer, n, inner } = split(x.shape, axis);
  if (n === 0) throw new DomainError('cannot reduce over an axis of size 0');
  const out = Matrix.fromShape(reducedShape(x.shape, axis, keepdims));
  const values = new Float64Array(n);
  const X = x.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let k = 0; k < n; k++) values[k] = X[(o * n + k) * inner + i];
      out.data[o * inner + i] = reduce(values);
    }
  }
  return out;
}

/**
 * The backward rule of `reduceOverAxis`: each line's gradient from its
 * values, its result and the upstream gradient of that result.
 */
export function reduceOverAxisBackward(
  x: Matrix,
  axis: number,
  out: Matrix,
  g: Matrix,
  gradient: (values: Float64Array, result: number, g: number) => Float64Array,
): Matrix {
  const { outer, n, inner } = split(x.shape, axis);
  const dx = Matrix.zerosLike(x);
  const values = new Float64Array(n);
  const X = x.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let k = 0; k < n; k++) values[k] = X[(o * n + k) * inner + i];
      const r = o * inner + i;
      const grads = gradient(values, out.data[r], g.data[r]);
      for (let k = 0; k < n; k++) dx.data[(o * n + k) * inner + i] = grads[k];
    }
  }
  return dx;
}

/**
 * `map` applied to each line along `axis` (from 0), giving a line of the same
 * length: softmax over the rows of a batch.
 */
export function mapOverAxis(x: Matrix, axis: number, map: (values: Float64Array, out: Float64Array) => void): Matrix {
  const { outer, n, inner } = split(x.shape, axis);
  const result = Matrix.zerosLike(x);
  const values = new Float64Array(n);
  const line = new Float64Array(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let k = 0; k < n; k++) values[k] = x.data[(o * n + k) * inner + i];
      map(values, line);
      for (let k = 0; k < n; k++) result.data[(o * n + k) * inner + i] = line[k];
    }
  }
  return result;
}

/** The backward rule of `mapOverAxis`: each line's input gradient from its output and upstream gradient. */
export function mapOverAxisBackward(
  out: Matrix,
  g: Matrix,
  axis: number,
  backward: (out: Float64Array, g: Float64Array, dx: Float64Array) => void,
): Matrix {
  const { outer, n, inner } = split(out.shape, axis);
  const dx = Matrix.zerosLike(out);
  const o1 = new Float64Array(n);
  const g1 = new Float64Array(n);
  const d1 = new Float64Array(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let k = 0; k < n; k++) {
        o1[k] = out.data[(o * n + k) * inner + i];
        g1[k] = g.data[(o * n + k) * inner + i];
      }
      backward(o1, g1, d1);
      for (let k = 0; k < n; k++) dx.data[(o * n + k) * inner + i] = d1[k];
    }
  }
  return dx;
}

/** Options given to a reduction over several scalars (`max(a, b, axis=1)`): only one value has axes. */
export function axisNeedsOneArgument(fn: string): EvalError {
  return new ArgumentError('call.axis', 'axis', `${fn}: axis= reduces one value; here there are several arguments`);
}

/**
 * Building and reshaping values of any rank (up to 4), shared by the
 * `;;`/`;;;` literals and the built-ins `stack`, `reshape`, `flatten`,
 * `permute`. Every result is checked against the entry limit before it is
 * allocated; data stays row-major (NumPy's C order).
 *
 *     stackValues([A, B])                 // 2×2 A, B → 2×2×2, A is slice 1
 *     reshapeValue(X, [2, 6])             // 2×3×2 → 2×6, entries in the same order
 *     permuteValue(X, [1, 2, 0])          // C×H×W → H×W×C
 */
import { EvalError, LimitError, MAX_MATRIX_ENTRIES } from './errors';
import { Matrix, MAX_RANK, shapeSize, shapeText } from './value';

/**
 * Refuses a shape over the entry limit or the rank limit, before anything
 * is allocated. Sizes are assumed to be positive integers.
 */
export function checkShape(shape: readonly number[], what: string): void {
  if (shape.length > MAX_RANK)
    throw new EvalError(
      'shape.rank',
      `${what} would have rank ${shape.length} (${shapeText(shape)}): a value has at most ${MAX_RANK} axes`,
    );
  const entries = shapeSize(shape);
  if (entries > MAX_MATRIX_ENTRIES)
    throw new LimitError(
      'limit.matrix-size',
      `${what} would be ${shapeText(shape)}, ${formatCount(entries)} entries, over the limit of ${MAX_MATRIX_ENTRIES}`,
    );
}

/** `1e12` for huge counts, the integer otherwise. */
function formatCount(n: number): string {
  return n >= 1e15 ? n.toExponential(3).replace('e+', 'e') : String(n);
}

/** The first part whose shape differs from the first part's, or -1. */
export function firstShapeMismatch(parts: readonly Matrix[]): number {
  for (let k = 1; k < parts.length; k++) if (!parts[k].sameShape(parts[0])) return k;
  return -1;
}

/** The parts (all one shape) as slices along a new first axis. */
export function stackValues(parts: readonly Matrix[], what = 'the stacked value'): Matrix {
  const mismatch = firstShapeMismatch(parts);
  if (mismatch >= 0)
    throw new EvalError(
      'shape.block',
      `part ${mismatch + 1} is ${parts[mismatch].shapeText()}, but part 1 is ${parts[0].shapeText()}: ` +
        'stacked values must have one shape',
    );
  const shape = [parts.length, ...partShape(parts[0])];
  checkShape(shape, what);
  const step = parts[0].size;
  const data = new Float64Array(step * parts.length);
  parts.forEach((p, k) => data.set(p.data, k * step));
  return Matrix.fromShape(shape, data);
}

/** A part's axes as stacking sees them: a matrix is 2 axes (a column stays n×1, not n). */
function partShape(m: Matrix): readonly number[] {
  return m.shape;
}

/** The gradient of `stackValues`: the upstream gradient cut back into the parts' shapes. */
export function unstackGradient(g: Matrix, parts: readonly Matrix[]): Matrix[] {
  const step = parts[0].size;
  return parts.map((p, k) => Matrix.fromShape(p.shape, g.data.slice(k * step, (k + 1) * step)));
}

/** The same entries in row-major order, in a new shape (same count). */
export function reshapeValue(m: Matrix, shape: readonly number[]): Matrix {
  return Matrix.fromShape(shape.length === 1 ? [shape[0], 1] : shape, m.data.slice());
}

/**
 * Axes reordered: axis `k` of the result is axis `order[k]` (from 0) of `m`.
 * The gradient is the inverse permutation applied to the upstream gradient.
 */
export function permuteValue(m: Matrix, order: readonly number[]): Matrix {
  const shape = m.shape;
  const rank = shape.length;
  const outShape = order.map((a) => shape[a]);
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let a = rank - 2; a >= 0; a--) strides[a] = strides[a + 1] * shape[a + 1];
  /** The source stride of each result axis. */
  const along = order.map((a) => strides[a]);
  const out = new Float64Array(m.size);
  const index = new Array<number>(rank).fill(0);
  let source = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = m.data[source];
    // Advance the result's multi-index (last axis fastest), tracking the source offset.
    for (let a = rank - 1; a >= 0; a--) {
      index[a]++;
      source += along[a];
      if (index[a] < outShape[a]) break;
      source -= along[a] * outShape[a];
      index[a] = 0;
    }
  }
  return Matrix.fromShape(outShape, out);
}

/** `order`'s inverse: `inverse[order[k]] = k`. */
export function inversePermutation(order: readonly number[]): number[] {
  const inverse = new Array<number>(order.length);
  order.forEach((a, k) => (inverse[a] = k));
  return inverse;
}

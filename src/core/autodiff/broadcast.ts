/**
 * NumPy's broadcasting for the element-wise operators (`+ - ⊙ / .^` and the
 * comparisons), on matrices and on values of rank 3 and 4.
 *
 * Shapes are aligned from the last axis (a shorter shape is padded with 1s in
 * front); on each axis the sizes must be equal or one of them 1, and the
 * result takes the larger. The backward rule sums the gradient over the axes
 * an operand was stretched along (`reduceToShape`).
 *
 *     broadcastShape([3, 4], [1, 4])        // [3, 4]   (a bias row added to every row)
 *     broadcastShape([2, 3, 4], [3, 1])     // [2, 3, 4]
 *     broadcastShape([2, 3], [2, 4])        // BroadcastError: axis 2 has 3 and 4
 *
 * One deliberate exception: a row vector against a column vector (1×n with
 * m×1, both longer than 1) would be an outer sum, which in homework is
 * almost always an orientation slip: it stays `shape.mismatch`, with the
 * transpose hint where one fits. So does a pair of matrices that a transpose
 * would make equal (2×3 with 3×2), as before broadcasting existed.
 */
import { EvalError, LimitError, MAX_MATRIX_ENTRIES, ShapeError, type ShapeOp } from '../values/errors';
import { Matrix, shapeText } from '../values/value';

/** Shapes that do not broadcast: both shapes and the first axis (1-based, in the longer shape) that fails. */
export class BroadcastError extends EvalError {
  constructor(
    readonly left: readonly number[],
    readonly right: readonly number[],
    readonly axis: number,
  ) {
    const rank = Math.max(left.length, right.length);
    const sizeOf = (s: readonly number[]) => s[axis - 1 - (rank - s.length)];
    super(
      'shape.broadcast',
      `${shapeText(left)} and ${shapeText(right)} do not broadcast: axis ${axis} has ${sizeOf(left)} and ${sizeOf(right)} (on each axis the sizes must be equal or one of them 1)`,
    );
  }
}

/** The broadcast shape of `a` and `b`, or minus the first failing axis (1-based, in the longer shape). */
function combine(a: readonly number[], b: readonly number[]): number[] | number {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let k = 0; k < rank; k++) {
    const x = a[k - (rank - a.length)] ?? 1;
    const y = b[k - (rank - b.length)] ?? 1;
    if (x === y || y === 1) out[k] = x;
    else if (x === 1) out[k] = y;
    else return -(k + 1);
  }
  return out;
}

export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const out = combine(a, b);
  if (typeof out === 'number') throw new BroadcastError(a, b, -out);
  return out;
}

/** 1×n against m×1 (n, m > 1): an outer sum, almost always an orientation slip. */
function isRowAgainstColumn(a: Matrix, b: Matrix): boolean {
  if (a.isTensor || b.isTensor) return false;
  const rowCol = a.rows === 1 && a.cols > 1 && b.cols === 1 && b.rows > 1;
  const colRow = a.cols === 1 && a.rows > 1 && b.rows === 1 && b.cols > 1;
  return rowCol || colRow;
}

/**
 * The result shape of an element-wise `a op b`, or the diagnostic: `shape.mismatch`
 * (with its transpose hint) for the two 2-D slips above, `shape.broadcast` otherwise.
 */
export function elementwiseShape(op: ShapeOp, a: Matrix, b: Matrix, mismatchMessage: () => string): readonly number[] {
  if (a.sameShape(b)) return a.shape;
  if (isRowAgainstColumn(a, b)) throw new ShapeError(op, a, b, mismatchMessage());
  const out = combine(a.shape, b.shape);
  if (typeof out !== 'number') return out;
  if (!a.isTensor && !b.isTensor && a.rows === b.cols && a.cols === b.rows) {
    throw new ShapeError(op, a, b, mismatchMessage());
  }
  throw new BroadcastError(a.shape, b.shape, -out);
}

/**
 * For each entry of a value of shape `out` (row-major), the offset of the
 * entry of an operand of shape `operand` that broadcasts onto it.
 */
export function offsets(out: readonly number[], operand: readonly number[]): Int32Array {
  const rank = out.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let k = rank - 1; k >= 0; k--) {
    const size = operand[k - (rank - operand.length)] ?? 1;
    strides[k] = size === 1 ? 0 : stride;
    stride *= size;
  }
  let total = 1;
  for (const d of out) total *= d;
  const result = new Int32Array(total);
  const index = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let i = 0; i < total; i++) {
    result[i] = offset;
    // Odometer step: the last axis fastest, carrying into the ones before it.
    for (let k = rank - 1; k >= 0; k--) {
      index[k]++;
      offset += strides[k];
      if (index[k] < out[k]) break;
      offset -= strides[k] * index[k];
      index[k] = 0;
    }
  }
  return result;
}

function allocate(shape: readonly number[]): Matrix {
  let entries = 1;
  for (const d of shape) entries *= d;
  if (entries > MAX_MATRIX_ENTRIES) {
    throw new LimitError(
      'limit.matrix-size',
      `a ${shapeText(shape)} result has ${entries} entries, over the limit of ${MAX_MATRIX_ENTRIES}`,
    );
  }
  return Matrix.fromShape(shape.length === 1 ? [shape[0], 1] : shape);
}

/** `f(a, b)` entry by entry over the broadcast shape `shape` (from `elementwiseShape`). */
export function broadcastApply(
  shape: readonly number[],
  a: Matrix,
  b: Matrix,
  f: (x: number, y: number) => number,
): Matrix {
  const out = allocate(shape);
  const o = out.data;
  const A = a.data;
  const B = b.data;
  if (A.length === o.length && B.length === o.length) {
    for (let i = 0; i < o.length; i++) o[i] = f(A[i], B[i]);
  } else if (A.length === 1 && B.length === o.length) {
    const x = A[0];
    for (let i = 0; i < o.length; i++) o[i] = f(x, B[i]);
  } else if (B.length === 1 && A.length === o.length) {
    const y = B[0];
    for (let i = 0; i < o.length; i++) o[i] = f(A[i], y);
  } else {
    const ia = offsets(shape, a.shape);
    const ib = offsets(shape, b.shape);
    for (let i = 0; i < o.length; i++) o[i] = f(A[ia[i]], B[ib[i]]);
  }
  return out;
}

/** The operand entry that broadcast onto entry `i` of a result of shape `out` (for messages). */
export function operandEntry(out: Matrix, operand: Matrix, i: number): number {
  if (operand.data.length === out.data.length) return operand.data[i];
  if (operand.data.length === 1) return operand.data[0];
  return operand.data[offsets(out.shape, operand.shape)[i]];
}

/**
 * A gradient of the broadcast result's shape summed back onto an operand's
 * shape: over every axis the operand was stretched along.
 */
export function reduceToShape(g: Matrix, operand: Matrix): Matrix {
  if (g.sameShape(operand)) return g;
  const out = Matrix.zerosLike(operand);
  const o = out.data;
  const G = g.data;
  if (o.length === 1) {
    let total = 0;
    for (let i = 0; i < G.length; i++) total += G[i];
    o[0] = total;
    return out;
  }
  const index = offsets(g.shape, operand.shape);
  for (let i = 0; i < G.length; i++) o[index[i]] += G[i];
  return out;
}

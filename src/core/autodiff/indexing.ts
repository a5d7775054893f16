/**
 * Indexing and slicing, `W[2,3]`, `X[:,1]`, `X[2:3,:]`, `T[1]`, with the
 * backward rule right beside the forward one.
 *
 * Indices are 1-based and slices inclusive, as in the course's notation.
 * Missing trailing entries mean `:`. An integer index drops its axis,
 * outermost first, as long as the result keeps two axes: on a matrix nothing
 * is dropped (`X[:,1]` is n×1, `X[2,:]` 1×m, `W[2,3]` 1×1), `T[1]` of a
 * C×H×W value is H×W, `T[1,2,:]` is 1×W and `T[:,1,2]` is C×1.
 *
 * Backward: the upstream gradient is scattered into zeros of the input's
 * shape, at the positions the selection read.
 *
 *     const X = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]);
 *     const picked = selectEntries(X, [{ kind: 'all' }, { kind: 'at', index: 2 }], 'X');
 *     gather(X, picked);                          // [2; 4; 6], 3×1
 *     scatter(Matrix.fromRows([[1], [1], [1]]), picked, X);   // [0, 1; 0, 1; 0, 1]
 */
import { EvalError } from '../values/errors';
import { Matrix, shapeText } from '../values/value';

/** One entry of an index with its numbers read: `:`, `i`, or `a:b` (all 1-based, inclusive). */
export type AxisPick =
  | { readonly kind: 'all' }
  | { readonly kind: 'at'; readonly index: number }
  | { readonly kind: 'slice'; readonly start: number; readonly end: number };

/** The entries an index reads: the result's shape and, in its row-major order, their offsets in the input. */
export interface Selection {
  readonly shape: readonly number[];
  readonly offsets: Int32Array;
}

/** Which written part of an index is at fault. */
export type IndexPart = 'index' | 'start' | 'end' | 'extra';

/** An index that does not fit its value; `entry` (0-based) and `part` say where it is written. */
export class IndexError extends EvalError {
  constructor(
    override readonly code: 'index.out-of-range' | 'shape.rank',
    readonly entry: number,
    readonly part: IndexPart,
    message: string,
  ) {
    super(code, message);
  }
}

const AXIS_NAMES_2D = ['rows', 'columns'];

/** `axis 1 of W (3×2, rows)`. */
function axisText(shape: readonly number[], axis: number, what: string): string {
  const role = shape.length === 2 ? `, ${AXIS_NAMES_2D[axis]}` : '';
  return `axis ${axis + 1} of ${what} (${shapeText(shape)}${role})`;
}

/** A written index as a 0-based position, or an `IndexError` naming the axis and its size. */
function position(
  x: number,
  shape: readonly number[],
  axis: number,
  what: string,
  entry: number,
  part: IndexPart,
): number {
  const size = shape[axis];
  const where = `${axisText(shape, axis, what)} has size ${size}, so its indices run from 1 to ${size}`;
  if (!Number.isInteger(x)) {
    const message = `index ${formatIndex(x)} is not a whole number: ${where}`;
    throw new IndexError('index.out-of-range', entry, part, message);
  }
  if (x < 1 || x > size) {
    const start = x < 1 ? ' (indices start at 1)' : '';
    throw new IndexError('index.out-of-range', entry, part, `index ${x} is out of range${start}: ${where}`);
  }
  return x - 1;
}

function formatIndex(x: number): string {
  return Number.isFinite(x) ? String(x) : x > 0 ? '∞' : x < 0 ? '-∞' : 'NaN';
}

/**
 * The entries `picks` select from `value` (`what` names it in messages).
 * Throws `IndexError` for an index out of range, not whole, an empty slice,
 * or more entries than the value has axes (`shape.rank`).
 */
export function selectEntries(value: Matrix, picks: readonly AxisPick[], what: string): Selection {
  const shape = value.shape;
  const rank = shape.length;
  if (picks.length > rank) {
    const message = `${what} is ${shapeText(shape)}, of rank ${rank}: it takes at most ${rank} indices, and ${picks.length} are given`;
    throw new IndexError('shape.rank', rank, 'extra', message);
  }
  // A row vector's one index is a position along the row (`b[4]` of a 1×4 b), as a column's is along its
  // column: students index vectors by one number whichever way they are written.
  const alongRow = rank === 2 && shape[0] === 1 && shape[1] > 1 && picks.length === 1;
  if (alongRow) picks = [{ kind: 'at', index: 1 }, picks[0]];
  /** The written entry an axis's index is (for the span of an error). */
  const written = (axis: number) => (alongRow ? 0 : axis);
  // Per axis: the first position and how many; integer axes have count 1 and may be dropped.
  const first = new Array<number>(rank);
  const count = new Array<number>(rank);
  const integer = new Array<boolean>(rank).fill(false);
  for (let axis = 0; axis < rank; axis++) {
    const pick: AxisPick = axis < picks.length ? picks[axis] : { kind: 'all' };
    if (pick.kind === 'all') {
      first[axis] = 0;
      count[axis] = shape[axis];
    } else if (pick.kind === 'at') {
      first[axis] = position(pick.index, shape, axis, what, written(axis), 'index');
      count[axis] = 1;
      integer[axis] = true;
    } else {
      const a = position(pick.start, shape, axis, what, written(axis), 'start');
      const b = position(pick.end, shape, axis, what, written(axis), 'end');
      if (b < a) {
        const message = `the slice ${a + 1}:${b + 1} is empty: a slice runs from its start up to its end, inclusive`;
        throw new IndexError('index.out-of-range', written(axis), 'end', message);
      }
      first[axis] = a;
      count[axis] = b - a + 1;
    }
  }
  const kept: number[] = [];
  let dropping = rank - 2;
  for (let axis = 0; axis < rank; axis++) {
    if (integer[axis] && dropping > 0) {
      dropping--;
      continue;
    }
    kept.push(count[axis]);
  }
  return { shape: kept, offsets: offsetsOf(shape, first, count) };
}

/** Row-major offsets of the box `first … first + count` in a value of `shape`. */
function offsetsOf(shape: readonly number[], first: readonly number[], count: readonly number[]): Int32Array {
  const rank = shape.length;
  const strides = new Array<number>(rank);
  let stride = 1;
  for (let axis = rank - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  let total = 1;
  for (const c of count) total *= c;
  const offsets = new Int32Array(total);
  const at = new Array<number>(rank).fill(0);
  for (let k = 0; k < total; k++) {
    let offset = 0;
    for (let axis = 0; axis < rank; axis++) offset += (first[axis] + at[axis]) * strides[axis];
    offsets[k] = offset;
    // Odometer: the last axis moves fastest (row-major).
    for (let axis = rank - 1; axis >= 0; axis--) {
      if (++at[axis] < count[axis]) break;
      at[axis] = 0;
    }
  }
  return offsets;
}

/** The selected entries, in the selection's shape. */
export function gather(value: Matrix, selection: Selection): Matrix {
  const data = new Float64Array(selection.offsets.length);
  const src = value.data;
  const offsets = selection.offsets;
  for (let k = 0; k < offsets.length; k++) data[k] = src[offsets[k]];
  return Matrix.fromShape(selection.shape, data);
}

/** Backward of `gather`: `g` (the selection's shape) placed at the selected positions of zeros shaped like `input`. */
export function scatter(g: Matrix, selection: Selection, input: Matrix): Matrix {
  const out = Matrix.zerosLike(input);
  const offsets = selection.offsets;
  for (let k = 0; k < offsets.length; k++) out.data[offsets[k]] += g.data[k];
  return out;
}

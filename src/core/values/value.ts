/**
 * Runtime values of the homework language.
 *
 * Every number is a `Matrix`: scalars are 1×1, vectors are n×1 or 1×n. This
 * is the language's rule ("a value is at least two-dimensional", "a 1×1
 * matrix equals a scalar"), and it keeps one code path for the numeric core
 * and for reverse-mode differentiation.
 *
 * A value of rank 3 (C×H×W) or 4 (N×C×H×W) is the same class with leading
 * dimensions (`lead`): its `rows` and `cols` are the last two axes and
 * `data` holds every entry in row-major order (NumPy's C order), so a
 * 2×3×4 value is two 3×4 slices one after the other. Code written for
 * matrices reads `rows`, `cols` and `data` only; a built-in or operator that
 * has not been taught tensors never sees one (`acceptsTensors` in
 * `solvers/builtin.ts`, `rejectTensors` in `autodiff/operators.ts`).
 *
 * A number with a unit (`2 min`, `3000 epoch`) is a `Quantity`, which wraps a
 * mathjs `Unit` from the private mathjs instance. Quantities are scalars; a
 * matrix with a unit is not supported (a diagnostic says so).
 */
import type { Unit } from 'mathjs';

/** The largest rank a value can have: batch × channel × height × width. */
export const MAX_RANK = 4;

const NO_LEAD: readonly number[] = Object.freeze([]);

export class Matrix {
  readonly kind = 'matrix' as const;

  constructor(
    readonly rows: number,
    readonly cols: number,
    /** Row-major, `size` entries. */
    readonly data: Float64Array,
    /** The axes before the last two, outermost first: `[]` for a matrix, `[C]` for C×H×W, `[N, C]` for N×C×H×W. */
    readonly lead: readonly number[] = NO_LEAD,
  ) {}

  /**
   * A value of the given shape (1 to 4 axes; one axis is an n×1 column),
   * with `data` (row-major) or zeros.
   */
  static fromShape(shape: readonly number[], data?: Float64Array): Matrix {
    if (shape.length === 1) return new Matrix(shape[0], 1, data ?? new Float64Array(shape[0]));
    const rows = shape[shape.length - 2];
    const cols = shape[shape.length - 1];
    const lead = shape.length > 2 ? Object.freeze(shape.slice(0, -2)) : NO_LEAD;
    return new Matrix(rows, cols, data ?? new Float64Array(shapeSize(shape)), lead);
  }

  /** Zeros of `like`'s shape. */
  static zerosLike(like: Matrix): Matrix {
    return new Matrix(like.rows, like.cols, new Float64Array(like.data.length), like.lead);
  }

  static scalar(x: number): Matrix {
    const data = new Float64Array(1);
    data[0] = x;
    return new Matrix(1, 1, data);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols, new Float64Array(rows * cols));
  }

  static fromRows(rows: readonly (readonly number[])[]): Matrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0].length;
    const data = new Float64Array(r * c);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) data[i * c + j] = rows[i][j];
    return new Matrix(r, c, data);
  }

  get isScalar(): boolean {
    return this.rows === 1 && this.cols === 1;
  }

  /** Every entry, over all axes. */
  get size(): number {
    return this.data.length;
  }

  /** 2 for scalars, vectors and matrices; 3 or 4 for tensors. */
  get rank(): number {
    return 2 + this.lead.length;
  }

  /** Rank 3 or 4: has axes before rows and cols. */
  get isTensor(): boolean {
    return this.lead.length > 0;
  }

  /** All axes, outermost first: `[rows, cols]` for a matrix. */
  get shape(): readonly number[] {
    return this.lead.length === 0 ? [this.rows, this.cols] : [...this.lead, this.rows, this.cols];
  }

  /** Same shape as `other`, every axis. */
  sameShape(other: Matrix): boolean {
    if (this.rows !== other.rows || this.cols !== other.cols || this.lead.length !== other.lead.length) return false;
    for (let i = 0; i < this.lead.length; i++) if (this.lead[i] !== other.lead[i]) return false;
    return true;
  }

  /** The k-th slice (from 0) along the first axis of a tensor: rank one less. */
  slice(k: number): Matrix {
    const inner = this.lead.length > 1 ? this.lead.slice(1) : NO_LEAD;
    const step = this.data.length / this.lead[0];
    return new Matrix(this.rows, this.cols, this.data.slice(k * step, (k + 1) * step), inner);
  }

  get(row: number, col: number): number {
    return this.data[row * this.cols + col];
  }

  /** The single entry of a 1×1 matrix. */
  get scalarValue(): number {
    return this.data[0];
  }

  toRows(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  shapeText(): string {
    return this.lead.length === 0 ? `${this.rows}×${this.cols}` : this.shape.join('×');
  }
}

/** The number of entries of a shape. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** The zero-based index over every axis of the `flat`-th entry (row-major) of a value of `shape`. */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let a = shape.length - 1; a >= 0; a--) {
    index[a] = flat % shape[a];
    flat = Math.floor(flat / shape[a]);
  }
  return index;
}

/** `2×3×4`. */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

export class Quantity {
  readonly kind = 'quantity' as const;
  constructor(readonly unit: Unit) {}
}

export type Value = Matrix | Quantity;

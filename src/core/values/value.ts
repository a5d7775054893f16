/**
 * Runtime values of the homework language.
 *
 * Every number is a `Matrix`: scalars are 1×1, vectors are n×1 or 1×n. This
 * is the language's rule ("matrices are always two-dimensional", "a 1×1
 * matrix equals a scalar"), and it keeps one code path for the numeric core
 * and for reverse-mode differentiation.
 *
 * A number with a unit (`2 min`, `3000 epoch`) is a `Quantity`, which wraps a
 * mathjs `Unit` from the private mathjs instance. Quantities are scalars; a
 * matrix with a unit is not supported (a diagnostic says so).
 */
import type { Unit } from 'mathjs';

export class Matrix {
  readonly kind = 'matrix' as const;

  constructor(
    readonly rows: number,
    readonly cols: number,
    /** Row-major, `rows * cols` entries. */
    readonly data: Float64Array,
  ) {}

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

  get size(): number {
    return this.rows * this.cols;
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
    return `${this.rows}×${this.cols}`;
  }
}

export class Quantity {
  readonly kind = 'quantity' as const;
  constructor(readonly unit: Unit) {}
}

export type Value = Matrix | Quantity;

/**
 * LaTeX formatting shared by the built-ins' `steps`: numbers, matrices and
 * function names, in the one style the derivations view shows everywhere.
 *
 * Numbers: integers as integers, anything else to 6 significant digits,
 * magnitudes outside 1e-6 ≤ |x| < 1e15 as `m \times 10^{e}` (written by
 * `values/numberFormat.ts`, like every number the product shows). Inside a product a
 * negative number is parenthesised (`4\cdot(-1)`), as a student writes it.
 *
 * Examples:
 *
 *     formatNumber(2)          // '2'
 *     formatNumber(58.403975)  // '58.404'
 *     formatNumber(5e-6)       // '0.000005' (as JavaScript prints it)
 *     formatNumber(5e-8)       // '5 \times 10^{-8}'
 *     factor(-1)               // '(-1)'
 *     matrixLatex(Matrix.fromRows([[2], [-1]]))  // '\begin{bmatrix} 2 \\ -1 \end{bmatrix}'
 */
import { DISPLAY_DIGITS, formatNumberLatex } from '../values/numberFormat';
import type { Matrix } from '../values/value';

/** Matrices wider or taller than this are shown with `\cdots` / `\vdots`. */
const MATRIX_DISPLAY_LIMIT = 8;

/** A number in a step, to the display's 6 significant digits (the one number formatter, `numberFormat.ts`). */
export function formatNumber(x: number): string {
  return formatNumberLatex(x, DISPLAY_DIGITS);
}

/** A number as a factor of a product: negatives (and scientific forms) in parentheses. */
export function factor(x: number): string {
  const text = formatNumber(x);
  return x < 0 || text.includes('10^{') ? `(${text})` : text;
}

/** `\mathrm{conv\_out}` for `conv_out`. */
export function fnName(name: string): string {
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

/** A matrix as `bmatrix` (a 1×1 matrix as its number), elided past 8 rows or columns. */
export function matrixLatex(m: Matrix, entry: (x: number) => string = formatNumber): string {
  if (m.rows === 1 && m.cols === 1) return entry(m.data[0]);
  return bmatrix(m.rows, m.cols, (i, j) => entry(m.data[i * m.cols + j]));
}

/** A `bmatrix` whose cells are any LaTeX, elided past 8 rows or columns. */
export function bmatrix(rows: number, cols: number, cell: (row: number, col: number) => string): string {
  const rowIndices = elide(rows);
  const colIndices = elide(cols);
  const lines = rowIndices.map((i) =>
    colIndices.map((j) => (i < 0 ? (j < 0 ? '\\ddots' : '\\vdots') : j < 0 ? '\\cdots' : cell(i, j))).join(' & '),
  );
  return `\\begin{bmatrix} ${lines.join(' \\\\ ')} \\end{bmatrix}`;
}

/** Indices to show, with -1 where the elision mark goes: 0..2, -1, n-2..n-1. */
function elide(n: number): number[] {
  if (n <= MATRIX_DISPLAY_LIMIT) return Array.from({ length: n }, (_, i) => i);
  return [0, 1, 2, -1, n - 2, n - 1];
}

/** A quantity as LaTeX: `6000\,\mathrm{min}`, `2\,\mathrm{m / s}`. */
export function quantityLatex(q: { unit: { toNumber(): number; formatUnits(): string } }): string {
  const units = q.unit.formatUnits().trim().replace(/\s+/g, '\\,');
  return units === '' ? formatNumber(q.unit.toNumber()) : `${formatNumber(q.unit.toNumber())}\\,\\mathrm{${units}}`;
}

/**
 * LaTeX the derivations view builds itself: a stated matrix with its wrong
 * entries marked inside it, relations, and names of backward-pass nodes.
 * (Everything else comes from the core as LaTeX already.)
 */
import { formatNumberLatex, type ValueView } from '../core';
import { WRONG_ENTRY_CLASS } from './math';

export interface EntryPosition {
  readonly row: number;
  readonly col: number;
  /** Every axis (zero-based), for an entry of a rank-3 or rank-4 value. */
  readonly index?: readonly number[];
}

/** How a wrong entry is marked: `\htmlClass` for the themed page, `\textcolor` for Markdown (portable). */
export type EntryMarkStyle = 'html-class' | 'text-color';

/** Beyond this many rows or columns a matrix is not rebuilt (the core's own, elided LaTeX stays). */
const MAX_REBUILT_MATRIX_SIDE = 12;

/** A number as LaTeX, the way the core prints values (`5 \times 10^{-7}`): the one number formatter. */
export const numberLatex = (x: number): string => formatNumberLatex(x);

/** One marked entry. */
function markEntry(latex: string, style: EntryMarkStyle): string {
  return style === 'html-class' ? `\\htmlClass{${WRONG_ENTRY_CLASS}}{${latex}}` : `\\textcolor{red}{\\boxed{${latex}}}`;
}

/**
 * The value's matrix as `bmatrix`, with the given entries marked; undefined
 * when the value has no entries (a quantity) or is too large to rebuild.
 *
 *     markedMatrixLatex({rows: 2, cols: 1, entries: [8, -12], …}, [{row: 1, col: 0}], 'text-color')
 *     // '\begin{bmatrix} 8 \\ \textcolor{red}{\boxed{-12}} \end{bmatrix}'
 */
export function markedMatrixLatex(
  value: ValueView,
  marked: readonly EntryPosition[],
  style: EntryMarkStyle,
): string | undefined {
  const entries = value.entries;
  if (value.shape.length > 2) return markedTensorLatex(value, marked, style);
  if (!entries || entries.length !== value.rows * value.cols) return undefined;
  if (value.rows > MAX_REBUILT_MATRIX_SIDE || value.cols > MAX_REBUILT_MATRIX_SIDE) return undefined;
  const isMarked = new Set(marked.map((p) => p.row * value.cols + p.col));
  const cell = (index: number): string => {
    const latex = numberLatex(entries[index]);
    return isMarked.has(index) ? markEntry(latex, style) : latex;
  };
  if (value.rows === 1 && value.cols === 1) return cell(0);
  const lines: string[] = [];
  for (let row = 0; row < value.rows; row++) {
    const cells: string[] = [];
    for (let col = 0; col < value.cols; col++) cells.push(cell(row * value.cols + col));
    lines.push(cells.join(' & '));
  }
  return `\\begin{bmatrix} ${lines.join(' \\\\ ')} \\end{bmatrix}`;
}

/** Beyond this many channels a tensor is not rebuilt (the core's own, elided LaTeX stays). */
const MAX_REBUILT_CHANNELS = 12;

/**
 * A rank-3 or rank-4 value as the core prints it, one `bmatrix` per channel
 * labelled `[1,:,:]`, with the given entries (by full index) marked.
 */
function markedTensorLatex(
  value: ValueView,
  marked: readonly EntryPosition[],
  style: EntryMarkStyle,
): string | undefined {
  const entries = value.entries;
  const shape = value.shape;
  const lead = shape.slice(0, -2);
  const channels = lead.reduce((a, b) => a * b, 1);
  if (!entries || entries.length !== channels * value.rows * value.cols) return undefined;
  if (channels > MAX_REBUILT_CHANNELS) return undefined;
  if (value.rows > MAX_REBUILT_MATRIX_SIDE || value.cols > MAX_REBUILT_MATRIX_SIDE) return undefined;
  const flat = (index: readonly number[]): number => index.reduce((at, i, a) => at * shape[a] + i, 0);
  const isMarked = new Set(marked.filter((p) => p.index !== undefined).map((p) => flat(p.index!)));
  const step = value.rows * value.cols;
  const parts: string[] = [];
  for (let c = 0; c < channels; c++) {
    const index = lead.length === 1 ? [c + 1] : [Math.floor(c / lead[1]) + 1, (c % lead[1]) + 1];
    if (lead.length === 2 && c > 0 && c % lead[1] === 0) parts.push('\\qquad');
    const lines: string[] = [];
    for (let row = 0; row < value.rows; row++) {
      const cells: string[] = [];
      for (let col = 0; col < value.cols; col++) {
        const at = c * step + row * value.cols + col;
        const latex = numberLatex(entries[at]);
        cells.push(isMarked.has(at) ? markEntry(latex, style) : latex);
      }
      lines.push(cells.join(' & '));
    }
    parts.push(
      `\\underset{[${[...index, ':', ':'].join(',')}]}{\\begin{bmatrix} ${lines.join(' \\\\ ')} \\end{bmatrix}}`,
    );
  }
  return parts.join(' ');
}

const RELATION_LATEX: Readonly<Record<string, string>> = {
  '=': '=',
  '≈': '\\approx',
  '~=': '\\approx',
  '<': '<',
  '>': '>',
  '<=': '\\le',
  '≤': '\\le',
  '>=': '\\ge',
  '≥': '\\ge',
  '≠': '\\ne',
  '!=': '\\ne',
};

/** A relation as written in `.hw` → LaTeX (`=` when unknown or absent). */
export function relationLatex(relation: string | undefined): string {
  return relation === undefined ? '=' : (RELATION_LATEX[relation] ?? '=');
}

const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'pi',
  'rho',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'chi',
  'psi',
  'omega',
]);

/**
 * A `.hw` name as math: `a3` → `a_{3}`, `yhat` → `\hat{y}`, `W1` → `W_{1}`,
 * `lambda2` → `\lambda_{2}`. A name of any other shape is shown upright
 * (characters other than letters, digits and `_` shown as `?`).
 */
export function nameLatex(name: string): string {
  const match = /^([A-Za-z]+?)(hat)?_?(\d*)$/.exec(name);
  if (match && (match[2] === undefined || match[1].length === 1)) {
    const [, stem, hat, index] = match;
    let base = GREEK.has(stem) ? `\\${stem}` : stem.length > 1 ? `\\mathrm{${stem}}` : stem;
    if (hat) base = `\\hat{${base}}`;
    return index ? `${base}_{${index}}` : base;
  }
  return `\\text{${name.replace(/[^A-Za-z0-9_ ]/g, '?').replace(/_/g, '\\_')}}`;
}

/** `\frac{\partial L}{\partial a_{3}}`. */
export function gradientLatex(of: string, wrt: string): string {
  return `\\frac{\\partial ${nameLatex(of)}}{\\partial ${nameLatex(wrt)}}`;
}

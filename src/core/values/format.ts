/**
 * Values as text: `.hw` syntax that can be pasted back (`[2; 8; 9]`,
 * `6000 min`), LaTeX for the derivations view, and an aligned multi-line
 * form for hovers. Their numbers are written by `numberFormat.ts`.
 *
 *     formatNumber(58.40397481431972)              // '58.4039748143'
 *     formatValue(Matrix.fromRows([[2], [8]])).text // '[2; 8]'
 */
import type { ValueView } from '../model';
import { quantityNumber, quantityUnitFactors, quantityUnitText } from './units';
import { Matrix, type Quantity, type Value } from './value';
import { formatNumber, formatNumberLatex } from './numberFormat';

export { formatNumber, formatNumberLatex } from './numberFormat';

/**
 * `[16, 64, 72; -24, -96, -108]`; a 1×1 matrix is its number. A rank-3
 * value writes its slices between `;;` (`[1, 2; 3, 4;; 5, 6; 7, 8]`), a
 * rank-4 value its blocks between `;;;`: the literal syntax, so a fix can
 * write it back.
 */
function formatMatrix(m: Matrix): string {
  if (m.isTensor)
    return formatEntries(
      m.shape,
      Array.from(m.data, (x) => formatNumber(x)),
    );
  if (m.isScalar) return formatNumber(m.data[0]);
  const rows: string[] = new Array(m.rows);
  const entries: string[] = new Array(m.cols);
  // A repeated entry (ones, zeros, eye) is formatted once: a million of them took most of a second.
  let previous = NaN;
  let previousText = '';
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const x = m.data[i * m.cols + j];
      if (x !== previous) {
        previous = x;
        previousText = formatNumber(x);
      }
      entries[j] = previousText;
    }
    rows[i] = entries.join(', ');
  }
  return `[${rows.join('; ')}]`;
}

/**
 * Entries already written as text, laid out in `.hw` syntax for a value of
 * `shape` (row-major): `, ` within a row, `; ` between rows, `;; ` between
 * slices, `;;; ` between blocks. For fixes that write each entry at the
 * writer's precision. One channel (one batch item) ends in `;;` (`;;;`),
 * so the text reads back as the same shape; a block of one channel needs
 * no mark (a `;;;` block without `;;` is one channel).
 *
 *     formatEntries([2, 1, 2], ['1', '2', '3', '4'])   // '[1, 2;; 3, 4]'
 *     formatEntries([1, 1, 2], ['1', '2'])             // '[1, 2;;]'
 */
export function formatEntries(shape: readonly number[], texts: readonly string[]): string {
  const separators = [', ', '; ', ';; ', ';;; '];
  let parts: string[] = texts.slice();
  // Join the innermost axis first, then each axis out, with one more `;` per level.
  for (let a = shape.length - 1; a >= 1; a--) {
    const n = shape[a];
    const joined: string[] = [];
    for (let i = 0; i < parts.length; i += n) joined.push(parts.slice(i, i + n).join(separators[shape.length - 1 - a]));
    parts = joined;
  }
  const oneSlice = shape.length > 2 && shape[0] === 1 ? separators[shape.length - 1].trim() : '';
  return `[${parts.join(separators[shape.length - 1])}${oneSlice}]`;
}

/** Every matrix of a tensor (its last two axes), in row-major order, with its 1-based lead index. */
function matricesOf(m: Matrix): { index: number[]; matrix: Matrix }[] {
  const count = m.lead.reduce((a, b) => a * b, 1);
  const step = m.rows * m.cols;
  const out: { index: number[]; matrix: Matrix }[] = [];
  for (let k = 0; k < count; k++) {
    const index: number[] = [];
    let rest = k;
    for (let a = m.lead.length - 1; a >= 0; a--) {
      index.unshift((rest % m.lead[a]) + 1);
      rest = Math.floor(rest / m.lead[a]);
    }
    out.push({ index, matrix: new Matrix(m.rows, m.cols, m.data.subarray(k * step, (k + 1) * step)) });
  }
  return out;
}

/** `[2,:,:]`: one matrix of a tensor, by its lead index (1-based). */
export function channelLabel(index: readonly number[]): string {
  return `[${[...index, ':', ':'].join(',')}]`;
}

/**
 * A rank-3 or rank-4 value one channel per line, for hovers and inlay
 * tooltips (undefined for a matrix, or a view without its entries):
 *
 *     [1,:,:] = [1, 2; 3, 4]
 *     [2,:,:] = [5, 6; 7, 8]
 */
export function channelLines(view: ValueView): string[] | undefined {
  const shape = view.shape;
  if (shape === undefined || shape.length <= 2 || view.entries === undefined) return undefined;
  const m = Matrix.fromShape(shape, Float64Array.from(view.entries));
  return matricesOf(m).map(({ index, matrix }) => `${channelLabel(index)} = ${formatMatrix(matrix)}`);
}

/**
 * Past this many entries a matrix's LaTeX shows its corners, and its view
 * carries no `entries` (no page can typeset, nor hover show, a million
 * cells; copying them into every view of the model is what made reading it slow).
 */
const MAX_VIEW_ENTRIES = 10_000;
const CORNER = 6;

/**
 * `\begin{bmatrix}…\end{bmatrix}`; over `MAX_VIEW_ENTRIES` entries, the first
 * and last rows and columns around dots.
 */
function formatMatrixLatex(m: Matrix): string {
  if (m.isTensor) return formatTensorLatex(m);
  if (m.isScalar) return formatNumberLatex(m.data[0]);
  const elide = m.size > MAX_VIEW_ENTRIES;
  const shown = (n: number): (number | undefined)[] =>
    !elide || n <= 2 * CORNER
      ? Array.from({ length: n }, (_, i) => i)
      : [
          ...Array.from({ length: CORNER }, (_, i) => i),
          undefined,
          ...Array.from({ length: CORNER }, (_, i) => n - CORNER + i),
        ];
  const columns = shown(m.cols);
  const rows: string[] = [];
  for (const i of shown(m.rows)) {
    const entries: string[] = [];
    for (const j of columns) {
      if (i === undefined) entries.push(j === undefined ? '\\ddots' : '\\vdots');
      else entries.push(j === undefined ? '\\cdots' : formatNumberLatex(m.data[i * m.cols + j]));
    }
    rows.push(entries.join(' & '));
  }
  return `\\begin{bmatrix}${rows.join(' \\\\ ')}\\end{bmatrix}`;
}

/** Past this many channels a tensor's LaTeX shows the first and last few around `\cdots`. */
const MAX_LATEX_CHANNELS = 12;

/**
 * One matrix per channel, each labelled beneath by its index (`[1,:,:]`);
 * the blocks of a rank-4 value are set apart by a wider space.
 */
function formatTensorLatex(m: Matrix): string {
  const all = matricesOf(m);
  const shown =
    all.length <= MAX_LATEX_CHANNELS ? all : [...all.slice(0, MAX_LATEX_CHANNELS - 2), undefined, ...all.slice(-2)];
  const perBlock = m.rank === 4 ? m.lead[1] : Infinity;
  const parts: string[] = [];
  shown.forEach((entry, k) => {
    if (entry === undefined) {
      parts.push('\\cdots');
      return;
    }
    const startsBlock = k > 0 && shown[k - 1] !== undefined && entry.index[entry.index.length - 1] === 1;
    if (startsBlock && perBlock !== Infinity) parts.push('\\qquad');
    parts.push(`\\underset{${channelLabel(entry.index)}}{${formatMatrixLatex(entry.matrix)}}`);
  });
  return parts.join(' ');
}

function latexUnitName(name: string): string {
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

/** `\mathrm{min}`, `\mathrm{kg}\,\mathrm{m}^{2}/\mathrm{s}^{2}`. */
function formatUnitLatex(q: Quantity): string {
  const numerator: string[] = [];
  const denominator: string[] = [];
  for (const f of quantityUnitFactors(q)) {
    const power = Math.abs(f.power);
    const text = power === 1 ? latexUnitName(f.name) : `${latexUnitName(f.name)}^{${formatNumber(power)}}`;
    (f.power > 0 ? numerator : denominator).push(text);
  }
  let text = numerator.length > 0 ? numerator.join('\\,') : '1';
  if (denominator.length === 1) text += `/${denominator[0]}`;
  else if (denominator.length > 1) text += `/(${denominator.join('\\,')})`;
  return text;
}

function quantityLatex(q: Quantity): string {
  const unit = formatUnitLatex(q);
  const number = formatNumberLatex(quantityNumber(q));
  return unit.startsWith('1/') ? `${number}${unit.slice(1)}` : `${number}\\,${unit}`;
}

/** `6000 min`. */
function formatQuantity(q: Quantity): string {
  const unit = quantityUnitText(q);
  // `2/min` rather than `2 1/min`.
  return unit.startsWith('1/')
    ? `${formatNumber(quantityNumber(q))}${unit.slice(1)}`
    : `${formatNumber(quantityNumber(q))} ${unit}`;
}

/** Values are never changed once made, so each is formatted once however many links show it. */
const formatted = new WeakMap<Value, ValueView>();

/** A value as the adapters show it: `.hw` text, LaTeX, shape, entries (matrices) or unit (quantities). */
export function formatValue(v: Value): ValueView {
  let view = formatted.get(v);
  if (view === undefined) {
    view = formatValueOnce(v);
    formatted.set(v, view);
  }
  return view;
}

function formatValueOnce(v: Value): ValueView {
  if (v.kind === 'quantity') {
    return {
      text: formatQuantity(v),
      latex: quantityLatex(v),
      rows: 1,
      cols: 1,
      shape: [1, 1],
      unit: quantityUnitText(v),
    };
  }
  const m = withoutRoundingNoise(v);
  return {
    text: formatMatrix(m),
    latex: formatMatrixLatex(m),
    rows: m.rows,
    cols: m.cols,
    shape: m.shape,
    ...(m.size <= MAX_VIEW_ENTRIES ? { entries: Array.from(m.data) } : {}),
  };
}

/**
 * Entries that are floating-point noise beside the matrix's largest one
 * (|x| < 1e-13 · max) shown as 0: `inv(A) = ?` should fill in 0, not
 * 2.77555756156e-17.
 */
function withoutRoundingNoise(m: Matrix): Matrix {
  if (m.size < 2) return m;
  let max = 0;
  for (let i = 0; i < m.size; i++) max = Math.max(max, Math.abs(m.data[i]));
  const floor = max * 1e-13;
  let noisy = false;
  for (let i = 0; i < m.size && !noisy; i++) noisy = m.data[i] !== 0 && Math.abs(m.data[i]) < floor;
  if (!noisy) return m;
  const data = Float64Array.from(m.data, (x) => (Math.abs(x) < floor ? 0 : x));
  return new Matrix(m.rows, m.cols, data, m.lead);
}

/**
 * Multi-line, columns right-aligned, still `.hw` syntax (for hovers):
 *
 *     [ 16,  64,   72;
 *      -24, -96, -108]
 */
export function formatMatrixAligned(m: Matrix): string {
  if (m.isTensor)
    return matricesOf(m)
      .map(({ index, matrix }) => `${channelLabel(index)} = ${formatMatrix(matrix)}`)
      .join('\n');
  if (m.isScalar) return formatNumber(m.data[0]);
  if (m.size === 0) return '[]';
  const cells: string[] = new Array(m.size);
  const widths = new Array<number>(m.cols).fill(0);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const text = formatNumber(m.data[i * m.cols + j]);
      cells[i * m.cols + j] = text;
      if (text.length > widths[j]) widths[j] = text.length;
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < m.rows; i++) {
    const entries: string[] = [];
    for (let j = 0; j < m.cols; j++) entries.push(cells[i * m.cols + j].padStart(widths[j]));
    const open = i === 0 ? '[' : ' ';
    const close = i === m.rows - 1 ? ']' : ';';
    lines.push(`${open}${entries.join(', ')}${close}`);
  }
  return lines.join('\n');
}

/**
 * The shape of a bracketed literal, from its rows and the level of each
 * separator between them (`;` 1, `;;` 2, `;;;` 3): a matrix, a rank-3 value
 * (slices separated by `;;`) or a rank-4 value (rank-3 blocks separated by
 * `;;;`). Pure: the parser collects the rows and reports what this returns.
 *
 *     [1, 2; 3, 4;; 5, 6; 7, 8]     // tensor, rank 3, two 2×2 slices
 *     [A;; B;;; C;; D]              // tensor, rank 4, two blocks of two slices
 */
import type { Expr, MatrixLiteral, SyntaxError, TensorLiteral } from './ast';
import type { Span } from '../text/span';

function span(start: number, end: number): Span {
  return { start, end };
}

/** The deepest separator: `;;;` (batch items of a rank-4 value). */
export const MAX_SEPARATOR_LEVEL = 3;

export interface LiteralRows {
  readonly rows: readonly (readonly Expr[])[];
  /**
   * `levels[i]`: the separator after `rows[i]`; the last row's, when present, is a trailing one before `]`
   * (`;;` there makes a one-channel value).
   */
  readonly levels: readonly number[];
  readonly whole: Span;
}

/** The literal's tree and the shape errors found in its written numbers. */
export function buildLiteral(input: LiteralRows): { expr: MatrixLiteral | TensorLiteral; errors: SyntaxError[] } {
  const errors: SyntaxError[] = [];
  let top = 1;
  for (const level of input.levels) if (level > top) top = level;
  if (top === 1) {
    const expr: MatrixLiteral = { kind: 'matrix', span: input.whole, rows: input.rows };
    checkRagged(input.rows, '', errors);
    return { expr, errors };
  }
  const groups = split(input.rows, input.levels, top);
  if (top === 2) {
    const slices = groups.map((g) => sliceOf(g.rows));
    const expr: TensorLiteral = { kind: 'tensor', span: input.whole, rank: 3, slices };
    checkSlices(slices, [], errors);
    return { expr, errors };
  }
  const blocks = groups.map((g, b): MatrixLiteral | TensorLiteral => {
    if (!g.levels.includes(2)) return sliceOf(g.rows);
    const slices = split(g.rows, g.levels, 2).map((s) => sliceOf(s.rows));
    const block: TensorLiteral = { kind: 'tensor', span: spanOfRows(g.rows), rank: 3, slices, block: b + 1 };
    return block;
  });
  const expr: TensorLiteral = { kind: 'tensor', span: input.whole, rank: 4, slices: blocks };
  blocks.forEach((block, b) => {
    if (block.kind === 'tensor') checkSlices(block.slices as MatrixLiteral[], [b + 1], errors);
    else checkRagged(block.rows, `block ${b + 1}: `, errors);
  });
  checkBlocks(blocks, errors);
  return { expr, errors };
}

/** `[2,:,:]`, `[1,2,:,:]`: a slice of a literal by its index, the rest of the axes open. */
export function sliceLabel(index: readonly number[], rank: number): string {
  const open = Array.from({ length: rank - index.length }, () => ':');
  return `[${[...index, ...open].join(',')}]`;
}

interface Group {
  rows: (readonly Expr[])[];
  levels: number[];
}

/** The rows cut at separators of `level` (or deeper), each group with its inner separators. */
function split(rows: readonly (readonly Expr[])[], levels: readonly number[], level: number): Group[] {
  const groups: Group[] = [{ rows: [], levels: [] }];
  rows.forEach((row, i) => {
    const group = groups[groups.length - 1];
    group.rows.push(row);
    if (i >= levels.length) return;
    if (levels[i] >= level) groups.push({ rows: [], levels: [] });
    else group.levels.push(levels[i]);
  });
  return groups.filter((g) => g.rows.length > 0);
}

function spanOfRows(rows: readonly (readonly Expr[])[]): Span {
  const first = rows[0][0];
  const lastRow = rows[rows.length - 1];
  return span(first.span.start, lastRow[lastRow.length - 1].span.end);
}

/** One slice as a matrix literal spanning its entries (there are no brackets of its own). */
function sliceOf(rows: readonly (readonly Expr[])[]): MatrixLiteral {
  return { kind: 'matrix', span: spanOfRows(rows), rows };
}

function isWrittenNumber(e: Expr): boolean {
  while (e.kind === 'paren') e = e.inner;
  if (e.kind === 'unary') return isWrittenNumber(e.operand);
  return e.kind === 'number';
}

function isWrittenMatrix(m: MatrixLiteral): boolean {
  return m.rows.every((row) => row.every(isWrittenNumber));
}

const entries = (n: number): string => (n === 1 ? '1 entry' : `${n} entries`);

/**
 * Rows of different lengths: the rows that differ from the most common
 * length are marked. Only for matrices of written numbers: an entry that
 * is a name or an expression may be a block (`[A, b; 7, 8, 9]`), whose
 * width the checker knows.
 */
function checkRagged(rows: readonly (readonly Expr[])[], where: string, errors: SyntaxError[]): boolean {
  if (rows.length < 2) return true;
  const width = rows[0].length;
  let even = true;
  for (let r = 1; r < rows.length && even; r++) even = rows[r].length === width;
  if (even) return true;
  if (!rows.every((row) => row.every(isWrittenNumber))) return true;
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
  if (counts.size === 1) return true;
  let common = rows[0].length;
  for (const row of rows) {
    if ((counts.get(row.length) ?? 0) > (counts.get(common) ?? 0)) common = row.length;
  }
  rows.forEach((row, index) => {
    if (row.length === common) return;
    errors.push({
      code: 'syntax.ragged-matrix',
      message: `${where}row ${index + 1} has ${entries(row.length)}, but the other rows have ${common}`,
      span: span(row[0].span.start, row[row.length - 1].span.end),
    });
  });
  return false;
}

/**
 * The slices of one rank-3 literal: each rectangular, and (when all are
 * written numbers) all of one shape; a slice that differs from the first is
 * named by its index.
 */
function checkSlices(slices: readonly MatrixLiteral[], prefix: readonly number[], errors: SyntaxError[]): void {
  const rank = prefix.length + 3;
  let rectangular = true;
  slices.forEach((s, k) => {
    if (!checkRagged(s.rows, `slice ${sliceLabel([...prefix, k + 1], rank)}: `, errors)) rectangular = false;
  });
  if (!rectangular || !slices.every(isWrittenMatrix)) return;
  const shape = (m: MatrixLiteral): string => `${m.rows.length}×${m.rows[0].length}`;
  const first = shape(slices[0]);
  slices.forEach((s, k) => {
    if (shape(s) === first) return;
    errors.push({
      code: 'syntax.ragged-matrix',
      message:
        `slice ${sliceLabel([...prefix, k + 1], rank)} is ${shape(s)}, but slice ` +
        `${sliceLabel([...prefix, 1], rank)} is ${first}: the slices between \`;;\` must have one shape`,
      span: s.span,
    });
  });
}

/** The blocks of a rank-4 literal written as numbers: the same number of slices and slice shape. */
function checkBlocks(blocks: readonly (MatrixLiteral | TensorLiteral)[], errors: SyntaxError[]): void {
  const shapeOf = (b: MatrixLiteral | TensorLiteral): string | undefined => {
    const slices = b.kind === 'tensor' ? (b.slices as MatrixLiteral[]) : [b];
    if (!slices.every(isWrittenMatrix)) return undefined;
    const s = slices[0];
    if (slices.some((x) => x.rows.some((r) => r.length !== s.rows[0].length) || x.rows.length !== s.rows.length))
      return undefined;
    return `${slices.length}×${s.rows.length}×${s.rows[0].length}`;
  };
  const first = shapeOf(blocks[0]);
  if (first === undefined) return;
  blocks.forEach((b, k) => {
    const shape = shapeOf(b);
    if (shape === undefined || shape === first) return;
    errors.push({
      code: 'syntax.ragged-matrix',
      message:
        `block ${sliceLabel([k + 1], 4)} is ${shape}, but block ${sliceLabel([1], 4)} is ${first}: ` +
        'the blocks between `;;;` must have one shape',
      span: b.span,
    });
  });
}

/**
 * Values as hovers and inlay hints show them. Matrices are laid out as a
 * grid with right-aligned columns, for a Markdown code block.
 */
import type { ValueView } from '../../core';
import { channelLines, DISPLAY_DIGITS, formatNumber as formatDisplayNumber } from '../../core';

/** Short numbers for a hover's grid: integers as is, others to 6 significant digits (the one number formatter). */
export function formatNumber(value: number): string {
  return formatDisplayNumber(value, DISPLAY_DIGITS);
}

export function shapeLabel(value: ValueView): string {
  return value.shape.join('×');
}

function isScalar(value: ValueView): boolean {
  return value.rows === 1 && value.cols === 1;
}

/**
 * A matrix as aligned rows:
 * ```
 * [ 16  64   72
 *  -24 -96 -108 ]
 * ```
 * Scalars and quantities print as their `.hw` text; a rank-3 or rank-4
 * value one channel per line (`[2,:,:] = [5, 6; 7, 8]`).
 */
export function formatValueBlock(value: ValueView): string {
  const channels = channelLines(value);
  if (channels) return channels.join('\n');
  const entries = value.entries;
  if (isScalar(value) || !entries || entries.length !== value.rows * value.cols) return value.text;
  const cells = entries.map(formatNumber);
  const widths: number[] = [];
  for (let col = 0; col < value.cols; col++) {
    let width = 0;
    for (let row = 0; row < value.rows; row++) width = Math.max(width, cells[row * value.cols + col].length);
    widths.push(width);
  }
  const lines: string[] = [];
  for (let row = 0; row < value.rows; row++) {
    const rowCells = widths.map((width, col) => cells[row * value.cols + col].padStart(width));
    const open = row === 0 ? '[ ' : '  ';
    const close = row === value.rows - 1 ? ' ]' : '';
    lines.push(open + rowCells.join('  ') + close);
  }
  return lines.join('\n');
}

/** An inlay hint's tooltip: the `.hw` text, a rank-3 or rank-4 value one channel per line. */
export function formatValueTooltip(value: ValueView): string {
  return channelLines(value)?.join('\n') ?? value.text;
}

/** One line for an inlay hint, shortened when long. */
export function formatValueInline(value: ValueView, maxLength = 60): string {
  const text = value.text;
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

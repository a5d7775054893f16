/**
 * Offsets (the core's language) → line/character ranges (the editor's), with
 * no `vscode` import so that it is testable under plain node.
 */
import type { LineIndex, Span } from '../../core';

export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

export interface LineRange {
  readonly start: LinePosition;
  readonly end: LinePosition;
}

export function spanToLineRange(lines: LineIndex, span: Span): LineRange {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

/** Does `[start, end]` contain `offset`? The end is inclusive so that a cursor just after a name still "touches" it. */
export function spanTouches(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

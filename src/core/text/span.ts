/**
 * A half-open range of UTF-16 offsets into the document text: `[start, end)`.
 * The core speaks only in offsets; adapters convert to line/column at the edge
 * (see `lineIndex.ts`).
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** The smallest span covering both. */
export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export function shiftSpan(s: Span, delta: number): Span {
  return delta === 0 ? s : { start: s.start + delta, end: s.end + delta };
}

export function containsOffset(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}

/**
 * A half-open range of UTF-16 offsets into the document text: `[start, end)`.
 * The core speaks only in offsets; adapters convert to line/column at the edge
 * (see `lineIndex.ts`).
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function shiftSpan(s: Span, delta: number): Span {
  return delta === 0 ? s : { start: s.start + delta, end: s.end + delta };
}

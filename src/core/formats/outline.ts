/**
 * What the document level of a Markdown or LaTeX homework hands to the
 * reader: headings (problems and questions) and math blocks, in file order,
 * with offsets into the file.
 */
import type { HeadingStatement } from '../syntax/ast';
import type { Span } from '../text/span';

export type DocumentPart =
  | { readonly kind: 'heading'; readonly span: Span; readonly heading: HeadingStatement }
  | { readonly kind: 'math'; readonly span: Span; readonly contentStart: number; readonly contentEnd: number };

const HEADING =
  /^([ \t]*)(homework|problem|exercise|question|part)\b[ \t]*(\d+[a-z]?|[ivx]+\b|[a-z]\b)?[ \t]*[:.)]?[ \t]*(.*)$/i;

/** The first letters of HEADING's words, either case (its `i` reads ASCII letters only, without the `u` flag). */
const HEADING_INITIALS = new Set(['h', 'p', 'e', 'q', 'H', 'P', 'E', 'Q']);

/**
 * Whether the line from `start` (to `end`) can be a heading at all: after blanks, one of HEADING's first
 * letters. Most lines of a file are not, and are answered without a copy of the line.
 */
export function mayStartHeading(text: string, start: number, end: number): boolean {
  let at = start;
  while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
  return at < end && HEADING_INITIALS.has(text[at]);
}

/**
 * A line that starts with "Problem 2", "Question 1:" or "Homework 1" (a
 * Markdown heading's text, a LaTeX `\section{…}` argument, or a line of
 * running text); `offset` is where `line` starts in the file.
 */
export function headingAtLineStart(line: string, offset: number): DocumentPart | undefined {
  const m = HEADING.exec(line);
  if (!m) return undefined;
  const word = m[2].toLowerCase();
  // Running text that merely starts with the word ("Part of the answer is…") is no heading.
  if (word !== 'homework' && m[3] === undefined) return undefined;
  const keywordStart = offset + m[1].length;
  const keywordSpan = { start: keywordStart, end: keywordStart + m[2].length };
  const kind = word === 'homework' ? 'homework' : word === 'question' || word === 'part' ? 'question' : 'problem';
  const numberAt = m[3] !== undefined ? line.indexOf(m[3], m[1].length + m[2].length) : -1;
  const number =
    m[3] !== undefined
      ? { text: m[3], span: { start: offset + numberAt, end: offset + numberAt + m[3].length } }
      : undefined;
  const titleText = kind === 'homework' ? line.slice(m[1].length).trim() : undefined;
  const title = titleText
    ? { text: titleText, span: { start: keywordStart, end: keywordStart + titleText.length } }
    : undefined;
  const end = number ? number.span.end : keywordSpan.end;
  const span = { start: keywordStart, end: kind === 'homework' && title ? title.span.end : end };
  return { kind: 'heading', span, heading: { kind, span, keywordSpan, number, title } };
}

/** A Markdown heading from `start` to `end` (`## Problem 2`, its `#`s left out): a heading part, if it reads as one. */
export function markdownHeadingAt(text: string, start: number, end: number): DocumentPart | undefined {
  const line = text.slice(start, end).replace(/^#+[ \t]*/, '');
  return headingAtLineStart(line, start + (end - start - line.length));
}

/** `$x$`, `$$x$$` or a `$$` fenced block from `start` to `end`: a math part, its content between the dollar runs. */
export function dollarMathPart(text: string, start: number, end: number): Extract<DocumentPart, { kind: 'math' }> {
  let contentStart = start;
  while (contentStart < end && text[contentStart] === '$') contentStart++;
  let contentEnd = end;
  while (contentEnd > contentStart && text[contentEnd - 1] === '$') contentEnd--;
  return { kind: 'math', span: { start, end }, contentStart, contentEnd };
}

/**
 * The markdown-it reader against the micromark reader it replaced, with the
 * few deliberate differences (each with its reason) taken out before the two
 * are compared.
 */
import type { DocumentPart } from '../../../src/core/formats/outline';
import { readMarkdownOutline } from '../../../src/core/formats/markdownDocument';
import { readMarkdownOutlineWithMicromark } from './micromarkOutline';

/**
 * A part as compared. Deliberate difference 1: an unclosed `$$` block ends
 * with its last line that is not blank; micromark's span takes some of the
 * line endings and blank lines after it or not, depending on what closed its
 * container (a lazy line, a new list item, the end of the file inside a
 * quote). Both are compared with trailing whitespace left out of the span and
 * the content (the math read is the same).
 */
function comparable(text: string, part: DocumentPart): DocumentPart {
  if (part.kind !== 'math') return part;
  // Left out: whitespace and the `>` of blank quote lines after the span; an unclosed block's content also keeps
  // a last line of `$`, which micromark's lost (as if a closing run) when its span ended on it.
  let end = part.span.end;
  while (end > part.contentStart && /[\s>]/.test(text[end - 1])) end--;
  let contentEnd = part.contentEnd;
  while (contentEnd > part.contentStart && /[\s$>]/.test(text[contentEnd - 1])) contentEnd--;
  return { ...part, span: { start: part.span.start, end }, contentEnd };
}

/** Every offset of a part moved by `by`. */
function shifted(part: DocumentPart, by: number): DocumentPart {
  const span = { start: part.span.start + by, end: part.span.end + by };
  if (part.kind === 'math')
    return { ...part, span, contentStart: part.contentStart + by, contentEnd: part.contentEnd + by };
  const h = part.heading;
  const move = (s: { start: number; end: number }) => ({ start: s.start + by, end: s.end + by });
  return {
    ...part,
    span,
    heading: {
      ...h,
      span: move(h.span),
      keywordSpan: move(h.keywordSpan),
      number: h.number && { ...h.number, span: move(h.number.span) },
      title: h.title && { ...h.title, span: move(h.title.span) },
    },
  };
}

export interface Comparison {
  readonly same: boolean;
  readonly markdownIt: readonly DocumentPart[];
  readonly micromark: readonly DocumentPart[];
}

/**
 * Both readers on one document. Deliberate difference 2: micromark drops a
 * byte order mark and counts its offsets from the character after it, so every
 * offset it gives in such a file is one short (and a heading line is read one
 * character early); the reference is micromark on the rest of the file, moved
 * by one.
 */
export function compareOutlines(text: string): Comparison {
  const markdownIt = readMarkdownOutline(text).map((p) => comparable(text, p));
  const micromark =
    text.charCodeAt(0) === 0xfeff
      ? readMarkdownOutlineWithMicromark(text.slice(1)).map((p) => comparable(text, shifted(p, 1)))
      : readMarkdownOutlineWithMicromark(text).map((p) => comparable(text, p));
  return { same: JSON.stringify(markdownIt) === JSON.stringify(micromark), markdownIt, micromark };
}

/**
 * Where micromark (or markdown-it) is wrong by CommonMark, so the readers may
 * differ. Each names its reason, finds its lines (a line, given the one before
 * it) and repairs them: a document that differs is explained only if the
 * readers agree once its matching lines are repaired, so an explanation cannot
 * cover a difference elsewhere. `markdownDocument.test.ts` pins the right
 * reading of each.
 */
interface KnownDifference {
  readonly reason: string;
  /** `previous` is the line before, `lastFilled` the last line before that is not blank. */
  readonly matches: (line: string, previous: string | undefined, lastFilled: string | undefined) => boolean;
  readonly repair: (line: string) => string;
}

const EMPTY_ITEM = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:[-*+]|\d{1,9}[.)])[ \t]*$/;
const LONE_TAG = /^([ \t>]*)(<\/?[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>]*)?\/?>)([ \t]*)$/;
const filled = (previous: string | undefined) => previous !== undefined && previous.trim() !== '';
const indentedCode = (line: string | undefined) => /^(?: {4}| {0,3}\t)/.test(line ?? '');

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    // `a\n> -` is a quote holding an empty list item (it starts a new container and interrupts nothing); micromark
    // keeps "interrupting" into the new container (or after indented code), reads the marker as paragraph text and
    // the next lines as its lazy continuation. Repaired: the item gets text.
    reason: 'micromark: an empty list item after a paragraph or indented code is read as text',
    matches: (line, previous, lastFilled) => (filled(previous) || indentedCode(lastFilled)) && EMPTY_ITEM.test(line),
    repair: (line) => `${line.trimEnd()} w`,
  },
  {
    // After indented code, `2) x` starts an ordered list (only a paragraph needs a list to start at 1).
    reason: 'micromark: an ordered list not starting at 1 right after indented code is read as text',
    matches: (line, previous) => indentedCode(previous) && /^[ \t>]*\d{1,9}[.)]/.test(line),
    repair: (line) => line.replace(/\d{1,9}(?=[.)])/, '1'),
  },
  {
    // A tag alone on a line is an HTML block of kind 7, which cannot interrupt a paragraph: on a lazy line (a
    // paragraph in a quote or list goes on) it is paragraph text; micromark starts an HTML block there.
    // Repaired: the tag becomes letters.
    reason: 'micromark: a lone HTML tag on a lazy line starts an HTML block',
    matches: (line, previous) => filled(previous) && LONE_TAG.test(line),
    repair: (line) =>
      line.replace(LONE_TAG, (_, pre: string, tag: string, post: string) => pre + 'x'.repeat(tag.length) + post),
  },
  {
    // `>` after four columns of indentation is no quote marker (indented code); markdown-it's quote goes on.
    reason: 'markdown-it: a quote goes on through a `>` indented four columns or more',
    matches: (line) => /^(?: {4}| {0,3}\t)[ \t]*>/.test(line),
    repair: (line) => line.replace('>', 'x'),
  },
];

/**
 * Why a document where the readers differ may differ: the reasons whose
 * repairs make the readers agree, or undefined when no repair does.
 */
export function knownDifference(text: string): string | undefined {
  const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/);
  const reasons = new Set<string>();
  for (let round = 0; round < 3; round++) {
    let repaired = false;
    let lastFilled: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const ending = /\r?\n$|\r$/.exec(lines[i])?.[0] ?? '';
      const line = lines[i].slice(0, lines[i].length - ending.length);
      const previous = i > 0 ? lines[i - 1].replace(/\r?\n$|\r$/, '') : undefined;
      if (filled(previous)) lastFilled = previous;
      const known = KNOWN_DIFFERENCES.find((d) => d.matches(line, previous, lastFilled));
      if (!known) continue;
      const fixed = known.repair(line);
      if (fixed === line) continue;
      lines[i] = fixed + ending;
      reasons.add(known.reason);
      repaired = true;
    }
    if (!repaired) return undefined;
    if (compareOutlines(lines.join('')).same) return [...reasons].sort().join('; ');
  }
  return undefined;
}

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
 * Where the readers may differ: micromark (or markdown-it) is wrong by
 * CommonMark, or the micromark reader missed a heading. Each names its reason,
 * finds its lines and repairs them: a document that differs is explained only
 * if the readers agree once its matching lines are repaired, so an explanation
 * cannot cover a difference elsewhere. `markdownDocument.test.ts` pins the
 * right reading of each.
 */
interface KnownDifference {
  readonly reason: string;
  /** `previous` is the line before, `lastFilled` the last line before that is not blank. */
  readonly matches: (
    line: string,
    previous: string | undefined,
    lastFilled: string | undefined,
    ending: string,
  ) => boolean;
  /** The line repaired, and its line ending (the same length: offsets after it do not move). */
  readonly repair: (line: string, ending: string) => string;
}

const EMPTY_ITEM = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:[-*+]|\d{1,9}[.)])[ \t]*$/;
const LONE_TAG = /^([ \t>]*)(<\/?[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>]*)?\/?>)([ \t]*)$/;
const HEADING_LINE = /^(?:[ \t>\uFEFF]|[-*+][ \t]|\d{1,9}[.)][ \t])*(?:homework|problem|exercise|question|part)\b/i;
const filled = (previous: string | undefined) => previous !== undefined && previous.trim() !== '';
const indentedCode = (line: string | undefined) => filled(line) && /^(?: {4}| {0,3}\t)/.test(line ?? '');

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    // `a\n> -` is a quote holding an empty list item (it starts a new container and interrupts nothing); micromark
    // keeps "interrupting" into the new container (or after indented code), reads the marker as paragraph text and
    // the next lines as its lazy continuation. Repaired: the item gets text.
    reason: 'micromark: an empty list item after a paragraph or indented code is read as text',
    matches: (line, previous, lastFilled) => (filled(previous) || indentedCode(lastFilled)) && EMPTY_ITEM.test(line),
    repair: (line, ending) => `${line.trimEnd()} w${ending}`,
  },
  {
    // After indented code, `2) x` starts an ordered list (only a paragraph needs a list to start at 1).
    reason: 'micromark: an ordered list not starting at 1 right after indented code is read as text',
    matches: (line, previous) => indentedCode(previous) && /^[ \t>]*\d{1,9}[.)]/.test(line),
    repair: (line, ending) => line.replace(/\d{1,9}(?=[.)])/, '1') + ending,
  },
  {
    // A tag alone on a line is an HTML block of kind 7, which cannot interrupt a paragraph: on a lazy line (a
    // paragraph in a quote or list goes on) it is paragraph text; micromark starts an HTML block there.
    // Repaired: the tag becomes letters.
    reason: 'micromark: a lone HTML tag on a lazy line starts an HTML block',
    matches: (line, previous) => filled(previous) && LONE_TAG.test(line),
    repair: (line, ending) =>
      line.replace(LONE_TAG, (_, pre: string, tag: string, post: string) => pre + 'x'.repeat(tag.length) + post) +
      ending,
  },
  {
    // The micromark reader matched a setext heading's text and underline as one line, which "Problem 2" never
    // is: no setext heading counted. Repaired: the underline becomes spaces (a blank line), the text a paragraph.
    reason: 'micromark reader: a setext heading was never a problem or question heading',
    matches: (line, previous) => filled(previous) && /^[ \t>]*(?:=+|-+)[ \t]*$/.test(line),
    repair: (line, ending) => line.replace(/[=-]/g, ' ') + ending,
  },
  {
    // The micromark reader kept a CR in a paragraph's line, so that "Problem 2" before a CR LF or CR (but on the
    // paragraph's last line) never matched. Repaired: the line ends in a space and LF instead.
    reason: 'micromark reader: a "Problem 2" line ending in CR LF or CR inside a paragraph was missed',
    matches: (line, _previous, _lastFilled, ending) => ending.startsWith('\r') && HEADING_LINE.test(line),
    repair: (line, ending) => (ending === '\r\n' ? `${line} \n` : `${line}\n`),
  },
  {
    // `>` after four columns of indentation is no quote marker (indented code); markdown-it's quote goes on.
    reason: 'markdown-it: a quote goes on through a `>` indented four columns or more',
    matches: (line) => /^(?: {4}| {0,3}\t)[ \t]*>/.test(line),
    repair: (line, ending) => line.replace('>', 'x') + ending,
  },
];

/** The document with the lines `allowed` know repaired (three rounds: a repair may expose another), and which did. */
function repaired(text: string, allowed: readonly KnownDifference[]): { text: string; used: Set<KnownDifference> } {
  const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/);
  const used = new Set<KnownDifference>();
  for (let round = 0; round < 3; round++) {
    let changed = false;
    let lastFilled: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const ending = /\r?\n$|\r$/.exec(lines[i])?.[0] ?? '';
      const line = lines[i].slice(0, lines[i].length - ending.length);
      const previous = i > 0 ? lines[i - 1].replace(/\r?\n$|\r$/, '') : undefined;
      if (filled(previous)) lastFilled = previous;
      for (const known of allowed) {
        if (!known.matches(line, previous, lastFilled, ending)) continue;
        const fixed = known.repair(line, ending);
        if (fixed === lines[i]) continue;
        lines[i] = fixed;
        used.add(known);
        changed = true;
        break;
      }
    }
    if (!changed) break;
  }
  return { text: lines.join(''), used };
}

/**
 * Why a document where the readers differ may differ: the fewest known
 * differences whose repairs make the readers agree, or undefined when no
 * repair does.
 */
export function knownDifference(text: string): string[] | undefined {
  const all = repaired(text, KNOWN_DIFFERENCES);
  if (all.used.size === 0 || !compareOutlines(all.text).same) return undefined;
  // Each repair that the agreement does not need is left out, so that the reasons are the ones that explain it.
  const needed = [...all.used];
  for (const known of [...needed]) {
    const without = needed.filter((k) => k !== known);
    if (compareOutlines(repaired(text, without).text).same) needed.splice(needed.indexOf(known), 1);
  }
  return needed.map((k) => k.reason);
}

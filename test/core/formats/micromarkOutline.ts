/**
 * The Markdown document level as micromark reads it: the reader the product
 * used before it moved to markdown-it, kept unchanged as the reference that
 * `markdownDifferential.test.ts` compares the markdown-it reader with
 * (micromark and its math extension stay devDependencies for this alone).
 *
 * It walks micromark's events: math, headings and paragraphs anywhere in the
 * flow (lists, quotes), and the text runs of the tree's text nodes; never
 * code, HTML, link targets, definitions or an image's text.
 */
import { parse, postprocess, preprocess } from 'micromark';
import { math } from 'micromark-extension-math';
import {
  markdownHeadingAt,
  dollarMathPart,
  headingAtLineStart,
  type DocumentPart,
} from '../../../src/core/formats/outline';

type Event = ReturnType<typeof postprocess>[number];

/** What Markdown does not show as prose: math in it is not the student's math (mdast drops an image's text too). */
const OPAQUE = new Set([
  'codeFenced',
  'codeIndented',
  'codeText',
  'htmlFlow',
  'htmlText',
  'image',
  'definition',
  'resource',
  'reference',
]);

/** Tokens that are nodes of the tree: each starts or ends a text run, as a sibling or a parent does there. */
const NODES = new Set([
  'autolink',
  'atxHeading',
  'blockQuote',
  'emphasis',
  'hardBreakEscape',
  'hardBreakTrailing',
  'label',
  'link',
  'listOrdered',
  'listUnordered',
  'paragraph',
  'setextHeading',
  'strong',
  'thematicBreak',
]);

/** Tokens of a text node's text. */
const TEXT = new Set(['data', 'characterEscape', 'characterReference', 'autolinkProtocol', 'autolinkEmail']);

/** Nodes in which a line ending is part of the text (the tree's `canContainEols`; a label is its fragment). */
const KEEPS_LINE_ENDINGS = new Set(['emphasis', 'atxHeading', 'setextHeading', 'paragraph', 'strong', 'label']);

export function readMarkdownOutlineWithMicromark(text: string): DocumentPart[] {
  const events: Event[] = postprocess(
    parse({ extensions: [math()] })
      .document()
      .write(preprocess()(text, undefined, true)),
  );
  const parts: DocumentPart[] = [];
  /** The node tokens the walk is inside, innermost last. */
  const open: string[] = [];
  let runStart = -1;
  let runEnd = -1;
  /** The first backslash at or after the last run's start: most runs have none, and the search stays linear. */
  let backslash = -1;
  const endRun = () => {
    if (runStart < 0) return;
    if (backslash < runStart) {
      backslash = text.indexOf('\\', runStart);
      if (backslash < 0) backslash = text.length;
    }
    if (backslash < runEnd) bracketMath(text, runStart, runEnd, parts);
    runStart = -1;
  };
  const extendRun = (start: number, end: number) => {
    if (runStart < 0) runStart = start;
    runEnd = end;
  };
  /** After a hard break the line ending belongs to the break; after a setext heading's text, to its underline. */
  let lineEndingTaken = false;
  for (let i = 0; i < events.length; i++) {
    const [kind, token] = events[i];
    const type = token.type;
    if (kind === 'enter') {
      if (type === 'mathFlow' || type === 'mathText' || OPAQUE.has(type)) {
        endRun();
        if (type === 'mathFlow' || type === 'mathText')
          parts.push(dollarMathPart(text, token.start.offset, token.end.offset));
        // Past its exit: nothing inside is read.
        while (!(events[i][0] === 'exit' && events[i][1] === token)) i++;
        continue;
      }
      if (NODES.has(type)) {
        endRun();
        open.push(type);
        if (type === 'atxHeading' || type === 'setextHeading') {
          const found = markdownHeadingAt(text, token.start.offset, token.end.offset);
          if (found) parts.push(found);
        } else if (type === 'paragraph') linesThatAreHeadings(text, token.start.offset, token.end.offset, parts);
      } else if (TEXT.has(type)) {
        extendRun(token.start.offset, token.end.offset);
      } else if (type === 'lineEnding') {
        if (lineEndingTaken) lineEndingTaken = false;
        else if (KEEPS_LINE_ENDINGS.has(open[open.length - 1])) extendRun(token.start.offset, token.end.offset);
      }
    } else if (NODES.has(type)) {
      endRun();
      open.pop();
      if (type === 'hardBreakEscape' || type === 'hardBreakTrailing') lineEndingTaken = true;
    } else if (type === 'setextHeadingText') {
      lineEndingTaken = true;
    } else if (type === 'setextHeadingLineSequence') {
      lineEndingTaken = false;
    }
  }
  endRun();
  parts.sort((a, b) => a.span.start - b.span.start);
  // Front matter (`---` … `---` at the top) is metadata, not a heading or math.
  const front = /^\uFEFF?---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return front ? parts.filter((p) => p.span.start >= front[0].length) : parts;
}

/** `\(…\)` and `\[…\]` in running text (Markdown reads the backslashes as escapes; students mean math). */
function bracketMath(text: string, start: number, end: number, parts: DocumentPart[]): void {
  const source = text.slice(start, end);
  const pattern = /\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]/g;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    const s = start + m.index;
    parts.push({
      kind: 'math',
      span: { start: s, end: s + m[0].length },
      contentStart: s + 2,
      contentEnd: s + m[0].length - 2,
    });
  }
}

/** Lines of a paragraph that start with "Problem 2", "Question 1:" and the like. */
function linesThatAreHeadings(text: string, start: number, end: number, parts: DocumentPart[]): void {
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const found = headingAtLineStart(text.slice(lineStart, lineEnd), lineStart);
    if (found) parts.push(found);
    lineStart = lineEnd + 1;
  }
}

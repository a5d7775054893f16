/**
 * The document level of a Markdown homework: where its math is and where its
 * problems and questions start. markdown-it (CommonMark, the parser of VS
 * Code's own preview) finds the blocks and inline code, HTML and links, so `$`
 * inside code, `\$` and the like are what Markdown says they are; every
 * position is an offset into the file.
 *
 * Math is micromark-extension-math's (remark-math's), not pandoc's: text math
 * is a run of n `$` closed by the next run of exactly n `$`, read raw like a
 * code span; a line starting with `$$` (two or more) whose rest holds no `$`
 * opens a math block closed by a line of at least as many `$` (like a code
 * fence; unclosed, it runs to its container's end, and ends with its last line
 * that is not blank), so `$$x$$` on one line is text math. `\(…\)` and
 * `\[…\]` are math in running text. A problem or question starts at an ATX
 * heading, the first line of a setext heading, or a paragraph line that reads
 * "Problem 2" or "Question 1:".
 *
 * What it reads: math, headings and paragraphs anywhere in the flow (lists,
 * quotes), and the text between inline constructs; never code, HTML, link
 * targets, definitions or an image's text. markdown-it gives inline tokens no
 * positions: the rules that matter are wrapped to note where they start and
 * end in their block's text, and a block's text is mapped back to the file
 * line by line at its block rule (each line is a suffix of its source line;
 * spaces markdown-it makes up from a tab have no offset). A block whose text
 * cannot be proven to be the file's, or whose math would start or end in
 * made-up spaces, is read as holding no math: never a wrong offset.
 *
 * Example: `## Problem 2\n\nWe have $x = 3$.` gives a problem heading `2`
 * and one math block whose content is `x = 3` (offsets 24 to 29).
 */
import MarkdownIt from 'markdown-it';
import { firstIndexWhere } from '../text/sorted';
import { markdownHeadingAt, dollarMathPart, headingAtLineStart, mayStartHeading, type DocumentPart } from './outline';

type StateBlock = MarkdownIt.StateBlock;
type StateInline = MarkdownIt.StateInline;
type Token = MarkdownIt.Token;
type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
type InlineRule = (state: StateInline, silent: boolean) => boolean;

const DOLLAR = 0x24;

/** An inline block's text (a paragraph's or heading's, trimmed) as pieces of the normalized source, one per line. */
interface InlineText {
  /** Where each line starts in the untrimmed text; the text's offset x is the untrimmed `x + lead`. */
  readonly pieceStart: number[];
  /** Where each line's first real character is in markdown-it's source. */
  readonly sourceStart: number[];
  /** Spaces markdown-it made up from a tab at each line's start (none in the file). */
  readonly virtual: number[];
  readonly lead: number;
  /** Intervals of the text that end a run of prose: inline constructs, or their markers. */
  readonly breaks: number[];
  /** Intervals of the text that are text math. */
  readonly math: number[];
  /** Emphasis delimiter tokens and where each is: a break only if it became a marker. */
  readonly delimiters: { token: Token; at: number }[];
}

/** What one reading collects; it travels in markdown-it's `env`. */
interface Reading {
  readonly text: string;
  /** Offsets in markdown-it's source (CRLF read as LF) where a CRLF's LF stands. */
  readonly crlf: number[];
  /** 1 when the file starts with a byte order mark: no character of the document (markdown-it reads the rest). */
  readonly bom: number;
  readonly parts: DocumentPart[];
  readonly inline: Map<Token[], InlineText>;
}

interface Env {
  reading: Reading;
}

const md = createParser();

export function readMarkdownOutline(text: string): DocumentPart[] {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = bom ? text.slice(1) : text;
  const reading: Reading = { text, crlf: crlfOffsets(source), bom, parts: [], inline: new Map() };
  md.parse(source, { reading } satisfies Env);
  lastTokens = lastText = runsState = undefined;
  const parts = reading.parts.sort((a, b) => a.span.start - b.span.start);
  // Front matter (`---` … `---` at the top) is metadata, not a heading or math.
  const front = /^\uFEFF?---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return front ? parts.filter((p) => p.span.start >= front[0].length) : parts;
}

function createParser(): MarkdownIt.MarkdownIt {
  // CommonMark alone (no tables or strikethrough, as micromark without GFM), HTML recognized so that it hides math.
  const parser = new MarkdownIt('commonmark', { html: true, maxNesting: 100 });
  parser.core.ruler.disable(['text_join']);
  const block = parser.block.ruler;
  block.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  block.before('paragraph', 'math_text_line', textMathLine);
  wrapBlockRule(parser, 'paragraph');
  wrapBlockRule(parser, 'lheading');
  wrapBlockRule(parser, 'heading');
  // Text right after a definition continues the paragraph the definition was read from (CommonMark reads
  // definitions out of paragraphs): there only a block that may interrupt a paragraph starts.
  wrapBlockRuleTest(parser, 'code', (state, startLine) => !afterDefinition(state, startLine));
  wrapBlockRuleTest(
    parser,
    'html_block',
    (state, startLine, endLine, original) =>
      !afterDefinition(state, startLine) || original(state, startLine, endLine, true),
  );
  wrapBlockRuleTest(parser, 'list', (state, startLine, endLine, original) => {
    if (!afterDefinition(state, startLine)) return true;
    // Asked as a paragraph would ask: a list that cannot interrupt one (`2.`, an empty item) does not start.
    const parentType = state.parentType;
    state.parentType = 'paragraph';
    const may = original(state, startLine, endLine, true);
    state.parentType = parentType;
    return may;
  });
  for (const name of ['fence', 'blockquote', 'hr', 'list', 'html_block', 'heading'])
    wrapBlockRuleTest(parser, name, (state, startLine) => !indentedCode(state, startLine));
  // After a definition an indented line is paragraph text, so it may be a setext heading's (markdown-it's rule
  // takes four columns for indented code there).
  const lheading = block.__rules__[block.__find__('lheading')];
  const setext: BlockRule = lheading.fn;
  block.at(
    'lheading',
    (state, startLine, endLine, silent) => {
      const columns = state.sCount[startLine];
      if (!afterDefinition(state, startLine) || columns - state.blkIndent < 4)
        return setext(state, startLine, endLine, silent);
      state.sCount[startLine] = state.blkIndent;
      try {
        return setext(state, startLine, endLine, silent);
      } finally {
        state.sCount[startLine] = columns;
      }
    },
    { alt: lheading.alt },
  );
  const inline = parser.inline.ruler;
  inline.after('escape', 'math_inline', mathInline);
  wrapInlineRule(parser, 'newline', (state, start) => {
    if (lastToken(state)?.type === 'hardbreak') note(state, 'breaks', start, start + 1);
  });
  wrapInlineRule(parser, 'escape', (state, start) => {
    if (lastToken(state)?.type === 'hardbreak') note(state, 'breaks', start, start + 2);
  });
  wrapInlineRule(parser, 'backticks', (state, start) => {
    if (lastToken(state)?.type === 'code_inline') note(state, 'breaks', start, state.pos);
  });
  wrapInlineRule(parser, 'html_inline', (state, start) => note(state, 'breaks', start, state.pos), htmlSpecialEnds);
  wrapInlineRule(parser, 'image', (state, start) => note(state, 'breaks', start, state.pos));
  wrapInlineRule(parser, 'autolink', (state, start) => {
    // The `<` and `>` end runs; the address between them is text, as micromark reads it.
    note(state, 'breaks', start, start + 1);
    note(state, 'breaks', state.pos - 1, state.pos);
  });
  wrapInlineRule(parser, 'link', (state, start) => {
    // The label is prose; the `](target "title")` or `][ref]` after it is not.
    const end = state.pos;
    const labelEnd = state.md.helpers.parseLinkLabel(state, start, true);
    state.pos = end;
    note(state, 'breaks', start, start + 1);
    note(state, 'breaks', labelEnd >= 0 ? labelEnd : start + 1, end);
  });
  wrapInlineRule(parser, 'emphasis', (state, start) => {
    const text = inlineText(state);
    if (!text) return;
    const count = state.pos - start;
    for (let i = 0; i < count; i++)
      text.delimiters.push({ token: state.tokens[state.tokens.length - count + i], at: start + i });
  });
  // After emphasis has turned delimiters into markers and before adjacent text tokens are joined.
  parser.inline.ruler2.after('emphasis', 'homework_outline', readInlineBlock);
  return parser;
}

/** The inline block being parsed, or undefined inside an image's text (parsed apart, and never read). */
function inlineText(state: StateInline): InlineText | undefined {
  if (state.tokens !== lastTokens) {
    lastTokens = state.tokens;
    lastText = readingOf(state).inline.get(state.tokens);
  }
  return lastText;
}

/** The last inline block looked up: every rule of one inline parse asks for the same one. */
let lastTokens: Token[] | undefined;
let lastText: InlineText | undefined;

function readingOf(state: { env: unknown }): Reading {
  return (state.env as Env).reading;
}

function lastToken(state: StateInline): Token | undefined {
  return state.tokens[state.tokens.length - 1];
}

function note(state: StateInline, list: 'breaks' | 'math', start: number, end: number): void {
  inlineText(state)?.[list].push(start, end);
}

function wrapInlineRule(
  parser: MarkdownIt.MarkdownIt,
  name: string,
  after: (state: StateInline, start: number) => void,
  before?: (state: StateInline) => void,
): void {
  const ruler = parser.inline.ruler;
  const rule = ruler.__rules__[ruler.__find__(name)];
  const original: InlineRule = rule.fn;
  ruler.at(
    name,
    (state, silent) => {
      const start = state.pos;
      before?.(state);
      if (!original(state, silent)) return false;
      if (!silent) after(state, start);
      return true;
    },
    { alt: rule.alt },
  );
}

/** A block rule that first asks `may` whether a block can start on the line. */
function wrapBlockRuleTest(
  parser: MarkdownIt.MarkdownIt,
  name: string,
  may: (state: StateBlock, line: number, endLine: number, original: BlockRule) => boolean,
): void {
  const ruler = parser.block.ruler;
  const rule = ruler.__rules__[ruler.__find__(name)];
  const original: BlockRule = rule.fn;
  ruler.at(
    name,
    (state, startLine, endLine, silent) =>
      may(state, startLine, endLine, original) && original(state, startLine, endLine, silent),
    { alt: rule.alt },
  );
}

/** The line right after a link reference definition (no blank line between). */
function afterDefinition(state: StateBlock, line: number): boolean {
  const last = state.tokens[state.tokens.length - 1];
  return last?.type === 'reference_definition' && last.map?.[1] === line;
}

/** The block rules whose text is inline: a paragraph, a setext heading (`lheading`) and an ATX heading. */
type InlineBlockRule = 'paragraph' | 'lheading' | 'heading';

function wrapBlockRule(parser: MarkdownIt.MarkdownIt, name: InlineBlockRule): void {
  const ruler = parser.block.ruler;
  const rule = ruler.__rules__[ruler.__find__(name)];
  const original: BlockRule = rule.fn;
  ruler.at(
    name,
    (state, startLine, endLine, silent) => {
      const before = state.tokens.length;
      if (!original(state, startLine, endLine, silent)) return false;
      if (!silent) {
        for (let i = before; i < state.tokens.length; i++) {
          const token = state.tokens[i];
          if (token.type === 'inline' && token.children) readBlock(state, token, startLine, name);
        }
      }
      return true;
    },
    { alt: rule.alt },
  );
}

/**
 * At the block rule, while markdown-it's line marks still hold the container
 * prefixes: where the block's lines are in the source, and its headings.
 */
function readBlock(state: StateBlock, token: Token, startLine: number, rule: InlineBlockRule): void {
  const reading = readingOf(state);
  const src = state.src;
  const lineStart = state.bMarks[startLine] + state.tShift[startLine];
  if (rule === 'heading') {
    // An ATX heading: its text follows the `#`s on one line.
    headingAt(reading, lineStart, state.eMarks[startLine]);
    let textStart = lineStart;
    while (src.charCodeAt(textStart) === 0x23) textStart++;
    while (textStart < state.eMarks[startLine] && isAsciiTrimmable(src.charCodeAt(textStart))) textStart++;
    if (!src.startsWith(token.content, textStart)) return;
    reading.inline.set(token.children!, newInlineText(0, [0], [textStart], [0]));
    return;
  }
  const endLine = token.map ? token.map[1] : startLine + 1;
  const text = linePieces(state, startLine, endLine, token.content);
  if (!text) return;
  reading.inline.set(token.children!, text);
  const start = toFile(reading, toSource(text, 0));
  if (rule === 'paragraph') {
    linesThatAreHeadings(reading.text, start, toFile(reading, toSource(text, token.content.length)), reading.parts);
    return;
  }
  // A setext heading (its text, then a line of `=` or `-`): a heading when its first line reads "Problem 2".
  const firstLineEnd = token.content.indexOf('\n');
  const end = toFile(reading, toSource(text, firstLineEnd < 0 ? token.content.length : firstLineEnd));
  const found = headingAtLineStart(reading.text.slice(start, end), start);
  if (found) reading.parts.push(found);
}

/**
 * The block's text as markdown-it builds it (`getLines` with the block's
 * indent, then trimmed), each line noted with where it is in the source;
 * undefined when the rebuilt text is not markdown-it's.
 */
function linePieces(state: StateBlock, startLine: number, endLine: number, content: string): InlineText | undefined {
  const src = state.src;
  const indent = state.blkIndent;
  // One entry a line, made at their size: an array grown by push keeps room for 17 (most blocks are one line).
  const lines = endLine - startLine;
  const pieceStart = new Array<number>(lines);
  const sourceStart = new Array<number>(lines);
  const virtual = new Array<number>(lines);
  let length = 0;
  for (let line = startLine; line < endLine; line++) {
    // As StateBlock.getLines: skip the block's indent, counting a tab to its stop.
    let lineIndent = 0;
    const begin = state.bMarks[line];
    let first = begin;
    const last = line + 1 < endLine ? state.eMarks[line] + 1 : state.eMarks[line];
    while (first < last && lineIndent < indent) {
      const ch = src.charCodeAt(first);
      if (ch === 0x20 || ch === 0x09) {
        lineIndent += ch === 0x09 ? 4 - ((lineIndent + state.bsCount[line]) % 4) : 1;
      } else if (first - begin < state.tShift[line]) {
        lineIndent++;
      } else break;
      first++;
    }
    const made = lineIndent > indent ? lineIndent - indent : 0;
    pieceStart[line - startLine] = length;
    sourceStart[line - startLine] = first;
    virtual[line - startLine] = made;
    length += made + last - first;
  }
  // The untrimmed text's character at x: a made-up space, or the source's.
  let piece = 0;
  const charAt = (x: number) => {
    while (piece + 1 < pieceStart.length && pieceStart[piece + 1] <= x) piece++;
    const into = x - pieceStart[piece] - virtual[piece];
    return into < 0 ? 0x20 : src.charCodeAt(sourceStart[piece] + into);
  };
  let lead = 0;
  while (lead < length && isAsciiTrimmable(charAt(lead))) lead++;
  // Proof that the text is markdown-it's: every character matches (no string is built). One line with no made-up
  // space (most blocks) is one comparison.
  if (lead + content.length > length) return undefined;
  if (pieceStart.length === 1 && virtual[0] === 0) {
    if (!src.startsWith(content, sourceStart[0] + lead)) return undefined;
  } else {
    for (let i = 0; i < content.length; i++) if (charAt(lead + i) !== content.charCodeAt(i)) return undefined;
  }
  return newInlineText(lead, pieceStart, sourceStart, virtual);
}

function newInlineText(lead: number, pieceStart: number[], sourceStart: number[], virtual: number[]): InlineText {
  return { pieceStart, sourceStart, virtual, lead, breaks: [], math: [], delimiters: [] };
}

/**
 * An offset of the block's text in markdown-it's source: where it is, or, when it falls in spaces made up from a
 * tab, where its line's first real character is (see `isMadeUp`).
 */
function toSource(text: InlineText, offset: number): number {
  const line = lineOf(text, offset);
  const into = offset + text.lead - text.pieceStart[line] - text.virtual[line];
  return text.sourceStart[line] + Math.max(0, into);
}

/** Whether an offset of the block's text falls in spaces markdown-it made up from a tab (none in the file). */
function isMadeUp(text: InlineText, offset: number): boolean {
  const line = lineOf(text, offset);
  return offset + text.lead - text.pieceStart[line] - text.virtual[line] < 0;
}

/** The line of the block's text an offset is on. */
function lineOf(text: InlineText, offset: number): number {
  const x = offset + text.lead;
  const { pieceStart } = text;
  // The last line starting at or before x (the first line starts at 0).
  return Math.max(0, firstIndexWhere(pieceStart.length, (k) => pieceStart[k] > x) - 1);
}

/** markdown-it's source offset as an offset in the file: the source reads each CRLF as one LF. */
function toFile(reading: Reading, offset: number): number {
  const crlf = reading.crlf;
  if (crlf.length === 0) return offset + reading.bom;
  // One more character in the file for each CR LF before the offset.
  return offset + firstIndexWhere(crlf.length, (k) => crlf[k] >= offset) + reading.bom;
}

function crlfOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('\r\n'); at >= 0; at = text.indexOf('\r\n', at + 2)) offsets.push(at - offsets.length);
  return offsets;
}

/**
 * The end of an inline parse (markdown-it's second inline pass, right after
 * emphasis): the block's math, and `\(…\)`/`\[…\]` in each run of prose
 * between its inline constructs.
 */
function readInlineBlock(state: StateInline): boolean {
  if (state === runsState) runsState = undefined;
  const text = inlineText(state);
  if (!text) return false;
  const reading = readingOf(state);
  const { breaks, math } = text;
  for (const { token, at } of text.delimiters) {
    // Matched delimiters became markers (the second `*` of `**` an empty text); unmatched ones stay text.
    if (token.type !== 'text' || token.content === '') breaks.push(at, at + 1);
  }
  // Never guess: a span ending in spaces markdown-it made up has no offset in the file, and the block gives no math.
  for (let i = 0; i < math.length; i++) if (isMadeUp(text, math[i])) return false;
  const parts = reading.parts;
  for (let i = 0; i < math.length; i += 2)
    parts.push(
      dollarMathPart(
        reading.text,
        toFile(reading, toSource(text, math[i])),
        toFile(reading, toSource(text, math[i + 1])),
      ),
    );
  // Runs of prose are the stretches between breaks (pairs of offsets, sorted by start).
  const order: number[] = [];
  for (let i = 0; i < breaks.length; i += 2) order.push(i);
  order.sort((a, b) => breaks[a] - breaks[b]);
  const src = state.src;
  let runStart = 0;
  /** The first backslash at or after the last run's start: most runs have none, and the search stays linear. */
  let backslash = -1;
  const endRun = (runEnd: number) => {
    if (backslash < runStart) {
      backslash = src.indexOf('\\', runStart);
      if (backslash < 0) backslash = src.length;
    }
    if (backslash < runEnd) {
      bracketMath(
        reading.text,
        toFile(reading, toSource(text, runStart)),
        toFile(reading, toSource(text, runEnd)),
        parts,
      );
    }
  };
  for (const i of order) {
    endRun(breaks[i]);
    runStart = Math.max(runStart, breaks[i + 1]);
  }
  endRun(src.length);
  return false;
}

const lastTerminators = new WeakMap<StateInline, Map<string, number>>();

/**
 * Before markdown-it reads inline HTML: whether a comment, CDATA, processing
 * instruction or declaration starting here has its terminator somewhere after
 * it. markdown-it remembers one missing terminator for the whole paragraph, and
 * so missed a complete `<!-- … -->` read again after a `[` that was no link
 * found an unclosed `<!x` further on; this answers it for each terminator
 * (where it last occurs), as cheaply.
 */
function htmlSpecialEnds(state: StateInline): void {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x3c /* < */) return;
  let terminator: string;
  let from: number;
  if (src.startsWith('<!--', pos)) [terminator, from] = ['-->', pos + 4];
  else if (src.startsWith('<![CDATA[', pos)) [terminator, from] = [']]>', pos + 9];
  else if (src.charCodeAt(pos + 1) === 0x3f /* ? */) [terminator, from] = ['?>', pos + 2];
  else if (src.charCodeAt(pos + 1) === 0x21 /* ! */) [terminator, from] = ['>', pos + 3];
  else return;
  let last = lastTerminators.get(state);
  if (!last) lastTerminators.set(state, (last = new Map()));
  let at = last.get(terminator);
  if (at === undefined) last.set(terminator, (at = src.lastIndexOf(terminator)));
  state.skipHtmlSpecial = at < from;
}

/**
 * Whether `text[start, end)` is one text math and nothing else: a run of n `$`, text without `$`, and a run of
 * exactly n `$` at its end (`$$x = 2$$`). The math rule reads just that from it.
 */
function isTextMathAlone(text: string, start: number, end: number): boolean {
  let opening = start;
  while (opening < end && text.charCodeAt(opening) === DOLLAR) opening++;
  let closing = end;
  while (closing > opening && text.charCodeAt(closing - 1) === DOLLAR) closing--;
  return (
    opening > start && closing > opening && end - closing === opening - start && text.indexOf('$', opening) === closing
  );
}

/**
 * A paragraph of one line that is one text math alone (`$$x = 2$$`, then a blank line or the container's end),
 * read as the paragraph rule and `readBlock` would read it, without the paragraph's tokens and its text: the
 * commonest block of a homework. It runs right before the paragraph rule, where nothing else took the line, and
 * declines whatever the paragraph rule may read otherwise (a next line that would continue it, a line after a
 * definition, which continues the definition's paragraph).
 */
function textMathLine(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (silent || state.sCount[startLine] - state.blkIndent >= 4 || indentedCode(state, startLine)) return false;
  const next = startLine + 1;
  if ((next < endLine && !state.isEmpty(next)) || afterDefinition(state, startLine)) return false;
  const src = state.src;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  let end = state.eMarks[startLine];
  // The paragraph's text is its line trimmed; a line that ends in `$` after its blanks trims to exactly this.
  while (end > start && (src.charCodeAt(end - 1) === 0x20 || src.charCodeAt(end - 1) === 0x09)) end--;
  if (!isTextMathAlone(src, start, end)) return false;
  state.line = next;
  state.push('math_text_line', 'math', 0).map = [startLine, next];
  const reading = readingOf(state);
  reading.parts.push(dollarMathPart(reading.text, toFile(reading, start), toFile(reading, end)));
  return true;
}

/** Text math: a run of n `$` closed by the next run of exactly n `$`, its content raw (a code span's rule). */
function mathInline(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  const src = state.src;
  if (src.charCodeAt(start) !== DOLLAR) return false;
  const max = state.posMax;
  let pos = start + 1;
  while (pos < max && src.charCodeAt(pos) === DOLLAR) pos++;
  const size = pos - start;
  const runs = lastDollarRuns(state);
  if ((runs[size] ?? -1) >= pos) {
    for (let at = src.indexOf('$', pos); at >= 0 && at < max; at = src.indexOf('$', at)) {
      let end = at + 1;
      while (src.charCodeAt(end) === DOLLAR) end++;
      if (end > max) break;
      if (end - at === size) {
        if (!silent) {
          // The token marks where the math stood; the math itself is read from the file, by its offsets.
          state.push('math_inline', 'math', 0);
          note(state, 'math', start, end);
          note(state, 'breaks', start, end);
        }
        state.pos = end;
        return true;
      }
      at = end;
    }
  }
  // No closing run: the opening run is text, all of it (a `$` right after a `$` opens nothing).
  if (!silent) state.pending += src.slice(start, pos);
  state.pos = pos;
  return true;
}

/** The runs of the inline parse under way (see `lastDollarRuns`): one at a time, but for an image's text inside it. */
let runsState: StateInline | undefined;
let runsOfState: number[] = [];
/** The runs of a parse another one started inside (an image's text) before it ended. */
const dollarRuns = new WeakMap<StateInline, number[]>();

/** Where the last run of each length of `$` starts, so that an opener without a closer fails at once. */
function lastDollarRuns(state: StateInline): number[] {
  if (state === runsState) return runsOfState;
  // Kept for the parse under way alone: a map entry for every block cost more than the search it saves.
  let runs = dollarRuns.get(state);
  if (runsState) dollarRuns.set(runsState, runsOfState);
  runsState = state;
  if (runs) return (runsOfState = runs);
  runs = [];
  const src = state.src;
  for (let at = src.indexOf('$'); at >= 0; at = src.indexOf('$', at)) {
    const start = at;
    while (src.charCodeAt(at) === DOLLAR) at++;
    runs[at - start] = start;
  }
  return (runsOfState = runs);
}

/** A math block: a line of two or more `$` and no other `$`, to a line of as many or more (or its container's end). */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const src = state.src;
  const open = state.bMarks[startLine] + state.tShift[startLine];
  const openLineEnd = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (indentedCode(state, startLine)) return false;
  if (src.charCodeAt(open) !== DOLLAR) return false;
  const sequenceEnd = state.skipChars(open, DOLLAR);
  const size = sequenceEnd - open;
  if (size < 2) return false;
  const dollar = src.indexOf('$', sequenceEnd);
  if (dollar >= 0 && dollar < openLineEnd) return false;
  if (silent) return true;
  let nextLine = startLine;
  let closed = false;
  for (;;) {
    nextLine++;
    if (nextLine >= endLine) break;
    const lineStart = state.bMarks[nextLine] + state.tShift[nextLine];
    const lineEnd = state.eMarks[nextLine];
    if (lineStart < lineEnd && state.sCount[nextLine] < state.blkIndent) break;
    if (src.charCodeAt(lineStart) !== DOLLAR) continue;
    if (state.sCount[nextLine] - state.blkIndent >= 4) continue;
    const closeEnd = state.skipChars(lineStart, DOLLAR);
    if (closeEnd - lineStart < size) continue;
    if (state.skipSpaces(closeEnd) < lineEnd) continue;
    closed = true;
    break;
  }
  state.line = nextLine + (closed ? 1 : 0);
  const token = state.push('math_block', 'math', 0);
  token.map = [startLine, state.line];
  const reading = readingOf(state);
  // Unclosed, it ends with its last line that is not blank (blank lines at its container's end are not its).
  let lastLine = closed ? nextLine : nextLine - 1;
  while (!closed && lastLine > startLine && state.isEmpty(lastLine)) lastLine--;
  const start = toFile(reading, open);
  const end = toFile(reading, state.eMarks[lastLine]);
  const part = dollarMathPart(reading.text, start, end);
  // Unclosed, its last line is content even if it is made of `$`.
  reading.parts.push(closed ? part : { ...part, contentEnd: Math.max(part.contentStart, end) });
  return true;
}

/**
 * A line that would be indented code where it is read, which cannot interrupt
 * a paragraph, so it starts no block there (CommonMark's lazy continuation;
 * markdown-it's list rule makes the same test): below a list item's indent but
 * four columns past the list's container, or a lazy line of a quote (its
 * columns lost to markdown-it's -1) with four columns of its own.
 */
function indentedCode(state: StateBlock, line: number): boolean {
  const columns = state.sCount[line];
  if (columns < 0) {
    let width = 0;
    for (let at = state.bMarks[line]; at < state.bMarks[line] + state.tShift[line]; at++)
      width += state.src.charCodeAt(at) === 0x09 ? 4 - (width % 4) : 1;
    return width >= 4;
  }
  return state.listIndent >= 0 && columns - state.listIndent >= 4 && columns < state.blkIndent;
}

function isAsciiTrimmable(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** A heading between two offsets of markdown-it's source. */
function headingAt(reading: Reading, start: number, end: number): void {
  const found = markdownHeadingAt(reading.text, toFile(reading, start), toFile(reading, end));
  if (found) reading.parts.push(found);
}

/**
 * `\(…\)` and `\[…\]` in running text (Markdown reads the backslashes as
 * escapes; students mean math): the leftmost opener that has a closer after
 * it, to the first such closer, and on after it. Each search goes forward
 * only, so a run of openers without closers costs one pass, not one per opener.
 */
function bracketMath(text: string, start: number, end: number, parts: DocumentPart[]): void {
  const next = { open: ['\\(', '\\['], close: ['\\)', '\\]'] };
  /** Where each opener and closer next occurs at or after the search point (end when none). */
  const opens = [-1, -1];
  const closes = [-1, -1];
  const find = (found: number[], kind: 0 | 1, what: string[], from: number) => {
    if (found[kind] < from) {
      const at = text.indexOf(what[kind], from);
      found[kind] = at < 0 || at + 2 > end ? end : at;
    }
    return found[kind];
  };
  let pos = start;
  while (pos < end) {
    let best = -1;
    let kind: 0 | 1 = 0;
    for (const k of [0, 1] as const) {
      const open = find(opens, k, next.open, pos);
      if (open >= end || find(closes, k, next.close, open + 2) >= end) continue;
      if (best < 0 || open < best) [best, kind] = [open, k];
    }
    if (best < 0) return;
    const close = closes[kind];
    parts.push({ kind: 'math', span: { start: best, end: close + 2 }, contentStart: best + 2, contentEnd: close });
    pos = close + 2;
  }
}

/** Lines of a paragraph that start with "Problem 2", "Question 1:" and the like (lines end at LF, CR LF or CR). */
function linesThatAreHeadings(text: string, start: number, end: number, parts: DocumentPart[]): void {
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = lineStart;
    while (lineEnd < end && text.charCodeAt(lineEnd) !== 0x0a && text.charCodeAt(lineEnd) !== 0x0d) lineEnd++;
    if (mayStartHeading(text, lineStart, lineEnd)) {
      const heading = headingAtLineStart(text.slice(lineStart, lineEnd), lineStart);
      if (heading) parts.push(heading);
    }
    // The next line starts after LF, CR LF or CR.
    lineStart = lineEnd + (text.startsWith('\r\n', lineEnd) && lineEnd + 1 < end ? 2 : 1);
  }
}

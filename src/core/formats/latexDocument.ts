/**
 * The document level of a LaTeX homework: `\section{Problem 1}`,
 * `\subsection*{Question 2}`, lines that start with "Problem 2", and the math
 * (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, `equation`, `align` and friends), found
 * by latex-utensils (the parser LaTeX Workshop uses), with file offsets.
 *
 * A document latex-utensils cannot parse (an unbalanced brace somewhere) is
 * still read: the math delimiters and sections are then found by a plain
 * scan, which reads every homework in the tests as the parser does. Which of
 * the two reads a file depends on the file alone, never on the machine's
 * speed: the parser's backtracking grows exponentially with unmatched `(`,
 * `[` or `{` inside math (`\[ [([([([([( \]` takes seconds), so such a file,
 * or a very long one, goes to the scan before the parser is tried.
 *
 * Example: `\section{Problem 1}\n$x = 2$` gives a problem heading `1` and
 * one math block whose content is `x = 2`.
 */
import { latexParser } from 'latex-utensils';
import { headingAtLineStart, type DocumentPart } from './outline';

/**
 * Unmatched `(`, `[` and `{` one math region may hold for the parser: its
 * backtracking doubles with each (about 30 ms at 8, seconds at 20).
 */
const MAX_UNMATCHED_OPENERS = 6;
/** Longer files go to the scan: the parser takes about 1 ms per 1,000 characters, and it cannot be sliced. */
const MAX_PARSED_LENGTH = 200_000;
/**
 * A last guard for input the checks above let through: a parse this long gives up and the scan reads the file.
 * Far above any homework's parse (a 100,000-character file takes about 60 ms), so load never decides it.
 */
const PARSE_TIMEOUT_MS = 5000;

const SECTIONS = new Set(['section', 'subsection', 'subsubsection', 'paragraph', 'part', 'chapter']);

interface LatexNode {
  readonly kind: string;
  readonly name?: string;
  readonly location?: { start: { offset: number }; end: { offset: number } };
  readonly content?: unknown;
  readonly args?: unknown;
}

export function readLatexOutline(text: string): DocumentPart[] {
  const scan = scanDocument(text);
  if (text.length > MAX_PARSED_LENGTH || scan.maxUnmatchedOpeners > MAX_UNMATCHED_OPENERS) return scan.parts;
  // The LaTeX parser rejects a malformed document, or gives up at its time limit: the scan reads it instead.
  return parsedOutline(text) ?? scan.parts;
}

/** The parts as latex-utensils finds them, or undefined where it rejects the document. */
export function parsedOutline(text: string): DocumentPart[] | undefined {
  let nodes: LatexNode[];
  try {
    nodes = latexParser.parse(text, { timeout: PARSE_TIMEOUT_MS }).content as unknown as LatexNode[];
  } catch (_rejected) {
    return undefined;
  }
  const parts: DocumentPart[] = [];
  const math: { start: number; end: number }[] = [];
  const stack: LatexNode[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    const loc = node.location;
    if (node.kind === 'inlineMath' || node.kind === 'displayMath') {
      if (loc) {
        const open = text.startsWith('$$', loc.start.offset) || text[loc.start.offset] === '\\' ? 2 : 1;
        parts.push(mathPart(loc.start.offset, loc.end.offset, loc.start.offset + open, loc.end.offset - open));
        math.push({ start: loc.start.offset, end: loc.end.offset });
      }
      continue;
    }
    if (node.kind.startsWith('env.math') && loc && node.name) {
      const begin = text.indexOf('}', loc.start.offset) + 1;
      const end = text.lastIndexOf('\\end', loc.end.offset);
      if (begin > 0 && end >= begin) parts.push(mathPart(loc.start.offset, loc.end.offset, begin, end));
      math.push({ start: loc.start.offset, end: loc.end.offset });
      continue;
    }
    if (node.kind === 'command' && node.name && SECTIONS.has(node.name.replace(/\*$/, '')) && loc) {
      const open = text.indexOf('{', loc.start.offset);
      const close = loc.end.offset - 1;
      if (open >= 0 && open < close) {
        const heading = headingAtLineStart(text.slice(open + 1, close), open + 1);
        if (heading) parts.push(heading);
      }
      continue;
    }
    for (const key of ['content', 'args'] as const) {
      const children = node[key];
      if (Array.isArray(children)) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as LatexNode);
    }
  }
  parts.push(...runningHeadings(text, math));
  parts.sort((a, b) => a.span.start - b.span.start);
  return parts;
}

function mathPart(start: number, end: number, contentStart: number, contentEnd: number): DocumentPart {
  return { kind: 'math', span: { start, end }, contentStart, contentEnd };
}

/** Lines of running text that start with "Problem 2" or "Question 1:" (optionally in `\textbf{…}`). */
function runningHeadings(text: string, math: readonly { start: number; end: number }[]): DocumentPart[] {
  const parts: DocumentPart[] = [];
  // Lines come in file order: one pass over the math by start, dropping what ends before the line (linear).
  const byStart = [...math].sort((a, b) => a.start - b.start);
  let next = 0;
  const line = /^([ \t]*(?:\\noindent[ \t]*)?(?:\\textbf\{|\\emph\{)?)([^\n]*)$/gm;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    // An empty match must move on by hand, or exec finds it again forever.
    if (m[0].length === 0) line.lastIndex++;
    const at = m.index + m[1].length;
    while (next < byStart.length && byStart[next].end <= at) next++;
    if (next < byStart.length && byStart[next].start <= at) continue;
    const heading = headingAtLineStart(m[2].replace(/\}.*$/, ''), at);
    if (heading) parts.push(heading);
  }
  return parts;
}

/** What the scan found: the parts, and the most unmatched openers in one math region (see MAX_UNMATCHED_OPENERS). */
interface DocumentScan {
  readonly parts: DocumentPart[];
  readonly maxUnmatchedOpeners: number;
}

const MATH_PATTERN = new RegExp(
  [
    String.raw`\$\$([\s\S]*?)\$\$`,
    String.raw`\\\[([\s\S]*?)\\\]`,
    String.raw`\\\(([\s\S]*?)\\\)`,
    String.raw`\\begin\{(equation\*?|align\*?|gather\*?|multline\*?|flalign\*?|alignat\*?|displaymath|math)\}([\s\S]*?)\\end\{\4\}`,
    String.raw`(?<!\\)\$([^$]*?)\$`,
  ].join('|'),
  'g',
);

const SECTION_PATTERN =
  /\\(?:part|chapter|section|subsection|subsubsection|paragraph)\*?[ \t]*(?:\[[^\]\n]*\][ \t]*)?\{/g;

/**
 * The math delimiters, sections and running headings by a plain scan of the text without its comments and
 * verbatim parts: what reads a file the parser may not (see MAX_UNMATCHED_OPENERS).
 */
export function scanDocument(text: string): DocumentScan {
  const visible = withoutCommentsAndVerbatim(text);
  const parts: DocumentPart[] = [];
  const math: { start: number; end: number }[] = [];
  let maxUnmatchedOpeners = 0;
  MATH_PATTERN.lastIndex = 0;
  for (let m = MATH_PATTERN.exec(visible); m; m = MATH_PATTERN.exec(visible)) {
    const start = m.index;
    const end = start + m[0].length;
    const content = m[1] ?? m[2] ?? m[3] ?? m[5] ?? m[6] ?? '';
    const contentStart = start + m[0].indexOf(content, m[4] ? m[4].length + 8 : 1);
    parts.push(mathPart(start, end, contentStart, contentStart + content.length));
    math.push({ start, end });
    maxUnmatchedOpeners = Math.max(maxUnmatchedOpeners, unmatchedOpeners(visible, start, end));
  }
  SECTION_PATTERN.lastIndex = 0;
  for (let m = SECTION_PATTERN.exec(visible); m; m = SECTION_PATTERN.exec(visible)) {
    const open = m.index + m[0].length - 1;
    const close = closingBrace(visible, open);
    if (close < 0) continue;
    const heading = headingAtLineStart(text.slice(open + 1, close), open + 1);
    if (heading) parts.push(heading);
  }
  parts.push(...runningHeadings(text, math));
  parts.sort((a, b) => a.span.start - b.span.start);
  return { parts, maxUnmatchedOpeners };
}

/** The text with comments and verbatim environments blanked out, offsets kept (line endings stay). */
function withoutCommentsAndVerbatim(text: string): string {
  const opaque =
    /(?<!\\)%[^\n]*|\\begin\{(verbatim\*?|lstlisting|minted)\}[\s\S]*?\\end\{\1\}|\\verb\*?([^A-Za-z\s*])[^\n]*?\2/g;
  return text.replace(opaque, (m) => m.replace(/[^\n]/g, ' '));
}

/** `(`, `[` and `{` in `text[start, end)` that no closer of their kind follows (`\{` and `\[` are no openers). */
function unmatchedOpeners(text: string, start: number, end: number): number {
  const open: string[] = [];
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') open.push(c);
    else if (
      (c === ')' && open.at(-1) === '(') ||
      (c === ']' && open.at(-1) === '[') ||
      (c === '}' && open.at(-1) === '{')
    )
      open.pop();
  }
  return open.length;
}

/** A section's title longer than this is no title (and an unclosed one costs no pass over the rest of the file). */
const MAX_TITLE_LENGTH = 500;

/** The `}` that closes the `{` at `open` within a title's length, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < Math.min(text.length, open + MAX_TITLE_LENGTH); i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The document level of a LaTeX homework: `\section{Problem 1}`,
 * `\subsection*{Question 2}`, lines that start with "Problem 2", and the math
 * (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, `equation`, `align` and friends), found
 * by latex-utensils (the parser LaTeX Workshop uses), with file offsets.
 *
 * A document latex-utensils cannot parse (an unbalanced brace somewhere), or
 * not within `PARSE_TIMEOUT_MS`, is still read: the math delimiters are then
 * found by a plain scan.
 *
 * Example: `\section{Problem 1}\n$x = 2$` gives a problem heading `1` and
 * one math block whose content is `x = 2`.
 */
import { latexParser } from 'latex-utensils';
import { headingAtLineStart, type DocumentPart } from './outline';

/**
 * The PEG parser backtracks hard on some broken input (2 s for 300 characters of
 * unbalanced braces): past this it gives up and the plain scan reads the file.
 */
const PARSE_TIMEOUT_MS = 300;

const SECTIONS = new Set(['section', 'subsection', 'subsubsection', 'paragraph', 'part', 'chapter']);

interface LatexNode {
  readonly kind: string;
  readonly name?: string;
  readonly location?: { start: { offset: number }; end: { offset: number } };
  readonly content?: unknown;
  readonly args?: unknown;
}

export function readLatexOutline(text: string): DocumentPart[] {
  let nodes: LatexNode[];
  try {
    nodes = latexParser.parse(text, { timeout: PARSE_TIMEOUT_MS }).content as unknown as LatexNode[];
  } catch (_rejected) {
    // The LaTeX parser rejects a malformed document, or gives up at its time limit: a plain scan reads it instead.
    return scanOutline(text);
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

/** When the parser gives up: the math delimiters by a plain scan, headings by lines. */
function scanOutline(text: string): DocumentPart[] {
  const parts: DocumentPart[] = [];
  const math: { start: number; end: number }[] = [];
  const pattern = new RegExp(
    [
      String.raw`\$\$([\s\S]*?)\$\$`,
      String.raw`\\\[([\s\S]*?)\\\]`,
      String.raw`\\\(([\s\S]*?)\\\)`,
      String.raw`\\begin\{(equation\*?|align\*?|gather\*?)\}([\s\S]*?)\\end\{\4\}`,
      String.raw`(?<!\\)\$([^$]*?)\$`,
    ].join('|'),
    'g',
  );
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const content = m[1] ?? m[2] ?? m[3] ?? m[5] ?? m[6] ?? '';
    const contentStart = start + m[0].indexOf(content, m[4] ? m[4].length + 8 : 1);
    parts.push(mathPart(start, end, contentStart, contentStart + content.length));
    math.push({ start, end });
  }
  parts.push(...runningHeadings(text, math));
  parts.sort((a, b) => a.span.start - b.span.start);
  return parts;
}

/**
 * The document level of a Markdown homework: where its math is and where its
 * problems and questions start. micromark (with its math extension) finds the
 * math, so `$` inside code, `\$` and the like are what Markdown says they are;
 * every position is an offset into the file.
 *
 * Example: `## Problem 2\n\nWe have $x = 3$.` gives a problem heading `2`
 * and one math block whose content is `x = 3` (offsets 24 to 29).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mathFromMarkdown } from 'mdast-util-math';
import { math } from 'micromark-extension-math';
import { headingAtLineStart, type DocumentPart } from './outline';

interface MdNode {
  readonly type: string;
  readonly position?: { start: { offset?: number }; end: { offset?: number } };
  readonly children?: readonly MdNode[];
}

export function readMarkdownOutline(text: string): DocumentPart[] {
  const tree = fromMarkdown(text, { extensions: [math()], mdastExtensions: [mathFromMarkdown()] }) as MdNode;
  const parts: DocumentPart[] = [];
  // Iterative walk: a deeply nested list or quote cannot overflow the stack.
  const stack: MdNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    switch (node.type) {
      case 'heading': {
        const line = text.slice(start, end).replace(/^#+[ \t]*/, '');
        const heading = headingAtLineStart(line, start + (end - start - line.length));
        if (heading) parts.push(heading);
        break;
      }
      case 'paragraph':
        for (const heading of linesThatAreHeadings(text, start, end)) parts.push(heading);
        break;
      case 'math':
      case 'inlineMath':
        parts.push(mathPart(text, start, end));
        continue;
      case 'text':
        parts.push(...bracketMath(text, start, end));
        continue;
      case 'code':
      case 'inlineCode':
      case 'html':
        continue;
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  parts.sort((a, b) => a.span.start - b.span.start);
  // Front matter (`---` … `---` at the top) is metadata, not a heading or math.
  const front = /^\uFEFF?---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return front ? parts.filter((p) => p.span.start >= front[0].length) : parts;
}

/** `$x$`, `$$x$$` or a `$$` fenced block: the content between the dollar runs. */
function mathPart(text: string, start: number, end: number): DocumentPart {
  let contentStart = start;
  while (contentStart < end && text[contentStart] === '$') contentStart++;
  let contentEnd = end;
  while (contentEnd > contentStart && text[contentEnd - 1] === '$') contentEnd--;
  return { kind: 'math', span: { start, end }, contentStart, contentEnd };
}

/** `\(…\)` and `\[…\]` in running text (Markdown reads the backslashes as escapes; students mean math). */
function bracketMath(text: string, start: number, end: number): DocumentPart[] {
  const parts: DocumentPart[] = [];
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
  return parts;
}

function* linesThatAreHeadings(text: string, start: number, end: number): Generator<DocumentPart> {
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const heading = headingAtLineStart(text.slice(lineStart, lineEnd), lineStart);
    if (heading) yield heading;
    lineStart = lineEnd + 1;
  }
}

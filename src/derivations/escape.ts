/**
 * Escaping of homework text. Every piece of text that comes from the
 * homework (titles, names, prose, notes) goes through one of these before
 * it reaches HTML or Markdown: the homework is data, never markup.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text → HTML text, safe both between tags and inside a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Text → Markdown text that renders as that text: HTML is neutralised (a
 * Markdown renderer passes raw HTML through) and Markdown's own markup
 * characters are backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~$-]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Inline math split out of prose: `$…$` pieces are math, the rest is text. */
export interface ProsePiece {
  readonly kind: 'text' | 'math';
  readonly value: string;
}

/**
 * Splits prose at `$…$`. A `\$` is a literal dollar; an unmatched `$`, or a
 * `$$` with nothing inside, stays text.
 */
export function splitInlineMath(prose: string): ProsePiece[] {
  const pieces: ProsePiece[] = [];
  let text = '';
  let i = 0;
  while (i < prose.length) {
    const c = prose[i];
    if (c === '\\' && prose[i + 1] === '$') {
      text += '$';
      i += 2;
      continue;
    }
    if (c === '$') {
      const close = findClosingDollar(prose, i + 1);
      if (close > i + 1) {
        if (text) pieces.push({ kind: 'text', value: text });
        text = '';
        pieces.push({ kind: 'math', value: prose.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  if (text) pieces.push({ kind: 'text', value: text });
  return pieces;
}

function findClosingDollar(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '$') return i;
  }
  return -1;
}

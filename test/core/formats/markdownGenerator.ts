/**
 * Seeded random Markdown homework for the differential test: blocks of every
 * kind the document level must see through (headings, setext, lists nested
 * and loose, quotes, tables, fences closed and not, indented code, HTML,
 * definitions, `$$` blocks in containers, front matter), filled with inline
 * soup (runs of `$`, `\$`, `\(`, code spans, emphasis, links and images with
 * `$` in their targets and text, inline HTML and comments, autolinks, tabs),
 * with LF or CRLF line endings.
 */
import { seededRandom } from '../../../src/core/check/random';

const INLINE = [
  'x = 1',
  'a + b',
  ' ',
  ' ',
  'w',
  '$',
  '$',
  '$',
  '$$',
  '$$$',
  '\\$',
  '\\$$',
  '\\\\',
  '\\',
  '\\(',
  '\\)',
  '\\[',
  '\\]',
  '\\(y = 2\\)',
  '\\[z = 3\\]',
  '$m = 4$',
  '$$n = 5$$',
  '`',
  '``',
  '`c$d`',
  '*',
  '**',
  '_',
  '__',
  '*e $f$*',
  '[',
  ']',
  '(',
  ')',
  '[link $g$](http://h.org/$i$ "t$j$")',
  '[ref]',
  '[txt][ref]',
  '[$k$]',
  '![alt $l$](img$.png)',
  '![',
  '](',
  '](u$v$)',
  '<',
  '>',
  '<span title="$">',
  '</span>',
  '<!-- $o$ -->',
  '<!--',
  '-->',
  '<https://p.org/$q$>',
  '<https://p.org/\\(r\\)>',
  'a@b.org',
  '&amp;',
  '&#36;',
  '&dollar;',
  '\t',
  '  ',
  'Problem 2',
  'Question 1:',
  'Homework 3',
  '#',
  '"',
  '!',
];

const LINE_START = [
  '',
  '',
  '',
  '',
  '',
  '> ',
  '>',
  '> > ',
  '- ',
  '* ',
  '1. ',
  '2) ',
  '  ',
  '   ',
  '    ',
  '\t',
  ' \t',
  '# ',
  '## ',
  '### ',
  '#',
  '  - ',
  '   1. ',
  '> - ',
  '- > ',
  'Problem 1 ',
  'Question 2: ',
];

/** Whole lines that open, close or make a block. */
const LINES = [
  '',
  '',
  '',
  '```',
  '```js',
  '~~~',
  '````',
  '$$',
  '$$',
  '$$',
  '$$$',
  '$$ meta',
  '  $$',
  '$$  ',
  '$$x = 7$$',
  '$$ y $ z',
  '---',
  '***',
  '===',
  '--',
  '<div>',
  '</div>',
  '<!--',
  '-->',
  '<pre>',
  '</pre>',
  '[ref]: http://s.org/$t$ "$u$"',
  '[r]: <v$>',
  '| a | $b$ |',
  '|---|---|',
  '    $indented = 8$',
  '\t$tabbed = 9$',
  '## Problem 4 ##',
  'Problem 5',
  'Question 6: $w = 1$',
  '===',
  '- - -',
  '> $$',
  '- $$',
  '  x = 2',
  '$$',
];

export interface GeneratorOptions {
  readonly lines?: number;
}

/** One random document; the same seed always gives the same text. */
export function generateMarkdown(seed: number, options: GeneratorOptions = {}): string {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const count = 1 + Math.floor(random() * (options.lines ?? 24));
  const lines: string[] = [];
  if (random() < 0.15) lines.push('---', 'homework: true', '$front = 1$', '---');
  for (let i = 0; i < count; i++) {
    if (random() < 0.35) {
      lines.push(pick(LINES));
      continue;
    }
    let line = pick(LINE_START);
    const pieces = Math.floor(random() * 8);
    for (let j = 0; j < pieces; j++) line += pick(INLINE);
    lines.push(line);
  }
  let text = lines.join(random() < 0.2 ? '\r\n' : '\n');
  if (random() < 0.5) text += '\n';
  if (random() < 0.03) text = '\uFEFF' + text;
  return text;
}

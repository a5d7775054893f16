/**
 * The Markdown document level: which math it hands to the reader. Code,
 * HTML, link targets and an image's text hide math; lists, quotes, table
 * cells, emphasis and link text do not.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readMarkdownOutline } from '../../../src/core/formats/markdownDocument';

/** The contents of the math blocks found, in file order. */
const mathRead = (text: string) =>
  readMarkdownOutline(text).flatMap((p) => (p.kind === 'math' ? [text.slice(p.contentStart, p.contentEnd)] : []));

test('math inside a code fence, an HTML comment or indented code is not read', () => {
  const text = [
    'Problem 1',
    '',
    '```',
    '$a = 1$',
    '```',
    '',
    '~~~',
    '$$b = 2$$',
    '~~~',
    '',
    '<!-- $c = 3$ -->',
    '',
    '<!--',
    '$$d = 4$$',
    '-->',
    '',
    '    $e = 5$',
    '',
    'In `$f = 6$` code, and an inline <!-- $g = 7$ --> comment, $h = 8$.',
  ].join('\n');
  assert.deepEqual(mathRead(text), ['h = 8']);
});

test('math in a list item, a blockquote, a table cell, emphasis and link text is read', () => {
  const text = [
    '- item $a = 1$',
    '  - nested $b = 2$',
    '1. numbered',
    '',
    '   $$c = 3$$',
    '> quoted $d = 4$',
    '> > twice \\(e = 5\\)',
    '',
    '| x | y |',
    '|---|---|',
    '| $f = 6$ | 7 |',
    '',
    '*stressed $g = 8$* and [a link $h = 9$](https://example.org)',
  ].join('\n');
  assert.deepEqual(mathRead(text), ['a = 1', 'b = 2', 'c = 3', 'd = 4', 'e = 5', 'f = 6', 'g = 8', 'h = 9']);
});

test("a link's target and title, a definition and an image's text hide math", () => {
  const text = [
    '![plot of $a = 1$](plot.png "$b = 2$") [see](https://x.org "$c = 3$") [ref][r]',
    '',
    '[r]: https://y.org "$d = 4$"',
    '',
    'then $e = 5$',
  ].join('\n');
  assert.deepEqual(mathRead(text), ['e = 5']);
});

test('\\( \\) and \\[ \\] in running text are math; escaped dollars are not', () => {
  const text = 'It costs \\$5 and \\$6, so \\(x = 1\\) and\n\\[y = 2\\] but not `\\(z\\)`.';
  assert.deepEqual(mathRead(text), ['x = 1', 'y = 2']);
});

test('headings: ATX, a line that starts with Problem, and one inside a quote; not one inside code', () => {
  const text = '## Problem 1\n\nQuestion 2: first\n\n> Problem 3\n\n```\nProblem 4\n```\n';
  const numbers = readMarkdownOutline(text).flatMap((p) => (p.kind === 'heading' ? [p.heading.number?.text] : []));
  assert.deepEqual(numbers, ['1', '2', '3']);
});

test('the offsets of a math block are offsets in the file', () => {
  const text = '## Problem 2\n\nWe have $x = 3$.';
  const math = readMarkdownOutline(text).find((p) => p.kind === 'math');
  assert.ok(math && math.kind === 'math');
  const at = text.indexOf('$x');
  assert.deepEqual([math.span.start, math.span.end, math.contentStart, math.contentEnd], [at, at + 7, at + 1, at + 6]);
});

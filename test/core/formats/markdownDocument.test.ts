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

test('offsets stay file offsets across CRLF line endings and a byte order mark', () => {
  const crlf = 'Problem 1\r\n\r\nWe have $x = 3$ and\r\n\\(y = 2\\).';
  assert.deepEqual(mathRead(crlf), ['x = 3', 'y = 2']);
  const math = readMarkdownOutline(crlf).filter((p) => p.kind === 'math');
  assert.deepEqual(
    math.map((p) => p.span.start),
    [crlf.indexOf('$x'), crlf.indexOf('\\(y')],
  );
  // A byte order mark is no character of the document, but it is one of the file: offsets count it.
  const bom = '\uFEFF## Problem 2\n\n$x = 1$';
  const parts = readMarkdownOutline(bom);
  assert.deepEqual(
    parts.map((p) => (p.kind === 'heading' ? bom.slice(p.heading.number!.span.start, p.heading.number!.span.end) : '')),
    ['2', ''],
  );
  assert.deepEqual(mathRead(bom), ['x = 1']);
});

test('a tab markdown-it expands into spaces does not move an offset', () => {
  // The continuation line's tab reaches past the item's indent: markdown-it's text has spaces the file has not.
  assert.deepEqual(mathRead('- a\n\t$x = 1$ and\n\t\\(y = 2\\)'), ['x = 1', 'y = 2']);
  assert.deepEqual(mathRead('-\ta $b = 1$\n>\t$c = 2$'), ['b = 1', 'c = 2']);
});

test('an unclosed $$ block runs to its last line that is not blank, and a last line of $ is its content', () => {
  assert.deepEqual(mathRead('- $$\n  x = 1\n\n- b'), ['\n  x = 1']);
  assert.deepEqual(mathRead('> $$\n> x = 1\n>\n'), ['\n> x = 1']);
  assert.deepEqual(mathRead('$$\nx = 1\n$\n'), ['\nx = 1\n$']);
});

test('CommonMark where micromark erred: empty items, lone tags on lazy lines, lists after code', () => {
  // `> -` after a paragraph is a quote holding an empty item (it interrupts nothing); the tab line after it
  // is indented code. micromark read `-` as text and the line as its lazy continuation.
  assert.deepEqual(mathRead('a\n> -\n\t$x = 1$'), []);
  // A tag alone on a lazy line is paragraph text (an HTML block of its kind cannot interrupt a paragraph), so
  // the math goes on across it. micromark started an HTML block there.
  assert.deepEqual(mathRead('> a $\n<span>\n$'), ['\n<span>\n']);
  // After indented code `2)` starts a list (only a paragraph needs one to start at 1): its item is a heading line.
  const numbers = readMarkdownOutline('    code\n\n2) Problem 2').flatMap((p) =>
    p.kind === 'heading' ? [p.heading.number?.text] : [],
  );
  assert.deepEqual(numbers, ['2']);
});

test('CommonMark where markdown-it alone errs: text after a definition, lazy lines, comments after a bracket', () => {
  // A definition is read out of a paragraph: the indented line after it is that paragraph's text, not code.
  assert.deepEqual(mathRead('[r]: /u\n\t$x = 1$'), ['x = 1']);
  // Indented four columns, a lazy line would be indented code, which interrupts nothing: the paragraph goes on.
  assert.deepEqual(mathRead('> > y\n\t$$x = 1$$'), ['x = 1']);
  assert.deepEqual(mathRead('  1. y $\n\t> $'), ['\n\t> ']);
  // A complete comment hides its math even after a `[` that is no link and an unclosed `<!x` further on.
  assert.deepEqual(mathRead('a [b <!-- $x = 1$ --> c <!x'), []);
});

test('nothing throws, and every math part is a slice of the file, on pathological text', () => {
  const texts = [
    '$'.repeat(10000),
    '$a'.repeat(5000),
    '>'.repeat(300) + ' $x = 1$',
    '- '.repeat(300) + '$x = 1$',
    '['.repeat(5000) + '$x$',
    '<!--'.repeat(3000) + '$x$',
    '*_'.repeat(5000) + '$x$',
    '`'.repeat(3000) + '$x$',
    '\\('.repeat(3000) + '\\)',
    '\r\n\t\r'.repeat(3000) + '$x$',
    '\uFEFF',
    '',
  ];
  for (const text of texts) {
    for (const part of readMarkdownOutline(text)) {
      assert.ok(0 <= part.span.start && part.span.start <= part.span.end && part.span.end <= text.length);
      if (part.kind === 'math') assert.ok(part.span.start <= part.contentStart && part.contentStart <= part.contentEnd);
    }
  }
  assert.deepEqual(mathRead('['.repeat(5000) + '$x$'), ['x']);
  assert.deepEqual(mathRead('*_'.repeat(5000) + '$x$'), ['x']);
  // The first opener pairs with the only closer; the openers after it are its content.
  assert.deepEqual(mathRead('\\('.repeat(3000) + '\\)'), ['\\('.repeat(2999)]);
});

test('a setext heading and a paragraph line before CR LF or CR are headings too', () => {
  const numbers = (text: string) =>
    readMarkdownOutline(text).flatMap((p) => (p.kind === 'heading' ? [p.heading.number?.text] : []));
  // The first line of a setext heading's text is what "Problem 2" is looked for in (the old reader never found it).
  assert.deepEqual(numbers('Problem 2\n---------\n\nQuestion 3:\nmore text\n=========\n'), ['2', '3']);
  assert.deepEqual(numbers('Problem 1\r\nQuestion 2\r\ntext\rQuestion 3\rend'), ['1', '2', '3']);
  const crlf = 'Intro\r\nQuestion 4: why\r\nmore';
  const heading = readMarkdownOutline(crlf).find((p) => p.kind === 'heading');
  assert.ok(heading && heading.kind === 'heading');
  assert.equal(crlf.slice(heading.heading.number!.span.start, heading.heading.number!.span.end), '4');
});

test('a line of text math alone is read with its offsets wherever it stands, and as a paragraph where one continues', () => {
  // Each `$$…$$` line below is a paragraph of its own (read at its block) or the start of a longer one (read by
  // the inline parse); the offsets are those of the file either way. By CommonMark: `[r]: /u` then a line continues
  // the definition's paragraph, a lazy line continues a quoted one, and a tab-indented line in a list is its item's.
  const text = [
    '$$a = 1$$',
    '',
    '- $$b = 2$$',
    '',
    '> $$c = 3$$',
    'lazy $d = 4$',
    '',
    '[r]: /u',
    '$$e = 5$$',
    '',
    '1.\t$$f = 6$$  ',
    '',
    '$$g = 7$$',
    'then $h = 8$',
    '',
    '$x$y$',
    '',
    '$$$$',
  ].join('\n');
  // `$x$y$` is `x` then text (the last `$` opens nothing); `$$$$` is a line of dollars and nothing else after them,
  // so it opens a math block, empty and unclosed.
  assert.deepEqual(mathRead(text), ['a = 1', 'b = 2', 'c = 3', 'd = 4', 'e = 5', 'f = 6', 'g = 7', 'h = 8', 'x', '']);
  const parts = readMarkdownOutline(text).filter((p) => p.kind === 'math');
  for (const p of parts) assert.equal(text.slice(p.span.start, p.span.start + 1), '$', 'each span starts at its `$`');
  assert.equal(text.slice(parts[5].span.start, parts[5].span.end), '$$f = 6$$');
});

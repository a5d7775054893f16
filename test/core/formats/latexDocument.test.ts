/**
 * The LaTeX document level: headings from sections and from lines of running
 * text, never from a line inside math.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parsedOutline, readLatexOutline, scanDocument } from '../../../src/core/formats/latexDocument';

const headings = (text: string) =>
  readLatexOutline(text).flatMap((p) => (p.kind === 'heading' ? [`${p.heading.kind} ${p.heading.number?.text}`] : []));

test('a line inside math that starts with "Problem" is no heading; the lines around the math are', () => {
  const text = [
    '\\section{Problem 1}',
    'Question 1: first',
    '\\[',
    'Question 9 = 3',
    '\\]',
    '\\begin{align}',
    'Problem 8 &= 2 \\\\',
    'Problem 7 &= 2',
    '\\end{align}',
    'Question 2: after the math',
    '$x = 1$ and $y = 2$',
    'Problem 3',
  ].join('\n');
  assert.deepEqual(headings(text), ['problem 1', 'question 1', 'question 2', 'problem 3']);
});

test('running headings in a file without math, and in one with math on every line', () => {
  assert.deepEqual(headings('Problem 1\ntext\nProblem 2\n'), ['problem 1', 'problem 2']);
  const lines = Array.from({ length: 50 }, (_, i) => `Problem ${i + 1} $x_{${i}} = ${i}$`);
  assert.deepEqual(
    headings(lines.join('\n')),
    lines.map((_, i) => `problem ${i + 1}`),
  );
});

// Which reader reads a file depends on the file alone (see latexDocument.ts): the scan must read homework as the
// parser does, or a machine's speed could change a file's findings.
const SCAN_CASES: Record<string, string> = {
  'sections, starred and with a short title': [
    '% homework',
    '\\section{Problem 1}',
    '\\subsection*{Question 1}',
    'We have $x = 2$ and \\(y = 3\\).',
    '\\section[Short]{Problem 2: the backward pass}',
    '\\subsection{Question 2} $z = 4$',
  ].join('\n'),
  'display math of every kind': [
    '\\section{Problem 1}',
    '\\[ a = 1 \\]',
    '$$ b = 2 $$',
    '\\begin{equation} c = 3 \\end{equation}',
    '\\begin{align*} d &= 4 \\\\ &= 2 + 2 \\end{align*}',
    '\\begin{gather} e = 5 \\end{gather}',
    '\\begin{multline} f = 6 \\end{multline}',
  ].join('\n'),
  'comments and verbatim hide math and headings': [
    '\\section{Problem 1}',
    '% $x = 99$ is a comment',
    'A price of 5\\% and $y = 1$ % then $z = 2$ in a comment',
    '\\verb|$w = 3$| is code',
    '\\begin{verbatim}',
    '$v = 4$',
    '\\section{Problem 9}',
    '\\end{verbatim}',
    'Problem 2',
    '$u = 5$',
  ].join('\n'),
  'an escaped dollar and a matrix': [
    'Problem 1',
    'It costs \\$5, and $M = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$.',
    'Question 1: $[0, 1)$ is an interval',
  ].join('\n'),
};

test('the plain scan reads each document as the LaTeX parser does', () => {
  const sheet = fs.readFileSync(path.join(__dirname, '../../../../test/corpus/tex-linalg/sheet.tex'), 'utf8');
  for (const [name, text] of Object.entries({ ...SCAN_CASES, 'the tex-linalg sheet': sheet })) {
    const parsed = parsedOutline(text);
    assert.ok(parsed, `${name}: the parser reads it`);
    assert.deepEqual(scanDocument(text).parts, parsed, name);
  }
});

test(
  'math whose unmatched brackets would make the parser backtrack for seconds is read by the scan at once',
  { timeout: 20_000 },
  () => {
    for (const math of ['[('.repeat(12), '('.repeat(20), '{'.repeat(150) + 'x', '[' + '('.repeat(7)]) {
      const text = `\\section{Problem 1}\n\\[ ${math} \\]\n$y = 2$\n`;
      const parts = readLatexOutline(text);
      assert.deepEqual(
        parts.map((p) => p.kind),
        ['heading', 'math', 'math'],
        math,
      );
      assert.equal(scanDocument(text).maxUnmatchedOpeners > 6, true, math);
    }
    // A few unmatched brackets, as an interval writes them, still go to the parser.
    assert.equal(scanDocument('$[0, 1)$ and $(a, b]$').maxUnmatchedOpeners, 1);
  },
);

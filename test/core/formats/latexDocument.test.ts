/**
 * The LaTeX document level: headings from sections and from lines of running
 * text, never from a line inside math.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readLatexOutline } from '../../../src/core/formats/latexDocument';

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

/**
 * Solve with Steps in Markdown and LaTeX: the steps are LaTeX, each its own
 * display math after the statement's line, and the text with them inserted
 * checks clean. The values are worked out by hand in each test.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, solveWithStepsInSource } from '../../../src/core';

const serious = (d: { severity: string }) => d.severity === 'error' || d.severity === 'warning';

function inserted(text: string, format: 'markdown' | 'latex', at: string): { steps: string; whole: string } {
  const insertion = solveWithStepsInSource(text, format, text.indexOf(at));
  assert.ok(insertion, 'steps');
  return {
    steps: insertion.text,
    whole: text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset),
  };
}

test('Markdown: A v + v, step by step, in pmatrix, after the line of the statement', () => {
  const text =
    '## Problem 1\n\nLet $A = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$, ' +
    '$v = \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix}$.\n\n$$u = A v + v$$\nThe end.\n';
  const { steps, whole } = inserted(text, 'markdown', 'u = A');
  // A v = (1+2, 3+4) = (3, 7); A v + v = (4, 8).
  assert.equal(
    steps,
    '\n\n$$A v = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix} = ' +
      '\\begin{pmatrix} 3 \\\\ 7 \\end{pmatrix}$$' +
      '\n\n$$A v + v = \\begin{pmatrix} 3 \\\\ 7 \\end{pmatrix} + \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix} = ' +
      '\\begin{pmatrix} 4 \\\\ 8 \\end{pmatrix}$$',
  );
  assert.ok(whole.endsWith('$$\nThe end.\n'));
  assert.deepEqual(checkSource(whole, 'markdown').diagnostics.filter(serious), []);
});

test('LaTeX: (w x + 1)^2 with w = 3, x = 2: 6, 7, 49 as \\[ … \\] lines; the product written \\times', () => {
  const text = '% homework\n\\section{Problem 1}\nLet $w = 3$ and $x = 2$.\n\\[ y = (w x + 1)^2 \\]\nDone.\n';
  const { steps, whole } = inserted(text, 'latex', 'y =');
  assert.equal(steps, '\n\\[ w x = 3 \\times 2 = 6 \\]\n\\[ (w x + 1) = 6 + 1 = 7 \\]\n\\[ (w x + 1)^2 = 7^2 = 49 \\]');
  assert.ok(whole.includes('49 \\]\nDone.'));
  assert.deepEqual(checkSource(whole, 'latex').diagnostics.filter(serious), []);
});

test('a name from an earlier problem is known to the steps, as to the check', () => {
  const text = '## Problem 1\n\n$w = 3$\n\n## Problem 2\n\n$$L = (w - 1)^2$$\n';
  const { steps } = inserted(text, 'markdown', 'L =');
  // w - 1 = 2, squared 4.
  assert.equal(steps, '\n\n$$(w - 1) = 3 - 1 = 2$$\n\n$$(w - 1)^2 = 2^2 = 4$$');
});

test('no statement with a value to derive at the cursor: nothing', () => {
  const text = '## Problem 1\n\nProse only, and $x = 2$.\n';
  assert.equal(solveWithStepsInSource(text, 'markdown', text.indexOf('Prose')), undefined);
  assert.equal(solveWithStepsInSource(text, 'markdown', text.indexOf('x =')), undefined);
});

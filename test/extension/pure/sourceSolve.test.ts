/**
 * Solve Question at Cursor and Fill All Unknowns in Markdown: the same
 * pure steps as for `.hw` (questionAt, fillEdits), over the Markdown check,
 * write LaTeX and only inside the question asked about.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, checkSourceInSteps } from '../../../src/core';
import { fillEdits } from '../../../src/extension/pure/fixes';
import { questionAt } from '../../../src/extension/pure/modelQueries';

const TEXT =
  '## Problem 1\n\n### Question 1\n\n$x = 2 + 3 = ?$\n\n### Question 2\n\n' +
  '$M = \\begin{pmatrix} 1 & 0 \\\\ 0 & 2 \\end{pmatrix} \\begin{pmatrix} 4 \\\\ 5 \\end{pmatrix} = ?$\n';
const recheck = (text: string) => checkSource(text, 'markdown');
const recheckInSteps = (text: string) => checkSourceInSteps(text, 'markdown');

test('the cursor in Question 1 fills its ? only, with 5 (2 + 3)', async () => {
  const result = recheck(TEXT);
  const found = questionAt(result, TEXT.indexOf('2 + 3'));
  assert.ok(found);
  const { edits } = (await fillEdits(TEXT, result, recheckInSteps, found.question.span))!;
  assert.deepEqual(edits, [{ span: { start: TEXT.indexOf('?'), end: TEXT.indexOf('?') + 1 }, newText: '5' }]);
});

test('Fill All writes the matrix product (4, 10) as a pmatrix', async () => {
  const result = recheck(TEXT);
  const { edits } = (await fillEdits(TEXT, result, recheckInSteps))!;
  assert.deepEqual(
    edits.map((e) => e.newText),
    ['5', '\\begin{pmatrix} 4 \\\\ 10 \\end{pmatrix}'],
  );
});

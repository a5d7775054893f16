/**
 * `\text{softmax}` of a matrix in Markdown: over columns as `.hw` has it, or
 * over rows as attention and batches write it, whichever the student's value
 * is; a value wrong both ways is an error. Values by hand, with S = [1, 1; 0, 0]:
 * over rows every row is (e¹, e¹)/(2e¹) = (0.5, 0.5); over columns every
 * column is (e, 1)/(e + 1) = (0.7311, 0.2689).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../../../src/core';

const S = '$S = \\begin{bmatrix} 1 & 1 \\\\ 0 & 0 \\end{bmatrix}$';
const errorsOf = (math: string) =>
  checkSource(`## Problem 1\n\n${S}\n\n${math}\n`, 'markdown').diagnostics.filter((d) => d.severity === 'error');

test('a softmax of a matrix is right over rows', () => {
  assert.deepEqual(errorsOf('$P = \\text{softmax}(S) = \\begin{bmatrix} 0.5 & 0.5 \\\\ 0.5 & 0.5 \\end{bmatrix}$'), []);
  // Attention's rows, with the scores scaled: S / 2 has rows (0.5, 0.5) and (0, 0), each row equal entries.
  assert.deepEqual(
    errorsOf('$A = \\text{softmax}(S / \\sqrt{4}) = \\begin{bmatrix} 0.5 & 0.5 \\\\ 0.5 & 0.5 \\end{bmatrix}$'),
    [],
  );
});

test('a softmax of a matrix is right over columns, as before', () => {
  assert.deepEqual(
    errorsOf('$P = \\text{softmax}(S) \\approx \\begin{bmatrix} 0.7311 & 0.7311 \\\\ 0.2689 & 0.2689 \\end{bmatrix}$'),
    [],
  );
});

test('a softmax of a matrix wrong both ways is an error; a vector is never read over rows', () => {
  const wrong = errorsOf('$P = \\text{softmax}(S) = \\begin{bmatrix} 0.6 & 0.4 \\\\ 0.5 & 0.5 \\end{bmatrix}$');
  // Over rows (0.5, 0.5) the first row's two entries are wrong; over columns all four would be.
  assert.deepEqual(
    wrong.map((d) => d.code),
    ['value.wrong-entry', 'value.wrong-entry'],
  );
  for (const d of wrong) assert.match(d.message, /is 0\.5,/);
  const z = '$z = \\begin{bmatrix} 1 \\\\ 0 \\end{bmatrix}$\n\n';
  assert.deepEqual(
    errorsOf(`${z}$p = \\text{softmax}(z) \\approx \\begin{bmatrix} 0.7311 \\\\ 0.2689 \\end{bmatrix}$`),
    [],
  );
  const vector = errorsOf(`${z}$p = \\text{softmax}(z) \\approx \\begin{bmatrix} 0.5 \\\\ 0.5 \\end{bmatrix}$`);
  // Judged over the column (0.7311, 0.2689), at the digits written (0.7, 0.3), not over rows of one entry each.
  assert.equal(vector.length, 2);
  assert.match(vector[0].message, /is 0\.7,/);
  assert.match(vector[1].message, /is 0\.3,/);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { oneHot } from '../../../src/core/solvers/oneHot';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';

test('one_hot: row i has its 1 in column yᵢ (labels from 1)', () => {
  const out = oneHot.forward([Matrix.fromRows([[2], [1], [3]]), Matrix.scalar(3)]) as Matrix;
  assert.deepEqual(out.toRows(), [
    [0, 1, 0],
    [1, 0, 0],
    [0, 0, 1],
  ]);
  // A row of labels works the same; one label gives one row.
  assert.deepEqual((oneHot.forward([Matrix.fromRows([[1, 2]]), Matrix.scalar(2)]) as Matrix).toRows(), [
    [1, 0],
    [0, 1],
  ]);
  assert.deepEqual((oneHot.forward([Matrix.scalar(2), Matrix.scalar(4)]) as Matrix).toRows(), [[0, 1, 0, 0]]);
});

test('one_hot: a label outside 1…C, or not whole, is a domain error', () => {
  for (const label of [0, 4, 1.5]) {
    assert.throws(() => oneHot.forward([Matrix.fromRows([[label]]), Matrix.scalar(3)]), DomainError, `label ${label}`);
  }
  assert.throws(
    () =>
      oneHot.forward([
        Matrix.fromRows([
          [1, 2],
          [1, 2],
        ]),
        Matrix.scalar(3),
      ]),
    /column or a 1×N row/,
  );
});

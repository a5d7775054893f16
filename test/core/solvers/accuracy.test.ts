import test from 'node:test';
import assert from 'node:assert/strict';
import { accuracy } from '../../../src/core/solvers/accuracy';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { readBatchOracle, tensor } from './batchOracle';

const scores = Matrix.fromRows([
  [0.1, 0.9],
  [0.8, 0.2],
  [0.3, 0.7],
]);

test('accuracy: the fraction of rows whose argmax is the label', () => {
  // Row classes 2, 1, 2 against labels 2, 1, 1: two of three right.
  assert.equal((accuracy.forward([scores, Matrix.fromRows([[2], [1], [1]])]) as Matrix).data[0], 2 / 3);
  assert.equal((accuracy.forward([scores, Matrix.fromRows([[2, 1, 2]])]) as Matrix).data[0], 1);
  // One-hot targets: their argmax is the label.
  const oneHot = Matrix.fromRows([
    [0, 1],
    [0, 1],
    [0, 1],
  ]);
  assert.equal((accuracy.forward([scores, oneHot]) as Matrix).data[0], 2 / 3);
  // The classifier of the batch oracle: PyTorch's argmax agrees on 2 of 3.
  const c = readBatchOracle().classifier;
  const labels = Matrix.fromRows((c.labels as number[]).map((l) => [l]));
  assert.equal((accuracy.forward([tensor(c.Z), labels]) as Matrix).data[0], c.accuracy);
});

test('accuracy: labels that do not fit are domain errors', () => {
  assert.throws(() => accuracy.forward([scores, Matrix.fromRows([[3], [1], [1]])]), DomainError);
  assert.throws(() => accuracy.forward([scores, Matrix.fromRows([[1], [1]])]), /2 labels for 3 rows/);
});

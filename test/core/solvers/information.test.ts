import test from 'node:test';
import assert from 'node:assert/strict';
import { binaryCrossEntropy, entropy, klDiv, nll } from '../../../src/core/solvers/information';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng } from './finiteDifference';
import { input, oracle } from './oracle';

test("entropy, kl_div, binary_cross_entropy, nll: PyTorch's values", () => {
  const e = oracle('entropy');
  assertMatrixClose(entropy.forward([input(e, 'p')]), e.output, 1e-15);
  // In bits: the same divided by ln 2 (hand: 0.5·1 + 0.25·2 + 2·0.125·3 = 1.75).
  assertMatrixClose(entropy.forward([input(e, 'p'), Matrix.scalar(2)]), [[1.75]], 1e-15);
  const k = oracle('kl_div');
  assertMatrixClose(klDiv.forward([input(k, 'p'), input(k, 'q')]), k.output, 1e-15);
  const b = oracle('binary_cross_entropy');
  assertMatrixClose(binaryCrossEntropy.forward([input(b, 'p'), input(b, 'y')]), b.output, 1e-15);
  const n = oracle('nll');
  assertMatrixClose(nll.forward([input(n, 'P'), input(n, 'labels')]), n.output, 1e-15);
});

test('guards: infinite values and labels that are no class', () => {
  const m = (rows: number[][]) => Matrix.fromRows(rows);
  assert.throws(() => klDiv.forward([m([[0.5], [0.5]]), m([[1], [0]])]), DomainError);
  assert.throws(() => binaryCrossEntropy.forward([m([[0]]), m([[1]])]), DomainError);
  assert.throws(() => entropy.forward([m([[-0.1], [1.1]])]), DomainError);
  assert.throws(() => nll.forward([m([[0.5, 0.5]]), m([[3]])]), /class number from 1 to 2/);
  assert.throws(() => nll.forward([m([[0.5, 0.5]]), m([[1], [2]])]), /1 row/);
});

test('backward against central finite differences', () => {
  const rand = prng(17);
  const p = Matrix.fromRows([[0.2], [0.3], [0.5]]);
  const q = Matrix.fromRows([[0.4], [0.4], [0.2]]);
  checkBackward(entropy, [p], rand);
  checkBackward(entropy, [p, Matrix.scalar(2)], rand);
  checkBackward(klDiv, [p, q], rand);
  checkBackward(binaryCrossEntropy, [Matrix.fromRows([[0.9, 0.2, 0.6]]), Matrix.fromRows([[1, 0, 0.3]])], rand);
  checkBackward(
    nll,
    [
      Matrix.fromRows([
        [0.7, 0.2, 0.1],
        [0.1, 0.6, 0.3],
      ]),
      Matrix.fromRows([[1], [3]]),
    ],
    rand,
  );
});

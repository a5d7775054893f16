import test from 'node:test';
import assert from 'node:assert/strict';
import { crossEntropy } from '../../../src/core/solvers/crossEntropy';
import { DomainError, ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

const col = (...xs: number[]): Matrix => Matrix.fromRows(xs.map((x) => [x]));

test('cross_entropy: −ln of the true class probability for a one-hot target', () => {
  assertMatrixClose(crossEntropy.forward([col(0.25, 0.75), col(0, 1)]), [[-Math.log(0.75)]]);
  assertMatrixClose(crossEntropy.forward([col(0.5, 0.5), col(1, 0)]), [[Math.LN2]]);
});

test('cross_entropy: a probability target, and p = 0 where y = 0 is fine', () => {
  assertMatrixClose(crossEntropy.forward([col(0.2, 0.8, 0), col(0.5, 0.5, 0)]), [
    [-(0.5 * Math.log(0.2) + 0.5 * Math.log(0.8))],
  ]);
});

test('cross_entropy: DomainError when p ≤ 0 where y > 0; ShapeError on different shapes', () => {
  assert.throws(
    () => crossEntropy.forward([col(0, 1), col(1, 0)]),
    (e: unknown) => e instanceof DomainError && e.code === 'call.domain',
  );
  assert.throws(() => crossEntropy.forward([col(-0.1, 1.1), col(1, 0)]), DomainError);
  assert.throws(() => crossEntropy.forward([col(0.5, 0.5), Matrix.fromRows([[1, 0]])]), ShapeError);
});

test('cross_entropy: backward for p and y against finite differences', () => {
  const rand = prng(11);
  for (const n of [2, 3, 5]) {
    checkBackward(crossEntropy, [randomMatrix(rand, n, 1, 0.1, 1), randomMatrix(rand, n, 1, 0, 1)], rand);
  }
});

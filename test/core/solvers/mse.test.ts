import test from 'node:test';
import assert from 'node:assert/strict';
import { mse } from '../../../src/core/solvers/mse';
import { ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

test("mse: the seed network's loss (y − ŷ)² = (10 − 8)² = 4 (oracle L = 4)", () => {
  assertMatrixClose(mse.forward([Matrix.scalar(8), Matrix.scalar(10)]), [[4]]);
});

test('mse: the mean of squared differences', () => {
  // (0² + 2² + 3²) / 3 = 13/3
  assertMatrixClose(mse.forward([Matrix.fromRows([[1], [2], [3]]), Matrix.fromRows([[1], [0], [0]])]), [[13 / 3]]);
});

test('mse: yhat and y must have the same shape', () => {
  assert.throws(
    () => mse.forward([Matrix.fromRows([[1], [2]]), Matrix.fromRows([[1, 2]])]),
    (e: unknown) =>
      e instanceof ShapeError &&
      e.op === 'call' &&
      e.left.cols === 2 &&
      e.right.rows === 2 &&
      /mse: y is 1×2/.test(e.message),
  );
});

test('mse: backward for yhat and y against finite differences', () => {
  const rand = prng(10);
  for (const [r, c] of [
    [1, 1],
    [3, 1],
    [2, 4],
  ])
    checkBackward(mse, [randomMatrix(rand, r, c), randomMatrix(rand, r, c)], rand);
});

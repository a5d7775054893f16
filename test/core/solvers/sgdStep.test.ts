import test from 'node:test';
import assert from 'node:assert/strict';
import { sgdStep } from '../../../src/core/solvers/sgdStep';
import { ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

test('sgd_step: w − lr·g', () => {
  // [1 − 0.1·0.5; 2 − 0.1·(−1)] = [0.95; 2.1]
  assertMatrixClose(
    sgdStep.forward([Matrix.fromRows([[1], [2]]), Matrix.fromRows([[0.5], [-1]]), Matrix.scalar(0.1)]),
    [[0.95], [2.1]],
  );
});

test('sgd_step: one step on f(w) = ‖w‖²/2 (g = w) shrinks w by (1 − lr)', () => {
  const w = Matrix.fromRows([[4, -2]]);
  assertMatrixClose(sgdStep.forward([w, w, Matrix.scalar(0.25)]), [[3, -1.5]]);
});

test("sgd_step: g must have w's shape; lr must be a scalar", () => {
  assert.throws(() => sgdStep.forward([Matrix.zeros(2, 1), Matrix.zeros(1, 2), Matrix.scalar(0.1)]), ShapeError);
  assert.throws(() => sgdStep.forward([Matrix.zeros(2, 1), Matrix.zeros(2, 1), Matrix.zeros(2, 1)]), ShapeError);
});

test('sgd_step: backward (w, g, lr) against finite differences', () => {
  const rand = prng(20);
  checkBackward(sgdStep, [randomMatrix(rand, 3, 2), randomMatrix(rand, 3, 2), Matrix.scalar(0.3)], rand);
});

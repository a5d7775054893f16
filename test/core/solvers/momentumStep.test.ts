import test from 'node:test';
import { momentumStep } from '../../../src/core/solvers/momentumStep';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

const s = (x: number): Matrix => Matrix.scalar(x);

test("momentum_step: v' = 0.9 v − lr g, w' = w + v'", () => {
  // v' = [0.9·0.1 − 0.1·0.5; 0 − 0.1·(−1)] = [0.04; 0.1]; w' = [1.04; 2.1]
  assertMatrixClose(
    momentumStep.forward([
      Matrix.fromRows([[1], [2]]),
      Matrix.fromRows([[0.1], [0]]),
      Matrix.fromRows([[0.5], [-1]]),
      s(0.1),
      s(0.9),
    ]),
    [[1.04], [2.1]],
  );
});

test("momentum_step with beta = 1 is the sheet's m_{t+1} = m_t − α∇ℓ, W_{t+1} = W_t + m_{t+1}", () => {
  // m = 0.2 − 0.1·0.5 = 0.15, W = 1 + 0.15
  assertMatrixClose(momentumStep.forward([s(1), s(0.2), s(0.5), s(0.1), s(1)]), [[1.15]]);
});

test('momentum_step with v = 0 is an sgd step', () => {
  assertMatrixClose(momentumStep.forward([s(3), s(0), s(2), s(0.5), s(0.9)]), [[2]]);
});

test('momentum_step: backward against finite differences', () => {
  const rand = prng(21);
  checkBackward(
    momentumStep,
    [randomMatrix(rand, 2, 3), randomMatrix(rand, 2, 3), randomMatrix(rand, 2, 3), s(0.2), s(0.8)],
    rand,
  );
});

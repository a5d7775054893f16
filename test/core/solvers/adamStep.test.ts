import test from 'node:test';
import assert from 'node:assert/strict';
import { adamStep } from '../../../src/core/solvers/adamStep';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertClose, assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

const s = (x: number): Matrix => Matrix.scalar(x);

test('adam_step: the first step (t = 1, m = v = 0) moves each weight by lr·sign(g)', () => {
  // m̂ = g, v̂ = g², so w' = w − lr·g/(|g| + eps)
  const w1 = adamStep.forward([s(1), s(0), s(0), s(0.5), s(1), s(0.1), s(0.9), s(0.999), s(1e-8)]) as Matrix;
  assertClose(w1.data[0], 1 - (0.1 * 0.5) / (0.5 + 1e-8), 1e-15);
  assertMatrixClose(
    adamStep.forward([
      Matrix.fromRows([[1], [1]]),
      Matrix.zeros(2, 1),
      Matrix.zeros(2, 1),
      Matrix.fromRows([[2], [-3]]),
      s(1),
      s(0.001),
      s(0.9),
      s(0.999),
      s(1e-8),
    ]),
    [[0.999], [1.001]],
    1e-8,
  );
});

test('adam_step: a later step by hand (t = 2)', () => {
  const [w, m, v, g, t, lr, b1, b2, eps] = [2, 0.1, 0.01, 0.3, 2, 0.01, 0.9, 0.999, 1e-8];
  const m1 = b1 * m + (1 - b1) * g; // 0.12
  const v1 = b2 * v + (1 - b2) * g * g; // 0.00999 + 0.00009
  const mHat = m1 / (1 - b1 ** 2);
  const vHat = v1 / (1 - b2 ** 2);
  const expected = w - (lr * mHat) / (Math.sqrt(vHat) + eps);
  assertClose((adamStep.forward([w, m, v, g, t, lr, b1, b2, eps].map(s)) as Matrix).data[0], expected, 1e-14);
});

test('adam_step: t must be an integer ≥ 1', () => {
  assert.throws(() => adamStep.forward([s(1), s(0), s(0), s(1), s(0), s(0.1), s(0.9), s(0.999), s(1e-8)]), DomainError);
  assert.throws(
    () => adamStep.forward([s(1), s(0), s(0), s(1), s(1.5), s(0.1), s(0.9), s(0.999), s(1e-8)]),
    DomainError,
  );
});

test('adam_step: backward for w, m, v, g, lr against finite differences', () => {
  const rand = prng(22);
  for (let trial = 0; trial < 3; trial++) {
    checkBackward(
      adamStep,
      [
        randomMatrix(rand, 2, 2),
        randomMatrix(rand, 2, 2),
        randomMatrix(rand, 2, 2, 0.1, 1),
        randomMatrix(rand, 2, 2),
        s(3),
        s(0.05),
        s(0.9),
        s(0.999),
        s(1e-8),
      ],
      rand,
      { tolerance: 1e-5 },
    );
  }
});

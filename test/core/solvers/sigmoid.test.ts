import test from 'node:test';
import { sigmoid } from '../../../src/core/solvers/sigmoid';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

test('sigmoid: 1 / (1 + e^-x), exact at 0 and symmetric', () => {
  const e2 = Math.E * Math.E;
  assertMatrixClose(sigmoid.forward([Matrix.fromRows([[0, 2, -2]])]), [[0.5, e2 / (1 + e2), 1 / (1 + e2)]], 1e-15);
});

test('sigmoid: no overflow far from 0', () => {
  assertMatrixClose(sigmoid.forward([Matrix.fromRows([[-1000, 1000]])]), [[0, 1]]);
});

test("sigmoid': s(1 − s), 1/4 at 0", () => {
  const s = 1 / (1 + Math.exp(-1));
  assertMatrixClose(sigmoid.derivative!([Matrix.fromRows([[0, 1]])]), [[0.25, s * (1 - s)]], 1e-15);
});

test('sigmoid: backward against finite differences', () => {
  const rand = prng(2);
  for (let trial = 0; trial < 5; trial++) checkBackward(sigmoid, [randomMatrix(rand, 2, 3, -4, 4)], rand);
});

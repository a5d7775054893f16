import test from 'node:test';
import { tanh } from '../../../src/core/solvers/tanh';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

test('tanh: (e^x − e^−x) / (e^x + e^−x)', () => {
  const t1 = (Math.E - 1 / Math.E) / (Math.E + 1 / Math.E);
  assertMatrixClose(tanh.forward([Matrix.fromRows([[0], [1], [-1]])]), [[0], [t1], [-t1]], 1e-15);
});

test("tanh': 1 − tanh², 1 at 0", () => {
  const t1 = Math.tanh(1);
  assertMatrixClose(tanh.derivative!([Matrix.fromRows([[0, 1]])]), [[1, 1 - t1 * t1]], 1e-15);
});

test('tanh: backward against finite differences', () => {
  const rand = prng(3);
  for (let trial = 0; trial < 5; trial++) checkBackward(tanh, [randomMatrix(rand, 3, 3)], rand);
});

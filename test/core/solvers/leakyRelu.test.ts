import test from 'node:test';
import { leakyRelu } from '../../../src/core/solvers/leakyRelu';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

test('leaky_relu: x for x > 0, alpha·x otherwise; alpha defaults to 0.01', () => {
  const x = Matrix.fromRows([[2, -1, 0, -300]]);
  assertMatrixClose(leakyRelu.forward([x]), [[2, -0.01, 0, -3]]);
  assertMatrixClose(leakyRelu.forward([x, Matrix.scalar(0.2)]), [[2, -0.2, 0, -60]]);
});

test("leaky_relu': 1 or alpha (alpha at 0)", () => {
  assertMatrixClose(leakyRelu.derivative!([Matrix.fromRows([[3, -2, 0]]), Matrix.scalar(0.1)]), [[1, 0.1, 0.1]]);
  assertMatrixClose(leakyRelu.derivative!([Matrix.fromRows([[-5]])]), [[0.01]]);
});

test('leaky_relu: backward for x and for alpha against finite differences', () => {
  const rand = prng(4);
  for (let trial = 0; trial < 5; trial++) {
    const x = randomMatrix(rand, 2, 4);
    for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i]) < 0.05) x.data[i] = 0.7;
    checkBackward(leakyRelu, [x, Matrix.scalar(0.05 + rand() * 0.3)], rand);
  }
});

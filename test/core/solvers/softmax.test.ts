import test from 'node:test';
import { softmax } from '../../../src/core/solvers/softmax';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

const e = Math.E;
const z = 1 + e + e * e;

test('softmax: e^x / Σ e^x of a column vector', () => {
  assertMatrixClose(softmax.forward([Matrix.fromRows([[1], [2], [3]])]), [[e / z / e], [e / z], [(e * e) / z]], 1e-15);
  assertMatrixClose(softmax.forward([Matrix.fromRows([[0], [0]])]), [[0.5], [0.5]]);
});

test('softmax: a row vector is one vector', () => {
  assertMatrixClose(softmax.forward([Matrix.fromRows([[1, 2, 3]])]), [[1 / z, e / z, (e * e) / z]], 1e-15);
});

test('softmax: a matrix is normalised column by column', () => {
  const a = 1 / (1 + e);
  assertMatrixClose(
    softmax.forward([
      Matrix.fromRows([
        [0, 5],
        [1, 5],
      ]),
    ]),
    [
      [a, 0.5],
      [1 - a, 0.5],
    ],
    1e-15,
  );
});

test('softmax: shifting by a constant changes nothing, and large inputs do not overflow', () => {
  assertMatrixClose(
    softmax.forward([Matrix.fromRows([[1001], [1002], [1003]])]),
    [[1 / z], [e / z], [(e * e) / z]],
    1e-12,
  );
});

test('softmax: backward is the Jacobian-vector product, against finite differences', () => {
  const rand = prng(5);
  for (const [r, c] of [
    [4, 1],
    [1, 5],
    [3, 3],
  ])
    checkBackward(softmax, [randomMatrix(rand, r, c)], rand);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { avgpool } from '../../../src/core/solvers/avgpool';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { assertStepsRender } from './exampleLine';

const s = (x: number): Matrix => Matrix.scalar(x);

test('avgpool: the mean of each window', () => {
  const x = Matrix.fromRows([
    [1, 3, 2, 4],
    [5, 7, 1, 1],
    [7, 2, 9, 8],
    [1, 2, 3, 4],
  ]);
  // (1+3+5+7)/4 = 4, (2+4+1+1)/4 = 2, (7+2+1+2)/4 = 3, (9+8+3+4)/4 = 6
  assertMatrixClose(avgpool.forward([x, s(2), s(2)]), [
    [4, 2],
    [3, 6],
  ]);
  const y = Matrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  assertMatrixClose(avgpool.forward([y, s(2), s(1)]), [
    [3, 4],
    [6, 7],
  ]);
});

test('avgpool: backward spreads g / size² over each window, against finite differences', () => {
  const rand = prng(13);
  for (const [n, size, stride] of [
    [4, 2, 2],
    [5, 3, 1],
    [7, 2, 3],
  ]) {
    checkBackward(avgpool, [randomMatrix(rand, n, n), s(size), s(stride)], rand);
  }
});

test("avgpool: steps show each window's mean", () => {
  const steps = assertStepsRender(avgpool, [
    Matrix.fromRows([
      [1, 3],
      [5, 7],
    ]),
    s(2),
    s(2),
  ]);
  assert.ok(steps.some((st) => st.latex === 'O_{1,1} = \\frac{1 + 3 + 5 + 7}{4} = 4'));
});

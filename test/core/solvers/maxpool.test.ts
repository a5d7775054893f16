import test from 'node:test';
import assert from 'node:assert/strict';
import { maxpool } from '../../../src/core/solvers/maxpool';
import { resolveArguments } from '../../../src/core/solvers/registry';
import { ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { assertStepsRender } from './exampleLine';

const s = (x: number): Matrix => Matrix.scalar(x);
const X = Matrix.fromRows([
  [1, 3, 2, 4],
  [5, 6, 1, 0],
  [7, 2, 9, 8],
  [1, 0, 3, 4],
]);

test('maxpool: 2×2 windows, stride 2 by default (stride = size)', () => {
  assertMatrixClose(maxpool.forward(resolveArguments(maxpool, [X], [])), [
    [6, 4],
    [7, 9],
  ]);
  const bySize = resolveArguments(maxpool, [X], [{ name: 'size', value: s(3) }]);
  assert.equal((bySize[2] as Matrix).data[0], 3, 'stride takes the value of size');
  assertMatrixClose(maxpool.forward(bySize), [[9]]);
});

test('maxpool: overlapping windows with stride 1', () => {
  const x = Matrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  assertMatrixClose(maxpool.forward([x, s(2), s(1)]), [
    [5, 6],
    [8, 9],
  ]);
});

test('maxpool: a window larger than the input is a ShapeError', () => {
  assert.throws(
    () => maxpool.forward([Matrix.zeros(2, 3), s(3), s(3)]),
    (e: unknown) => e instanceof ShapeError && /window 3×3 is larger than the input 2×3/.test(e.message),
  );
});

test("maxpool: backward routes each gradient to its window's maximum, against finite differences", () => {
  const rand = prng(12);
  for (const [n, size, stride] of [
    [4, 2, 2],
    [5, 3, 1],
    [6, 2, 3],
  ]) {
    checkBackward(maxpool, [randomMatrix(rand, n, n), s(size), s(stride)], rand);
  }
  const [g] = maxpool.backward!(
    Matrix.fromRows([
      [1, 2],
      [3, 4],
    ]),
    [X, s(2), s(2)],
    maxpool.forward([X, s(2), s(2)]) as Matrix,
  );
  assertMatrixClose(g!, [
    [0, 0, 0, 2],
    [0, 1, 0, 0],
    [3, 0, 4, 0],
    [0, 0, 0, 0],
  ]);
});

test('maxpool: steps show each window', () => {
  const steps = assertStepsRender(maxpool, [X, s(2), s(2)]);
  assert.ok(steps.some((st) => st.latex === 'O_{1,1} = \\max(1, 3, 5, 6) = 6'));
});

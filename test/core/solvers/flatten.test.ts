import test from 'node:test';
import assert from 'node:assert/strict';
import { flatten } from '../../../src/core/solvers/flatten';
import { EvalError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { asMatrix, checkBackward, prng } from './finiteDifference';

const s = Matrix.scalar;
// 2×2×3 by hand: channel 1 holds 1..6, channel 2 holds 7..12.
const T = Matrix.fromShape([2, 2, 3], Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));

test('flatten: every entry as a column, row-major (not column-major vec)', () => {
  const m = asMatrix(
    flatten.forward([
      Matrix.fromRows([
        [1, 2],
        [3, 4],
      ]),
      s(1),
    ]),
  );
  assert.deepEqual(m.shape, [4, 1]);
  assert.deepEqual(Array.from(m.data), [1, 2, 3, 4]);
  assert.deepEqual(asMatrix(flatten.forward([T, s(1)])).shape, [12, 1]);
});

test('flatten(X, 2): one row per sample (torch.flatten(x, 1) of a 2×2×3 is 2×6)', () => {
  const m = asMatrix(flatten.forward([T, s(2)]));
  assert.deepEqual(m.toRows(), [
    [1, 2, 3, 4, 5, 6],
    [7, 8, 9, 10, 11, 12],
  ]);
  const batch = Matrix.fromShape([2, 3, 2, 2]);
  assert.deepEqual(asMatrix(flatten.forward([batch, s(2)])).shape, [2, 12]);
  assert.deepEqual(asMatrix(flatten.forward([batch, s(3)])).shape, [2, 3, 4]);
});

test('flatten: a start past the last axis is refused', () => {
  assert.throws(
    () => flatten.forward([T, s(4)]),
    (e: unknown) => e instanceof EvalError && e.code === 'call.domain',
  );
});

test('flatten: backward against finite differences', () => {
  const rand = prng(13);
  const x = Matrix.fromShape([2, 2, 2, 2]);
  for (let i = 0; i < x.size; i++) x.data[i] = rand() * 2 - 1;
  checkBackward(flatten, [x, s(1)], rand, { only: [0] });
  checkBackward(flatten, [x, s(2)], rand, { only: [0] });
});

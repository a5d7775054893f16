/**
 * argmax and argmin: 1-based positions, the first on a tie; along an axis
 * against NumPy in axes.test.ts. Worked by hand here.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { argmax, argmin } from '../../../src/core/solvers/argmax';
import { Matrix } from '../../../src/core/values/value';
import { call } from './batchOracle';

const M = Matrix.fromRows;

test('argmax, argmin over all entries: the row-major position from 1', () => {
  assert.equal((call(argmax, [M([[2, 9, 4]])]) as Matrix).data[0], 2);
  // [1, 5; 7, 2]: 7 is the third entry in row-major order, 1 the first.
  assert.equal(
    (
      call(argmax, [
        M([
          [1, 5],
          [7, 2],
        ]),
      ]) as Matrix
    ).data[0],
    3,
  );
  assert.equal(
    (
      call(argmin, [
        M([
          [1, 5],
          [7, 2],
        ]),
      ]) as Matrix
    ).data[0],
    1,
  );
  // A tie goes to the first.
  assert.equal((call(argmax, [M([[3, 3, 1]])]) as Matrix).data[0], 1);
});

test('argmax along rows gives each row’s class as an N×1 column', () => {
  const z = M([
    [0.1, 0.7, 0.2],
    [0.5, 0.1, 0.4],
  ]);
  assert.deepEqual((call(argmax, [z], { axis: 2 }) as Matrix).toRows(), [[2], [1]]);
  assert.deepEqual((call(argmin, [z], { axis: 1 }) as Matrix).toRows(), [[1, 2, 1]]);
  // Integer-valued: no backward rule, so the gradient through it is zero.
  assert.equal(argmax.backward, undefined);
});

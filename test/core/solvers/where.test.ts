import test from 'node:test';
import assert from 'node:assert/strict';
import { where } from '../../../src/core/solvers/where';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixApprox, finiteDifference } from '../autodiff/finiteDifference';

const M = Matrix.fromRows;

test('where picks from a where cond ≠ 0, else from b, broadcasting all three', () => {
  assert.deepEqual((where.forward([M([[1, 0, 1]]), M([[1, 2, 3]]), Matrix.scalar(0)]) as Matrix).toRows(), [[1, 0, 3]]);
  // A column condition picks whole rows: row 1 from a, row 2 from b (a scalar).
  assert.deepEqual(
    (
      where.forward([
        M([[1], [0]]),
        M([
          [1, 2],
          [3, 4],
        ]),
        Matrix.scalar(-1),
      ]) as Matrix
    ).toRows(),
    [
      [1, 2],
      [-1, -1],
    ],
  );
  assert.throws(() => where.forward([M([[1, 0, 1]]), M([[1, 2]]), Matrix.scalar(0)]), /do not broadcast/);
});

test('where backward sends the gradient to the side picked, summed over broadcast axes', () => {
  const cond = M([
    [1, 0],
    [0, 1],
  ]);
  const a = M([
    [0.5, -1],
    [2, 3],
  ]);
  const b = M([[4, -2]]);
  const u = M([
    [1, 2],
    [3, 4],
  ]);
  const out = where.forward([cond, a, b]) as Matrix;
  const [gc, ga, gb] = where.backward!(u, [cond, a, b], out);
  const loss = (x: Matrix, y: Matrix) => {
    const o = where.forward([cond, x, y]) as Matrix;
    return o.data.reduce((s, v, i) => s + v * u.data[i], 0);
  };
  assertMatrixApprox(
    ga!,
    finiteDifference((x) => loss(x, b), a),
    1e-6,
    'a',
  );
  assertMatrixApprox(
    gb!,
    finiteDifference((y) => loss(a, y), b),
    1e-6,
    'b',
  );
  // By hand: a gets u where cond is 1, b gets the column sums of u where cond is 0: [3, 2].
  assert.deepEqual(ga!.toRows(), [
    [1, 0],
    [0, 4],
  ]);
  assert.deepEqual(gb!.toRows(), [[3, 2]]);
  assert.deepEqual(gc!.toRows(), [
    [0, 0],
    [0, 0],
  ]);
});

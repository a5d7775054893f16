import test from 'node:test';
import assert from 'node:assert/strict';
import { OPERATORS } from '../../../src/core/autodiff/operators';
import { softmax } from '../../../src/core/solvers/softmax';
import { call, readBatchOracle, resolved, tensor } from './batchOracle';
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

test('softmax along axis=2 normalises each row of a batch; −∞ gets 0 and a finite gradient elsewhere', () => {
  const a = 1 / (1 + e);
  // Rows [1, 0] and [0, 0]: [e/(1+e), 1/(1+e)] and [½, ½].
  assertMatrixClose(
    call(
      softmax,
      [
        Matrix.fromRows([
          [1, 0],
          [0, 0],
        ]),
      ],
      { axis: 2 },
    ),
    [
      [e * a, a],
      [0.5, 0.5],
    ],
    1e-15,
  );
  // Against PyTorch: softmax(S + M, dim=1) with a causal mask M, and ∂/∂S of Σ weights ⊙ A.
  const o = readBatchOracle().masked_softmax;
  const S = tensor(o.S);
  const M = Matrix.fromRows([
    [0, -Infinity, -Infinity],
    [0, 0, -Infinity],
    [0, 0, 0],
  ]);
  const masked = OPERATORS.add.forward(S, M) as Matrix;
  const args = resolved(softmax, [masked], { axis: 2 });
  const A = softmax.forward(args) as Matrix;
  assertMatrixClose(A, tensor(o.A).toRows(), 1e-14);
  const [dS] = softmax.backward!(tensor(o.weights), args as Matrix[], A);
  assertMatrixClose(dS!, tensor(o.dS).toRows(), 1e-14);
  // The default is unchanged: each column, as PyTorch's dim=0.
  assertMatrixClose(softmax.forward([S]), tensor(o.softmax_columns).toRows(), 1e-14);
});

test('softmax along an axis: backward against finite differences, and a tensor needs axis=', () => {
  const rand = prng(31);
  checkBackward(softmax, resolved(softmax, [randomMatrix(rand, 3, 4)], { axis: 2 }) as Matrix[], rand);
  checkBackward(softmax, resolved(softmax, [randomMatrix(rand, 3, 4)], { axis: -2 }) as Matrix[], rand);
  assert.throws(() => softmax.forward([Matrix.fromShape([2, 2, 2])]), /needs axis=/);
  assert.throws(() => call(softmax, [Matrix.fromRows([[-Infinity, -Infinity]])], { axis: 2 }), /every entry/);
});

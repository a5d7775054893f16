import test from 'node:test';
import assert from 'node:assert/strict';
import {
  det,
  dot,
  eye,
  inv,
  norm,
  numel,
  ones,
  shape,
  trace,
  transpose,
  zeros,
} from '../../../src/core/solvers/linalg';
import { resolveArguments } from '../../../src/core/solvers/registry';
import { DomainError, LimitError, ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { asMatrix, assertClose, assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { assertStepsRender } from './exampleLine';
import { input, oracle } from './oracle';

const s = (x: number): Matrix => Matrix.scalar(x);
const one = (v: unknown): number => (v as Matrix).data[0];

test('transpose: rows become columns; backward is gᵀ', () => {
  assertMatrixClose(
    transpose.forward([
      Matrix.fromRows([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ]),
    [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
  );
  checkBackward(transpose, [randomMatrix(prng(30), 2, 3)], prng(31));
});

test('det: 2×2 ad − bc, 3×3 by cofactors, triangular = product of the diagonal', () => {
  assert.equal(
    one(
      det.forward([
        Matrix.fromRows([
          [1, 2],
          [3, 4],
        ]),
      ]),
    ),
    -2,
  );
  // The seed's I: 6(0 − 7) − 0 + 1(21 − 4) = −42 + 17 = −25
  assertClose(
    one(
      det.forward([
        Matrix.fromRows([
          [6, 0, 1],
          [3, 4, 1],
          [1, 7, 0],
        ]),
      ]),
    ),
    -25,
    1e-12,
  );
  assertClose(
    one(
      det.forward([
        Matrix.fromRows([
          [2, 5, 7, 1],
          [0, 3, 4, 2],
          [0, 0, -1, 8],
          [0, 0, 0, 0.5],
        ]),
      ]),
    ),
    -3,
    1e-12,
  );
  assert.equal(
    one(
      det.forward([
        Matrix.fromRows([
          [1, 2],
          [2, 4],
        ]),
      ]),
    ),
    0,
  );
  // A row swap flips the sign.
  assert.equal(
    one(
      det.forward([
        Matrix.fromRows([
          [0, 1],
          [1, 0],
        ]),
      ]),
    ),
    -1,
  );
});

test('det: backward is det · A⁻ᵀ, and the cofactor matrix at a singular A', () => {
  const rand = prng(32);
  for (const n of [1, 2, 3, 4]) checkBackward(det, [randomMatrix(rand, n, n)], rand);
  const singular = Matrix.fromRows([
    [1, 2],
    [2, 4],
  ]);
  const [g] = det.backward!(s(1), [singular], s(0));
  // cofactors of [a b; c d] are [d −c; −b a]
  assertMatrixClose(g!, [
    [4, -2],
    [-2, 1],
  ]);
});

test('inv: by hand, A·A⁻¹ = I, singular is a DomainError', () => {
  assertMatrixClose(
    inv.forward([
      Matrix.fromRows([
        [1, 2],
        [3, 4],
      ]),
    ]),
    [
      [-2, 1],
      [1.5, -0.5],
    ],
    1e-12,
  );
  const a = randomMatrix(prng(33), 4, 4);
  const ai = inv.forward([a]) as Matrix;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += a.data[i * 4 + k] * ai.data[k * 4 + j];
      assertClose(sum, i === j ? 1 : 0, 1e-10);
    }
  assert.throws(
    () =>
      inv.forward([
        Matrix.fromRows([
          [1, 2],
          [2, 4],
        ]),
      ]),
    (e: unknown) => e instanceof DomainError && /singular/.test(e.message),
  );
});

test('inv: backward −A⁻ᵀ g A⁻ᵀ against finite differences', () => {
  const rand = prng(34);
  for (const n of [1, 2, 3]) {
    const a = randomMatrix(rand, n, n);
    for (let i = 0; i < n; i++) a.data[i * n + i] += 3; // well-conditioned
    checkBackward(inv, [a], rand);
  }
});

test('det, inv, trace need a square matrix', () => {
  for (const f of [det, inv, trace]) {
    assert.throws(
      () => f.forward([Matrix.zeros(2, 3)]),
      (e: unknown) =>
        e instanceof ShapeError &&
        e.left.rows === 2 &&
        e.left.cols === 3 &&
        e.message.startsWith(`${f.name}: A is 2×3`),
    );
  }
});

test('trace: the diagonal sum; backward g·I', () => {
  assert.equal(
    one(
      trace.forward([
        Matrix.fromRows([
          [1, 2],
          [3, 4],
        ]),
      ]),
    ),
    5,
  );
  checkBackward(trace, [randomMatrix(prng(35), 3, 3)], prng(36));
});

test('dot: either orientation, equal lengths; backward g·b and g·a', () => {
  assert.equal(one(dot.forward([Matrix.fromRows([[1], [2], [3]]), Matrix.fromRows([[4, 5, 6]])])), 32);
  assert.throws(() => dot.forward([Matrix.zeros(3, 1), Matrix.zeros(2, 1)]), ShapeError);
  assert.throws(() => dot.forward([Matrix.zeros(2, 2), Matrix.zeros(4, 1)]), ShapeError);
  const rand = prng(37);
  checkBackward(dot, [randomMatrix(rand, 4, 1), randomMatrix(rand, 1, 4)], rand);
});

test('norm: Frobenius; no overflow for large entries; backward x/‖x‖', () => {
  assert.equal(one(norm.forward([Matrix.fromRows([[3], [4]])])), 5);
  assertClose(
    one(
      norm.forward([
        Matrix.fromRows([
          [1, 2],
          [2, 4],
        ]),
      ]),
    ),
    5,
    1e-15,
  );
  assertClose(one(norm.forward([Matrix.fromRows([[3e200, 4e200]])])), 5e200, 1e-15);
  assert.equal(one(norm.forward([Matrix.zeros(2, 2)])), 0);
  checkBackward(norm, [randomMatrix(prng(38), 3, 2)], prng(39));
});

test('eye, zeros, ones, shape, numel', () => {
  assertMatrixClose(eye.forward([s(3)]), [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]);
  assertMatrixClose(zeros.forward([s(2), s(3)]), [
    [0, 0, 0],
    [0, 0, 0],
  ]);
  assertMatrixClose(ones.forward(resolveArguments(ones, [s(2)], [])), [
    [1, 1],
    [1, 1],
  ]);
  assertMatrixClose(shape.forward([Matrix.zeros(2, 3)]), [[2, 3]]);
  assert.equal(one(numel.forward([Matrix.zeros(2, 3)])), 6);
  assert.throws(() => eye.forward([s(2.5)]), DomainError);
  assert.throws(
    () => zeros.forward([s(2000), s(2000)]),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.matrix-size',
  );
});

test('steps: det 3×3 expands along the first row; inv 2×2 shows the adjugate', () => {
  const d = assertStepsRender(det, [
    Matrix.fromRows([
      [6, 0, 1],
      [3, 4, 1],
      [1, 7, 0],
    ]),
  ]);
  assert.match(d[d.length - 1].latex, /= -25$/);
  assertStepsRender(det, [randomMatrix(prng(40), 5, 5)]);
  assertStepsRender(inv, [
    Matrix.fromRows([
      [1, 2],
      [3, 4],
    ]),
  ]);
  assertStepsRender(inv, [
    Matrix.fromRows([
      [2, 0, 0],
      [0, 4, 0],
      [0, 0, 8],
    ]),
  ]);
});

test("norm with an order: NumPy's values, and backward against finite differences", () => {
  for (const name of ['norm_vector_1', 'norm_vector_2', 'norm_vector_inf']) {
    const c = oracle(name);
    const ord = name.endsWith('inf') ? Infinity : Number(name.slice(-1));
    assertClose(one(norm.forward([input(c, 'x'), s(ord)])), c.output[0][0], 1e-14);
  }
  for (const name of ['norm_matrix_1', 'norm_matrix_2', 'norm_matrix_inf', 'norm_matrix_fro']) {
    const c = oracle(name);
    const suffix = name.slice('norm_matrix_'.length);
    const args = suffix === 'fro' ? [input(c, 'x')] : [input(c, 'x'), s(suffix === 'inf' ? Infinity : Number(suffix))];
    assertClose(one(norm.forward(args)), c.output[0][0], 1e-13);
  }
  assert.throws(() => norm.forward([s(1), s(3)]), /order must be 1, 2 or inf/);
  const rand = prng(41);
  for (const ord of [1, 2, Infinity]) {
    checkBackward(norm, [randomMatrix(rand, 3, 1), s(ord)], rand);
    checkBackward(norm, [randomMatrix(rand, 3, 3), s(ord)], rand);
  }
});

test('zeros and ones: up to four sizes, one size is square; shape and numel of any rank', () => {
  const z = asMatrix(zeros.forward([Matrix.scalar(2), Matrix.scalar(3), Matrix.scalar(4)]));
  assert.deepEqual(z.shape, [2, 3, 4]);
  assert.equal(z.size, 24);
  const o = asMatrix(ones.forward([Matrix.scalar(2), Matrix.scalar(1), Matrix.scalar(2), Matrix.scalar(2)]));
  assert.deepEqual(o.shape, [2, 1, 2, 2]);
  assert.ok(o.data.every((x) => x === 1));
  assert.deepEqual(asMatrix(ones.forward([Matrix.scalar(2)])).shape, [2, 2]);
  const t = Matrix.fromShape([2, 3, 4]);
  assert.deepEqual(asMatrix(shape.forward([t])).toRows(), [[2, 3, 4]]);
  assert.equal(asMatrix(numel.forward([t])).scalarValue, 24);
});

test('zeros(1e4, 1e4, 1e4) is refused by its shape, before anything is allocated', () => {
  const big = Matrix.scalar(1e4);
  assert.throws(
    () => zeros.forward([big, big, big]),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.matrix-size' && /10000×10000×10000/.test(e.message),
  );
  assert.throws(
    () => ones.forward([Matrix.scalar(100), Matrix.scalar(100), Matrix.scalar(100), Matrix.scalar(100)]),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.matrix-size',
  );
});

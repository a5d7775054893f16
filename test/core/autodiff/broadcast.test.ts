/**
 * NumPy broadcasting in the element-wise operators, on matrices and tensors.
 * Every expected number is worked by hand in the comment beside it; every
 * backward rule is checked against central finite differences.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  add,
  BinaryOperator,
  div,
  elementPow,
  equal,
  greater,
  hadamard,
  lessEqual,
  mul,
  neg,
  notEqual,
  OPERATORS,
  sub,
  UNARY_OPERATORS,
} from '../../../src/core/autodiff/operators';
import { broadcastShape, BroadcastError, reduceToShape } from '../../../src/core/autodiff/broadcast';
import { DomainError, EvalError, ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixApprox, finiteDifference, prng } from './finiteDifference';

const M = Matrix.fromRows;
const S = Matrix.scalar;
const T = (shape: number[], data: number[]) => Matrix.fromShape(shape, Float64Array.from(data));

function asMatrix(v: unknown): Matrix {
  assert.ok(v instanceof Matrix);
  return v;
}

function randomOf(random: () => number, shape: number[], lo = -2, hi = 2): Matrix {
  const m = Matrix.fromShape(shape);
  for (let i = 0; i < m.data.length; i++) m.data[i] = lo + (hi - lo) * random();
  return m;
}

test('broadcastShape aligns from the last axis; 1 stretches', () => {
  assert.deepEqual(broadcastShape([3, 4], [1, 4]), [3, 4]);
  assert.deepEqual(broadcastShape([3, 1], [1, 4]), [3, 4]);
  assert.deepEqual(broadcastShape([2, 3, 4], [3, 1]), [2, 3, 4]);
  assert.deepEqual(broadcastShape([1, 1], [2, 2, 3, 3]), [2, 2, 3, 3]);
  assert.throws(
    () => broadcastShape([2, 3], [2, 4]),
    (e: unknown) => e instanceof BroadcastError && e.code === 'shape.broadcast' && e.axis === 2,
  );
  // Counted in the longer shape: 2×3×4 against 5×4 fails on axis 2 (3 and 5).
  assert.throws(() => broadcastShape([2, 3, 4], [5, 4]), /2×3×4 and 5×4 do not broadcast: axis 2 has 3 and 5/);
});

test('a bias row is added to every row; a column to every column', () => {
  // [1, 2; 3, 4] + [10, 20] = [11, 22; 13, 24]
  assert.deepEqual(
    asMatrix(
      add.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        M([[10, 20]]),
      ),
    ).toRows(),
    [
      [11, 22],
      [13, 24],
    ],
  );
  // [1, 2; 3, 4] − [1; 2] = [0, 1; 1, 2]
  assert.deepEqual(
    asMatrix(
      sub.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        M([[1], [2]]),
      ),
    ).toRows(),
    [
      [0, 1],
      [1, 2],
    ],
  );
  // [2, 4; 6, 8] / [2, 4] = [1, 1; 3, 2]
  assert.deepEqual(
    asMatrix(
      div.forward(
        M([
          [2, 4],
          [6, 8],
        ]),
        M([[2, 4]]),
      ),
    ).toRows(),
    [
      [1, 1],
      [3, 2],
    ],
  );
  // [1, 2; 3, 4] ⊙ [0; 2] = [0, 0; 6, 8]
  assert.deepEqual(
    asMatrix(
      hadamard.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        M([[0], [2]]),
      ),
    ).toRows(),
    [
      [0, 0],
      [6, 8],
    ],
  );
});

test('tensors broadcast against matrices and scalars', () => {
  // A 2×2×2 value plus a 2×1 column: each channel gets [10; 20] added to its rows.
  const x = T([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
  const out = asMatrix(add.forward(x, M([[10], [20]])));
  assert.deepEqual(out.shape, [2, 2, 2]);
  assert.deepEqual(Array.from(out.data), [11, 12, 23, 24, 15, 16, 27, 28]);
  // Per-channel scale: a 2×1×1 against 2×2×2 multiplies channel 1 by 1 and channel 2 by 10.
  const scaled = asMatrix(hadamard.forward(T([2, 1, 1], [1, 10]), x));
  assert.deepEqual(Array.from(scaled.data), [1, 2, 3, 4, 50, 60, 70, 80]);
  // 2 T scales every entry; −T negates every entry; both keep the shape.
  assert.deepEqual(Array.from(asMatrix(OPERATORS.mul.forward(S(2), x)).data), [2, 4, 6, 8, 10, 12, 14, 16]);
  const negated = asMatrix(UNARY_OPERATORS.neg.forward(x));
  assert.deepEqual(negated.shape, [2, 2, 2]);
  assert.equal(negated.data[7], -8);
  // The matrix product, ^ and ᵀ stay 2-D.
  assert.throws(
    () => OPERATORS.mul.forward(x, M([[1], [1]])),
    (e: unknown) => (e as EvalError).code === 'shape.rank',
  );
  assert.throws(
    () => OPERATORS.pow.forward(x, S(2)),
    (e: unknown) => (e as EvalError).code === 'shape.rank',
  );
  assert.throws(
    () => UNARY_OPERATORS.transpose.forward(x),
    (e: unknown) => (e as EvalError).code === 'shape.rank',
  );
});

test('a row against a column stays shape.mismatch, as does a pair a transpose apart', () => {
  assert.throws(
    () => add.forward(M([[1, 2, 3]]), M([[1], [2]])),
    (e: unknown) => e instanceof ShapeError && e.code === 'shape.mismatch',
  );
  assert.throws(
    () => hadamard.forward(M([[1], [2]]), M([[1, 2]])),
    (e: unknown) => e instanceof ShapeError && e.code === 'shape.mismatch',
  );
  assert.throws(
    () =>
      add.forward(
        M([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        M([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      ),
    (e: unknown) => e instanceof ShapeError && e.code === 'shape.mismatch',
  );
  // Shapes that are neither: shape.broadcast, naming both and the axis.
  assert.throws(
    () =>
      add.forward(
        M([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        M([
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ]),
      ),
    (e: unknown) => e instanceof BroadcastError && /2×3 and 2×4 do not broadcast: axis 2 has 3 and 4/.test(e.message),
  );
  // A row against a column of rank 3 is not the 2-D slip: it broadcasts.
  assert.deepEqual(asMatrix(add.forward(T([1, 1, 2], [1, 2]), M([[10], [20]]))).shape, [1, 2, 2]);
});

test('.^ raises entry by entry, broadcasting; its domain is the scalar power’s', () => {
  // [1, 2; 3, 4] .^ 2 = [1, 4; 9, 16]; 2 .^ [1, 2, 3] = [2, 4, 8]; see below
  assert.deepEqual(
    asMatrix(
      elementPow.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        S(2),
      ),
    ).toRows(),
    [
      [1, 4],
      [9, 16],
    ],
  );
  assert.deepEqual(asMatrix(elementPow.forward(S(2), M([[1, 2, 3]]))).toRows(), [[2, 4, 8]]);
  // [4, 9; 16, 25] .^ [0.5; 1] = [2, 3; 16, 25]: row 1 square-rooted, row 2 kept.
  assert.deepEqual(
    asMatrix(
      elementPow.forward(
        M([
          [4, 9],
          [16, 25],
        ]),
        M([[0.5], [1]]),
      ),
    ).toRows(),
    [
      [2, 3],
      [16, 25],
    ],
  );
  // A row against a column is the orientation slip here too.
  assert.throws(() => elementPow.forward(M([[4, 9]]), M([[0.5], [1]])), ShapeError);
  assert.throws(() => elementPow.forward(M([[-4, 9]]), S(0.5)), DomainError);
  assert.throws(() => elementPow.forward(M([[0, 9]]), S(-1)), DomainError);
});

test('comparisons give 1 and 0 entry by entry, broadcasting; no gradient flows', () => {
  assert.deepEqual(asMatrix(greater.forward(M([[-1, 0, 2]]), S(0))).toRows(), [[0, 0, 1]]);
  assert.deepEqual(asMatrix(lessEqual.forward(M([[-1, 0, 2]]), S(0))).toRows(), [[1, 1, 0]]);
  assert.deepEqual(
    asMatrix(
      equal.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        M([[1, 4]]),
      ),
    ).toRows(),
    [
      [1, 0],
      [0, 1],
    ],
  );
  assert.deepEqual(asMatrix(notEqual.forward(S(Infinity), M([[Infinity, 1]]))).toRows(), [[0, 1]]);
  const [ga, gb] = greater.backward(M([[1, 1, 1]]), M([[-1, 0, 2]]), S(0), M([[0, 0, 1]]));
  assert.deepEqual(ga?.toRows(), [[0, 0, 0]]);
  assert.deepEqual(gb?.toRows(), [[0]]);
});

test('−inf is a value, not an overflow: a mask adds and exponentiates cleanly', () => {
  const masked = asMatrix(
    add.forward(
      M([
        [1, 2],
        [3, 4],
      ]),
      M([
        [0, -Infinity],
        [0, 0],
      ]),
    ),
  );
  assert.deepEqual(masked.toRows(), [
    [1, -Infinity],
    [3, 4],
  ]);
  // Overflow from finite operands is still an overflow.
  assert.throws(
    () =>
      add.forward(
        M([
          [1e308, 0],
          [1e308, 0],
        ]),
        M([[1e308, 0]]),
      ),
    (e: unknown) => e instanceof EvalError && e.code === 'limit.overflow' && /1e\+?308 \+ 1e\+?308/.test(e.message),
  );
});

test('reduceToShape sums over every stretched axis', () => {
  // g = [1, 2; 3, 4] onto 1×2: column sums [4, 6]; onto 2×1: row sums [3; 7]; onto 1×1: 10.
  const g = M([
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual(reduceToShape(g, M([[0, 0]])).toRows(), [[4, 6]]);
  assert.deepEqual(reduceToShape(g, M([[0], [0]])).toRows(), [[3], [7]]);
  assert.deepEqual(reduceToShape(g, S(0)).toRows(), [[10]]);
  // A 2×2×2 gradient onto a 2×1×1 operand: the sum of each channel, 1+2+3+4 = 10 and 5+6+7+8 = 26.
  const gt = T([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(Array.from(reduceToShape(gt, T([2, 1, 1], [0, 0])).data), [10, 26]);
});

/** Checks both operands' gradients of Σ w ⊙ (a op b) against central differences. */
function checkBackward(op: BinaryOperator, a: Matrix, b: Matrix, random: () => number): void {
  const out = asMatrix(op.forward(a, b));
  const w = randomOf(random, out.shape.slice());
  const loss = (x: Matrix, y: Matrix) => {
    const o = asMatrix(op.forward(x, y));
    let total = 0;
    for (let i = 0; i < o.data.length; i++) total += o.data[i] * w.data[i];
    return total;
  };
  const [ga, gb] = op.backward(w, a, b, out);
  assertMatrixApprox(
    ga!,
    finiteDifference((x) => loss(x, b), a),
    1e-5,
    `${op.name} left ${a.shapeText()}`,
  );
  assertMatrixApprox(
    gb!,
    finiteDifference((y) => loss(a, y), b),
    1e-5,
    `${op.name} right ${b.shapeText()}`,
  );
}

test('broadcast backward rules match finite differences on every pairing of shapes', () => {
  const random = prng(10);
  const pairs: [number[], number[]][] = [
    [
      [3, 4],
      [1, 4],
    ],
    [
      [3, 4],
      [3, 1],
    ],
    [
      [1, 4],
      [3, 4],
    ],
    [
      [3, 1],
      [1, 1],
    ],
    [
      [2, 3, 4],
      [3, 1],
    ],
    [
      [2, 1, 4],
      [2, 3, 1],
    ],
    [
      [2, 2, 3, 3],
      [2, 1, 1],
    ],
    [
      [1, 1],
      [2, 2, 2, 2],
    ],
  ];
  for (const [sa, sb] of pairs) {
    for (const op of [add, sub, hadamard]) checkBackward(op, randomOf(random, sa), randomOf(random, sb), random);
    // Divisors and bases kept away from 0 and positive, where the rules are smooth.
    checkBackward(div, randomOf(random, sa), randomOf(random, sb, 0.5, 2), random);
    checkBackward(elementPow, randomOf(random, sa, 0.5, 2), randomOf(random, sb), random);
  }
  // Scaling a tensor by a 1×1, both ways.
  checkBackward(mul, S(1.5), randomOf(random, [2, 3, 4]), random);
  const x = randomOf(random, [2, 2, 3]);
  const [gn] = neg.backward(x, x, x);
  assertMatrixApprox(
    gn!,
    Matrix.fromShape(
      [2, 2, 3],
      x.data.map((v) => -v),
    ),
    0,
    'neg',
  );
});

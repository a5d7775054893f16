import test from 'node:test';
import assert from 'node:assert/strict';
import {
  add,
  BinaryOperator,
  div,
  elementwise,
  fromScalar,
  hadamard,
  matrixPower,
  mul,
  neg,
  OPERATORS,
  pow,
  sub,
  sumAll,
  transpose,
} from '../../../src/core/autodiff/operators';
import { DomainError, EvalError, LimitError, ShapeError, UnitError } from '../../../src/core/values/errors';
import { declareCountUnit, unitQuantity } from '../../../src/core/values/units';
import { formatValue } from '../../../src/core/values/format';
import { Matrix, Quantity, Value } from '../../../src/core/values/value';
import { assertMatrixApprox, finiteDifference, prng, randomInt, randomMatrix } from './finiteDifference';

const M = Matrix.fromRows;
const S = Matrix.scalar;

function rows(v: Value): number[][] {
  assert.equal(v.kind, 'matrix');
  return (v as Matrix).toRows();
}

function quantity(n: number, unit: string): Quantity {
  const q = unitQuantity(unit);
  assert.ok(q, `unit ${unit}`);
  return mul.forward(S(n), q) as Quantity;
}

// ------------------------------------------------------------------ forward

test('add, sub: equal shapes, and a 1×1 side broadcasts', () => {
  assert.deepEqual(
    rows(
      add.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        M([
          [10, 20],
          [30, 40],
        ]),
      ),
    ),
    [
      [11, 22],
      [33, 44],
    ],
  );
  assert.deepEqual(rows(add.forward(M([[2], [1]]), S(10))), [[12], [11]]);
  assert.deepEqual(rows(add.forward(S(10), M([[2, 1]]))), [[12, 11]]);
  assert.deepEqual(rows(sub.forward(M([[2], [10], [4]]), M([[0], [-2], [5]]))), [[2], [12], [-1]]);
  assert.deepEqual(rows(sub.forward(S(10), M([[8], [1]]))), [[2], [9]]);
  assert.deepEqual(rows(sub.forward(S(10), S(8))), [[2]]);
});

test('mul: the matrix product, and scaling when either side is 1×1', () => {
  // a1 = W1 z0 of the seed: [1, 0; 3, 4; 1, 2] [2; 1] = [2; 10; 4]
  assert.deepEqual(
    rows(
      mul.forward(
        M([
          [1, 0],
          [3, 4],
          [1, 2],
        ]),
        M([[2], [1]]),
      ),
    ),
    [[2], [10], [4]],
  );
  assert.deepEqual(
    rows(
      mul.forward(
        M([
          [2, 6, 1],
          [0, 3, 1],
        ]),
        M([[2], [8], [9]]),
      ),
    ),
    [[61], [33]],
  );
  assert.deepEqual(
    rows(
      mul.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        M([
          [5, 6],
          [7, 8],
        ]),
      ),
    ),
    [
      [19, 22],
      [43, 50],
    ],
  );
  assert.deepEqual(rows(mul.forward(M([[1, 2, 3]]), M([[4], [5], [6]]))), [[32]]);
  assert.deepEqual(rows(mul.forward(M([[1], [2]]), M([[3, 4]]))), [
    [3, 4],
    [6, 8],
  ]);
  assert.deepEqual(rows(mul.forward(S(2), M([[-2, 3]]))), [[-4, 6]]);
  assert.deepEqual(rows(mul.forward(M([[1], [2]]), S(-3))), [[-3], [-6]]);
  assert.deepEqual(rows(mul.forward(S(6), S(7))), [[42]]);
});

test('hadamard: entry by entry, or scaling', () => {
  assert.deepEqual(
    rows(
      hadamard.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        M([
          [5, 6],
          [7, 8],
        ]),
      ),
    ),
    [
      [5, 12],
      [21, 32],
    ],
  );
  assert.deepEqual(rows(hadamard.forward(M([[-2], [3]]), S(-4))), [[8], [-12]]);
});

test('div: by a scalar, or entry by entry', () => {
  assert.deepEqual(
    rows(
      div.forward(
        M([
          [2, 4],
          [6, 8],
        ]),
        S(2),
      ),
    ),
    [
      [1, 2],
      [3, 4],
    ],
  );
  assert.deepEqual(rows(div.forward(M([[2, 9]]), M([[4, 3]]))), [[0.5, 3]]);
  assert.deepEqual(rows(div.forward(S(39 + 1), S(2))), [[20]]);
});

test('pow: scalars, and square matrices to non-negative integers', () => {
  assert.deepEqual(rows(pow.forward(S(-2), S(2))), [[4]]);
  assert.deepEqual(rows(pow.forward(S(0.95), S(0))), [[1]]);
  assert.deepEqual(rows(pow.forward(S(4), S(0.5))), [[2]]);
  assert.deepEqual(rows(pow.forward(S(-2), S(-1))), [[-0.5]]);
  assert.deepEqual(
    rows(
      pow.forward(
        M([
          [1, 1],
          [1, 0],
        ]),
        S(10),
      ),
    ),
    [
      [89, 55],
      [55, 34],
    ],
  );
  assert.deepEqual(
    rows(
      pow.forward(
        M([
          [2, 1],
          [0, 3],
        ]),
        S(0),
      ),
    ),
    [
      [1, 0],
      [0, 1],
    ],
  );
  assert.deepEqual(
    rows(
      pow.forward(
        M([
          [2, 1],
          [0, 3],
        ]),
        S(1),
      ),
    ),
    [
      [2, 1],
      [0, 3],
    ],
  );
  assert.deepEqual(
    matrixPower(
      M([
        [1, 2],
        [3, 4],
      ]),
      3,
    ).toRows(),
    [
      [37, 54],
      [81, 118],
    ],
  );
});

test('neg and transpose', () => {
  assert.deepEqual(
    rows(
      neg.forward(
        M([
          [1, -2],
          [0, 3],
        ]),
      ),
    ),
    [
      [-1, 2],
      [-0, -3],
    ],
  );
  assert.deepEqual(
    rows(
      transpose.forward(
        M([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ),
    [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
  );
  assert.deepEqual(rows(transpose.forward(M([[2], [1]]))), [[2, 1]]);
});

test('helpers: elementwise, sumAll, fromScalar, OPERATORS', () => {
  assert.deepEqual(elementwise(M([[1, -2]]), (x) => x * x).toRows(), [[1, 4]]);
  assert.equal(
    sumAll(
      M([
        [1, 2],
        [3, 4],
      ]),
    ),
    10,
  );
  assert.deepEqual(fromScalar(3).toRows(), [[3]]);
  assert.deepEqual(Object.keys(OPERATORS).sort(), [
    'add',
    'div',
    'epow',
    'eq',
    'ge',
    'gt',
    'hadamard',
    'le',
    'lt',
    'mul',
    'ne',
    'pow',
    'sub',
  ]);
  for (const [name, op] of Object.entries(OPERATORS)) assert.equal(op.name, name);
});

test('operands are never modified', () => {
  const a = M([
    [1, 2],
    [3, 4],
  ]);
  const b = M([
    [5, 6],
    [7, 8],
  ]);
  for (const op of Object.values(OPERATORS)) {
    try {
      op.forward(a, op === pow ? S(2) : b);
    } catch {
      // shape errors are fine here
    }
  }
  neg.forward(a);
  assert.deepEqual(a.toRows(), [
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual(b.toRows(), [
    [5, 6],
    [7, 8],
  ]);
});

// ------------------------------------------------------------------ errors

function assertShapeError(f: () => unknown, op: string, left: string, right: string, messageIncludes?: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof ShapeError, `ShapeError, got ${String(e)}`);
    assert.equal(e.code, 'shape.mismatch');
    assert.equal(e.op, op);
    assert.equal(`${e.left.rows}×${e.left.cols}`, left);
    assert.equal(`${e.right.rows}×${e.right.cols}`, right);
    assert.ok(e.message.includes(left) && e.message.includes(right), `both shapes in "${e.message}"`);
    if (messageIncludes) assert.match(e.message, messageIncludes);
    return true;
  });
}

test('shape errors name the operator and both shapes', () => {
  assertShapeError(() => add.forward(M([[1, 2]]), M([[1], [2]])), 'add', '1×2', '2×1');
  // Shapes that do not broadcast (and are not a transpose apart) are shape.broadcast: see broadcast.test.ts.
  assert.throws(() => sub.forward(M([[1, 2, 3]]), M([[1, 2]])), /1×3 and 1×2 do not broadcast: axis 2 has 3 and 2/);
  assert.throws(() => hadamard.forward(M([[1], [2]]), M([[1], [2], [3]])), /axis 1 has 2 and 3/);
  // The sheet's slip: W1 (3×2) times a 3×1 gradient.
  assertShapeError(
    () =>
      mul.forward(
        M([
          [1, 0],
          [3, 4],
          [1, 2],
        ]),
        M([[16], [12], [-4]]),
      ),
    'mul',
    '3×2',
    '3×1',
  );
  assertShapeError(() => div.forward(M([[1, 2]]), M([[1], [2]])), 'div', '1×2', '2×1');
  // A scalar over a matrix broadcasts (NumPy's 1 / x): 1 / [1, 2] = [1, 0.5].
  assert.deepEqual(rows(div.forward(S(1), M([[1, 2]]))), [[1, 0.5]]);
  assertShapeError(() => pow.forward(M([[1, 2]]), S(2)), 'pow', '1×2', '1×1', /⊙/);
  assertShapeError(
    () =>
      pow.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        S(0.5),
      ),
    'pow',
    '2×2',
    '1×1',
    /⊙/,
  );
  assertShapeError(
    () =>
      pow.forward(
        M([
          [1, 2],
          [3, 4],
        ]),
        S(-1),
      ),
    'pow',
    '2×2',
    '1×1',
    /⊙/,
  );
  assertShapeError(() => pow.forward(S(2), M([[1, 2]])), 'pow', '1×1', '1×2');
});

test('division by zero and negative bases are domain errors', () => {
  assert.throws(
    () => div.forward(S(1), S(0)),
    (e: unknown) => e instanceof DomainError && e.message === 'division by zero',
  );
  assert.throws(() => div.forward(M([[1, 2]]), M([[1, 0]])), DomainError);
  assert.throws(() => div.forward(S(0), S(0)), DomainError);
  assert.throws(
    () => pow.forward(S(0), S(-1)),
    (e: unknown) => e instanceof DomainError && /division by zero/.test(e.message),
  );
  assert.throws(
    () => pow.forward(S(-8), S(1 / 3)),
    (e: unknown) => e instanceof DomainError && e.code === 'call.domain',
  );
});

test('overflow from finite operands is a limit error naming the operation', () => {
  assert.throws(
    () => mul.forward(S(1e308), S(10)),
    (e: unknown) =>
      e instanceof LimitError &&
      e.code === 'limit.overflow' &&
      e.message === 'overflow: 1e308 × 10 is beyond double precision',
  );
  assert.throws(
    () => add.forward(M([[1e308, 1]]), M([[1e308, 1]])),
    (e: unknown) => e instanceof LimitError && /1e308 \+ 1e308/.test(e.message),
  );
  assert.throws(
    () => pow.forward(S(10), S(400)),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.overflow',
  );
  assert.throws(
    () => mul.forward(M([[1e200, 1e200]]), M([[1e200], [1e200]])),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.overflow',
  );
  assert.throws(
    () => div.forward(S(1e308), S(1e-10)),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.overflow',
  );
});

test('results over the size limit are refused before they are allocated', () => {
  const column = Matrix.zeros(2000, 1);
  const row = Matrix.zeros(1, 2000);
  assert.throws(
    () => mul.forward(column, row),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.matrix-size',
  );
});

test('errors are EvalErrors with stable codes', () => {
  try {
    add.forward(M([[1, 2]]), M([[1], [2]]));
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof EvalError);
    assert.equal((e as EvalError).code, 'shape.mismatch');
  }
});

// ------------------------------------------------------------------ units

test('quantities: 3000 epoch × 2 min/epoch = 6000 min', () => {
  assert.equal(declareCountUnit('epoch'), true);
  const epochs = quantity(3000, 'epoch');
  const rate = div.forward(quantity(2, 'min'), unitQuantity('epoch')!);
  assert.equal(formatValue(rate).text, '2 min/epoch');
  const time = mul.forward(epochs, rate);
  assert.equal(time.kind, 'quantity');
  assert.equal(formatValue(time).text, '6000 min');
  assert.equal(formatValue(time).unit, 'min');
  // combos * 10 epoch: a plain number times a quantity
  assert.equal(formatValue(mul.forward(S(300), quantity(10, 'epoch'))).text, '3000 epoch');
});

test('quantities: 2 min + 3 kg is a unit error naming both units', () => {
  assert.throws(
    () => add.forward(quantity(2, 'min'), quantity(3, 'kg')),
    (e: unknown) =>
      e instanceof UnitError && e.code === 'unit.mismatch' && /min/.test(e.message) && /kg/.test(e.message),
  );
  assert.throws(() => sub.forward(quantity(2, 'min'), quantity(3, 'kg')), UnitError);
  assert.throws(() => add.forward(quantity(2, 'min'), S(3)), UnitError);
});

test('quantities: add, sub, neg, div, pow, cancellation', () => {
  assert.equal(formatValue(add.forward(quantity(1, 'h'), quantity(30, 'min'))).text, '1.5 h');
  assert.equal(formatValue(sub.forward(quantity(2, 'min'), quantity(30, 's'))).text, '1.5 min');
  assert.equal(formatValue(neg.forward(quantity(2, 'min'))).text, '-2 min');
  assert.equal(formatValue(div.forward(quantity(6000, 'min'), S(60))).text, '100 min');
  assert.equal(formatValue(pow.forward(quantity(3, 'm'), S(2))).text, '9 m^2');
  assert.equal(formatValue(hadamard.forward(S(2), quantity(3, 'kg'))).text, '6 kg');
  // Units that cancel leave a plain 1×1 matrix.
  const ratio = div.forward(quantity(6000, 'min'), quantity(2, 'min'));
  assert.equal(ratio.kind, 'matrix');
  assert.deepEqual(rows(ratio), [[3000]]);
  const hours = div.forward(quantity(2, 'h'), quantity(30, 'min'));
  assert.deepEqual(rows(hours), [[4]]);
  assert.deepEqual(rows(mul.forward(quantity(4, 'epoch'), div.forward(S(1), quantity(2, 'epoch')))), [[2]]);
  assert.equal(formatValue(div.forward(S(2), quantity(4, 'min'))).text, '0.5/min');
});

test('quantities: misuse is a unit or domain error', () => {
  assert.throws(() => mul.forward(M([[1, 2]]), quantity(2, 'min')), UnitError);
  assert.throws(() => pow.forward(S(2), quantity(2, 'min')), UnitError);
  assert.throws(() => div.forward(quantity(2, 'min'), S(0)), DomainError);
  assert.throws(() => div.forward(quantity(2, 'min'), quantity(0, 's')), DomainError);
  assert.equal(transpose.forward(quantity(2, 'min')).kind, 'quantity');
});

// ------------------------------------------------------------------ backward vs finite differences

const random = prng(20261127);

type Shape = [number, number];

/**
 * For L = Σ R ⊙ op(A, B) with random weights R, the backward rule given
 * upstream R must match central differences of L in every entry of A and B.
 */
function checkBinaryBackward(
  op: BinaryOperator,
  a: Matrix,
  b: Matrix,
  options: { skipB?: boolean; tol?: number } = {},
): void {
  const out = op.forward(a, b) as Matrix;
  const weights = randomMatrix(random, out.rows, out.cols);
  const loss = (x: Matrix, y: Matrix): number => {
    const o = op.forward(x, y) as Matrix;
    let total = 0;
    for (let i = 0; i < o.size; i++) total += weights.data[i] * o.data[i];
    return total;
  };
  const [ga, gb] = op.backward(weights, a, b, out);
  const what = `${op.name} ${a.shapeText()} ${b.shapeText()}`;
  assert.ok(ga, `${what}: gradient of a`);
  assertMatrixApprox(
    ga,
    finiteDifference((x) => loss(x, b), a),
    options.tol ?? 1e-6,
    `${what} ∂a`,
  );
  if (options.skipB) return;
  assert.ok(gb, `${what}: gradient of b`);
  assertMatrixApprox(
    gb,
    finiteDifference((y) => loss(a, y), b),
    options.tol ?? 1e-6,
    `${what} ∂b`,
  );
}

function randomShape(): Shape {
  return [randomInt(random, 1, 5), randomInt(random, 1, 5)];
}

function broadcastCases(): [Matrix, Matrix][] {
  const cases: [Matrix, Matrix][] = [];
  for (let trial = 0; trial < 8; trial++) {
    const [r, c] = randomShape();
    cases.push([randomMatrix(random, r, c), randomMatrix(random, r, c)]);
    cases.push([randomMatrix(random, 1, 1), randomMatrix(random, r, c)]);
    cases.push([randomMatrix(random, r, c), randomMatrix(random, 1, 1)]);
  }
  cases.push([randomMatrix(random, 1, 1), randomMatrix(random, 1, 1)]);
  return cases;
}

for (const op of [add, sub, hadamard]) {
  test(`${op.name} backward matches finite differences (equal shapes and broadcast)`, () => {
    for (const [a, b] of broadcastCases()) checkBinaryBackward(op, a, b);
  });
}

test('mul backward matches finite differences (products and scaling)', () => {
  for (let trial = 0; trial < 10; trial++) {
    const [n, k] = randomShape();
    const p = randomInt(random, 1, 5);
    checkBinaryBackward(mul, randomMatrix(random, n, k), randomMatrix(random, k, p));
  }
  checkBinaryBackward(mul, randomMatrix(random, 1, 4), randomMatrix(random, 4, 1));
  checkBinaryBackward(mul, randomMatrix(random, 4, 1), randomMatrix(random, 1, 3));
  for (const [a, b] of broadcastCases()) if (a.isScalar || b.isScalar) checkBinaryBackward(mul, a, b);
});

/** Entries in ±[0.5, 2]: away from zero, so division is well conditioned. */
function awayFromZero(rows: number, cols: number): Matrix {
  return elementwise(randomMatrix(random, rows, cols, 0.5, 2), (x) => (random() < 0.5 ? -x : x));
}

test('div backward matches finite differences (entrywise and by a scalar)', () => {
  for (let trial = 0; trial < 8; trial++) {
    const [r, c] = randomShape();
    checkBinaryBackward(div, randomMatrix(random, r, c), awayFromZero(r, c));
    checkBinaryBackward(div, randomMatrix(random, r, c), awayFromZero(1, 1));
  }
  checkBinaryBackward(div, randomMatrix(random, 1, 1), awayFromZero(1, 1));
});

test('pow backward matches finite differences (scalars)', () => {
  for (let trial = 0; trial < 20; trial++) {
    // positive base: both gradients
    checkBinaryBackward(pow, randomMatrix(random, 1, 1, 0.2, 3), randomMatrix(random, 1, 1, -3, 3));
  }
  // negative base, integer exponent: only the base has a gradient; the exponent's is zero
  for (const exponent of [1, 2, 3, -1, -2]) {
    const a = S(-1.7);
    const b = S(exponent);
    checkBinaryBackward(pow, a, b, { skipB: true });
    const [, gb] = pow.backward(S(1), a, b, pow.forward(a, b) as Matrix);
    assert.ok(gb === null || gb.data[0] === 0);
  }
  // the seed's loss: ∂(y − ŷ)²/∂(y − ŷ) = 2(y − ŷ) = 4 at y − ŷ = 2
  const [ga] = pow.backward(S(1), S(2), S(2), S(4));
  assert.deepEqual(ga?.toRows(), [[4]]);
});

test('matrix power backward matches finite differences; the exponent takes none', () => {
  for (const n of [0, 1, 2, 3, 5]) {
    for (const size of [1, 2, 3, 4]) {
      if (size === 1) continue; // 1×1 is the scalar rule
      const a = randomMatrix(random, size, size, -1, 1);
      checkBinaryBackward(pow, a, S(n), { skipB: true });
      const [, gb] = pow.backward(Matrix.zeros(size, size), a, S(n), pow.forward(a, S(n)) as Matrix);
      assert.equal(gb, null);
    }
  }
});

test('neg and transpose backward match finite differences', () => {
  for (let trial = 0; trial < 6; trial++) {
    const [r, c] = randomShape();
    const a = randomMatrix(random, r, c);
    for (const op of [neg, transpose]) {
      const out = op.forward(a) as Matrix;
      const weights = randomMatrix(random, out.rows, out.cols);
      const loss = (x: Matrix): number => {
        const o = op.forward(x) as Matrix;
        let total = 0;
        for (let i = 0; i < o.size; i++) total += weights.data[i] * o.data[i];
        return total;
      };
      const [ga] = op.backward(weights, a, out);
      assert.ok(ga);
      assertMatrixApprox(ga, finiteDifference(loss, a), 1e-6, `${op.name} ${a.shapeText()}`);
    }
  }
});

test('backward rules return gradients of the operands\u2019 shapes', () => {
  const a = randomMatrix(random, 3, 4);
  const b = randomMatrix(random, 4, 2);
  const out = mul.forward(a, b) as Matrix;
  const [ga, gb] = mul.backward(Matrix.zeros(3, 2), a, b, out);
  assert.equal(ga?.shapeText(), '3×4');
  assert.equal(gb?.shapeText(), '4×2');
  const s = S(2);
  const [gs] = add.backward(Matrix.zeros(3, 4), s, a, add.forward(s, a) as Matrix);
  assert.equal(gs?.shapeText(), '1×1');
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { unit } from 'mathjs';
import { max, mean, min, prod, sum } from '../../../src/core/solvers/reductions';
import { ShapeError, UnitError } from '../../../src/core/values/errors';
import { Matrix, Quantity } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

const s = (x: number): Matrix => Matrix.scalar(x);
const one = (v: unknown): number => (v as Matrix).data[0];

test('sum of 1, 3, …, 39 is 400 = 20² (the seed, Problem 4, Question 2)', () => {
  const odds = Matrix.fromRows([Array.from({ length: 20 }, (_, i) => 2 * i + 1)]);
  assert.equal(one(sum.forward([odds])), 400);
});

test('sum, prod, mean, max, min over one matrix', () => {
  const m = Matrix.fromRows([
    [1, 2],
    [3, 4],
  ]);
  assert.equal(one(sum.forward([m])), 10);
  assert.equal(one(prod.forward([m])), 24);
  assert.equal(one(mean.forward([m])), 2.5);
  assert.equal(one(max.forward([m])), 4);
  assert.equal(one(min.forward([Matrix.fromRows([[3], [-1], [2]])])), -1);
});

test('variadic over scalars', () => {
  assert.equal(one(max.forward([s(3), s(-1), s(7)])), 7);
  assert.equal(one(min.forward([s(3), s(-1), s(7)])), -1);
  assert.equal(one(sum.forward([s(3), s(-1), s(7)])), 9);
  assert.equal(one(mean.forward([s(2), s(4)])), 3);
  assert.throws(
    () => max.forward([s(1), Matrix.zeros(2, 1)]),
    (e: unknown) => e instanceof ShapeError && e.left.rows === 2 && e.right.rows === 1 && /max/.test(e.message),
  );
});

test('max and min compare quantities of one dimension and return the winner as written', () => {
  const r = max.forward([new Quantity(unit('2 min')), new Quantity(unit('90 s'))]) as Quantity;
  assert.equal(r.kind, 'quantity');
  assert.equal(r.unit.formatUnits(), 'min');
  assert.equal(r.unit.toNumber('s'), 120);
  const m = min.forward([new Quantity(unit('2 min')), new Quantity(unit('90 s'))]) as Quantity;
  assert.equal(m.unit.toNumber('s'), 90);
  assert.throws(() => max.forward([new Quantity(unit('2 min')), new Quantity(unit('3 m'))]), UnitError);
  assert.throws(() => max.forward([new Quantity(unit('2 min')), s(3)]), UnitError);
});

test('backward against finite differences, one matrix and several scalars', () => {
  const rand = prng(8);
  for (const f of [sum, prod, mean, max, min]) {
    checkBackward(f, [randomMatrix(rand, 3, 2, 0.5, 2)], rand);
    checkBackward(f, [s(rand() + 0.1), s(rand() + 1.3), s(-rand() - 0.2)], rand);
  }
});

test('prod backward with a zero entry: the product of the others', () => {
  const x = Matrix.fromRows([[2, 0, 5]]);
  const [g] = prod.backward!(s(1), [x], prod.forward([x]) as Matrix);
  assertMatrixClose(g!, [[0, 10, 0]]);
});

test('max backward goes to the first maximal entry', () => {
  const x = Matrix.fromRows([[1, 9, 9]]);
  const [g] = max.backward!(s(2), [x], max.forward([x]) as Matrix);
  assertMatrixClose(g!, [[0, 2, 0]]);
});

test('a sum that overflows from finite entries is a LimitError', () => {
  assert.throws(
    () => sum.forward([Matrix.fromRows([[1e308, 1e308]])]),
    (e: unknown) => e instanceof Error && (e as { code?: string }).code === 'limit.overflow',
  );
});

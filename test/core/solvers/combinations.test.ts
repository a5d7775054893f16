import test from 'node:test';
import assert from 'node:assert/strict';
import { combinations } from '../../../src/core/solvers/combinations';
import { DomainError, LimitError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';

const value = (n: number, k: number): number =>
  (combinations.forward([Matrix.scalar(n), Matrix.scalar(k)]) as Matrix).data[0];

test("combinations: by hand and by Pascal's rule", () => {
  assert.equal(value(5, 2), 10);
  assert.equal(value(52, 5), 2598960);
  assert.equal(value(7, 0), 1);
  assert.equal(value(7, 7), 1);
  for (let n = 1; n <= 40; n++)
    for (let k = 1; k < n; k++) assert.equal(value(n, k), value(n - 1, k - 1) + value(n - 1, k), `${n} ${k}`);
});

test('combinations: exact where doubles are exact: C(60, 30)', () => {
  assert.equal(value(60, 30), 118264581564861424);
});

test('combinations: DomainError for negatives, non-integers, k > n; overflow past double precision', () => {
  assert.throws(() => value(-1, 0), DomainError);
  assert.throws(() => value(5, 2.5), DomainError);
  assert.throws(() => value(3, 5), DomainError);
  assert.throws(
    () => value(2000, 1000),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.overflow',
  );
});

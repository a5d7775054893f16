import test from 'node:test';
import assert from 'node:assert/strict';
import { factorial } from '../../../src/core/solvers/factorial';
import { DomainError, LimitError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';

const value = (n: number): number => (factorial.forward([Matrix.scalar(n)]) as Matrix).data[0];

test('factorial: small values by hand, and n! = n·(n − 1)!', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 10].map(value), [1, 1, 2, 6, 24, 120, 3628800]);
  for (let n = 1; n <= 20; n++) assert.equal(value(n), n * value(n - 1));
});

test('factorial: 170! is the largest; 171! overflows', () => {
  // 170! = 7257415615307998967396728211129263…·10^306 − the double nearest it (a running
  // floating-point product would drift to …307994e306).
  assert.equal(value(170), Number('7.257415615307998967396728211129263e306'));
  assert.throws(
    () => value(171),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.overflow',
  );
});

test('factorial: DomainError for negatives and non-integers', () => {
  assert.throws(() => value(-1), DomainError);
  assert.throws(() => value(2.5), DomainError);
  assert.equal(factorial.backward, undefined);
});

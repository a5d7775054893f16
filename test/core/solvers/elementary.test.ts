import test from 'node:test';
import assert from 'node:assert/strict';
import { unit } from 'mathjs';
import { abs, exp, ln, log, log10, log2, sqrt } from '../../../src/core/solvers/elementary';
import { DomainError, LimitError } from '../../../src/core/values/errors';
import { Matrix, Quantity } from '../../../src/core/values/value';
import { assertClose, assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

const row = (...xs: number[]): Matrix => Matrix.fromRows([xs]);
const one = (m: unknown): number => (m as Matrix).data[0];

test('ln and log are the natural log; the seed ratio ln 0.05 / ln 0.95 ≈ 58.404', () => {
  assertMatrixClose(ln.forward([row(1, Math.E, Math.E ** 3)]), [[0, 1, 3]], 1e-15);
  assertMatrixClose(log.forward([row(1, Math.E)]), [[0, 1]], 1e-15);
  assertClose(one(ln.forward([row(0.05)])) / one(ln.forward([row(0.95)])), 58.40397481431972, 1e-12);
});

test('log10, log2, exp, sqrt, abs by closed forms', () => {
  assertMatrixClose(log10.forward([row(1000, 0.01, 1)]), [[3, -2, 0]], 1e-15);
  assertMatrixClose(log2.forward([row(1, 8, 0.25)]), [[0, 3, -2]], 1e-15);
  assertMatrixClose(exp.forward([row(0, 1, -1)]), [[1, Math.E, 1 / Math.E]], 1e-15);
  assertMatrixClose(sqrt.forward([Matrix.fromRows([[4], [9], [0], [2]])]), [[2], [3], [0], [Math.SQRT2]], 1e-15);
  assertMatrixClose(abs.forward([row(-3, 2, 0)]), [[3, 2, 0]]);
});

test('DomainError outside the domain: logs of x ≤ 0, sqrt of x < 0', () => {
  for (const f of [ln, log, log10, log2]) {
    assert.throws(() => f.forward([row(0)]), DomainError, f.name);
    assert.throws(() => f.forward([row(2, -1)]), DomainError, f.name);
  }
  assert.throws(
    () => sqrt.forward([row(-4)]),
    (e: unknown) => e instanceof DomainError && e.code === 'call.domain',
  );
});

test('exp overflow of a finite input is a LimitError', () => {
  assert.throws(
    () => exp.forward([row(1000)]),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.overflow',
  );
});

test('abs of a quantity keeps its unit', () => {
  const q = abs.forward([new Quantity(unit('-3 min'))]) as Quantity;
  assert.equal(q.kind, 'quantity');
  assert.equal(q.unit.toNumber('min'), 3);
});

test('backward of each against finite differences', () => {
  const rand = prng(7);
  for (const f of [ln, log, log10, log2, sqrt]) checkBackward(f, [randomMatrix(rand, 2, 3, 0.2, 5)], rand);
  checkBackward(exp, [randomMatrix(rand, 3, 2, -3, 3)], rand);
  const x = randomMatrix(rand, 3, 3);
  for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i]) < 0.05) x.data[i] = -0.5;
  checkBackward(abs, [x], rand);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { unit } from 'mathjs';
import {
  allocate,
  guardFinite,
  integerArg,
  matrixArg,
  openIntervalArg,
  quantityWithNumber,
  scalarArg,
  sizeArgs,
} from '../../../src/core/solvers/common';
import {
  DomainError,
  EvalError,
  LimitError,
  MAX_MATRIX_ENTRIES,
  ShapeError,
  UnitError,
} from '../../../src/core/values/errors';
import { Matrix, Quantity } from '../../../src/core/values/value';

test('argument checks throw the structured errors, naming the function and parameter', () => {
  assert.throws(
    () => matrixArg('relu', 'x', new Quantity(unit('2 min'))),
    (e: unknown) => e instanceof UnitError && /relu: x has a unit \(min\)/.test(e.message),
  );
  assert.throws(
    () => scalarArg('sgd_step', 'lr', Matrix.zeros(2, 1)),
    (e: unknown) =>
      e instanceof ShapeError &&
      e.op === 'call' &&
      e.left.rows === 2 &&
      e.right.rows === 1 &&
      e.message === 'sgd_step: lr must be a scalar, not 2×1',
  );
  assert.throws(
    () => integerArg('conv2d', 'stride', Matrix.scalar(1.5), 1),
    (e: unknown) => e instanceof DomainError && /stride must be an integer/.test(e.message),
  );
  assert.throws(
    () => integerArg('conv2d', 'stride', Matrix.scalar(0), 1),
    (e: unknown) => e instanceof DomainError && /at least 1/.test(e.message),
  );
  assert.throws(() => openIntervalArg('min_trials', 'p', Matrix.scalar(1), 0, 1), DomainError);
  assert.throws(() => openIntervalArg('min_trials', 'p', Matrix.scalar(Number.NaN), 0, 1), DomainError);
});

test('allocate refuses an output over the limit before building it', () => {
  assert.equal(allocate('f', 1000, 1000).size, MAX_MATRIX_ENTRIES);
  assert.throws(
    () => allocate('f', 1001, 1000),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.matrix-size',
  );
});

test('guardFinite: an overflow from finite inputs is a LimitError, non-finite inputs pass through', () => {
  const inf = Matrix.scalar(Infinity);
  assert.throws(
    () => guardFinite('f', inf, [Matrix.scalar(1)]),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.overflow',
  );
  assert.equal(guardFinite('f', inf, [inf]), inf);
});

test('quantityWithNumber keeps the unit as written', () => {
  const q = quantityWithNumber(new Quantity(unit('5.5 min')), 5);
  assert.equal(q.unit.formatUnits(), 'min');
  assert.equal(q.unit.toNumber('s'), 300);
});

test('sizeArgs: up to four whole sizes ≥ 1, each named in its message', () => {
  const s = Matrix.scalar;
  assert.deepEqual(sizeArgs('zeros', [s(2), s(3), s(4)]), [2, 3, 4]);
  const message = (args: Matrix[]): string => {
    try {
      sizeArgs('zeros', args);
    } catch (e) {
      assert.ok(e instanceof EvalError);
      return `${e.code}: ${e.message}`;
    }
    return 'no error';
  };
  assert.equal(message([s(2), s(0)]), 'call.domain: zeros: the second size is 0; every axis needs at least 1 entry');
  assert.match(message([s(2.5)]), /^call\.domain: zeros: the first size must be an integer/);
  assert.match(message([s(1), s(1), s(1), s(1), s(1)]), /^shape\.rank: zeros: 5 sizes/);
});

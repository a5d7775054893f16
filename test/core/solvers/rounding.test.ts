import test from 'node:test';
import assert from 'node:assert/strict';
import { unit } from 'mathjs';
import { ceil, floor, round } from '../../../src/core/solvers/rounding';
import { Matrix, Quantity } from '../../../src/core/values/value';
import { assertMatrixClose } from './finiteDifference';
import { assertStepsRender } from './exampleLine';

const row = (...xs: number[]): Matrix => Matrix.fromRows([xs]);

test('floor, ceil, round entry by entry; round takes halves away from zero', () => {
  assertMatrixClose(floor.forward([row(2.7, -2.2, 3, -0.5)]), [[2, -3, 3, -1]]);
  assertMatrixClose(ceil.forward([row(58.40397481431972, -2.7, 3, 103.29454229467456)]), [[59, -2, 3, 104]]);
  assertMatrixClose(round.forward([row(2.5, -2.5, 0.4, -0.6, 1.49)]), [[3, -3, 0, -1, 1]]);
});

test('floating-point noise next to an integer does not move floor/ceil by one', () => {
  const noisy = (0.1 * 3) / 0.1; // 2.9999999999999996
  assert.notEqual(noisy, 3);
  assertMatrixClose(floor.forward([row(noisy)]), [[3]]);
  assertMatrixClose(ceil.forward([row(0.1 + 0.2 - 0.3 + 2)]), [[2]]);
  // A real fractional part stays.
  assertMatrixClose(ceil.forward([row(2.000001)]), [[3]]);
});

test('quantities round in their own unit', () => {
  const q = floor.forward([new Quantity(unit('5.5 min'))]);
  assert.equal(q.kind, 'quantity');
  assert.equal((q as Quantity).unit.toNumber('min'), 5);
  const c = ceil.forward([new Quantity(unit('3000.2 s'))]) as Quantity;
  assert.equal(c.unit.toNumber('s'), 3001);
  assert.equal(c.unit.formatUnits(), 's');
  const steps = assertStepsRender(floor, [new Quantity(unit('5.5 min'))]);
  assert.ok(steps.some((s) => s.latex.includes('\\mathrm{min}')));
});

test('piecewise constant: no backward', () => {
  assert.equal(floor.backward, undefined);
  assert.equal(ceil.backward, undefined);
  assert.equal(round.backward, undefined);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import * as mathModule from '../../../src/core/values/math';
import { UnitError } from '../../../src/core/values/errors';
import {
  addQuantities,
  compareQuantities,
  declareCountUnit,
  divQuantities,
  inUnitsOf,
  mulQuantities,
  powQuantity,
  quantityEquals,
  quantityNumber,
  quantityUnitText,
  scaleQuantity,
  subQuantities,
  unitQuantity,
  unitsCompatible,
} from '../../../src/core/values/units';
import { Matrix, Quantity } from '../../../src/core/values/value';

function q(n: number, unit: string): Quantity {
  const one = unitQuantity(unit);
  assert.ok(one, unit);
  return scaleQuantity(one, n);
}

test('unitQuantity: a bare unit name is 1 of it', () => {
  for (const name of ['min', 'h', 's', 'kg', 'km']) {
    const one = unitQuantity(name);
    assert.ok(one, name);
    assert.equal(quantityNumber(one), 1);
    assert.equal(quantityUnitText(one), name);
  }
  assert.equal(unitQuantity('notAUnit'), undefined);
  assert.equal(unitQuantity(''), undefined);
  assert.equal(unitQuantity('min/s'), undefined); // names, not expressions
  assert.equal(unitQuantity('__proto__'), undefined);
  assert.equal(unitQuantity('constructor'), undefined);
});

test('declareCountUnit: a new dimensionless base unit, idempotent', () => {
  assert.equal(unitQuantity('trial'), undefined);
  assert.equal(declareCountUnit('trial'), true);
  assert.equal(declareCountUnit('trial'), true);
  const trials = q(20, 'trial');
  assert.equal(quantityUnitText(trials), 'trial');
  // a count unit of its own: not compatible with another count or with time
  declareCountUnit('epoch');
  assert.equal(unitsCompatible(trials, q(1, 'epoch')), false);
  assert.equal(unitsCompatible(trials, q(1, 's')), false);
  assert.throws(() => addQuantities(trials, q(1, 'epoch')), UnitError);
});

test('declareCountUnit: an existing unit is reused, a bad name refused', () => {
  assert.equal(declareCountUnit('min'), true);
  // still the time unit mathjs knows
  const ratio = divQuantities(q(1, 'h'), q(1, 'min'));
  assert.ok(ratio instanceof Matrix);
  assert.equal(ratio.scalarValue, 60);
  for (const bad of ['', '2x', 'a b', 'min/s', '__proto__', 'toString', 'x'.repeat(100), 'ep-och']) {
    assert.equal(declareCountUnit(bad), false, JSON.stringify(bad));
  }
});

test('add and sub need compatible units; the result keeps the left unit', () => {
  const sum = addQuantities(q(1, 'h'), q(30, 'min'));
  assert.equal(quantityUnitText(sum), 'h');
  assert.equal(quantityNumber(sum), 1.5);
  assert.equal(quantityNumber(subQuantities(q(2, 'min'), q(30, 's'))), 1.5);
  assert.throws(
    () => addQuantities(q(2, 'min'), q(3, 'kg')),
    (e: unknown) =>
      e instanceof UnitError && e.code === 'unit.mismatch' && e.message.includes('min') && e.message.includes('kg'),
  );
  assert.throws(() => subQuantities(q(2, 'min'), q(3, 'kg')), UnitError);
});

test('mul and div combine units; a unit that cancels leaves a 1×1 matrix', () => {
  declareCountUnit('epoch');
  const rate = divQuantities(q(2, 'min'), q(1, 'epoch'));
  assert.ok(rate instanceof Quantity);
  assert.equal(quantityUnitText(rate), 'min/epoch');
  const time = mulQuantities(q(3000, 'epoch'), rate);
  assert.ok(time instanceof Quantity);
  assert.equal(quantityUnitText(time), 'min');
  assert.equal(quantityNumber(time), 6000);
  const ratio = divQuantities(q(6000, 'min'), q(2, 'h'));
  assert.ok(ratio instanceof Matrix);
  assert.equal(ratio.scalarValue, 50);
  const area = mulQuantities(q(2, 'm'), q(3, 'm'));
  assert.equal(quantityUnitText(area as Quantity), 'm^2');
  assert.equal(quantityNumber(area as Quantity), 6);
});

test('pow by a scalar', () => {
  const squared = powQuantity(q(3, 'm'), 2);
  assert.ok(squared instanceof Quantity);
  assert.equal(quantityUnitText(squared), 'm^2');
  assert.equal(quantityNumber(squared), 9);
  const inverse = powQuantity(q(4, 's'), -1) as Quantity;
  assert.equal(quantityUnitText(inverse), '1/s');
  assert.equal(quantityNumber(inverse), 0.25);
  const one = powQuantity(q(4, 's'), 0);
  assert.ok(one instanceof Matrix);
  assert.equal(one.scalarValue, 1);
});

test('equality and comparison convert to a common unit', () => {
  assert.equal(quantityEquals(q(2, 'h'), q(120, 'min'), 1e-9), true);
  assert.equal(quantityEquals(q(2, 'h'), q(121, 'min'), 1e-9), false);
  assert.equal(quantityEquals(q(6000, 'min'), q(6000.000001, 'min'), 1e-9), true);
  assert.equal(quantityEquals(q(2, 'min'), q(2, 'kg'), 1e-9), false);
  assert.equal(inUnitsOf(q(2, 'h'), q(30, 'min')), 120);
  assert.ok(compareQuantities(q(2, 'h'), q(100, 'min')) > 0);
  assert.ok(compareQuantities(q(1, 'min'), q(100, 's')) < 0);
  assert.equal(compareQuantities(q(1, 'min'), q(60, 's')), 0);
  assert.throws(() => compareQuantities(q(1, 'min'), q(1, 'kg')), UnitError);
  assert.throws(() => inUnitsOf(q(1, 'min'), q(1, 'kg')), UnitError);
});

test('the private mathjs instance is not exported', () => {
  assert.deepEqual(Object.keys(mathModule).sort(), ['Units', 'makeUnit']);
  const UnitClass = mathModule.Units();
  // The Unit class parses unit names, nothing else.
  assert.equal(typeof UnitClass.isValuelessUnit, 'function');
  assert.equal(typeof (UnitClass as unknown as Record<string, unknown>)['evaluate'], 'undefined');
});

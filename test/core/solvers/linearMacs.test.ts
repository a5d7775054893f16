import test from 'node:test';
import assert from 'node:assert/strict';
import { linearMacs } from '../../../src/core/solvers/linearMacs';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertExampleHolds, assertStepsRender } from './exampleLine';

const s = (x: number): Matrix => Matrix.scalar(x);
const macs = (inputs: number, outputs: number): number =>
  (linearMacs.forward([s(inputs), s(outputs)]) as Matrix).data[0];

test('linear_macs: inputs · outputs, the entries of W (by hand)', () => {
  assertExampleHolds(linearMacs);
  assert.equal(macs(784, 128), 784 * 128);
  // W x for W 3×4: each of the 3 outputs is a dot product of length 4.
  assert.equal(macs(4, 3), 12);
});

test('linear_macs: sizes are positive integers; no backward; steps show the product', () => {
  assert.throws(() => macs(0, 3), DomainError);
  assert.throws(() => macs(2.5, 3), DomainError);
  assert.equal(linearMacs.backward, undefined);
  const steps = assertStepsRender(linearMacs, [s(784), s(128)]);
  assert.equal(steps[1].latex, '784 \\cdot 128 = 100352');
});

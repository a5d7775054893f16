import test from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../../src/core';
import { relu } from '../../../src/core/solvers/relu';
import { UnitError } from '../../../src/core/values/errors';
import { Matrix, Quantity } from '../../../src/core/values/value';
import { unit } from 'mathjs';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

test('relu: max(0, x) entry by entry (the seed network: a2 = [38; 22] stays, negatives vanish)', () => {
  assertMatrixClose(relu.forward([Matrix.fromRows([[38], [22]])]), [[38], [22]]);
  assertMatrixClose(relu.forward([Matrix.fromRows([[-3, 0, 2.5]])]), [[0, 0, 2.5]]);
});

test("relu': 1 where x > 0, else 0; relu'(0) = 0", () => {
  assertMatrixClose(relu.derivative!([Matrix.fromRows([[8], [0], [-1]])]), [[1], [0], [0]]);
});

test("relu: backward is upstream ⊙ relu'(x), against finite differences", () => {
  const rand = prng(1);
  for (let trial = 0; trial < 5; trial++) {
    // Entries away from 0, where relu is differentiable.
    const x = randomMatrix(rand, 3, 2).data.map((v) => (Math.abs(v) < 0.05 ? 0.5 : v));
    checkBackward(relu, [new Matrix(3, 2, x)], rand);
  }
});

test('relu: a quantity is refused with a UnitError', () => {
  assert.throws(() => relu.forward([new Quantity(unit('2 min'))]), UnitError);
});

test('relu and its prime work entry by entry on a rank-3 feature map, gradient included', () => {
  // Two channels; relu keeps the positive entries (by hand), and ∂ sum(relu(X)) / ∂X is 1 where X > 0.
  const text = [
    'given X = [1, -2; 3, -4;; -1, 2; 0, 5]',
    'relu(X) = [1, 0; 3, 0;; 0, 2; 0, 5]',
    "relu'(X) = [1, 0; 1, 0;; 0, 1; 0, 1]",
    'L = sum(relu(X))',
    '∂L/∂X = [1, 0; 1, 0;; 0, 1; 0, 1]',
    'sigmoid(0 X) = [0.5, 0.5; 0.5, 0.5;; 0.5, 0.5; 0.5, 0.5]',
  ].join('\n');
  assert.deepEqual(
    check(text).diagnostics.map((d) => `${d.code}: ${d.message}`),
    [],
  );
});

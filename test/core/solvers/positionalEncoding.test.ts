import test from 'node:test';
import assert from 'node:assert/strict';
import { positionalEncoding } from '../../../src/core/solvers/positionalEncoding';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose } from './finiteDifference';
import { oracle, oracleNumber } from './oracle';

test("positional_encoding: the PyTorch tutorial's construction", () => {
  const c = oracle('positional_encoding');
  const args = [Matrix.scalar(oracleNumber(c, 'n')), Matrix.scalar(oracleNumber(c, 'd'))];
  assertMatrixClose(positionalEncoding.forward(args), c.output, 1e-13);
});

test('sizes must be positive integers', () => {
  assert.throws(() => positionalEncoding.forward([Matrix.scalar(0), Matrix.scalar(4)]), DomainError);
  assert.throws(() => positionalEncoding.forward([Matrix.scalar(2), Matrix.scalar(1.5)]), DomainError);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../../src/core';
import { cov, std, variance } from '../../../src/core/solvers/statistics';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { input, oracle } from './oracle';

const s = (x: number): Matrix => Matrix.scalar(x);

test("var and std: NumPy's values, population by default, ddof=1 the sample formula", () => {
  for (const name of ['a', 'b']) {
    for (const ddof of [0, 1]) {
      const v = oracle(`var_${name}_${ddof}`);
      const d = oracle(`std_${name}_${ddof}`);
      const args = ddof === 0 ? [input(v, 'x')] : [input(v, 'x'), s(ddof)];
      assertMatrixClose(variance.forward(args), v.output, 1e-14);
      assertMatrixClose(std.forward(args), d.output, 1e-14);
    }
  }
});

test("cov: NumPy's cov of the columns (rowvar=False), for ddof 0 and 1", () => {
  for (const ddof of [0, 1]) {
    const c = oracle(`cov_${ddof}`);
    const args = ddof === 0 ? [input(c, 'X')] : [input(c, 'X'), s(ddof)];
    assertMatrixClose(cov.forward(args), c.output, 1e-14);
  }
});

test('one value with ddof=1 leaves no degrees of freedom', () => {
  assert.throws(() => variance.forward([Matrix.fromRows([[3]]), s(1)]), DomainError);
  assert.throws(() => variance.forward([Matrix.fromRows([[3, 4]]), s(-1)]), DomainError);
});

test('backward against central finite differences', () => {
  const rand = prng(21);
  checkBackward(variance, [randomMatrix(rand, 2, 3)], rand);
  checkBackward(variance, [randomMatrix(rand, 4, 1), s(1)], rand);
  checkBackward(std, [randomMatrix(rand, 3, 2)], rand);
  checkBackward(cov, [randomMatrix(rand, 4, 3)], rand);
  checkBackward(cov, [randomMatrix(rand, 5, 2), s(1)], rand);
});

test('var is a name a homework can call', () => {
  assert.deepEqual(
    check('problem 1 "s"\ngiven x = [2, 4, 4, 4, 5, 5, 7, 9]\nvar(x) = 4\nstd(x) = 2\n').diagnostics,
    [],
  );
});

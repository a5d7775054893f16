import test from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../../src/core';
import { CONSTANTS, constantValue } from '../../../src/core/solvers/constants';
import { constants } from './oracle';

test('pi and e are the values Python gives', () => {
  const reference = constants();
  assert.equal(constantValue('pi')?.data[0], reference.pi);
  // `\pi` in LaTeX homework reads as π.
  assert.equal(constantValue('π')?.data[0], reference.pi);
  assert.equal(constantValue('e')?.data[0], reference.e);
  assert.equal(constantValue('inf')?.data[0], Infinity);
  assert.equal(constantValue('∞')?.data[0], Infinity);
  assert.equal(constantValue('tau'), undefined);
  assert.deepEqual(
    CONSTANTS.map((c) => c.name),
    ['pi', 'π', 'e', 'inf', '∞'],
  );
});

test('inf and ∞ in a homework: exp(-inf) = 0, claims compare with inf, and a student’s inf shadows it', () => {
  const codes = (text: string) => check(text).diagnostics.map((d) => d.code);
  assert.deepEqual(codes('problem 1 "c"\nexp(-inf) = 0\nx = ∞ = inf\n-inf < 0\nmax([1, inf]) = inf\n'), []);
  // A wrong claim about inf is wrong, and the fix can write inf back.
  const wrong = check('problem 1 "c"\nmax([1, inf]) = 5\n').diagnostics;
  assert.deepEqual(
    wrong.map((d) => d.code),
    ['value.wrong'],
  );
  assert.match(wrong[0].message, /is inf, not 5/);
  assert.deepEqual(codes('problem 1 "c"\ngiven inf = 3\ninf + 1 = 4\n'), []);
});

test('the constants are known names in a homework, and a name the problem defines shadows them', () => {
  assert.deepEqual(check('problem 1 "c"\nsin(pi / 6) = 0.5\nln(e) = 1\ne^2 ≈ 7.389\n').diagnostics, []);
  const shadowed = check('problem 1 "c"\ngiven e = 0.3\ne^2 = 0.09\nproblem 2 "d"\npi = 3\n2 pi = 6\n');
  assert.deepEqual(
    shadowed.diagnostics.map((d) => d.code),
    [],
  );
  // The shadowing stays in its problem: e is the constant again in the next one.
  assert.deepEqual(
    check('problem 1 "c"\ngiven e = 0.3\nproblem 2 "d"\nln(e) = 1\n').diagnostics.map((d) => d.code),
    [],
  );
});

test('a gradient treats a constant as a constant', () => {
  const text = 'problem 1 "g"\ngiven x = 0.5\nL = sin(pi x)\n∂L/∂x = pi cos(pi x)\n';
  assert.deepEqual(
    check(text).diagnostics.map((d) => d.code),
    [],
  );
});

test('a value with no number (0 · ∞, ∞ − ∞) is a domain error on its expression, never a verdict about NaN', () => {
  const text = 'problem 1 "c"\nx = inf - inf\nexp(-inf) max([1, inf]) = ∞\n';
  const found = check(text).diagnostics.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
  assert.deepEqual(found, ['call.domain inf - inf', 'call.domain exp(-inf) max([1, inf])']);
});

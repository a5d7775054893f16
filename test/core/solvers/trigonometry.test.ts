import test from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../../src/core';
import { acos, asin, atan, cos, cosh, sin, sinh, tan } from '../../../src/core/solvers/trigonometry';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { input, oracle } from './oracle';

const all = { sin, cos, tan, asin, acos, atan, sinh, cosh };

for (const [name, builtin] of Object.entries(all)) {
  test(`${name}: PyTorch's values`, () => {
    const c = oracle(name);
    assertMatrixClose(builtin.forward([input(c, 'x')]), c.output, 1e-14);
  });
}

test('backward against central finite differences', () => {
  const rand = prng(11);
  for (const builtin of [sin, cos, tan, atan, sinh, cosh])
    checkBackward(builtin, [randomMatrix(rand, 2, 3, -1.2, 1.2)], rand);
  for (const builtin of [asin, acos]) checkBackward(builtin, [randomMatrix(rand, 2, 3, -0.9, 0.9)], rand);
});

test('asin and acos outside [−1, 1] are domain errors, at the call', () => {
  assert.throws(() => acos.forward([Matrix.scalar(2)]), DomainError);
  assert.throws(() => asin.forward([Matrix.fromRows([[0.5, -1.5]])]), DomainError);
  const text = 'problem 1 "t"\ny = acos(2)\n';
  const [d] = check(text).diagnostics;
  assert.equal(d.code, 'call.domain');
  assert.equal(text.slice(d.span.start, d.span.end), 'acos(2)');
  assert.match(d.message, /acos: defined only for −1 ≤ x ≤ 1, not 2/);
});

test('sin(0.5) = 0.4794 is checked, not an unknown function: right to its digits under ≈', () => {
  assert.deepEqual(check('problem 1 "t"\nsin(0.5) ≈ 0.4794\n').diagnostics, []);
  const wrong = check('problem 1 "t"\nsin(0.5) ≈ 0.4795\n').diagnostics.map((d) => d.code);
  assert.deepEqual(wrong, ['value.wrong']);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { convOut } from '../../../src/core/solvers/convOut';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertStepsRender } from './exampleLine';

const s = (x: number): Matrix => Matrix.scalar(x);
const value = (...args: number[]): number => (convOut.forward(args.map(s)) as Matrix).data[0];

test('conv_out: the seed (Problem 4): 36×36, 3×3 → 34; padding 3, stride 2 → 20', () => {
  assert.equal(value(36, 3), 34);
  assert.equal(value(36, 3, 0, 1), 34);
  assert.equal(value(36, 3, 3, 2), 20);
});

test('conv_out: agrees with counting the window positions one by one', () => {
  for (let n = 1; n <= 12; n++)
    for (let k = 1; k <= n + 4; k++)
      for (let p = 0; p <= 2; p++)
        for (let stride = 1; stride <= 3; stride++) {
          if (k > n + 2 * p) continue;
          let positions = 0;
          for (let start = 0; start + k <= n + 2 * p; start += stride) positions++;
          assert.equal(value(n, k, p, stride), positions, `n=${n} k=${k} P=${p} S=${stride}`);
        }
});

test('conv_out: DomainError for k > n + 2P, S < 1, P < 0, non-integers', () => {
  for (const args of [
    [3, 5],
    [3, 6, 1, 1],
    [36, 3, 0, 0],
    [36, 3, -1, 1],
    [36.5, 3],
    [36, 3, 0.5, 1],
    [36, 3, 0, 1.5],
  ]) {
    assert.throws(() => value(...args), DomainError, args.join(', '));
  }
  assert.equal(value(3, 5, 1, 1), 1);
});

test('conv_out: no backward (integer-valued); steps put the numbers in the formula', () => {
  assert.equal(convOut.backward, undefined);
  const steps = assertStepsRender(convOut, [s(36), s(3), s(3), s(2)]);
  assert.ok(steps.some((st) => st.latex.includes('\\frac{36 + 2\\cdot 3 - 3}{2}') && st.latex.endsWith('19 + 1 = 20')));
});

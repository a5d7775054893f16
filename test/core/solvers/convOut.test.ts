import test from 'node:test';
import assert from 'node:assert/strict';
import { convOut } from '../../../src/core/solvers/convOut';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertExampleHolds, assertStepsRender } from './exampleLine';
import { sizeCases } from './convOracle';

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

test('conv_out: with dilation, agrees with PyTorch Conv2d and with counting the dilated window positions', () => {
  for (const c of sizeCases<{ n: number; k: number; padding: number; stride: number; dilation: number; out: number }>(
    'conv_out_sizes',
  )) {
    assert.equal(value(c.n, c.k, c.padding, c.stride, c.dilation), c.out, JSON.stringify(c));
  }
  for (let n = 1; n <= 10; n++)
    for (let k = 1; k <= 4; k++)
      for (let d = 1; d <= 3; d++)
        for (let stride = 1; stride <= 3; stride++) {
          const span = d * (k - 1) + 1;
          if (span > n + 2) continue;
          let positions = 0;
          for (let start = 0; start + span <= n + 2; start += stride) positions++;
          assert.equal(value(n, k, 1, stride, d), positions, `n=${n} k=${k} d=${d} S=${stride}`);
        }
});

test('conv_out: a dilated kernel larger than the padded input is refused, naming its span; d < 1 too', () => {
  assert.throws(
    () => value(4, 3, 0, 1, 2),
    /the dilated kernel d\(k − 1\) \+ 1 = 5 is larger than the padded input n \+ 2P = 4/,
  );
  assert.throws(() => value(8, 3, 0, 1, 0), DomainError);
  assert.equal(value(4, 3, 1, 1, 2), 2);
});

test('conv_out: the worked example holds; steps with dilation show d(k − 1)', () => {
  assertExampleHolds(convOut);
  const steps = assertStepsRender(convOut, [s(32), s(3), s(0), s(1), s(2)]);
  assert.ok(
    steps.some(
      (st) => st.latex.includes('\\frac{32 + 2\\cdot 0 - 2(3 - 1) - 1}{1}') && st.latex.endsWith('27 + 1 = 28'),
    ),
  );
});

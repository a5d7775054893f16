import test from 'node:test';
import assert from 'node:assert/strict';
import { conv2dMacs } from '../../../src/core/solvers/conv2dMacs';
import { resolveArguments } from '../../../src/core/solvers/registry';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertExampleHolds, assertStepsRender } from './exampleLine';

const s = (x: number): Matrix => Matrix.scalar(x);
const macs = (...sizes: number[]): number =>
  (conv2dMacs.forward(resolveArguments(conv2dMacs, sizes.map(s), [])) as Matrix).data[0];

test('conv2d_macs: one product per kernel weight per output entry (by hand)', () => {
  assertExampleHolds(conv2dMacs);
  // 3 → 16 channels, 3×3 kernels, a 32×32 output: 32·32 = 1024 outputs per filter, 16 filters, 27 products each.
  assert.equal(macs(3, 16, 3, 32), 1024 * 16 * 27);
  // ResNet's first layer: 3 → 64, 7×7, 112×112 output, about 118 million.
  assert.equal(macs(3, 64, 7, 112, 112), 118013952);
  assert.equal(macs(2, 3, 1, 4, 5), 4 * 5 * 3 * 2);
});

test('conv2d_macs: counts the products the convolution loop makes', () => {
  // Counted one by one: for every output (o, i, j), for every (c, a, b) one multiply-add.
  for (const [cin, cout, k, h, w] of [
    [1, 1, 3, 2, 2],
    [2, 3, 2, 3, 4],
    [4, 2, 5, 1, 3],
  ]) {
    let count = 0;
    for (let o = 0; o < cout; o++)
      for (let i = 0; i < h; i++)
        for (let j = 0; j < w; j++) for (let c = 0; c < cin; c++) for (let t = 0; t < k * k; t++) count++;
    assert.equal(macs(cin, cout, k, h, w), count);
  }
});

test('conv2d_macs: sizes are positive integers; out_w defaults to out_h', () => {
  assert.equal(macs(1, 1, 1, 5), 25);
  assert.throws(() => macs(0, 1, 1, 1), DomainError);
  assert.throws(() => macs(1, 1, 1.5, 1), DomainError);
  assert.equal(conv2dMacs.backward, undefined);
  const steps = assertStepsRender(conv2dMacs, resolveArguments(conv2dMacs, [s(3), s(16), s(3), s(32)], []));
  assert.equal(steps[1].latex, '32 \\cdot 32 \\cdot 16 \\cdot 3 \\cdot 3^2 = 442368');
});

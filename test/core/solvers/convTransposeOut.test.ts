import test from 'node:test';
import assert from 'node:assert/strict';
import { convOut } from '../../../src/core/solvers/convOut';
import { convTransposeOut } from '../../../src/core/solvers/convTransposeOut';
import { resolveArguments } from '../../../src/core/solvers/registry';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { sizeCases } from './convOracle';
import { assertExampleHolds, assertStepsRender } from './exampleLine';

const s = (x: number): Matrix => Matrix.scalar(x);
const value = (...args: number[]): number => (convTransposeOut.forward(args.map(s)) as Matrix).data[0];

test('conv_transpose_out: by hand, the DCGAN doubling 16 → 32 and 7 → 14 with output_padding', () => {
  assertExampleHolds(convTransposeOut);
  assert.equal(value(16, 4, 2, 1), 15 * 2 - 2 + 3 + 1); // 32
  assert.equal(value(7, 3, 2, 1, 1), 6 * 2 - 2 + 2 + 1 + 1); // 14
  assert.equal(value(5, 3), 7); // stride 1, no padding: n + k − 1
});

test('conv_transpose_out: agrees with the sizes PyTorch ConvTranspose2d gives', () => {
  type Case = { n: number; k: number; stride: number; padding: number; output_padding: number; dilation: number };
  for (const c of sizeCases<Case & { out: number }>('conv_transpose_out_sizes')) {
    assert.equal(value(c.n, c.k, c.stride, c.padding, c.output_padding, c.dilation), c.out, JSON.stringify(c));
  }
});

test('conv_transpose_out: a convolution with the same settings maps the size back to n', () => {
  const convSide = (n: number, k: number, stride: number, padding: number, dilation: number): number =>
    (convOut.forward([s(n), s(k), s(padding), s(stride), s(dilation)]) as Matrix).data[0];
  for (let n = 1; n <= 8; n++)
    for (let k = 1; k <= 4; k++)
      for (let stride = 1; stride <= 3; stride++)
        for (let dilation = 1; dilation <= 2; dilation++)
          // output_padding below the stride: the sizes a stride-S convolution maps to the same n.
          for (let outputPadding = 0; outputPadding < stride; outputPadding++) {
            const padding = 0;
            const up = value(n, k, stride, padding, outputPadding, dilation);
            assert.equal(convSide(up, k, stride, padding, dilation), n, `n=${n} k=${k} S=${stride} d=${dilation}`);
          }
});

test('conv_transpose_out: output_padding must be smaller than the stride or the dilation; sizes below 1 refused', () => {
  assert.throws(() => value(7, 3, 2, 1, 2), /output_padding 2 must be smaller than the stride 2 or the dilation 1/);
  assert.throws(() => value(7, 3, 1, 0, 1), DomainError);
  assert.equal(value(7, 3, 1, 0, 1, 2), 6 + 2 * 2 + 1 + 1); // allowed by the dilation: 12
  assert.throws(() => value(1, 1, 1, 1), /the output would have -1 entries per side/);
  assert.throws(() => value(0, 3), DomainError);
});

test('conv_transpose_out: named arguments, no backward, steps put the numbers in', () => {
  const args = resolveArguments(
    convTransposeOut,
    [s(7), s(3)],
    [
      { name: 'stride', value: s(2) },
      { name: 'output_padding', value: s(1) },
      { name: 'padding', value: s(1) },
    ],
  );
  assert.equal((convTransposeOut.forward(args) as Matrix).data[0], 14);
  assert.equal(convTransposeOut.backward, undefined);
  const steps = assertStepsRender(convTransposeOut, args);
  assert.equal(steps[1].latex, '(7 - 1)\\cdot 2 - 2\\cdot 1 + 1(3 - 1) + 1 + 1 = 12 - 2 + 2 + 1 + 1 = 14');
});

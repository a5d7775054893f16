import test from 'node:test';
import assert from 'node:assert/strict';
import {
  conv2dParams,
  gruParams,
  linearParams,
  lstmParams,
  rnnParams,
} from '../../../src/core/solvers/parameterCounts';
import type { Builtin } from '../../../src/core/solvers/builtin';
import { Matrix } from '../../../src/core/values/value';
import { oracle } from './oracle';

const count = (b: Builtin, ...n: number[]): number => (b.forward(n.map((x) => Matrix.scalar(x))) as Matrix).data[0];

test("parameter counts: PyTorch's own layers, counted", () => {
  const c = oracle('parameter_counts') as unknown as Record<string, number>;
  assert.equal(count(linearParams, 784, 128), c.linear_784_128);
  assert.equal(count(linearParams, 784, 128, 0), c.linear_784_128_nobias);
  assert.equal(count(conv2dParams, 3, 16, 3), c.conv2d_3_16_3);
  assert.equal(count(conv2dParams, 16, 32, 5, 0), c.conv2d_16_32_5_nobias);
  assert.equal(count(rnnParams, 10, 20), c.rnn_10_20);
  assert.equal(count(lstmParams, 10, 20), c.lstm_10_20);
  assert.equal(count(lstmParams, 10, 20, 0), c.lstm_10_20_nobias);
  assert.equal(count(gruParams, 10, 20), c.gru_10_20);
});

test('sizes must be positive integers and bias 0 or 1', () => {
  assert.throws(() => count(linearParams, 0, 3));
  assert.throws(() => count(linearParams, 2, 3, 2));
});

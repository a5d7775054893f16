/**
 * Max pooling: the largest entry of each size×size window, windows `stride`
 * apart (no padding). The output is ⌊(n − size) / stride⌋ + 1 per side.
 *
 * Syntax:
 *
 *     maxpool(input)                    size 2, stride 2
 *     maxpool(input, size)              stride = size
 *     maxpool(input, size, stride)
 *
 * Examples:
 *
 *     maxpool([1, 3, 2, 4; 5, 6, 1, 0; 7, 2, 9, 8; 1, 0, 3, 4]) = [6, 4; 7, 9]
 *     maxpool([1, 2, 3; 4, 5, 6; 7, 8, 9], 2, 1) = [5, 6; 8, 9]
 *
 * Backward: each output's gradient goes to the (first) largest entry of its
 * window, summed where windows overlap.
 *
 * See also: avgpool, conv2d, conv_out
 */
import { Matrix } from '../values/value';
import type { Builtin } from './builtin';
import { allocate } from './common';
import { formatNumber } from './stepLatex';
import { POOL_PARAMS, poolSteps, readPoolArgs, type PoolArgs } from './pooling';

/** Index into `input.data` of the first largest entry of window (i, j). */
function argmax(a: PoolArgs, i: number, j: number): number {
  const data = a.input.data;
  const first = i * a.stride * a.input.cols + j * a.stride;
  let best = first;
  for (let r = 0; r < a.size; r++) {
    const rowStart = first + r * a.input.cols;
    for (let k = rowStart; k < rowStart + a.size; k++) if (data[k] > data[best]) best = k;
  }
  return best;
}

export const maxpool: Builtin = {
  name: 'maxpool',
  signature: 'maxpool(input, size=2, stride=size)',
  summary: 'Max pooling: the largest entry of each size×size window (stride defaults to size).',
  example: 'maxpool([1, 3, 2, 4; 5, 6, 1, 0; 7, 2, 9, 8; 1, 0, 3, 4]) = [6, 4; 7, 9]',
  params: POOL_PARAMS,

  forward(args) {
    const a = readPoolArgs('maxpool', args);
    const out = allocate('maxpool', a.outRows, a.outCols);
    for (let i = 0; i < a.outRows; i++)
      for (let j = 0; j < a.outCols; j++) out.data[i * a.outCols + j] = a.input.data[argmax(a, i, j)];
    return out;
  },

  backward(upstream, args) {
    const a = readPoolArgs('maxpool', args);
    const grad = Matrix.zeros(a.input.rows, a.input.cols);
    for (let i = 0; i < a.outRows; i++)
      for (let j = 0; j < a.outCols; j++) grad.data[argmax(a, i, j)] += upstream.data[i * a.outCols + j];
    return [grad, null, null];
  },

  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    return poolSteps(
      'maxpool',
      readPoolArgs('maxpool', args),
      output,
      (w) => `\\max(${w.map(formatNumber).join(', ')})`,
    );
  },
};

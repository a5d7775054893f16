/**
 * Average pooling: the mean of each size×size window, windows `stride`
 * apart (no padding). The output is ⌊(n − size) / stride⌋ + 1 per side.
 *
 * Syntax:
 *
 *     avgpool(input)                    size 2, stride 2
 *     avgpool(input, size)              stride = size
 *     avgpool(input, size, stride)
 *
 * Examples:
 *
 *     avgpool([1, 3, 2, 4; 5, 7, 1, 1; 7, 2, 9, 8; 1, 2, 3, 4]) = [4, 2; 3, 6]
 *     avgpool([1, 2, 3; 4, 5, 6; 7, 8, 9], 2, 1) = [3, 4; 6, 7]
 *
 * Backward: each output's gradient divided by size² goes to every entry of
 * its window, summed where windows overlap.
 *
 * See also: maxpool, conv2d, mean
 */
import { Matrix } from '../values/value';
import type { Builtin } from './builtin';
import { allocate, guardFinite } from './common';
import { formatNumber } from './stepLatex';
import { POOL_PARAMS, poolSteps, readPoolArgs, windowIndices } from './pooling';

export const avgpool: Builtin = {
  name: 'avgpool',
  signature: 'avgpool(input, size=2, stride=size)',
  summary: 'Average pooling: the mean of each size×size window (stride defaults to size).',
  example: 'avgpool([1, 3, 2, 4; 5, 7, 1, 1; 7, 2, 9, 8; 1, 2, 3, 4]) = [4, 2; 3, 6]',
  params: POOL_PARAMS,

  forward(args) {
    const a = readPoolArgs('avgpool', args);
    const out = allocate('avgpool', a.outRows, a.outCols);
    const area = a.size * a.size;
    for (let i = 0; i < a.outRows; i++) {
      for (let j = 0; j < a.outCols; j++) {
        let s = 0;
        const first = i * a.stride * a.input.cols + j * a.stride;
        for (let r = 0; r < a.size; r++) {
          const rowStart = first + r * a.input.cols;
          for (let k = rowStart; k < rowStart + a.size; k++) s += a.input.data[k];
        }
        out.data[i * a.outCols + j] = s / area;
      }
    }
    return guardFinite('avgpool', out, [a.input]);
  },

  backward(upstream, args) {
    const a = readPoolArgs('avgpool', args);
    const grad = Matrix.zeros(a.input.rows, a.input.cols);
    const area = a.size * a.size;
    for (let i = 0; i < a.outRows; i++) {
      for (let j = 0; j < a.outCols; j++) {
        const g = upstream.data[i * a.outCols + j] / area;
        for (const k of windowIndices(a, i, j)) grad.data[k] += g;
      }
    }
    return [grad, null, null];
  },

  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    const a = readPoolArgs('avgpool', args);
    return poolSteps(
      'avgpool',
      a,
      output,
      (w) =>
        `\\frac{${w.map((x, i) => (i > 0 && x < 0 ? `(${formatNumber(x)})` : formatNumber(x))).join(' + ')}}{${a.size * a.size}}`,
    );
  },
};

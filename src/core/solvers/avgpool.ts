/**
 * Average pooling: the mean of each size×size window, windows `stride`
 * apart, on each H×W slice of an H×W, C×H×W or N×C×H×W input (channel by
 * channel). Padding adds `padding` cells of 0 on every side, and they count
 * in the mean (PyTorch's `avg_pool2d` default, count_include_pad=True): a
 * window always divides by size². The output keeps the leading axes and is
 * ⌊(n + 2P − size) / stride⌋ + 1 per side.
 *
 * Syntax:
 *
 *     avgpool(input)                    size 2, stride 2
 *     avgpool(input, size)              stride = size
 *     avgpool(input, size, stride)
 *     avgpool(input, size=2, stride=size, padding=0)
 *
 * Examples:
 *
 *     avgpool([1, 3, 2, 4; 5, 7, 1, 1; 7, 2, 9, 8; 1, 2, 3, 4]) = [4, 2; 3, 6]
 *     avgpool([1, 2, 3; 4, 5, 6; 7, 8, 9], 2, 1) = [3, 4; 6, 7]
 *     avgpool([4, 8; 12, 16], padding=1) = [1, 2; 3, 4]
 *
 * Backward: each output's gradient divided by size² goes to every input
 * entry of its window, summed where windows overlap.
 *
 * DomainError for padding over half the window; ShapeError for a window
 * larger than the padded input.
 *
 * See also: maxpool, conv2d, mean
 */
import { Matrix } from '../values/value';
import type { Builtin } from './builtin';
import { guardFinite } from './common';
import { formatNumber } from './stepLatex';
import { allocatePool, eachWindow, POOL_PARAMS, poolSteps, readPoolArgs, windowIndices } from './pooling';

export const avgpool: Builtin = {
  name: 'avgpool',
  signature: 'avgpool(input, size=2, stride=size, padding=0)',
  summary:
    'Average pooling per channel: the mean of each size×size window (stride defaults to size; zero padding counts).',
  example: 'avgpool([1, 3, 2, 4; 5, 7, 1, 1; 7, 2, 9, 8; 1, 2, 3, 4]) = [4, 2; 3, 6]',
  params: POOL_PARAMS,
  acceptsTensors: true,

  forward(args) {
    const a = readPoolArgs('avgpool', args);
    const out = allocatePool('avgpool', a);
    const area = a.size * a.size;
    eachWindow(a, (n, plane, i, j) => {
      let s = 0;
      for (const k of windowIndices(a, plane, i, j)) s += a.input.data[k];
      out.data[n] = s / area;
    });
    return guardFinite('avgpool', out, [a.input]);
  },

  backward(upstream, args) {
    const a = readPoolArgs('avgpool', args);
    const grad = Matrix.zerosLike(a.input);
    const area = a.size * a.size;
    eachWindow(a, (n, plane, i, j) => {
      const g = upstream.data[n] / area;
      for (const k of windowIndices(a, plane, i, j)) grad.data[k] += g;
    });
    return [grad, null, null, null];
  },

  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    const a = readPoolArgs('avgpool', args);
    return poolSteps(
      'avgpool',
      a,
      output,
      (w) =>
        `\\frac{${w
          .map((cell, i) => {
            const x = cell ?? 0;
            return i > 0 && x < 0 ? `(${formatNumber(x)})` : formatNumber(x);
          })
          .join(' + ')}}{${a.size * a.size}}`,
    );
  },
};

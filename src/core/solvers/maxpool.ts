/**
 * Max pooling: the largest entry of each size×size window, windows `stride`
 * apart, on each H×W slice of an H×W, C×H×W or N×C×H×W input (channel by
 * channel). Padding adds `padding` cells of −∞ on every side, as PyTorch's
 * `max_pool2d`: a padded cell is never the maximum. The output keeps the
 * leading axes and is ⌊(n + 2P − size) / stride⌋ + 1 per side.
 *
 * Syntax:
 *
 *     maxpool(input)                    size 2, stride 2
 *     maxpool(input, size)              stride = size
 *     maxpool(input, size, stride)
 *     maxpool(input, size=2, stride=size, padding=0)
 *
 * Examples:
 *
 *     maxpool([1, 3, 2, 4; 5, 6, 1, 0; 7, 2, 9, 8; 1, 0, 3, 4]) = [6, 4; 7, 9]
 *     maxpool([1, 2, 3; 4, 5, 6; 7, 8, 9], 2, 1) = [5, 6; 8, 9]
 *     maxpool([-1, -2; -3, -4], padding=1) = [-1, -2; -3, -4]
 *
 * Backward: each output's gradient goes to the first largest entry of its
 * window (row-major, as PyTorch picks among ties), summed where windows
 * overlap.
 *
 * DomainError for padding over half the window; ShapeError for a window
 * larger than the padded input.
 *
 * See also: avgpool, conv2d, conv_out
 */
import { Matrix } from '../values/value';
import type { Builtin } from './builtin';
import { formatNumber } from './stepLatex';
import {
  allocatePool,
  eachWindow,
  POOL_PARAMS,
  poolSteps,
  readPoolArgs,
  windowIndices,
  type PoolArgs,
} from './pooling';

/** Index into `input.data` of the first largest entry of a window (padding at −∞ never wins). */
function argmax(a: PoolArgs, plane: number, i: number, j: number): number {
  const data = a.input.data;
  const cells = windowIndices(a, plane, i, j);
  let best = cells[0];
  for (const k of cells) if (data[k] > data[best]) best = k;
  return best;
}

export const maxpool: Builtin = {
  name: 'maxpool',
  signature: 'maxpool(input, size=2, stride=size, padding=0)',
  summary:
    'Max pooling per channel: the largest entry of each size×size window (stride defaults to size; pads with −∞).',
  example: 'maxpool([1, 3, 2, 4; 5, 6, 1, 0; 7, 2, 9, 8; 1, 0, 3, 4]) = [6, 4; 7, 9]',
  params: POOL_PARAMS,
  acceptsTensors: true,

  forward(args) {
    const a = readPoolArgs('maxpool', args);
    const out = allocatePool('maxpool', a);
    eachWindow(a, (n, plane, i, j) => {
      out.data[n] = a.input.data[argmax(a, plane, i, j)];
    });
    return out;
  },

  backward(upstream, args) {
    const a = readPoolArgs('maxpool', args);
    const grad = Matrix.zerosLike(a.input);
    eachWindow(a, (n, plane, i, j) => {
      grad.data[argmax(a, plane, i, j)] += upstream.data[n];
    });
    return [grad, null, null, null];
  },

  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    return poolSteps(
      'maxpool',
      readPoolArgs('maxpool', args),
      output,
      (w) => `\\max(${w.map((x) => (x === null ? '-\\infty' : formatNumber(x))).join(', ')})`,
    );
  },
};

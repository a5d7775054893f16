/**
 * Values of one shape stacked along a new first axis: matrices become the
 * channels of a C×H×W value, C×H×W values the items of a batch.
 *
 * Syntax:
 *
 *     stack(A, B, …)            the same as the literal [A;; B;; …] (or [A;;; B] for rank-3 parts)
 *
 * Examples:
 *
 *     stack([1, 2], [3, 4]) = [1, 2;; 3, 4]                 a 2×1×2 value
 *     stack([1, 0; 0, 1], 2 [1, 0; 0, 1]) = [1, 0; 0, 1;; 2, 0; 0, 2]
 *
 * Backward: the upstream gradient cut back into the parts, slice k to part k.
 *
 * See also: reshape, permute, flatten
 */
import { stackValues, unstackGradient } from '../values/tensorOps';
import { formatValue } from '../values/format';
import type { Builtin } from './builtin';
import { matrixArg } from './common';
import { fnName } from './stepLatex';

export const stack: Builtin = {
  name: 'stack',
  signature: 'stack(A, B)',
  summary: 'Values of one shape stacked along a new first axis (matrices → channels, C×H×W values → a batch).',
  example: 'stack([1, 2], [3, 4]) = [1, 2;; 3, 4]',
  // Any number of parts (at least one); the signature names two.
  params: [{ name: 'A' }, { name: 'B' }],
  variadic: true,
  acceptsTensors: true,
  forward(args) {
    const parts = args.map((v, k) => matrixArg('stack', `part ${k + 1}`, v));
    return stackValues(parts, 'stack(…)');
  },
  backward(upstream, args) {
    return unstackGradient(upstream, args);
  },
  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    return [
      {
        latex: `${fnName('stack')}(\\dots) = ${formatValue(output).latex}`,
        note: `${args.length} parts of shape ${output.shape.slice(1).join('×')} as slices [k,…]`,
      },
    ];
  },
};

/**
 * The logarithm of the softmax, x − logsumexp(x), computed without taking
 * the log of a rounded probability: over each column of x (a row vector is
 * one vector), or along `axis=` (`axis=2`: each row of a batch).
 *
 * Syntax:
 *
 *     log_softmax(x)
 *     log_softmax(Z, axis=2)
 *
 * Examples:
 *
 *     log_softmax([0; 0]) ≈ [-0.6931; -0.6931]          ln ½ each
 *     log_softmax([1000, 1000]) ≈ [-0.6931, -0.6931]    no overflow
 *     log_softmax([0, 0; 0, -inf], axis=2) ≈ [-0.6931, -0.6931; 0, -inf]
 *
 * Backward: ∂L/∂xᵢ = gᵢ − sᵢ Σⱼ gⱼ with s = softmax(x) = exp(output).
 *
 * See also: softmax, logsumexp, cross_entropy
 */
import { DomainError } from '../values/errors';
import { mapOverAxis, mapOverAxisBackward, NO_AXIS } from './axes';
import type { Builtin } from './builtin';
import { matrixArg } from './common';
import { softmaxAxis } from './softmax';
import { fnName, matrixLatex } from './stepLatex';

function logSoftmaxLine(values: Float64Array, out: Float64Array): void {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  if (max === -Infinity)
    throw new DomainError('log_softmax: every entry of a vector is −∞, so nothing is left to normalise');
  let total = 0;
  for (const v of values) total += Math.exp(v - max);
  const shift = max + Math.log(total);
  for (let k = 0; k < values.length; k++) out[k] = values[k] - shift;
}

function logSoftmaxLineBackward(out: Float64Array, g: Float64Array, dx: Float64Array): void {
  let total = 0;
  for (const v of g) total += v;
  for (let k = 0; k < out.length; k++) dx[k] = g[k] - Math.exp(out[k]) * total;
}

export const logSoftmax: Builtin = {
  name: 'log_softmax',
  signature: 'log_softmax(x, axis=columns)',
  summary:
    'ln softmax(x) = x − logsumexp(x), stably: over each column of x (a row vector is one vector), or along axis=.',
  example: 'log_softmax([0; 0]) ≈ [-0.6931; -0.6931]',
  params: [{ name: 'x' }, { name: 'axis', default: NO_AXIS }],
  acceptsTensors: true,

  forward(args) {
    const x = matrixArg('log_softmax', 'x', args[0]);
    return mapOverAxis(x, softmaxAxis('log_softmax', x, args[1]), logSoftmaxLine);
  },

  backward(upstream, args, output) {
    const axis = softmaxAxis('log_softmax', args[0], args[1]);
    return [mapOverAxisBackward(output, upstream, axis, logSoftmaxLineBackward), null].slice(0, args.length);
  },

  steps(args, output) {
    const x = matrixArg('log_softmax', 'x', args[0]);
    if (output.kind !== 'matrix' || x.isTensor) return [];
    return [
      {
        latex: `${fnName('log_softmax')}(x)_i = x_i - \\ln \\sum_j e^{x_j} = ${matrixLatex(output)}`,
        note: 'the largest entry is taken out of the sum first, so nothing overflows',
      },
    ];
  },
};

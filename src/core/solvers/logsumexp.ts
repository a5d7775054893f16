/**
 * ln Σ exp(xᵢ), computed stably as m + ln Σ exp(xᵢ − m) with m the largest
 * entry, so large scores do not overflow and −∞ entries count as 0.
 *
 * Syntax:
 *
 *     logsumexp(x)               over all entries
 *     logsumexp(Z, axis=2)       along one axis: for an N×C matrix of scores, one per row
 *
 * Examples:
 *
 *     logsumexp([0, 0]) = ln(2)
 *     logsumexp([1000, 1000]) ≈ 1000.6931
 *     logsumexp([0, 0; 1, 1], axis=2) ≈ [0.6931; 1.6931]      ln 2 and 1 + ln 2
 *
 * Backward: ∂/∂xᵢ = exp(xᵢ − result), the softmax of the line.
 *
 * See also: softmax, log_softmax, cross_entropy
 */
import { Matrix } from '../values/value';
import { AXIS_OPTIONS, axisArgument, keepdimsArgument, reduceOverAxis, reduceOverAxisBackward } from './axes';
import type { Builtin } from './builtin';
import { matrixArg } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

/** ln Σ exp over the values, stably; −∞ when every value is −∞. */
export function logSumExpOf(values: Float64Array): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (const v of values) s += Math.exp(v - m);
  return m + Math.log(s);
}

function softmaxGradient(values: Float64Array, result: number, g: number): Float64Array {
  return values.map((v) => g * Math.exp(v - result));
}

export const logsumexp: Builtin = {
  name: 'logsumexp',
  signature: 'logsumexp(x, axis=all, keepdims=0)',
  summary: 'ln Σ exp(xᵢ), computed stably: over all entries, or along axis= (one per row of scores with axis=2).',
  example: 'logsumexp([0, 0; 1, 1], axis=2) ≈ [0.6931; 1.6931]',
  params: [{ name: 'x' }, ...AXIS_OPTIONS],
  acceptsTensors: true,
  forward(args) {
    const x = matrixArg('logsumexp', 'x', args[0]);
    const axis = axisArgument('logsumexp', x, args[1]);
    if (axis === undefined) return Matrix.scalar(logSumExpOf(x.data));
    return reduceOverAxis(x, axis, keepdimsArgument('logsumexp', args[2]), logSumExpOf);
  },
  backward(upstream, args, output) {
    const x = args[0];
    const axis = axisArgument('logsumexp', x, args[1]);
    if (axis === undefined) {
      const grad = new Matrix(x.rows, x.cols, softmaxGradient(x.data, output.data[0], upstream.data[0]), x.lead);
      return [grad, null, null].slice(0, args.length);
    }
    return [reduceOverAxisBackward(x, axis, output, upstream, softmaxGradient), null, null].slice(0, args.length);
  },
  steps(args, output) {
    const x = args[0];
    if (x.kind !== 'matrix' || output.kind !== 'matrix' || x.isTensor || output.isTensor) return [];
    const result = output.isScalar ? formatNumber(output.data[0]) : matrixLatex(output);
    return [
      {
        latex: `${fnName('logsumexp')}\\left(${matrixLatex(x)}\\right) = m + \\ln \\sum_i e^{x_i - m} = ${result}`,
        note: 'm is the largest entry (of each line), so nothing overflows',
      },
    ];
  },
};

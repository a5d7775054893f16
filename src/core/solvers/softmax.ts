/**
 * Softmax over each column of x (a row vector is treated as one vector), or
 * along `axis=`: `softmax(Z, axis=2)` normalises each row of a batch of
 * scores (rows are samples).
 *
 * Syntax:
 *
 *     softmax(x)
 *     softmax(Z, axis=2)       each row; axis counts from 1, -1 is the last (see axes.ts)
 *
 * Examples:
 *
 *     softmax([0; 0]) = [0.5; 0.5]
 *     softmax([1; 2; 3]) ≈ [0.0900; 0.2447; 0.6652]
 *     softmax([1, 2, 3]) ≈ [0.0900, 0.2447, 0.6652]     a row: one vector
 *     softmax([1, 0; 1, 0]) = [0.5, 0.5; 0.5, 0.5]       each column
 *     softmax([0, 0; 0, -inf], axis=2) = [0.5, 0.5; 1, 0]  −∞ gets 0: a mask
 *
 * Backward (the Jacobian-vector product, per vector s = softmax(x)):
 * ∂L/∂x = s ⊙ (g − (sᵀg)) with g = ∂L/∂s; 0 at a −∞ entry, where s is 0.
 * There is no elementwise `softmax'`: its Jacobian diag(s) − s sᵀ is a full
 * matrix.
 *
 * See also: log_softmax, sigmoid, cross_entropy
 */
import type { SolverStep } from '../model';
import { DomainError, EvalError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import { axisArgument, mapOverAxis, mapOverAxisBackward, NO_AXIS } from './axes';
import type { Builtin } from './builtin';
import { matrixArg, STEP_ENTRY_CAP } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

/**
 * The axis (from 0) a softmax normalises along: the given one, else each
 * column (axis 1), or the row of a row vector. A tensor needs `axis=`.
 */
export function softmaxAxis(fn: string, x: Matrix, axisValue: Value | undefined): number {
  const axis = axisArgument(fn, x, axisValue);
  if (axis !== undefined) return axis;
  if (x.isTensor)
    throw new EvalError('shape.rank', `${fn} of a ${x.shapeText()} value needs axis=, the axis to normalise along`);
  return x.rows === 1 ? 1 : 0;
}

/** One vector's softmax into `out`; subtracting the max keeps exp from overflowing, the ratio is unchanged. */
export function softmaxLine(values: Float64Array, out: Float64Array): void {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  if (max === -Infinity)
    throw new DomainError('softmax: every entry of a vector is −∞, so nothing is left to normalise');
  let total = 0;
  for (let k = 0; k < values.length; k++) {
    out[k] = Math.exp(values[k] - max);
    total += out[k];
  }
  for (let k = 0; k < values.length; k++) out[k] /= total;
}

/** ∂L/∂x = s ⊙ (g − sᵀg) for one vector. */
function softmaxLineBackward(s: Float64Array, g: Float64Array, dx: Float64Array): void {
  let dot = 0;
  for (let k = 0; k < s.length; k++) dot += s[k] * g[k];
  for (let k = 0; k < s.length; k++) dx[k] = s[k] * (g[k] - dot);
}

export const softmax: Builtin = {
  name: 'softmax',
  signature: 'softmax(x, axis=columns)',
  summary: 'Softmax e^x / Σ e^x over each column of x (a row vector is one vector), or along axis= (axis=2: each row).',
  example: 'softmax([1; 2; 3]) ≈ [0.0900; 0.2447; 0.6652]',
  params: [{ name: 'x' }, { name: 'axis', default: NO_AXIS }],
  acceptsTensors: true,

  forward(args) {
    const x = matrixArg('softmax', 'x', args[0]);
    return mapOverAxis(x, softmaxAxis('softmax', x, args[1]), softmaxLine);
  },

  backward(upstream, args, output) {
    const axis = softmaxAxis('softmax', args[0], args[1]);
    return [mapOverAxisBackward(output, upstream, axis, softmaxLineBackward), null].slice(0, args.length);
  },

  steps(args, output) {
    const x = matrixArg('softmax', 'x', args[0]);
    if (output.kind !== 'matrix' || x.isTensor) return [];
    const axis = softmaxAxis('softmax', x, args[1]);
    const alongRows = axis === 1;
    const steps: SolverStep[] = [
      {
        latex: `${fnName('softmax')}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}`,
        note: x.rows === 1 && alongRows ? 'over the row vector' : alongRows ? 'over each row' : 'over each column',
      },
    ];
    const vectors = Array.from({ length: alongRows ? x.rows : x.cols }, (_, v) =>
      Array.from({ length: alongRows ? x.cols : x.rows }, (_, i) => (alongRows ? v * x.cols + i : i * x.cols + v)),
    );
    let shown = 0;
    for (let v = 0; v < vectors.length; v++) {
      const indices = vectors[v];
      if (shown + indices.length > STEP_ENTRY_CAP) {
        steps.push({
          latex: `${fnName('softmax')}(x) = ${matrixLatex(output)}`,
          note: `the remaining ${vectors.length - v} vectors likewise`,
        });
        break;
      }
      shown += indices.length;
      const exps = indices.map((k) => Math.exp(x.data[k]));
      const total = exps.reduce((a, b) => a + b, 0);
      const label = vectors.length > 1 ? `\\text{${alongRows ? 'row' : 'column'} ${v + 1}: }` : '';
      steps.push({
        latex: `${label}\\sum_j e^{x_j} = ${indices.map((k) => `e^{${formatNumber(x.data[k])}}`).join(' + ')} = ${formatNumber(total)}`,
      });
      steps.push({
        latex: indices
          .map(
            (k) => `\\frac{e^{${formatNumber(x.data[k])}}}{${formatNumber(total)}} = ${formatNumber(output.data[k])}`,
          )
          .join(',\\quad '),
      });
    }
    return steps;
  },
};

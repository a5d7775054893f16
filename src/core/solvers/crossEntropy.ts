/**
 * Cross-entropy of probabilities p against a target y (one-hot, or a
 * probability vector) of the same shape, a 1×1 value:
 *
 *     cross_entropy(p, y) = −Σ y_i ln p_i
 *
 * Terms with y_i = 0 contribute nothing (even where p_i = 0).
 *
 * Syntax:
 *
 *     cross_entropy(p, y)
 *
 * Examples:
 *
 *     cross_entropy([0.25; 0.75], [0; 1]) ≈ 0.2877        −ln 0.75
 *     cross_entropy([0.5; 0.5], [1; 0]) ≈ 0.6931          ln 2
 *
 * DomainError when some p_i ≤ 0 where y_i > 0 (the loss would be infinite).
 *
 * Backward: ∂L/∂p_i = −g y_i / p_i (0 where y_i = 0); ∂L/∂y_i = −g ln p_i.
 *
 * See also: softmax, mse, ln
 */
import type { SolverStep } from '../model';
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { guardFinite, matrixArg, requireSameShape } from './common';
import { factor, fnName, formatNumber } from './stepLatex';

function readArgs(args: readonly Value[]): { p: Matrix; y: Matrix } {
  const p = matrixArg('cross_entropy', 'p', args[0]);
  const y = matrixArg('cross_entropy', 'y', args[1]);
  requireSameShape('cross_entropy', 'p', p, 'y', y);
  for (let i = 0; i < p.data.length; i++) {
    if (y.data[i] !== 0 && !(p.data[i] > 0)) {
      throw new DomainError(
        `cross_entropy: p has entry ${p.data[i]} at ${1 + Math.floor(i / p.cols)},${1 + (i % p.cols)} where y is ${y.data[i]}; ln p is not a real number there`,
      );
    }
  }
  return { p, y };
}

export const crossEntropy: Builtin = {
  name: 'cross_entropy',
  signature: 'cross_entropy(p, y)',
  summary: 'Cross-entropy −Σ y ⊙ ln p of probabilities p against a one-hot (or probability) target y.',
  example: 'cross_entropy([0.25; 0.75], [0; 1]) ≈ 0.2877',
  params: [{ name: 'p' }, { name: 'y' }],

  forward(args) {
    const { p, y } = readArgs(args);
    let s = 0;
    for (let i = 0; i < p.data.length; i++) if (y.data[i] !== 0) s -= y.data[i] * Math.log(p.data[i]);
    return guardFinite('cross_entropy', Matrix.scalar(s), [p, y]);
  },

  backward(upstream, args) {
    const { p, y } = readArgs(args);
    const g = upstream.data[0];
    const dP = Matrix.zeros(p.rows, p.cols);
    const dY = Matrix.zeros(p.rows, p.cols);
    for (let i = 0; i < p.data.length; i++) {
      if (y.data[i] !== 0) dP.data[i] = (-g * y.data[i]) / p.data[i];
      if (!(p.data[i] > 0)) throw new DomainError('cross_entropy: the gradient with respect to y needs every p > 0');
      dY.data[i] = -g * Math.log(p.data[i]);
    }
    return [dP, dY];
  },

  steps(args, output) {
    const { p, y } = readArgs(args);
    const steps: SolverStep[] = [{ latex: `${fnName('cross_entropy')}(p, y) = -\\sum_i y_i \\ln p_i` }];
    const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
    const terms: string[] = [];
    for (let i = 0; i < p.data.length; i++)
      if (y.data[i] !== 0)
        terms.push(`${y.data[i] === 1 ? '' : `${factor(y.data[i])} `}\\ln ${formatNumber(p.data[i])}`);
    if (terms.length === 0) {
      steps.push({ latex: `= 0`, note: 'y is all zeros' });
    } else if (terms.length <= 16) {
      steps.push({ latex: `= -\\left(${terms.join(' + ')}\\right) = ${value}`, note: 'terms with y_i = 0 vanish' });
    } else {
      steps.push({ latex: `= ${value}`, note: `${terms.length} nonzero terms` });
    }
    return steps;
  },
};

/**
 * One step of (stochastic) gradient descent: the new weights
 *
 *     w' = w − lr · g
 *
 * Syntax:
 *
 *     sgd_step(w, g, lr)          g has w's shape; lr is a scalar
 *
 * Examples:
 *
 *     sgd_step([1; 2], [0.5; -1], 0.1) = [0.95; 2.1]
 *
 * Backward (linear): ∂L/∂w = u, ∂L/∂g = −lr · u, ∂L/∂lr = −Σ u ⊙ g, with u
 * the upstream gradient.
 *
 * See also: momentum_step, adam_step
 */
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import {
  addScaled,
  guardFinite,
  matrixArg,
  requireSameShape,
  scalarArg,
  scaled,
  scaledLatex,
  sumOfProducts,
} from './common';
import { factor, matrixLatex } from './stepLatex';

function readArgs(args: readonly Value[]): { w: Matrix; g: Matrix; lr: number } {
  const w = matrixArg('sgd_step', 'w', args[0]);
  const g = matrixArg('sgd_step', 'g', args[1]);
  requireSameShape('sgd_step', 'w', w, 'g', g);
  return { w, g, lr: scalarArg('sgd_step', 'lr', args[2]) };
}

export const sgdStep: Builtin = {
  name: 'sgd_step',
  signature: 'sgd_step(w, g, lr)',
  summary: 'One gradient-descent step: the new weights w − lr·g.',
  example: 'sgd_step([1; 2], [0.5; -1], 0.1) = [0.95; 2.1]',
  params: [{ name: 'w' }, { name: 'g' }, { name: 'lr' }],

  forward(args) {
    const { w, g, lr } = readArgs(args);
    return guardFinite('sgd_step', addScaled(w, -lr, g), [w, g]);
  },

  backward(upstream, args) {
    const { g, lr } = readArgs(args);
    return [upstream, scaled(upstream, -lr), Matrix.scalar(-sumOfProducts(upstream, g))];
  },

  steps(args, output) {
    const { w, g, lr } = readArgs(args);
    if (output.kind !== 'matrix') return [];
    return [
      { latex: `w_{t+1} = w_t - \\eta\\, \\nabla \\ell(w_t)`, note: `learning rate η = ${lr}` },
      { latex: `w_{t+1} = ${matrixLatex(w)} - ${scaledLatex(factor(lr), g)} = ${matrixLatex(output)}` },
    ];
  },
};

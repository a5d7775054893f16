/**
 * One step of SGD with momentum: the new weights
 *
 *     v' = beta · v − lr · g
 *     w' = w + v'
 *
 * With beta = 1 this is the sheet's form m_{t+1} = m_t − α∇ℓ,
 * W_{t+1} = W_t + m_{t+1}. Only w' is returned (v' is shown in the steps).
 *
 * Syntax:
 *
 *     momentum_step(w, v, g, lr)              beta = 0.9
 *     momentum_step(w, v, g, lr, beta)
 *
 * Examples:
 *
 *     momentum_step([1; 2], [0.1; 0], [0.5; -1], 0.1) = [1.04; 2.1]
 *     momentum_step(1, 0.2, 0.5, 0.1, beta=1) = 1.15
 *
 * Backward: ∂L/∂w = u, ∂L/∂v = beta · u, ∂L/∂g = −lr · u,
 * ∂L/∂lr = −Σ u ⊙ g, ∂L/∂beta = Σ u ⊙ v.
 *
 * See also: sgd_step, adam_step
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

function readArgs(args: readonly Value[]): { w: Matrix; v: Matrix; g: Matrix; lr: number; beta: number } {
  const fn = 'momentum_step';
  const w = matrixArg(fn, 'w', args[0]);
  const v = matrixArg(fn, 'v', args[1]);
  const g = matrixArg(fn, 'g', args[2]);
  requireSameShape(fn, 'w', w, 'v', v);
  requireSameShape(fn, 'w', w, 'g', g);
  return {
    w,
    v,
    g,
    lr: scalarArg(fn, 'lr', args[3]),
    beta: args[4] === undefined ? 0.9 : scalarArg(fn, 'beta', args[4]),
  };
}

/** v' = beta · v − lr · g. */
function velocity(v: Matrix, g: Matrix, lr: number, beta: number): Matrix {
  return addScaled(scaled(v, beta), -lr, g);
}

export const momentumStep: Builtin = {
  name: 'momentum_step',
  signature: 'momentum_step(w, v, g, lr, beta=0.9)',
  summary: "One SGD-with-momentum step: v' = beta·v − lr·g, returns the new weights w + v'.",
  example: 'momentum_step([1; 2], [0.1; 0], [0.5; -1], 0.1) = [1.04; 2.1]',
  params: [{ name: 'w' }, { name: 'v' }, { name: 'g' }, { name: 'lr' }, { name: 'beta', default: 0.9 }],

  forward(args) {
    const { w, v, g, lr, beta } = readArgs(args);
    return guardFinite('momentum_step', addScaled(w, 1, velocity(v, g, lr, beta)), [w, v, g]);
  },

  backward(upstream, args) {
    const { v, g, lr, beta } = readArgs(args);
    return [
      upstream,
      scaled(upstream, beta),
      scaled(upstream, -lr),
      Matrix.scalar(-sumOfProducts(upstream, g)),
      Matrix.scalar(sumOfProducts(upstream, v)),
    ];
  },

  steps(args, output) {
    const { w, v, g, lr, beta } = readArgs(args);
    if (output.kind !== 'matrix') return [];
    const next = velocity(v, g, lr, beta);
    return [
      {
        latex: `v_{t+1} = \\beta v_t - \\eta\\, \\nabla \\ell(w_t), \\quad w_{t+1} = w_t + v_{t+1}`,
        note: `η = ${lr}, β = ${beta}`,
      },
      { latex: `v_{t+1} = ${scaledLatex(factor(beta), v)} - ${scaledLatex(factor(lr), g)} = ${matrixLatex(next)}` },
      { latex: `w_{t+1} = ${matrixLatex(w)} + ${matrixLatex(next)} = ${matrixLatex(output)}` },
    ];
  },
};

/**
 * One Adam step with bias correction: the new weights
 *
 *     m' = β1 m + (1 − β1) g          v' = β2 v + (1 − β2) g²
 *     m̂ = m' / (1 − β1^t)             v̂ = v' / (1 − β2^t)
 *     w' = w − lr · m̂ / (√v̂ + eps)
 *
 * t counts steps from 1. Only w' is returned (m', v' are shown in the steps).
 *
 * Syntax:
 *
 *     adam_step(w, m, v, g, t)
 *     adam_step(w, m, v, g, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8)
 *
 * Examples:
 *
 *     adam_step(1, 0, 0, 0.5, 1, lr=0.1) ≈ 0.9000       the first step moves by lr · sign(g)
 *     adam_step([1; 1], [0; 0], [0; 0], [2; -3], 1) ≈ [0.999; 1.001]
 *
 * Backward: with respect to w (1), m, v, g (through m', v'; the √v̂ term
 * is taken as 0 where v̂ = 0) and lr; none for t, β1, β2, eps.
 *
 * See also: sgd_step, momentum_step
 */
import type { SolverStep } from '../model';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { guardFinite, integerArg, matrixArg, requireSameShape, scalarArg } from './common';
import { factor, formatNumber, matrixLatex } from './stepLatex';

interface AdamArgs {
  readonly w: Matrix;
  readonly m: Matrix;
  readonly v: Matrix;
  readonly g: Matrix;
  readonly t: number;
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}

function readArgs(args: readonly Value[]): AdamArgs {
  const fn = 'adam_step';
  const w = matrixArg(fn, 'w', args[0]);
  const m = matrixArg(fn, 'm', args[1]);
  const v = matrixArg(fn, 'v', args[2]);
  const g = matrixArg(fn, 'g', args[3]);
  requireSameShape(fn, 'w', w, 'm', m);
  requireSameShape(fn, 'w', w, 'v', v);
  requireSameShape(fn, 'w', w, 'g', g);
  const opt = (i: number, name: string, fallback: number): number =>
    args[i] === undefined ? fallback : scalarArg(fn, name, args[i]);
  return {
    w,
    m,
    v,
    g,
    t: integerArg(fn, 't', args[4], 1),
    lr: opt(5, 'lr', 0.001),
    beta1: opt(6, 'beta1', 0.9),
    beta2: opt(7, 'beta2', 0.999),
    eps: opt(8, 'eps', 1e-8),
  };
}

interface AdamState {
  readonly m1: Matrix;
  readonly v1: Matrix;
  readonly mHat: Matrix;
  readonly vHat: Matrix;
  readonly w1: Matrix;
  readonly c1: number;
  readonly c2: number;
}

function run(a: AdamArgs): AdamState {
  const n = a.w.size;
  const shape = (): Matrix => Matrix.zeros(a.w.rows, a.w.cols);
  const m1 = shape();
  const v1 = shape();
  const mHat = shape();
  const vHat = shape();
  const w1 = shape();
  const c1 = 1 - Math.pow(a.beta1, a.t);
  const c2 = 1 - Math.pow(a.beta2, a.t);
  for (let i = 0; i < n; i++) {
    const g = a.g.data[i];
    m1.data[i] = a.beta1 * a.m.data[i] + (1 - a.beta1) * g;
    v1.data[i] = a.beta2 * a.v.data[i] + (1 - a.beta2) * g * g;
    mHat.data[i] = m1.data[i] / c1;
    vHat.data[i] = v1.data[i] / c2;
    w1.data[i] = a.w.data[i] - (a.lr * mHat.data[i]) / (Math.sqrt(vHat.data[i]) + a.eps);
  }
  return { m1, v1, mHat, vHat, w1, c1, c2 };
}

export const adamStep: Builtin = {
  name: 'adam_step',
  signature: 'adam_step(w, m, v, g, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8)',
  summary: 'One Adam step with bias correction at step t (from 1); returns the new weights.',
  example: 'adam_step(1, 0, 0, 0.5, 1, lr=0.1) ≈ 0.9000',
  params: [
    { name: 'w' },
    { name: 'm' },
    { name: 'v' },
    { name: 'g' },
    { name: 't' },
    { name: 'lr', default: 0.001 },
    { name: 'beta1', default: 0.9 },
    { name: 'beta2', default: 0.999 },
    { name: 'eps', default: 1e-8 },
  ],

  forward(args) {
    const a = readArgs(args);
    return guardFinite('adam_step', run(a).w1, [a.w, a.m, a.v, a.g]);
  },

  backward(upstream, args) {
    const a = readArgs(args);
    const { mHat, vHat, c1, c2 } = run(a);
    const shape = (): Matrix => Matrix.zeros(a.w.rows, a.w.cols);
    const dM = shape();
    const dV = shape();
    const dG = shape();
    let dLr = 0;
    for (let i = 0; i < a.w.size; i++) {
      const u = upstream.data[i];
      const s = Math.sqrt(vHat.data[i]);
      const d = s + a.eps;
      const dMHat = -a.lr / d; // ∂w'/∂m̂
      const dVHat = s > 0 ? (a.lr * mHat.data[i]) / (d * d) / (2 * s) : 0; // ∂w'/∂v̂
      dM.data[i] = u * dMHat * (a.beta1 / c1);
      dV.data[i] = u * dVHat * (a.beta2 / c2);
      dG.data[i] = u * (dMHat * ((1 - a.beta1) / c1) + dVHat * ((2 * (1 - a.beta2) * a.g.data[i]) / c2));
      dLr -= (u * mHat.data[i]) / d;
    }
    return [upstream, dM, dV, dG, null, Matrix.scalar(dLr), null, null, null];
  },

  steps(args, output) {
    const a = readArgs(args);
    if (output.kind !== 'matrix') return [];
    const s = run(a);
    const steps: SolverStep[] = [
      {
        latex:
          `m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g, \\quad v_t = \\beta_2 v_{t-1} + (1 - \\beta_2) g^2, \\quad ` +
          `\\hat m_t = \\frac{m_t}{1 - \\beta_1^t}, \\quad \\hat v_t = \\frac{v_t}{1 - \\beta_2^t}, \\quad w_t = w_{t-1} - \\eta \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\epsilon}`,
        note: `t = ${a.t}, η = ${a.lr}, β₁ = ${a.beta1}, β₂ = ${a.beta2}, ε = ${a.eps}`,
      },
      {
        latex: `m_t = ${factor(a.beta1)} \\cdot ${matrixLatex(a.m)} + ${factor(1 - a.beta1)} \\cdot ${matrixLatex(a.g)} = ${matrixLatex(s.m1)}`,
      },
      {
        latex: `v_t = ${factor(a.beta2)} \\cdot ${matrixLatex(a.v)} + ${factor(1 - a.beta2)} \\cdot ${matrixLatex(a.g, (x) => `${factor(x)}^2`)} = ${matrixLatex(s.v1)}`,
      },
      {
        latex: `\\hat m_t = \\frac{${matrixLatex(s.m1)}}{1 - ${factor(a.beta1)}^{${a.t}}} = ${matrixLatex(s.mHat)}`,
        note: `1 − β₁^t = ${formatNumber(s.c1)}`,
      },
      {
        latex: `\\hat v_t = \\frac{${matrixLatex(s.v1)}}{1 - ${factor(a.beta2)}^{${a.t}}} = ${matrixLatex(s.vHat)}`,
        note: `1 − β₂^t = ${formatNumber(s.c2)}`,
      },
      {
        latex: `w_t = ${matrixLatex(a.w)} - ${factor(a.lr)} \\cdot ${matrixLatex(s.mHat, formatNumber)} \\oslash \\left(\\sqrt{${matrixLatex(s.vHat)}} + ${formatNumber(a.eps)}\\right) = ${matrixLatex(output)}`,
        note: '⊘: entry by entry',
      },
    ];
    return steps;
  },
};

/**
 * Information and likelihood: entropy, KL divergence, binary cross-entropy
 * and the negative log-likelihood of class labels. Natural logarithms
 * (nats) unless a base is given.
 *
 * Syntax:
 *
 *     entropy(p, base=e)             −Σ pᵢ log pᵢ (terms with pᵢ = 0 vanish)
 *     kl_div(p, q)                   Σ pᵢ ln(pᵢ / qᵢ), the divergence of q from p
 *     binary_cross_entropy(p, y)     the mean over entries of −[y ln p + (1 − y) ln(1 − p)]
 *     nll(P, labels)                 the mean over rows of −ln P[i, labelᵢ]: P has one row of
 *                                    class probabilities per sample, labels counts classes from 1
 *
 * The probabilities are taken as written (not renormalised).
 *
 * Examples:
 *
 *     entropy([0.5; 0.5]) ≈ 0.693147
 *     entropy([0.5; 0.25; 0.25], base=2) = 1.5
 *     kl_div([0.5; 0.5], [0.25; 0.75]) ≈ 0.143841
 *     binary_cross_entropy([0.9; 0.2], [1; 0]) ≈ 0.164252
 *     nll([0.7, 0.3; 0.4, 0.6], [1; 2]) ≈ 0.43375
 *
 * DomainError where a logarithm would be of 0 with a weight that is not 0
 * (the value would be infinite): qᵢ = 0 where pᵢ > 0, p = 0 where y = 1; a
 * negative probability; a label that is not a class number 1…C.
 *
 * Backward: entropy → −(log pᵢ + 1/ln b); kl_div → ∂p = ln(p/q) + 1,
 * ∂q = −p/q; binary_cross_entropy → ∂p = (p − y)/(p(1 − p) N),
 * ∂y = (ln(1 − p) − ln p)/N; nll → ∂P[i, labelᵢ] = −1/(N P[i, labelᵢ]).
 *
 * See also: cross_entropy, softmax, ln
 */
import type { SolverStep } from '../model';
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { matrixArg, requireSameShape, scalarArg } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

function probabilities(fn: string, param: string, v: Value | undefined): Matrix {
  const p = matrixArg(fn, param, v);
  for (const x of p.data) {
    if (!(x >= 0)) throw new DomainError(`${fn}: ${param} has ${x}; a probability is at least 0`);
  }
  return p;
}

function baseArg(v: Value | undefined): number {
  const b = v === undefined ? Math.E : scalarArg('entropy', 'base', v);
  if (!(b > 0 && b !== 1)) throw new DomainError(`entropy: the base must be positive and not 1, not ${b}`);
  return b;
}

function scalarSteps(fn: string, definition: string, inputs: readonly Matrix[], output: Value): SolverStep[] {
  if (output.kind !== 'matrix') return [];
  return [
    { latex: definition },
    {
      latex: `${fnName(fn)}\\left(${inputs.map((m) => matrixLatex(m)).join(', ')}\\right) = ${formatNumber(output.data[0])}`,
    },
  ];
}

export const entropy: Builtin = {
  name: 'entropy',
  signature: 'entropy(p, base=e)',
  summary: 'Shannon entropy −Σ pᵢ log pᵢ of a probability vector (nats; base=2 for bits); 0 log 0 = 0.',
  example: 'entropy([0.5; 0.25; 0.25], base=2) = 1.5',
  params: [{ name: 'p' }, { name: 'base', default: Math.E }],
  forward(args) {
    const p = probabilities('entropy', 'p', args[0]);
    const lnBase = Math.log(baseArg(args[1]));
    let s = 0;
    for (const x of p.data) if (x > 0) s -= x * Math.log(x);
    return Matrix.scalar(s / lnBase);
  },
  backward(upstream, args) {
    const p = args[0];
    const lnBase = Math.log(baseArg(args[1]));
    const g = upstream.data[0];
    const dp = new Matrix(
      p.rows,
      p.cols,
      p.data.map((x) => {
        if (!(x > 0)) throw new DomainError('entropy: not differentiable where a probability is 0');
        return (-g * (Math.log(x) + 1)) / lnBase;
      }),
    );
    return args.length > 1 ? [dp, null] : [dp];
  },
  steps(args, output) {
    const p = probabilities('entropy', 'p', args[0]);
    const b = baseArg(args[1]);
    const log = b === Math.E ? '\\ln' : `\\log_{${formatNumber(b)}}`;
    return scalarSteps('entropy', `H(p) = -\\sum_i p_i ${log} p_i`, [p], output);
  },
};

export const klDiv: Builtin = {
  name: 'kl_div',
  signature: 'kl_div(p, q)',
  summary: 'The KL divergence Σ pᵢ ln(pᵢ/qᵢ) of q from p (terms with pᵢ = 0 vanish).',
  example: 'kl_div([0.5; 0.5], [0.25; 0.75]) ≈ 0.143841',
  params: [{ name: 'p' }, { name: 'q' }],
  forward(args) {
    const p = probabilities('kl_div', 'p', args[0]);
    const q = probabilities('kl_div', 'q', args[1]);
    requireSameShape('kl_div', 'p', p, 'q', q);
    let s = 0;
    for (let i = 0; i < p.size; i++) {
      if (p.data[i] === 0) continue;
      if (q.data[i] === 0) throw new DomainError(`kl_div: q is 0 where p is ${p.data[i]}; the divergence is infinite`);
      s += p.data[i] * Math.log(p.data[i] / q.data[i]);
    }
    return Matrix.scalar(s);
  },
  backward(upstream, args) {
    const [p, q] = args;
    const g = upstream.data[0];
    const dp = new Matrix(
      p.rows,
      p.cols,
      p.data.map((x, i) => {
        if (!(x > 0)) throw new DomainError('kl_div: not differentiable where p is 0');
        return g * (Math.log(x / q.data[i]) + 1);
      }),
    );
    const dq = new Matrix(
      q.rows,
      q.cols,
      q.data.map((x, i) => (-g * p.data[i]) / x),
    );
    return [dp, dq];
  },
  steps(args, output) {
    const p = probabilities('kl_div', 'p', args[0]);
    const q = probabilities('kl_div', 'q', args[1]);
    return scalarSteps('kl_div', `D_{KL}(p \\parallel q) = \\sum_i p_i \\ln \\frac{p_i}{q_i}`, [p, q], output);
  },
};

function bceArgs(args: readonly Value[]): { p: Matrix; y: Matrix } {
  const p = probabilities('binary_cross_entropy', 'p', args[0]);
  const y = matrixArg('binary_cross_entropy', 'y', args[1]);
  requireSameShape('binary_cross_entropy', 'p', p, 'y', y);
  for (let i = 0; i < p.size; i++) {
    const [pi, yi] = [p.data[i], y.data[i]];
    if (pi > 1) throw new DomainError(`binary_cross_entropy: p has ${pi}; a probability is at most 1`);
    if ((pi === 0 && yi !== 0) || (pi === 1 && yi !== 1)) {
      throw new DomainError(`binary_cross_entropy: p is ${pi} where y is ${yi}; the loss is infinite`);
    }
  }
  return { p, y };
}

export const binaryCrossEntropy: Builtin = {
  name: 'binary_cross_entropy',
  signature: 'binary_cross_entropy(p, y)',
  summary: 'The mean over entries of −[y ln p + (1 − y) ln(1 − p)], p the predicted probability of 1.',
  example: 'binary_cross_entropy([0.9; 0.2], [1; 0]) ≈ 0.164252',
  params: [{ name: 'p' }, { name: 'y' }],
  forward(args) {
    const { p, y } = bceArgs(args);
    let s = 0;
    for (let i = 0; i < p.size; i++) {
      const [pi, yi] = [p.data[i], y.data[i]];
      if (yi !== 0) s -= yi * Math.log(pi);
      if (yi !== 1) s -= (1 - yi) * Math.log(1 - pi);
    }
    return Matrix.scalar(s / p.size);
  },
  backward(upstream, args) {
    const { p, y } = bceArgs(args);
    const g = upstream.data[0] / p.size;
    const dp = new Matrix(
      p.rows,
      p.cols,
      p.data.map((pi, i) => {
        if (pi <= 0 || pi >= 1) throw new DomainError(`binary_cross_entropy: not differentiable at p = ${pi}`);
        return (g * (pi - y.data[i])) / (pi * (1 - pi));
      }),
    );
    const dy = new Matrix(
      y.rows,
      y.cols,
      p.data.map((pi) => g * (Math.log(1 - pi) - Math.log(pi))),
    );
    return [dp, dy];
  },
  steps(args, output) {
    const { p, y } = bceArgs(args);
    return scalarSteps(
      'binary_cross_entropy',
      `\\text{BCE} = -\\frac{1}{N} \\sum_i \\left[ y_i \\ln p_i + (1 - y_i) \\ln (1 - p_i) \\right]`,
      [p, y],
      output,
    );
  },
};

/** The probabilities as rows (a single row vector is one sample) and the 0-based class of each row. */
function nllArgs(args: readonly Value[]): { P: Matrix; classes: number[] } {
  const P = probabilities('nll', 'P', args[0]);
  const labels = matrixArg('nll', 'labels', args[1]);
  if (labels.size !== P.rows) {
    throw new DomainError(
      `nll: P has ${P.rows} row${P.rows === 1 ? '' : 's'} (samples) but there are ${labels.size} labels`,
    );
  }
  const classes = Array.from(labels.data, (l) => {
    if (!Number.isInteger(l) || l < 1 || l > P.cols)
      throw new DomainError(`nll: a label is a class number from 1 to ${P.cols}, not ${l}`);
    return l - 1;
  });
  classes.forEach((c, i) => {
    if (!(P.data[i * P.cols + c] > 0))
      throw new DomainError(`nll: row ${i + 1} gives its label ${c + 1} probability 0; the loss is infinite`);
  });
  return { P, classes };
}

export const nll: Builtin = {
  name: 'nll',
  signature: 'nll(P, labels)',
  summary: 'Negative log-likelihood: the mean over samples (rows of P) of −ln P[i, labelᵢ], classes counted from 1.',
  example: 'nll([0.7, 0.3; 0.4, 0.6], [1; 2]) ≈ 0.43375',
  params: [{ name: 'P' }, { name: 'labels' }],
  forward(args) {
    const { P, classes } = nllArgs(args);
    let s = 0;
    classes.forEach((c, i) => (s -= Math.log(P.data[i * P.cols + c])));
    return Matrix.scalar(s / P.rows);
  },
  backward(upstream, args) {
    const { P, classes } = nllArgs(args);
    const dP = Matrix.zeros(P.rows, P.cols);
    classes.forEach((c, i) => {
      const k = i * P.cols + c;
      dP.data[k] = -upstream.data[0] / (P.rows * P.data[k]);
    });
    return [dP, null];
  },
  steps(args, output) {
    const { P, classes } = nllArgs(args);
    if (output.kind !== 'matrix') return [];
    const terms = classes.map((c, i) => `\\ln ${formatNumber(P.data[i * P.cols + c])}`).join(' + ');
    return [
      { latex: `\\text{NLL} = -\\frac{1}{N} \\sum_i \\ln P_{i, y_i}` },
      { latex: `-\\frac{1}{${P.rows}} \\left(${terms}\\right) = ${formatNumber(output.data[0])}` },
    ];
  },
};

/**
 * Cross-entropy of probabilities p against a target y, a 1×1 value.
 *
 * - y of p's shape (one-hot, or probabilities): −Σ y_i ln p_i over all
 *   entries; with `reduction=mean`, divided by the number of rows N.
 * - y integer class labels 1…C, an N×1 column or 1×N row, with p an N×C
 *   batch (rows are samples): the mean over the batch of −ln p[i, yᵢ];
 *   `reduction=sum` gives the sum. A C×1 column p with one label is one sample.
 *
 * `reduction` is a word (`sum` or `mean`), read and not evaluated (words.ts).
 * Terms with y_i = 0 contribute nothing (even where p_i = 0).
 *
 * Syntax:
 *
 *     cross_entropy(p, y)
 *     cross_entropy(P, labels)                   mean over the batch
 *     cross_entropy(P, labels, reduction=sum)    or sum
 *
 * Examples:
 *
 *     cross_entropy([0.25; 0.75], [0; 1]) ≈ 0.2877        −ln 0.75
 *     cross_entropy([0.5; 0.5], [1; 0]) ≈ 0.6931          ln 2
 *     cross_entropy([0.5, 0.5; 0.25, 0.75], [1; 2]) ≈ 0.4904    (ln 2 + ln 4/3) / 2
 *
 * DomainError when some p_i ≤ 0 where y_i > 0 (the loss would be infinite),
 * or a label that is not a class 1…C.
 *
 * Backward: ∂L/∂p_i = −g y_i / p_i (0 where y_i = 0), divided by N for a
 * mean; ∂L/∂y_i = −g ln p_i for a one-hot y; labels take no gradient.
 *
 * See also: softmax, mse, ln
 */
import type { SolverStep } from '../model';
import { ArgumentError, DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { guardFinite, matrixArg, requireSameShape } from './common';

const REDUCTIONS = ['sum', 'mean'] as const;

/** `reduction=`: absent (the form's default), or the position of `sum` / `mean` in REDUCTIONS. */
function reductionOf(v: Value | undefined): 'sum' | 'mean' | undefined {
  if (v === undefined || v.kind !== 'matrix' || Number.isNaN(v.data[0])) return undefined;
  const word = REDUCTIONS[v.data[0]];
  if (word === undefined)
    throw new ArgumentError('call.domain', 'reduction', 'cross_entropy: reduction is the word sum or mean');
  return word;
}

/** The rows of p and the label column, when y holds class labels rather than a target of p's shape. */
function labelsOf(p: Matrix, y: Matrix): { batch: Matrix; labels: Float64Array } | undefined {
  if (p.sameShape(y) || p.isTensor || y.isTensor) return undefined;
  // One sample written as a column of probabilities, with its label.
  if (y.isScalar && p.cols === 1 && p.rows > 1) return { batch: new Matrix(1, p.rows, p.data), labels: y.data };
  // A column p against a row y is the target written the other way round (shape.mismatch), not one-class labels.
  if (p.cols === 1) return undefined;
  if ((y.cols !== 1 || y.rows !== p.rows) && (y.rows !== 1 || y.cols !== p.rows)) return undefined;
  const classes = p.cols;
  y.data.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 1 || label > classes) {
      throw new DomainError(
        `cross_entropy: label ${label} of sample ${i + 1} is not a class 1…${classes} (p has ${classes} column${classes === 1 ? '' : 's'})`,
      );
    }
    const q = p.data[i * classes + label - 1];
    if (!(q > 0))
      throw new DomainError(
        `cross_entropy: p[${i + 1},${label}] is ${q}, the probability of the label; ln p is not a real number there`,
      );
  });
  return { batch: p, labels: y.data };
}

function labelLoss(batch: Matrix, labels: Float64Array, reduction: 'sum' | 'mean' | undefined): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s -= Math.log(batch.data[i * batch.cols + labels[i] - 1]);
  return reduction === 'sum' ? s : s / labels.length;
}
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
  signature: 'cross_entropy(p, y, reduction=auto)',
  summary:
    'Cross-entropy −Σ y ⊙ ln p against a one-hot (or probability) target y, or the batch mean of −ln p[i, yᵢ] for labels y.',
  example: 'cross_entropy([0.25; 0.75], [0; 1]) ≈ 0.2877',
  params: [{ name: 'p' }, { name: 'y' }, { name: 'reduction', default: NaN }],
  words: { reduction: REDUCTIONS },

  forward(args) {
    const reduction = reductionOf(args[2]);
    const p0 = matrixArg('cross_entropy', 'p', args[0]);
    const labelled = labelsOf(p0, matrixArg('cross_entropy', 'y', args[1]));
    if (labelled)
      return guardFinite('cross_entropy', Matrix.scalar(labelLoss(labelled.batch, labelled.labels, reduction)), [p0]);
    const { p, y } = readArgs(args);
    let s = 0;
    for (let i = 0; i < p.data.length; i++) if (y.data[i] !== 0) s -= y.data[i] * Math.log(p.data[i]);
    if (reduction === 'mean') s /= p.rows;
    return guardFinite('cross_entropy', Matrix.scalar(s), [p, y]);
  },

  backward(upstream, args) {
    const reduction = reductionOf(args[2]);
    const labelled = labelsOf(args[0], args[1]);
    if (labelled) {
      const { batch, labels } = labelled;
      const scale = reduction === 'sum' ? 1 : 1 / labels.length;
      const dP = Matrix.zerosLike(args[0]);
      for (let i = 0; i < labels.length; i++) {
        const k = i * batch.cols + labels[i] - 1;
        dP.data[k] = (-upstream.data[0] * scale) / batch.data[k];
      }
      return [dP, null, null].slice(0, args.length);
    }
    const { p, y } = readArgs(args);
    const g = upstream.data[0] / (reduction === 'mean' ? p.rows : 1);
    const dP = Matrix.zeros(p.rows, p.cols);
    const dY = Matrix.zeros(p.rows, p.cols);
    for (let i = 0; i < p.data.length; i++) {
      if (y.data[i] !== 0) dP.data[i] = (-g * y.data[i]) / p.data[i];
      if (!(p.data[i] > 0)) throw new DomainError('cross_entropy: the gradient with respect to y needs every p > 0');
      dY.data[i] = -g * Math.log(p.data[i]);
    }
    return [dP, dY, null].slice(0, args.length);
  },

  steps(args, output) {
    const p0 = matrixArg('cross_entropy', 'p', args[0]);
    const labelled = labelsOf(p0, matrixArg('cross_entropy', 'y', args[1]));
    if (labelled) {
      const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
      const mean = reductionOf(args[2]) !== 'sum';
      const terms = Array.from(
        labelled.labels.slice(0, 16),
        (label, i) => `\\ln ${formatNumber(labelled.batch.data[i * labelled.batch.cols + label - 1])}`,
      );
      return [
        {
          latex: `${fnName('cross_entropy')}(P, y) = -${mean ? '\\frac{1}{N}' : ''}\\sum_i \\ln P_{i, y_i}`,
          note: 'y holds class labels',
        },
        {
          latex: `= -${mean ? `\\frac{1}{${labelled.labels.length}}` : ''}\\left(${terms.join(' + ')}${labelled.labels.length > 16 ? ' + \\dots' : ''}\\right) = ${value}`,
        },
      ];
    }
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

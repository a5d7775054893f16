/**
 * The multiclass hinge (SVM) loss and the L2 weight penalty.
 *
 * Syntax:
 *
 *     multiclass_hinge(S, labels, margin=1)
 *         the mean over samples (rows of the scores S) of Σ_{j ≠ yᵢ} max(0, S[i, j] − S[i, yᵢ] + margin),
 *         labels counting classes from 1 (the CS231n SVM loss; PyTorch's multi_margin_loss divides
 *         this by the number of classes)
 *     l2_penalty(W, lambda=1)
 *         lambda · Σ w² over all entries
 *
 * Examples:
 *
 *     multiclass_hinge([3.2, 5.1, -1.7], 1) ≈ 2.9
 *     l2_penalty([1, 2; 3, 4], 0.5) = 15
 *
 * DomainError for a label that is not a class number 1…C, or a number of
 * labels other than the rows of S.
 *
 * Backward: hinge → per active margin, +1/N on S[i, j] and −1/N on S[i, yᵢ]
 * (at the kink, 0); l2_penalty → ∂W = 2 lambda W, ∂lambda = Σ w².
 *
 * See also: cross_entropy, nll, mse
 */
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { matrixArg, scalarArg } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

function hingeArgs(args: readonly Value[]): { S: Matrix; classes: number[]; margin: number } {
  const S = matrixArg('multiclass_hinge', 'S', args[0]);
  const labels = matrixArg('multiclass_hinge', 'labels', args[1]);
  const margin = args[2] === undefined ? 1 : scalarArg('multiclass_hinge', 'margin', args[2]);
  if (labels.size !== S.rows)
    throw new DomainError(
      `multiclass_hinge: S has ${S.rows} row${S.rows === 1 ? '' : 's'} (samples) but there are ${labels.size} labels`,
    );
  const classes = Array.from(labels.data, (l) => {
    if (!Number.isInteger(l) || l < 1 || l > S.cols)
      throw new DomainError(`multiclass_hinge: a label is a class number from 1 to ${S.cols}, not ${l}`);
    return l - 1;
  });
  return { S, classes, margin };
}

export const multiclassHinge: Builtin = {
  name: 'multiclass_hinge',
  signature: 'multiclass_hinge(S, labels, margin=1)',
  summary: 'Multiclass SVM loss: the mean over rows of Σ_{j≠y} max(0, s_j − s_y + margin); classes counted from 1.',
  example: 'multiclass_hinge([3.2, 5.1, -1.7], 1) ≈ 2.9',
  params: [{ name: 'S' }, { name: 'labels' }, { name: 'margin', default: 1 }],
  forward(args) {
    const { S, classes, margin } = hingeArgs(args);
    let total = 0;
    classes.forEach((y, i) => {
      for (let j = 0; j < S.cols; j++) {
        if (j !== y) total += Math.max(0, S.data[i * S.cols + j] - S.data[i * S.cols + y] + margin);
      }
    });
    return Matrix.scalar(total / S.rows);
  },
  backward(upstream, args) {
    const { S, classes, margin } = hingeArgs(args);
    const g = upstream.data[0] / S.rows;
    const dS = Matrix.zeros(S.rows, S.cols);
    let dMargin = 0;
    classes.forEach((y, i) => {
      for (let j = 0; j < S.cols; j++) {
        if (j === y || !(S.data[i * S.cols + j] - S.data[i * S.cols + y] + margin > 0)) continue;
        dS.data[i * S.cols + j] += g;
        dS.data[i * S.cols + y] -= g;
        dMargin += g;
      }
    });
    return [dS, null, Matrix.scalar(dMargin)];
  },
  steps(args, output) {
    const { S, classes, margin } = hingeArgs(args);
    if (output.kind !== 'matrix') return [];
    const rows = classes.slice(0, 4).map((y, i) => {
      const terms: string[] = [];
      for (let j = 0; j < S.cols; j++) {
        if (j === y) continue;
        terms.push(
          `\\max(0, ${formatNumber(S.data[i * S.cols + j])} - ${formatNumber(S.data[i * S.cols + y])} + ${formatNumber(margin)})`,
        );
      }
      return { latex: `L_{${i + 1}} = ${terms.join(' + ')}`, note: `label ${y + 1}` };
    });
    return [
      { latex: `L = \\frac{1}{N} \\sum_i \\sum_{j \\ne y_i} \\max(0, s_{ij} - s_{i y_i} + \\Delta)` },
      ...rows,
      { latex: `${fnName('multiclass_hinge')} = ${formatNumber(output.data[0])}` },
    ];
  },
};

export const l2Penalty: Builtin = {
  name: 'l2_penalty',
  signature: 'l2_penalty(W, lambda=1)',
  summary: 'The L2 weight penalty lambda · Σ w² over all entries of W.',
  example: 'l2_penalty([1, 2; 3, 4], 0.5) = 15',
  params: [{ name: 'W' }, { name: 'lambda', default: 1 }],
  forward(args) {
    const w = matrixArg('l2_penalty', 'W', args[0]);
    const lambda = args[1] === undefined ? 1 : scalarArg('l2_penalty', 'lambda', args[1]);
    let s = 0;
    for (const x of w.data) s += x * x;
    return Matrix.scalar(lambda * s);
  },
  backward(upstream, args) {
    const w = args[0];
    const lambda = args[1] === undefined ? 1 : args[1].data[0];
    const g = upstream.data[0];
    let s = 0;
    for (const x of w.data) s += x * x;
    const dW = new Matrix(
      w.rows,
      w.cols,
      w.data.map((x) => 2 * lambda * g * x),
    );
    return args.length > 1 ? [dW, Matrix.scalar(g * s)] : [dW];
  },
  steps(args, output) {
    const w = matrixArg('l2_penalty', 'W', args[0]);
    const lambda = args[1] === undefined ? 1 : scalarArg('l2_penalty', 'lambda', args[1]);
    if (output.kind !== 'matrix') return [];
    return [
      {
        latex: `\\lambda \\sum_{ij} w_{ij}^2 = ${formatNumber(lambda)} \\cdot \\lVert ${matrixLatex(w)} \\rVert_F^2 = ${formatNumber(output.data[0])}`,
      },
    ];
  },
};

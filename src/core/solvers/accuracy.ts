/**
 * The fraction of a batch classified right: rows whose largest score is in
 * the label's column.
 *
 * Syntax:
 *
 *     accuracy(Z, y)      Z: N×C scores or probabilities (rows are samples);
 *                         y: N labels 1…C (N×1 or 1×N), or N×C one-hot rows
 *
 * Examples:
 *
 *     accuracy([0.1, 0.9; 0.8, 0.2; 0.3, 0.7], [2; 1; 1]) ≈ 0.6667
 *     accuracy([2, 1; 0, 3], [1, 0; 0, 1]) = 1
 *
 * The first largest score wins a tie (as argmax). A fraction of counts: no
 * gradient flows through it.
 *
 * See also: argmax, one_hot, cross_entropy
 */
import { DomainError } from '../values/errors';
import { Matrix } from '../values/value';
import { positionOf } from './argmax';
import type { Builtin } from './builtin';
import { matrixArg } from './common';
import { labelsArg } from './oneHot';
import { fnName, formatNumber } from './stepLatex';

function rowClass(m: Matrix, i: number): number {
  return positionOf(m.data.subarray(i * m.cols, (i + 1) * m.cols), (a, b) => a > b);
}

function hits(z: Matrix, y: Matrix): { right: number; total: number } {
  if (z.isTensor || y.isTensor) throw new DomainError('accuracy: Z is an N×C matrix of scores');
  let right = 0;
  if (y.sameShape(z) && z.cols > 1) {
    for (let i = 0; i < z.rows; i++) if (rowClass(z, i) === rowClass(y, i)) right++;
    return { right, total: z.rows };
  }
  const labels = labelsArg('accuracy', y, z.cols);
  if (labels.length !== z.rows) throw new DomainError(`accuracy: ${labels.length} labels for ${z.rows} rows of scores`);
  labels.forEach((label, i) => {
    if (rowClass(z, i) === label) right++;
  });
  return { right, total: z.rows };
}

export const accuracy: Builtin = {
  name: 'accuracy',
  signature: 'accuracy(Z, y)',
  summary: 'The fraction of rows of Z whose largest entry is in the label’s column (y: labels 1…C or one-hot rows).',
  example: 'accuracy([0.1, 0.9; 0.8, 0.2; 0.3, 0.7], [2; 1; 1]) ≈ 0.6667',
  params: [{ name: 'Z' }, { name: 'y' }],
  forward(args) {
    const { right, total } = hits(matrixArg('accuracy', 'Z', args[0]), matrixArg('accuracy', 'y', args[1]));
    return Matrix.scalar(right / total);
  },
  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    const { right, total } = hits(matrixArg('accuracy', 'Z', args[0]), matrixArg('accuracy', 'y', args[1]));
    return [
      {
        latex: `${fnName('accuracy')}(Z, y) = \\frac{${right}}{${total}} = ${formatNumber(output.data[0])}`,
        note: 'rows whose argmax is the label',
      },
    ];
  },
};

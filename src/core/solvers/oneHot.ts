/**
 * One-hot rows from integer class labels: row i has a 1 in column yᵢ.
 *
 * Syntax:
 *
 *     one_hot(y, C)      y: N labels 1…C (an N×1 column or a 1×N row); gives N×C
 *
 * Examples:
 *
 *     one_hot([2; 1; 3], 3) = [0, 1, 0; 1, 0, 0; 0, 0, 1]
 *     one_hot(2, 4) = [0, 1, 0, 0]
 *
 * DomainError for a label that is not a whole number from 1 to C. Integer
 * valued: no gradient flows through it.
 *
 * See also: cross_entropy, accuracy, argmax
 */
import { DomainError } from '../values/errors';
import { Matrix } from '../values/value';
import type { Builtin } from './builtin';
import { allocate, integerArg, matrixArg } from './common';
import { fnName, matrixLatex } from './stepLatex';

/** The labels of y, a column or a row of whole numbers 1…classes. */
export function labelsArg(fn: string, y: Matrix, classes: number): Float64Array {
  if (y.rows !== 1 && y.cols !== 1)
    throw new DomainError(`${fn}: the labels are an N×1 column or a 1×N row, not ${y.shapeText()}`);
  y.data.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 1 || label > classes)
      throw new DomainError(`${fn}: label ${label} of sample ${i + 1} is not a class 1…${classes}`);
  });
  return y.data;
}

export const oneHot: Builtin = {
  name: 'one_hot',
  signature: 'one_hot(y, C)',
  summary: 'N×C one-hot rows from N integer class labels 1…C.',
  example: 'one_hot([2; 1; 3], 3) = [0, 1, 0; 1, 0, 0; 0, 0, 1]',
  params: [{ name: 'y' }, { name: 'C' }],
  forward(args) {
    const classes = integerArg('one_hot', 'C', args[1], 1);
    const labels = labelsArg('one_hot', matrixArg('one_hot', 'y', args[0]), classes);
    const out = allocate('one_hot', labels.length, classes);
    labels.forEach((label, i) => (out.data[i * classes + label - 1] = 1));
    return out;
  },
  steps(args, output) {
    if (output.kind !== 'matrix' || args[0].kind !== 'matrix') return [];
    return [
      {
        latex: `${fnName('one_hot')}\\left(${matrixLatex(args[0])}\\right) = ${matrixLatex(output)}`,
        note: 'row i has its 1 in column yᵢ',
      },
    ];
  },
};

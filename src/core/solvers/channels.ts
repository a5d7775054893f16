/**
 * What conv2d and the pools share for values with channels: allocating an
 * output of any rank under the size guard rail, naming an entry by its full
 * 1-based index, and showing a rank-3/4 result one H×W slice per line.
 *
 * Examples:
 *
 *     allocateShape('conv2d', [2, 3, 3])       // a 2×3×3 of zeros
 *     entryIndex([2, 3, 3], 10)                // [2, 1, 2]: the 11th entry, row-major
 *     sliceSteps('O', output)                  // O_{1,:,:} = [..], O_{2,:,:} = [..]
 */
import type { SolverStep } from '../model';
import { LimitError, MAX_MATRIX_ENTRIES } from '../values/errors';
import { Matrix, shapeSize, shapeText } from '../values/value';
import { matrixLatex } from './stepLatex';

/** Slices listed in the steps before a note says how many more. */
const SLICES_SHOWN = 8;

/** Zeros of `shape`, refused before it is built when over the entry limit. */
export function allocateShape(fn: string, shape: readonly number[]): Matrix {
  const size = shapeSize(shape);
  if (size > MAX_MATRIX_ENTRIES) {
    throw new LimitError(
      'limit.matrix-size',
      `${fn}: the result would be ${shapeText(shape)} = ${size} entries, over the limit of ${MAX_MATRIX_ENTRIES}`,
    );
  }
  return Matrix.fromShape(shape);
}

/** The 1-based index over every axis of the `flat`-th entry (from 0, row-major). */
export function entryIndex(shape: readonly number[], flat: number): number[] {
  const index = new Array<number>(shape.length);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = (rest % shape[axis]) + 1;
    rest = Math.floor(rest / shape[axis]);
  }
  return index;
}

/** `O = [..]` for a matrix; for a rank-3/4 value one step per H×W slice, `O_{1,:,:} = [..]`, the first 8. */
export function sliceSteps(symbol: string, value: Matrix): SolverStep[] {
  if (!value.isTensor) return [{ latex: `${symbol} = ${matrixLatex(value)}` }];
  const slices = value.data.length / (value.rows * value.cols);
  const lead = value.lead;
  const steps: SolverStep[] = [];
  for (let k = 0; k < Math.min(slices, SLICES_SHOWN); k++) {
    const label = [...entryIndex(lead, k), ':', ':'].join(',');
    const slice = new Matrix(
      value.rows,
      value.cols,
      value.data.subarray(k * value.rows * value.cols, (k + 1) * value.rows * value.cols),
    );
    steps.push({ latex: `${symbol}_{${label}} = ${matrixLatex(slice)}` });
  }
  if (slices > SLICES_SHOWN) {
    steps.push({
      latex: `${symbol} \\in \\mathbb{R}^{${value.shape.join(' \\times ')}}`,
      note: `the other ${slices - SLICES_SHOWN} of the ${slices} slices likewise`,
    });
  }
  return steps;
}

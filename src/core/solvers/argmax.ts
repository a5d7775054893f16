/**
 * The position of the largest (argmax) or smallest (argmin) entry, counted
 * from 1 as indices are; the first one on a tie.
 *
 * Syntax:
 *
 *     argmax(x)                  the 1-based position over all entries, in row-major order
 *     argmax(Z, axis=2)          along one axis: for an N×C matrix of scores, the N×1 column of each row's class
 *     argmin(x, axis=1, keepdims=1)
 *
 * Examples:
 *
 *     argmax([2, 9, 4]) = 2
 *     argmax([1, 5; 7, 2]) = 3             7 is the third entry in row-major order
 *     argmax([1, 5; 7, 2], axis=2) = [2; 1]
 *     argmin([1, 5; 7, 2], axis=1) = [1, 2]
 *
 * Integer-valued: no gradient flows through it (zero, as through `floor`).
 *
 * See also: max, min, accuracy, one_hot
 */
import { Matrix } from '../values/value';
import { AXIS_OPTIONS, axisArgument, keepdimsArgument, reduceOverAxis } from './axes';
import type { Builtin } from './builtin';
import { matrixArg } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

/** The 1-based position of the first entry `better` than all others. */
export function positionOf(values: Float64Array, better: (a: number, b: number) => boolean): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (better(values[i], values[best])) best = i;
  return best + 1;
}

function argExtreme(name: 'argmax' | 'argmin', better: (a: number, b: number) => boolean, example: string): Builtin {
  const position = (values: Float64Array) => positionOf(values, better);
  return {
    name,
    signature: `${name}(x, axis=all, keepdims=0)`,
    summary: `The 1-based position of the ${name === 'argmax' ? 'largest' : 'smallest'} entry: over all entries (row-major), or along axis=.`,
    example,
    params: [{ name: 'x' }, ...AXIS_OPTIONS],
    acceptsTensors: true,
    forward(args) {
      const x = matrixArg(name, 'x', args[0]);
      const axis = axisArgument(name, x, args[1]);
      const keepdims = keepdimsArgument(name, args[2]);
      if (axis === undefined) return Matrix.scalar(position(x.data));
      return reduceOverAxis(x, axis, keepdims, position);
    },
    steps(args, output) {
      const x = args[0];
      if (x.kind !== 'matrix' || output.kind !== 'matrix' || x.isTensor || output.isTensor) return [];
      const result = output.isScalar ? formatNumber(output.data[0]) : matrixLatex(output);
      return [{ latex: `${fnName(name)}\\left(${matrixLatex(x)}\\right) = ${result}`, note: 'positions count from 1' }];
    },
  };
}

export const argmax = argExtreme('argmax', (a, b) => a > b, 'argmax([1, 5; 7, 2], axis=2) = [2; 1]');
export const argmin = argExtreme('argmin', (a, b) => a < b, 'argmin([1, 5; 7, 2], axis=1) = [1, 2]');

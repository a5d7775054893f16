/**
 * The same entries in another shape, read and written in row-major order
 * (NumPy's C order, PyTorch's `reshape`).
 *
 * Syntax:
 *
 *     reshape(X, d1, d2, …)     up to 4 sizes whose product is numel(X); one size gives a column
 *
 * Examples:
 *
 *     reshape([1, 2, 3, 4, 5, 6], 2, 3) = [1, 2, 3; 4, 5, 6]
 *     reshape([1, 2; 3, 4], 2, 1, 2) = [1, 2;; 3, 4]
 *     reshape([1, 2; 3, 4], 4) = [1; 2; 3; 4]
 *
 * Backward: the upstream gradient reshaped back to X's shape.
 *
 * See also: flatten, permute, stack
 */
import { EvalError } from '../values/errors';
import { formatValue } from '../values/format';
import { checkShape, reshapeValue } from '../values/tensorOps';
import { Matrix, shapeSize, shapeText } from '../values/value';
import type { Builtin } from './builtin';
import { matrixArg, sizeArgs } from './common';
import { fnName } from './stepLatex';

export const reshape: Builtin = {
  name: 'reshape',
  signature: 'reshape(X, d1, d2, d3, d4)',
  summary: 'The entries of X, in row-major order, in the shape d1×d2×… (up to 4 sizes).',
  example: 'reshape([1, 2, 3, 4, 5, 6], 2, 3) = [1, 2, 3; 4, 5, 6]',
  // One to four sizes after X.
  params: [{ name: 'X' }, { name: 'd1' }, { name: 'd2' }, { name: 'd3' }, { name: 'd4' }],
  variadic: true,
  acceptsTensors: true,
  forward(args) {
    const x = matrixArg('reshape', 'X', args[0]);
    if (args.length < 2) throw new EvalError('call.arity', 'reshape needs X and at least one size');
    const shape = sizeArgs('reshape', args.slice(1));
    checkShape(shape, 'reshape(…)');
    if (shapeSize(shape) !== x.size)
      throw new EvalError(
        'call.domain',
        `reshape: X is ${x.shapeText()} (${x.size} entries), and ${shapeText(shape)} holds ${shapeSize(shape)}`,
      );
    return reshapeValue(x, shape);
  },
  backward(upstream, args) {
    const x = args[0];
    return [Matrix.fromShape(x.shape, upstream.data.slice()), ...args.slice(1).map(() => null)];
  },
  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    const x = matrixArg('reshape', 'X', args[0]);
    return [
      {
        latex: `${fnName('reshape')}(X) = ${formatValue(output).latex}`,
        note: `${x.shapeText()} → ${output.shapeText()}, entries in row-major order`,
      },
    ];
  },
};

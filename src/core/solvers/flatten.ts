/**
 * Axes folded into one, in row-major order. `flatten(X)` is every entry as
 * one column; `flatten(X, 2)` keeps the first (batch) axis and folds the
 * rest, one row per sample, as before a fully connected layer (PyTorch's
 * `torch.flatten(x, 1)`; axes count from 1 here).
 *
 * Syntax:
 *
 *     flatten(X)                numel(X)×1, row-major
 *     flatten(X, start)         axes start, start+1, … folded into the last
 *
 * Examples:
 *
 *     flatten([1, 2; 3, 4]) = [1; 2; 3; 4]
 *     flatten([1, 2; 3, 4;; 5, 6; 7, 8], 2) = [1, 2, 3, 4; 5, 6, 7, 8]
 *
 * Backward: the upstream gradient reshaped back to X's shape.
 *
 * See also: reshape, permute
 */
import { DomainError } from '../values/errors';
import { formatValue } from '../values/format';
import { reshapeValue } from '../values/tensorOps';
import { Matrix } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg, matrixArg } from './common';
import { fnName } from './stepLatex';

/** The shape of `flatten(x, start)`: the axes before `start` kept, the rest folded. */
function flattenedShape(x: Matrix, start: number): number[] {
  const shape = x.shape;
  if (start > shape.length)
    throw new DomainError(`flatten: start is ${start}, and X (${x.shapeText()}) has ${shape.length} axes`);
  const kept = shape.slice(0, start - 1);
  const folded = shape.slice(start - 1).reduce((a, b) => a * b, 1);
  const out = [...kept, folded];
  // One axis is a column; `flatten(M, 2)` of a matrix keeps it as it is.
  return out.length === 1 ? [folded, 1] : out;
}

export const flatten: Builtin = {
  name: 'flatten',
  signature: 'flatten(X, start=1)',
  summary:
    'X with its axes from start on folded into one, row-major: flatten(X) is a column, flatten(X, 2) one row per sample.',
  example: 'flatten([1, 2; 3, 4]) = [1; 2; 3; 4]',
  params: [{ name: 'X' }, { name: 'start', default: 1 }],
  acceptsTensors: true,
  forward(args) {
    const x = matrixArg('flatten', 'X', args[0]);
    const start = integerArg('flatten', 'start', args[1], 1);
    return reshapeValue(x, flattenedShape(x, start));
  },
  backward(upstream, args) {
    return [Matrix.fromShape(args[0].shape, upstream.data.slice()), null];
  },
  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    const x = matrixArg('flatten', 'X', args[0]);
    return [
      {
        latex: `${fnName('flatten')}(X) = ${formatValue(output).latex}`,
        note: `${x.shapeText()} → ${output.shapeText()}, entries in row-major order`,
      },
    ];
  },
};

/**
 * The axes of X in another order: axis k of the result is axis order[k]
 * of X (axes count from 1). `permute(X, 2, 3, 1)` turns C×H×W into H×W×C;
 * `permute(A, 2, 1)` of a matrix is Aᵀ. (`transpose` and `ᵀ` stay 2-D.)
 *
 * Syntax:
 *
 *     permute(X, a1, a2, …)     one entry per axis of X, each axis once
 *
 * Examples:
 *
 *     permute([1, 2; 3, 4;; 5, 6; 7, 8], 2, 3, 1) = [1, 5; 2, 6;; 3, 7; 4, 8]
 *     permute([1, 2, 3; 4, 5, 6], 2, 1) = [1, 4; 2, 5; 3, 6]
 *
 * Backward: the upstream gradient permuted by the inverse order.
 *
 * See also: transpose, reshape
 */
import { EvalError } from '../values/errors';
import { formatValue } from '../values/format';
import { inversePermutation, permuteValue } from '../values/tensorOps';
import type { Matrix, Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg, matrixArg } from './common';
import { fnName } from './stepLatex';

/** The zero-based order, checked to be a permutation of X's axes. */
function orderOf(x: Matrix, args: readonly Value[]): number[] {
  const rank = x.rank;
  if (args.length !== rank)
    throw new EvalError(
      'call.arity',
      `permute: X is ${x.shapeText()} with ${rank} axes, so it needs ${rank} axes in the new order, not ${args.length}`,
    );
  const seen = new Set<number>();
  return args.map((v, k) => {
    const axis = integerArg('permute', `axis ${k + 1} of the order`, v);
    if (axis < 1 || axis > rank)
      throw new EvalError(
        'call.axis',
        `permute: axis ${axis} does not exist; X (${x.shapeText()}) has axes 1 to ${rank}`,
      );
    if (seen.has(axis)) throw new EvalError('call.axis', `permute: axis ${axis} is named twice; each axis once`);
    seen.add(axis);
    return axis - 1;
  });
}

export const permute: Builtin = {
  name: 'permute',
  signature: 'permute(X, a1, a2, a3, a4)',
  summary: 'The axes of X reordered: axis k of the result is axis a_k of X (axes from 1).',
  example: 'permute([1, 2, 3; 4, 5, 6], 2, 1) = [1, 4; 2, 5; 3, 6]',
  // One axis per axis of X (2 to 4).
  params: [{ name: 'X' }, { name: 'a1' }, { name: 'a2' }, { name: 'a3' }, { name: 'a4' }],
  variadic: true,
  acceptsTensors: true,
  forward(args) {
    const x = matrixArg('permute', 'X', args[0]);
    return permuteValue(x, orderOf(x, args.slice(1)));
  },
  backward(upstream, args) {
    const order = orderOf(args[0], args.slice(1));
    return [permuteValue(upstream, inversePermutation(order)), ...args.slice(1).map(() => null)];
  },
  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    const x = matrixArg('permute', 'X', args[0]);
    const order = orderOf(x, args.slice(1)).map((a) => a + 1);
    return [
      {
        latex: `${fnName('permute')}(X, ${order.join(', ')}) = ${formatValue(output).latex}`,
        note: `${x.shapeText()} → ${output.shapeText()}`,
      },
    ];
  },
};

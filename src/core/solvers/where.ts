/**
 * Picks entry by entry: from a where cond is not 0, else from b. The three
 * shapes broadcast by NumPy's rules (a scalar a or b fills everywhere).
 *
 * Syntax:
 *
 *     where(cond, a, b)
 *
 * Examples:
 *
 *     where([1, 0, 1], [1, 2, 3], 0) = [1, 0, 3]
 *     where([-1, 2] > 0, [-1, 2], 0.1 [-1, 2]) = [-0.1, 2]       a leaky ReLU
 *
 * Backward: the gradient goes to a where cond ≠ 0 and to b elsewhere (summed
 * over broadcast axes); cond takes none.
 *
 * See also: relu, leaky_relu
 */
import { broadcastShape, offsets, reduceToShape } from '../autodiff/broadcast';
import { LimitError, MAX_MATRIX_ENTRIES } from '../values/errors';
import { Matrix, shapeSize } from '../values/value';
import type { Builtin } from './builtin';
import { matrixArg } from './common';
import { fnName, matrixLatex } from './stepLatex';

function resultShape(c: Matrix, a: Matrix, b: Matrix): number[] {
  const shape = broadcastShape(broadcastShape(c.shape, a.shape), b.shape);
  if (shapeSize(shape) > MAX_MATRIX_ENTRIES)
    throw new LimitError(
      'limit.matrix-size',
      `where: a ${shape.join('×')} result is over the limit of ${MAX_MATRIX_ENTRIES} entries`,
    );
  return shape;
}

/** For each result entry: whether it comes from a, and the offsets into a and b. */
function picks(c: Matrix, a: Matrix, b: Matrix, shape: number[]) {
  return { ic: offsets(shape, c.shape), ia: offsets(shape, a.shape), ib: offsets(shape, b.shape) };
}

export const where: Builtin = {
  name: 'where',
  signature: 'where(cond, a, b)',
  summary: 'Entry by entry: a where cond ≠ 0, else b (the three shapes broadcast).',
  example: 'where([1, 0, 1], [1, 2, 3], 0) = [1, 0, 3]',
  params: [{ name: 'cond' }, { name: 'a' }, { name: 'b' }],
  acceptsTensors: true,
  forward(args) {
    const c = matrixArg('where', 'cond', args[0]);
    const a = matrixArg('where', 'a', args[1]);
    const b = matrixArg('where', 'b', args[2]);
    const shape = resultShape(c, a, b);
    const { ic, ia, ib } = picks(c, a, b, shape);
    const out = Matrix.fromShape(shape);
    for (let i = 0; i < out.data.length; i++) out.data[i] = c.data[ic[i]] !== 0 ? a.data[ia[i]] : b.data[ib[i]];
    return out;
  },
  backward(upstream, args) {
    const [c, a, b] = args;
    const shape = upstream.shape.slice();
    const { ic } = picks(c, a, b, shape);
    const toA = Matrix.fromShape(shape);
    const toB = Matrix.fromShape(shape);
    for (let i = 0; i < upstream.data.length; i++) {
      if (c.data[ic[i]] !== 0) toA.data[i] = upstream.data[i];
      else toB.data[i] = upstream.data[i];
    }
    return [Matrix.zerosLike(c), reduceToShape(toA, a), reduceToShape(toB, b)];
  },
  steps(args, output) {
    const [c, a, b] = args;
    if (output.kind !== 'matrix' || c.kind !== 'matrix' || a.kind !== 'matrix' || b.kind !== 'matrix') return [];
    if (output.isTensor) return [];
    return [
      {
        latex: `${fnName('where')}\\left(${matrixLatex(c)}, ${matrixLatex(a)}, ${matrixLatex(b)}\\right) = ${matrixLatex(output)}`,
        note: 'a where cond ≠ 0, else b',
      },
    ];
  },
};

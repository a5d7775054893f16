/**
 * The value of a `;;`/`;;;` literal: its slices' values stacked, after the
 * literal's own rules (a `;;` slice is a matrix, a `;;;` block is of rank
 * 3, all of one shape), each broken rule reported on the slice that breaks
 * it, named by its index (`[2,:,:]`).
 */
import type { TensorLiteral } from '../syntax/ast';
import { sliceLabel } from '../syntax/tensorLiteral';
import { EvalError } from '../values/errors';
import { firstShapeMismatch, stackValues } from '../values/tensorOps';
import { isWrittenValue } from './compare';
import { Matrix } from '../values/value';
import { LocatedError, Unavailable } from './walk';

export function assembleSlices(parts: readonly Matrix[], node: TensorLiteral): Matrix {
  const prefix = node.block !== undefined ? [node.block] : [];
  const rank = prefix.length + node.rank;
  const label = (k: number): string => sliceLabel([...prefix, k + 1], rank);
  const fail = (k: number, error: EvalError): never => {
    throw new LocatedError(error, node.slices[k].span, node.slices[k]);
  };
  const wanted = node.rank - 1;
  // A block of a rank-4 literal with no `;;` is one channel: `[A;;; B]` is 2×1×H×W.
  if (node.rank === 4) parts = parts.map((p) => (p.rank === 2 ? Matrix.fromShape([1, ...p.shape], p.data) : p));
  parts.forEach((p, k) => {
    if (p.rank === wanted) return;
    const separator =
      node.rank === 3 ? '`;;` stacks matrices into channels' : '`;;;` stacks rank-3 values into a batch';
    const hint = node.rank === 3 ? 'write `;;;` between batch items' : '';
    fail(
      k,
      new EvalError(
        'shape.rank',
        `${separator}, and ${node.rank === 3 ? 'slice' : 'block'} ${label(k)} is ${p.shapeText()}` +
          (hint ? `: ${hint}` : ''),
      ),
    );
  });
  // Slices written out in numbers of two shapes are the parser's error already.
  if (firstShapeMismatch(parts) >= 0 && isWrittenValue(node)) throw new Unavailable('a ragged literal');
  parts.forEach((p, k) => {
    if (p.sameShape(parts[0])) return;
    fail(
      k,
      new EvalError(
        'shape.block',
        `slice ${label(k)} is ${p.shapeText()}, but slice ${label(0)} is ${parts[0].shapeText()}: ` +
          `the slices between \`${node.rank === 3 ? ';;' : ';;;'}\` must have one shape`,
      ),
    );
  });
  return stackValues(parts, `the ${node.rank === 3 ? 'rank-3' : 'rank-4'} literal`);
}

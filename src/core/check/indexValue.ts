/**
 * `X[…]` for both walks (values and tape nodes): reads the written indices
 * as numbers, selects, and pins a bad index to where it is written, so
 * `W[4,1]` on a 3×2 W underlines the `4`, naming the axis and its size.
 *
 * Example: with `X = [1, 2; 3, 4; 5, 6]`, `X[2:3,:]` reads offsets 2…5 and
 * gives [3, 4; 5, 6].
 */
import { gather, IndexError, selectEntries, type AxisPick, type Selection } from '../autodiff/indexing';
import type { Expr, IndexExpr } from '../syntax/ast';
import type { Span } from '../text/span';
import { EvalError, UnitError } from '../values/errors';
import { formatValue } from '../values/format';
import type { Matrix, Value } from '../values/value';
import { LocatedError, type IndexArg } from './walk';

export interface Indexed {
  readonly value: Matrix;
  readonly selection: Selection;
}

/** `target[args]`, with `valueOf` reading a walked index as a value. */
export function indexValue<T>(
  target: T,
  args: readonly IndexArg<T>[],
  node: IndexExpr,
  valueOf: (t: T) => Value,
): Indexed {
  const value = valueOf(target);
  const what = describeTarget(node.target);
  if (value.kind !== 'matrix') throw new UnitError(`${what} has a unit: only plain numbers and matrices have entries`);
  const picks = args.map((arg, entry): AxisPick => {
    if (arg.kind === 'all') return arg;
    if (arg.kind === 'at') return { kind: 'at', index: indexNumber(valueOf(arg.index), node, entry, 'index') };
    return {
      kind: 'slice',
      start: indexNumber(valueOf(arg.start), node, entry, 'start'),
      end: indexNumber(valueOf(arg.end), node, entry, 'end'),
    };
  });
  try {
    const selection = selectEntries(value, picks, what);
    return { value: gather(value, selection), selection };
  } catch (e) {
    if (e instanceof IndexError) {
      const error = mayBeProduct(node) ? new IndexError(e.code, e.entry, e.part, e.message + PRODUCT_HINT) : e;
      throw new LocatedError(error, partSpan(node, e.entry, e.part), node);
    }
    throw e;
  }
}

const PRODUCT_HINT = ' (to multiply by a matrix, leave a space before the `[`)';

/** `W[1, 2]` with written numbers after a name: maybe a product written without its space. */
function mayBeProduct(node: IndexExpr): boolean {
  return node.target.kind === 'name' && node.entries.every((e) => e.kind === 'at' && e.index.kind === 'number');
}

/** `W`, `∂L/∂W`, or `the value` for any other expression. */
function describeTarget(target: Expr): string {
  while (target.kind === 'paren') target = target.inner;
  if (target.kind === 'name') return target.name;
  if (target.kind === 'derivative') return `∂${target.of.name}/∂${target.wrt.name}`;
  return 'the value';
}

function indexNumber(v: Value, node: IndexExpr, entry: number, part: 'index' | 'start' | 'end'): number {
  if (v.kind === 'matrix' && v.isScalar) return v.scalarValue;
  const shown = v.kind === 'matrix' ? `a ${v.shapeText()} value` : formatValue(v).text;
  const message = `an index is one whole number from 1 (or a slice a:b, or :), and this is ${shown}`;
  throw new LocatedError(new EvalError('index.out-of-range', message), partSpan(node, entry, part), node);
}

/** Where an index entry (or its start or end) is written; for extra entries, from the first extra to the last. */
function partSpan(node: IndexExpr, entry: number, part: 'index' | 'start' | 'end' | 'extra'): Span {
  const entries = node.entries;
  if (part === 'extra') return { start: entries[entry].span.start, end: entries[entries.length - 1].span.end };
  const written = entries[entry];
  if (written === undefined) return node.bracketSpan;
  if (written.kind === 'slice')
    return part === 'end' ? written.end.span : part === 'start' ? written.start.span : written.span;
  return written.span;
}

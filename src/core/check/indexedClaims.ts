/**
 * A claim about entries, `W[2,3] = 5` or `∂L/∂W[2,3] ≈ 0.25`: never a
 * definition, judged like any claim; afterwards the writer's value of `W`
 * (or of the gradient) carries the entries as they stated them, so a later
 * step computed from a wrong entry follows through instead of being a
 * second mistake.
 *
 * Example: after `h = W x = [5; 11]` and `h[2,1] = 12` (wrong: 11), the
 * writer's h is [5; 12], and `y = 2 h[2,1] = 24` follows from the 12.
 */
import type { Expr, IndexExpr } from '../syntax/ast';
import { EvalError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { ChainJudgement } from './judgement';
import { indexValue } from './indexValue';
import { derivativeKey, diverges, valueInWorld, type Binding, type ProblemScope, type World } from './scope';
import { LocatedError, type IndexArg } from './walk';

export interface IndexedClaimHost {
  readonly scope: ProblemScope;
  evaluateQuietly(expr: Expr, world: World): Value | undefined;
}

/** Records what the writer now believes the indexed name or gradient is (after `judged` states its entries). */
export function restateEntries(host: IndexedClaimHost, head: IndexExpr, judged: ChainJudgement, truth: Value): void {
  let target = head.target;
  while (target.kind === 'paren') target = target.inner;
  const departure = judged.departure;
  const stated = departure ? judged.writer : truth;
  const unroundedStated = departure ? (judged.unrounded ?? stated) : truth;
  if (stated?.kind !== 'matrix' || unroundedStated?.kind !== 'matrix') return;
  const args = indexArgs(host, head);
  if (!args) return;
  const key =
    target.kind === 'name'
      ? target.name
      : target.kind === 'derivative'
        ? derivativeKey(target.of.name, target.wrt.name)
        : undefined;
  if (key === undefined) return;
  const binding = host.scope.lookup(key);
  if (binding) {
    if (binding.kind === 'function' || (!departure && !diverges(binding))) return;
    restateBinding(binding, head, args, stated, unroundedStated, departure?.span);
    host.scope.version++;
    return;
  }
  if (target.kind !== 'derivative') return;
  // A computed gradient: the writer's value so far is what they stated for it, or what their own values give.
  const known = host.scope.writerDerivative(key);
  if (!departure && !known) return;
  const writerBase = known?.value ?? host.evaluateQuietly(target, 'writer');
  const unroundedBase = known ? (known.unrounded ?? known.value) : host.evaluateQuietly(target, 'unrounded');
  const value = writerBase && withEntries(writerBase, head, args, stated);
  const unrounded = unroundedBase && withEntries(unroundedBase, head, args, unroundedStated);
  if (!value) return;
  const mistake = departure?.span ?? known?.mistake;
  host.scope.setWriterDerivative(key, {
    value,
    ...(unrounded && unrounded !== value ? { unrounded } : {}),
    ...(mistake ? { mistake } : {}),
  });
}

function restateBinding(
  binding: Binding,
  head: IndexExpr,
  args: readonly IndexArg<Value>[],
  stated: Matrix,
  unroundedStated: Matrix,
  mistake: Binding['mistake'],
): void {
  const writerBase = valueInWorld(binding, 'writer');
  const unroundedBase = valueInWorld(binding, 'unrounded');
  const writer = writerBase && withEntries(writerBase, head, args, stated);
  if (!writer) return;
  const unrounded = unroundedBase && withEntries(unroundedBase, head, args, unroundedStated);
  binding.writer = writer;
  binding.unrounded = unrounded && unrounded.data.some((x, i) => x !== writer.data[i]) ? unrounded : undefined;
  if (mistake) binding.mistake = mistake;
}

/** The index's entries as true values; undefined when one cannot be had (already reported where it is). */
function indexArgs(host: IndexedClaimHost, head: IndexExpr): IndexArg<Value>[] | undefined {
  const args: IndexArg<Value>[] = [];
  for (const entry of head.entries) {
    if (entry.kind === 'all') {
      args.push(entry);
      continue;
    }
    const first = host.evaluateQuietly(entry.kind === 'at' ? entry.index : entry.start, 'truth');
    const last = entry.kind === 'slice' ? host.evaluateQuietly(entry.end, 'truth') : first;
    if (!first || !last) return undefined;
    args.push(entry.kind === 'at' ? { kind: 'at', index: first } : { kind: 'slice', start: first, end: last });
  }
  return args;
}

/** `base` with the selected entries replaced by `entries` (row-major); undefined when they do not fit. */
function withEntries(
  base: Value,
  head: IndexExpr,
  args: readonly IndexArg<Value>[],
  entries: Matrix,
): Matrix | undefined {
  if (base.kind !== 'matrix') return undefined;
  let offsets: Int32Array;
  try {
    offsets = indexValue(base, args, head, (v) => v).selection.offsets;
  } catch (e) {
    // The index was judged against the truth; the writer's value may be of another shape.
    if (e instanceof LocatedError || e instanceof EvalError) return undefined;
    throw e;
  }
  if (entries.size !== offsets.length) return undefined;
  const data = Float64Array.from(base.data);
  for (let k = 0; k < offsets.length; k++) data[offsets[k]] = entries.data[k];
  return new Matrix(base.rows, base.cols, data, base.lead);
}

/**
 * One walk over an expression tree, shared by plain evaluation (values) and
 * traced evaluation (tape nodes, for `∂L/∂X`). The two differ only in what a
 * name, a call and an operator produce, so the language's rules for each
 * node live here once.
 */
import type {
  BinaryExpr,
  BinaryOp,
  CallExpr,
  DerivativeExpr,
  Expr,
  IndexExpr,
  NameRef,
  RangeExpr,
  TensorLiteral,
  UnknownValue,
} from '../syntax/ast';
import type { Span } from '../text/span';
import { ArgumentError, EvalError, LimitError, restoreStackTraces, withoutStackTrace } from '../values/errors';
import { isWordArgument, wordCode } from '../solvers/words';

/** An evaluation error pinned to the node it happened at. */
export class LocatedError extends Error {
  constructor(
    readonly error: EvalError,
    readonly span: Span,
    readonly node: Expr,
  ) {
    super(withoutStackTrace(error.message));
    restoreStackTraces();
  }
}

/** A name whose value failed earlier: already reported there, not again. */
export class Unavailable extends Error {
  constructor(readonly valueName: string) {
    super(withoutStackTrace(`${valueName} has no value`));
    restoreStackTraces();
  }
}

/** An entry of `X[…]` with its numbers walked: `:`, an index, or a slice `a:b`. */
export type IndexArg<T> =
  | { readonly kind: 'all' }
  | { readonly kind: 'at'; readonly index: T }
  | { readonly kind: 'slice'; readonly start: T; readonly end: T };

export interface Backend<T> {
  number(value: number, node: Expr): T;
  name(node: NameRef): T;
  unknown(node: UnknownValue): T;
  matrix(rows: T[][], node: Expr): T;
  /** `[A;; B]`, `[X1;;; X2]`: the slices' values stacked along a new first axis. */
  tensor(slices: T[], node: TensorLiteral): T;
  range(start: T, step: T | undefined, end: T, node: RangeExpr): T;
  negate(a: T, node: Expr): T;
  binary(op: BinaryOp, a: T, b: T, node: Expr): T;
  transpose(a: T, node: Expr): T;
  call(node: CallExpr, args: T[], named: { name: string; value: T }[]): T;
  derivative(node: DerivativeExpr): T;
  index(target: T, args: IndexArg<T>[], node: IndexExpr): T;
}

/** Deeper expressions than this are refused (the parser caps nesting too). */
export const MAX_EVAL_DEPTH = 400;

export function walk<T>(expr: Expr, backend: Backend<T>, depth = 0): T {
  if (depth > MAX_EVAL_DEPTH) {
    throw new LocatedError(
      new LimitError('limit.nesting', `expression nested deeper than ${MAX_EVAL_DEPTH} levels`),
      expr.span,
      expr,
    );
  }
  try {
    switch (expr.kind) {
      case 'number':
        if (!Number.isFinite(expr.value)) {
          throw new LimitError(
            'limit.overflow',
            `${expr.text} is beyond double precision (the largest is about 1.8e308)`,
          );
        }
        return backend.number(expr.value, expr);
      case 'name':
        return backend.name(expr);
      case 'unknown':
        return backend.unknown(expr);
      case 'paren':
        return walk(expr.inner, backend, depth + 1);
      case 'matrix':
        return backend.matrix(
          expr.rows.map((row) => row.map((entry) => walk(entry, backend, depth + 1))),
          expr,
        );
      case 'tensor':
        return backend.tensor(
          expr.slices.map((slice) => walk(slice, backend, depth + 1)),
          expr,
        );
      case 'range':
        return backend.range(
          walk(expr.start, backend, depth + 1),
          expr.step ? walk(expr.step, backend, depth + 1) : undefined,
          walk(expr.end, backend, depth + 1),
          expr,
        );
      case 'unary': {
        const operand = walk(expr.operand, backend, depth + 1);
        return expr.op === '-' ? backend.negate(operand, expr) : operand;
      }
      case 'binary':
        return walkBinaryChain(expr, backend, depth);
      case 'transpose':
        return backend.transpose(walk(expr.operand, backend, depth + 1), expr);
      case 'call': {
        const args = expr.args.map((a) => walk(a, backend, depth + 1));
        const named = expr.named.map((n) => ({
          name: n.name.name,
          value: isWordArgument(expr.callee.name, n)
            ? backend.number(wordCode(expr.callee.name, n), n.value)
            : walk(n.value, backend, depth + 1),
        }));
        try {
          return backend.call(expr, args, named);
        } catch (e) {
          // `axis=5`: the diagnostic goes on the argument that is wrong.
          const at = e instanceof ArgumentError ? expr.named.find((n) => n.name.name === e.parameter) : undefined;
          if (at !== undefined) throw new LocatedError(e as ArgumentError, at.span, at.value);
          throw e;
        }
      }
      case 'derivative':
        return backend.derivative(expr);
      case 'index': {
        const target = walk(expr.target, backend, depth + 1);
        const args = expr.entries.map((entry): IndexArg<T> => {
          if (entry.kind === 'all') return entry;
          if (entry.kind === 'at') return { kind: 'at', index: walk(entry.index, backend, depth + 1) };
          return {
            kind: 'slice',
            start: walk(entry.start, backend, depth + 1),
            end: walk(entry.end, backend, depth + 1),
          };
        });
        return backend.index(target, args, expr);
      }
      case 'error':
        // The parser has reported it; a second diagnostic would say the same.
        throw new Unavailable('an incomplete expression');
    }
  } catch (e) {
    if (e instanceof EvalError) throw new LocatedError(e, expr.span, expr);
    throw e;
  }
}

export type NameRole = 'value' | 'callee' | 'derivative';

export interface NameUse {
  readonly ref: NameRef;
  readonly role: NameRole;
  /** For derivative names: the whole `∂L/∂X`. */
  readonly derivative?: DerivativeExpr;
  readonly call?: CallExpr;
}

/**
 * `a + b + c + …` nests to the left, one level per term: the left spine is
 * walked in a loop, so a long flat sum is not mistaken for deep nesting.
 */
function walkBinaryChain<T>(expr: BinaryExpr, backend: Backend<T>, depth: number): T {
  const spine: BinaryExpr[] = [];
  let node: Expr = expr;
  while (node.kind === 'binary') {
    spine.push(node);
    node = node.left;
  }
  let acc = walk(node, backend, depth + 1);
  for (let i = spine.length - 1; i >= 0; i--) {
    const b = spine[i];
    const right = walk(b.right, backend, depth + 1);
    try {
      acc = backend.binary(b.op, acc, right, b);
    } catch (e) {
      if (e instanceof EvalError) throw new LocatedError(e, b.span, b);
      throw e;
    }
  }
  return acc;
}

/** Where a tree keeps its list of names: on the node itself (a WeakMap costs the GC more). */
const NAMES = Symbol('names');

/** Every name a tree refers to, with its role, in source order (kept per tree: trees are reused across checks). */
export function collectNames(expr: Expr): readonly NameUse[] {
  const holder = expr as unknown as { [NAMES]?: readonly NameUse[] };
  return (holder[NAMES] ??= findNames(expr));
}

/**
 * Scratch lists of `findNames`, reused with an index of their own: it runs once per expression of
 * every statement, never re-enters, and setting an array's length to 0 would drop its storage.
 */
const pending: (Expr | undefined)[] = [];
const scratch: (NameUse | undefined)[] = [];

function findNames(expr: Expr): readonly NameUse[] {
  const stack = pending;
  const found = scratch;
  let top = 0;
  let count = 0;
  let deepest = 0;
  stack[top++] = expr;
  while (top > 0) {
    if (top > deepest) deepest = top;
    const e = stack[--top]!;
    switch (e.kind) {
      case 'name':
        found[count++] = { ref: e, role: 'value' };
        break;
      case 'paren':
        stack[top++] = e.inner;
        break;
      case 'matrix':
        for (const row of e.rows) for (const entry of row) stack[top++] = entry;
        break;
      case 'tensor':
        for (const slice of e.slices) stack[top++] = slice;
        break;
      case 'range':
        stack[top++] = e.start;
        stack[top++] = e.end;
        if (e.step) stack[top++] = e.step;
        break;
      case 'unary':
      case 'transpose':
        stack[top++] = e.operand;
        break;
      case 'binary':
        stack[top++] = e.left;
        stack[top++] = e.right;
        break;
      case 'call':
        found[count++] = { ref: e.callee, role: 'callee', call: e };
        for (const a of e.args) stack[top++] = a;
        // `reduction=sum` is a word, not a reference to a name.
        for (const n of e.named) if (!isWordArgument(e.callee.name, n)) stack[top++] = n.value;
        break;
      case 'derivative':
        found[count++] = { ref: e.of, role: 'derivative', derivative: e };
        found[count++] = { ref: e.wrt, role: 'derivative', derivative: e };
        break;
      case 'index':
        stack[top++] = e.target;
        for (const entry of e.entries) {
          if (entry.kind === 'at') stack[top++] = entry.index;
          else if (entry.kind === 'slice') {
            stack[top++] = entry.start;
            stack[top++] = entry.end;
          }
        }
        break;
      default:
        break;
    }
  }
  // The scratch lets go of the tree.
  stack.fill(undefined, 0, deepest + 1);
  if (count === 0) return NO_NAMES;
  // Kept on the tree: a list of its own, to its size.
  const names = found.slice(0, count) as NameUse[];
  found.fill(undefined, 0, count);
  // The stack visits right to left: most lists come out reversed, and sorting a sorted list still allocates.
  if (!inSourceOrder(names)) {
    names.reverse();
    if (!inSourceOrder(names)) names.sort((a, b) => a.ref.span.start - b.ref.span.start);
  }
  return names;
}

/** Most expressions name nothing (a written number, a matrix of them): they share one empty list. */
const NO_NAMES: readonly NameUse[] = Object.freeze([]);

function inSourceOrder(uses: readonly NameUse[]): boolean {
  for (let i = 1; i < uses.length; i++) if (uses[i - 1].ref.span.start > uses[i].ref.span.start) return false;
  return true;
}

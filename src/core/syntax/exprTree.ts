/**
 * Walking and rewriting an expression tree, written once for the readers
 * that turn notation into statements (`formats/`): every node in order, a
 * count with a cap, and a rewrite that keeps every subtree it does not
 * change (so a rewrite that changes nothing allocates nothing, and callers
 * can tell a changed link by identity).
 *
 * Example: `mapExpr(a + b, (e) => e)` is `a + b` itself, and `exprNodes(a + b)` is `[a + b, a, b]`.
 */
import type { Expr } from './ast';

/**
 * Writes `e`'s children into `stack` from `top` on, last child first, so that they come off in written order;
 * returns the new top. The walks below keep their own top, so one array can serve nested walks.
 */
function pushChildren(e: Expr, stack: (Expr | undefined)[], top: number): number {
  switch (e.kind) {
    case 'binary':
      stack[top++] = e.right;
      stack[top++] = e.left;
      break;
    case 'unary':
    case 'transpose':
      stack[top++] = e.operand;
      break;
    case 'paren':
      stack[top++] = e.inner;
      break;
    case 'matrix':
      for (let r = e.rows.length - 1; r >= 0; r--)
        for (let c = e.rows[r].length - 1; c >= 0; c--) stack[top++] = e.rows[r][c];
      break;
    case 'tensor':
      for (let s = e.slices.length - 1; s >= 0; s--) stack[top++] = e.slices[s];
      break;
    case 'range':
      stack[top++] = e.end;
      if (e.step) stack[top++] = e.step;
      stack[top++] = e.start;
      break;
    case 'call':
      for (let n = e.named.length - 1; n >= 0; n--) stack[top++] = e.named[n].value;
      for (let a = e.args.length - 1; a >= 0; a--) stack[top++] = e.args[a];
      break;
  }
  return top;
}

/** Every node of an expression, parents before their children (iterative: no depth limit needed). */
export function exprNodes(expr: Expr): Expr[] {
  const nodes: Expr[] = [];
  const stack: Expr[] = [expr];
  let top = 1;
  while (top > 0) {
    const e = stack[--top];
    nodes.push(e);
    top = pushChildren(e, stack, top);
  }
  return nodes;
}

/** The nodes of `e`, counted up to `cap` (iterative). */
export function exprNodeCount(e: Expr, cap: number): number {
  let count = 0;
  const stack: Expr[] = [e];
  let top = 1;
  while (top > 0 && count < cap) {
    count++;
    top = pushChildren(stack[--top], stack, top);
  }
  return count;
}

/** The stack of `findInNodes`, shared by its calls: a walk inside a walk works above the outer one's entries. */
const sharedStack: (Expr | undefined)[] = [];
let sharedTop = 0;

/**
 * Visits the nodes of `expr`, parents before their children, until `visit` returns something, and returns that
 * (undefined when it returned nothing for any node). Iterative, and it allocates nothing: the readers ask this
 * of every link of every block.
 */
export function findInNodes<T>(expr: Expr, visit: (e: Expr) => T | undefined): T | undefined {
  const base = sharedTop;
  sharedStack[sharedTop++] = expr;
  try {
    while (sharedTop > base) {
      const e = sharedStack[--sharedTop]!;
      sharedStack[sharedTop] = undefined;
      const found = visit(e);
      if (found !== undefined) return found;
      sharedTop = pushChildren(e, sharedStack, sharedTop);
    }
    return undefined;
  } finally {
    // Left early (found, or `visit` threw): the rest of this walk's entries go, and nothing is held.
    while (sharedTop > base) sharedStack[--sharedTop] = undefined;
  }
}

/**
 * `expr` with `f` applied to every node, children first. A node none of whose children changed, and that `f`
 * returns as it is, is the same object. Recursive: the readers' trees are depth-bounded where they are built.
 */
export function mapExpr(expr: Expr, f: (e: Expr) => Expr): Expr {
  const each = <T extends Expr>(list: readonly T[]): readonly T[] => {
    const mapped = list.map((x) => mapExpr(x, f) as T);
    return mapped.every((x, i) => x === list[i]) ? list : mapped;
  };
  switch (expr.kind) {
    case 'binary': {
      const left = mapExpr(expr.left, f);
      const right = mapExpr(expr.right, f);
      return f(left === expr.left && right === expr.right ? expr : { ...expr, left, right });
    }
    case 'unary':
    case 'transpose': {
      const operand = mapExpr(expr.operand, f);
      return f(operand === expr.operand ? expr : { ...expr, operand });
    }
    case 'paren': {
      const inner = mapExpr(expr.inner, f);
      return f(inner === expr.inner ? expr : { ...expr, inner });
    }
    case 'matrix': {
      const mapped = expr.rows.map((row) => each(row));
      return f(mapped.every((row, i) => row === expr.rows[i]) ? expr : { ...expr, rows: mapped });
    }
    case 'tensor': {
      const slices = each(expr.slices);
      return f(slices === expr.slices ? expr : { ...expr, slices });
    }
    case 'call': {
      const args = each(expr.args);
      return f(args === expr.args ? expr : { ...expr, args });
    }
    default:
      return f(expr);
  }
}

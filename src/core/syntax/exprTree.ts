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

/** Pushes `e`'s children onto `stack`, last child first, so they pop in written order. */
function pushChildren(e: Expr, stack: Expr[]): void {
  switch (e.kind) {
    case 'binary':
      stack.push(e.right, e.left);
      break;
    case 'unary':
    case 'transpose':
      stack.push(e.operand);
      break;
    case 'paren':
      stack.push(e.inner);
      break;
    case 'matrix':
      for (let r = e.rows.length - 1; r >= 0; r--)
        for (let c = e.rows[r].length - 1; c >= 0; c--) stack.push(e.rows[r][c]);
      break;
    case 'tensor':
      for (let s = e.slices.length - 1; s >= 0; s--) stack.push(e.slices[s]);
      break;
    case 'range':
      stack.push(e.end);
      if (e.step) stack.push(e.step);
      stack.push(e.start);
      break;
    case 'call':
      for (let n = e.named.length - 1; n >= 0; n--) stack.push(e.named[n].value);
      for (let a = e.args.length - 1; a >= 0; a--) stack.push(e.args[a]);
      break;
  }
}

/** Every node of an expression, parents before their children (iterative: no depth limit needed). */
export function exprNodes(expr: Expr): Expr[] {
  const nodes: Expr[] = [];
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    nodes.push(e);
    pushChildren(e, stack);
  }
  return nodes;
}

/** The nodes of `e`, counted up to `cap` (iterative). */
export function exprNodeCount(e: Expr, cap: number): number {
  let count = 0;
  const stack: Expr[] = [e];
  while (stack.length > 0 && count < cap) {
    count++;
    pushChildren(stack.pop()!, stack);
  }
  return count;
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

/**
 * `\text{softmax}` of a matrix in Markdown and LaTeX homework, written without
 * an axis. The checker's softmax normalises each column (a column per sample,
 * as `.hw` documents it); attention (`\text{softmax}(QK^\top/\sqrt{d_k})V`)
 * and batches of logits normalise each row. Texts write both, so the
 * convention is a matter of notation, not a mistake: a chain the first check
 * judged wrong, holding a softmax of a matrix with at least two rows and two
 * columns, is read again over rows (`softmax(S, axis=2)`). If it is wrong
 * over rows too, that is the error reported; what was right over columns is
 * never read again.
 *
 * The argument's shape comes from the first check's names (see
 * `shapeOf`); one it cannot tell (a call it does not know) leaves the chain
 * as written.
 *
 * Example: with S 3×3, `P = \text{softmax}(S) = \begin{bmatrix}…\end{bmatrix}`
 * whose rows each sum to 1 is judged as `P = softmax(S, axis=2) = …`.
 */
import type { Diagnostic, SymbolModel } from '../model';
import type { CallExpr, Expr, Link, Statement } from '../syntax/ast';
import { mapExpr } from '../syntax/exprTree';
import type { Span } from '../text/span';
import { firstIndexWhere } from '../text/sorted';

type Shape = readonly [number, number];

const SCALAR: Shape = [1, 1];

/** Built-ins that keep their argument's shape, entry by entry (what a softmax's argument is built from). */
const ENTRYWISE = new Set(['sqrt', 'exp', 'ln', 'log', 'relu', 'sigmoid', 'tanh', 'softmax', 'abs']);

/**
 * The statements with the softmax of each matrix in a chain judged wrong read over rows, or undefined when
 * there is none. `diagnostics` and `symbols` are the first check's; the symbols are built only when a value
 * was judged wrong (most checks never need them).
 */
export function softmaxOverRows(
  statements: readonly Statement[],
  diagnostics: readonly Diagnostic[],
  symbols: () => readonly SymbolModel[],
): Statement[] | undefined {
  const wrongAt = diagnostics
    .filter((d) => d.severity === 'error' && d.code.startsWith('value.'))
    .map((d) => d.span)
    .sort((a, b) => a.start - b.start);
  if (wrongAt.length === 0) return undefined;
  const shapes = new ShapesOfNames(symbols());
  let changed = false;
  const out = statements.map((st) => {
    if (st.kind !== 'chain' || !holdsAny(wrongAt, st.span)) return st;
    let relaid = false;
    const links = st.links.map((link): Link => {
      const expr = withSoftmaxOverRows(link.expr, (e) => shapes.shapeOf(e, st.span.start));
      if (expr === link.expr) return link;
      relaid = true;
      return { ...link, expr };
    });
    if (!relaid) return st;
    changed = true;
    return { ...st, links };
  });
  return changed ? out : undefined;
}

/** Whether a span of `sorted` starts inside `within`. */
function holdsAny(sorted: readonly Span[], within: Span): boolean {
  const first = firstIndexWhere(sorted.length, (k) => sorted[k].start >= within.start);
  return first < sorted.length && sorted[first].start < within.end;
}

/** `expr` with every axis-less softmax of a matrix (two rows and two columns or more) given `axis=2`. */
function withSoftmaxOverRows(expr: Expr, shapeOf: (e: Expr) => Shape | undefined): Expr {
  return mapExpr(expr, (e) => {
    if (e.kind !== 'call' || e.callee.name !== 'softmax' || e.prime || e.args.length !== 1 || e.named.length > 0)
      return e;
    const shape = shapeOf(e.args[0]);
    if (!shape || shape[0] < 2 || shape[1] < 2) return e;
    const at = { start: e.argsSpan.end, end: e.argsSpan.end };
    const axis: CallExpr['named'][number] = {
      name: { kind: 'name', span: at, name: 'axis' },
      value: { kind: 'number', span: at, value: 2, text: '2' },
      span: at,
    };
    return { ...e, named: [axis] };
  });
}

/** The shapes of expressions from the names' values of a check (2-D values only). */
class ShapesOfNames {
  private readonly byName = new Map<string, SymbolModel[]>();

  constructor(symbols: readonly SymbolModel[]) {
    for (const s of symbols) {
      const list = this.byName.get(s.name);
      if (list) list.push(s);
      else this.byName.set(s.name, [s]);
    }
  }

  /** The shape of a name defined before `offset`, as the latest definition there has it. */
  private nameShape(name: string, offset: number): Shape | undefined {
    let latest: SymbolModel | undefined;
    for (const s of this.byName.get(name) ?? [])
      if (s.definitionSpan.start < offset && (!latest || s.definitionSpan.start > latest.definitionSpan.start))
        latest = s;
    const shape = latest?.value?.shape;
    return shape && shape.length === 2 ? [shape[0], shape[1]] : undefined;
  }

  /** The shape of `e` where the statement at `offset` reads it, or undefined when it cannot be told. */
  shapeOf(e: Expr, offset: number, depth = 0): Shape | undefined {
    if (depth > 64) return undefined;
    const of = (x: Expr) => this.shapeOf(x, offset, depth + 1);
    switch (e.kind) {
      case 'number':
        return SCALAR;
      case 'name':
        return this.nameShape(e.name, offset);
      case 'matrix':
        return e.rows.length > 0 && e.rows.every((r) => r.length === e.rows[0].length && r.every(isScalarLiteral))
          ? [e.rows.length, e.rows[0].length]
          : undefined;
      case 'paren':
        return of(e.inner);
      case 'unary':
        return of(e.operand);
      case 'transpose': {
        const s = of(e.operand);
        return s && [s[1], s[0]];
      }
      case 'call':
        return ENTRYWISE.has(e.callee.name) && e.args.length >= 1 && !e.prime ? of(e.args[0]) : undefined;
      case 'binary': {
        const a = of(e.left);
        const b = of(e.right);
        if (!a || !b) return undefined;
        const scalarA = a[0] === 1 && a[1] === 1;
        const scalarB = b[0] === 1 && b[1] === 1;
        switch (e.op) {
          case 'mul':
            if (scalarA) return b;
            if (scalarB) return a;
            return a[1] === b[0] ? [a[0], b[1]] : undefined;
          case 'div':
          case 'pow':
            return scalarB ? a : undefined;
          case 'add':
          case 'sub':
          case 'hadamard':
            if (scalarA) return b;
            if (scalarB || (a[0] === b[0] && a[1] === b[1])) return a;
            return undefined;
          default:
            return undefined;
        }
      }
      default:
        return undefined;
    }
  }
}

function isScalarLiteral(e: Expr): boolean {
  const inner = e.kind === 'unary' ? e.operand : e;
  return inner.kind === 'number';
}

/**
 * A chain rule written as a product of derivatives in no particular layout:
 * `\frac{\partial L}{\partial z} \cdot \frac{\partial z}{\partial a}`. The
 * checker keeps a gradient of a scalar in the shape of what it is taken by
 * (a column for a column vector) and a Jacobian of a vector by a vector as
 * m×n, so the product as written often does not fit. Texts write it in one of
 * two conventions, a matter of notation, not a mistake:
 *
 * - numerator layout: every derivative ∂f/∂x is (size of f)×(size of x), a
 *   gradient a row, and the product runs left to right
 *   (∂L/∂a = ∂L/∂z · ∂z/∂a);
 * - denominator layout: every derivative is (size of x)×(size of f), a
 *   gradient a column, and the product runs right to left
 *   (∂L/∂a = ∂z/∂a · ∂L/∂z).
 *
 * When the product does not fit as written and fits in exactly one of the two
 * layouts, the link is rewritten with the transposes that layout implies, and
 * the result is turned back into the checker's layout, so the judge compares
 * it with the truth as for any link. With no fit, or two, it stays as written
 * (and so "not checked").
 *
 * Only products of derivatives alone are read so, each of a scalar or a column
 * vector by a scalar or a column vector, chained by their names (the wrt of
 * one is the function of the next, in one order or the other).
 *
 * Example (the reference sheet's ⑩, z^(1) 3×1, a^(2) 2×1, L a scalar):
 *   `∂L/∂a^(2) · ∂a^(2)/∂z^(1)` is 2×1 times 2×3 as written; in numerator
 *   layout it is 1×2 times 2×3, a 1×3 row, so the link reads
 *   `((∂L/∂a^(2))ᵀ · ∂a^(2)/∂z^(1))ᵀ`, a 3×1 column like ∂L/∂z^(1).
 */
import type { DerivativeExpr, Expr, Link, Statement } from '../syntax/ast';
import { findInNodes } from '../syntax/exprTree';
import type { SymbolModel } from '../model';

export type Layout = 'numerator' | 'denominator';

interface Shape {
  readonly rows: number;
  readonly cols: number;
}

/** One factor: its function's size (1 for a scalar) and the size of what it is taken by. */
export interface Factor {
  readonly expr: DerivativeExpr;
  readonly of: number;
  readonly wrt: number;
}

export interface RelaidChains {
  readonly statements: readonly Statement[];
  /** The rewritten links, with the layout each was read in. */
  readonly layouts: ReadonlyMap<Link, Layout>;
}

/**
 * Whether an expression is a product of two or more derivatives, the only thing this reads: the reader asks it
 * of each link as it makes the link (a pass over the statements afterwards cost more than the question), so the
 * check knows whether a second reading can change anything before it builds the symbols.
 */
export function isDerivativeProduct(expr: Expr): boolean {
  return derivativeFactors(expr) !== undefined;
}

/**
 * The statements with every chain-rule product that fits in exactly one layout rewritten for it, or undefined
 * when there is none. `symbols` are the names' values from a check of the same statements (for their shapes).
 */
export function relayChainRules(
  statements: readonly Statement[],
  symbols: readonly SymbolModel[],
): RelaidChains | undefined {
  const byName = new Map<string, SymbolModel[]>();
  for (const s of symbols) {
    const list = byName.get(s.name);
    if (list) list.push(s);
    else byName.set(s.name, [s]);
  }
  /** The size of a scalar (1) or a column vector defined before `offset`; undefined for anything else. */
  const sizeOf = (name: string, offset: number): number | undefined => {
    let latest: SymbolModel | undefined;
    for (const s of byName.get(name) ?? [])
      if (s.definitionSpan.start < offset && (!latest || s.definitionSpan.start > latest.definitionSpan.start))
        latest = s;
    const shape = latest?.value?.shape;
    if (!shape || shape.length !== 2 || shape[1] !== 1) return undefined;
    return shape[0];
  };
  const layouts = new Map<Link, Layout>();
  const out = statements.map((st) => {
    if (st.kind !== 'chain') return st;
    let changed = false;
    const links = st.links.map((link) => {
      const exprs = derivativeFactors(link.expr);
      if (!exprs) return link;
      const factors: Factor[] = [];
      for (const e of exprs) {
        const of = sizeOf(e.of.name, link.span.start);
        const wrt = sizeOf(e.wrt.name, link.span.start);
        if (of === undefined || wrt === undefined) return link;
        factors.push({ expr: e, of, wrt });
      }
      const layout = onlyLayout(factors);
      if (!layout) return link;
      changed = true;
      const relaid: Link = { ...link, expr: rewrite(factors, layout, link.expr) };
      layouts.set(relaid, layout);
      return relaid;
    });
    return changed ? { ...st, links } : st;
  });
  return layouts.size > 0 ? { statements: out, layouts } : undefined;
}

/** The derivatives of a product of two or more derivatives (through parentheses), in order; else undefined. */
function derivativeFactors(expr: Expr): DerivativeExpr[] | undefined {
  // Two factors or more hang from a product: most links are none, and are answered without a walk.
  let root = expr;
  while (root.kind === 'paren') root = root.inner;
  if (root.kind !== 'binary' || root.op !== 'mul') return undefined;
  // Asked of every product link as it is read: answered without a list unless it is one.
  if (findInNodes(expr, isNoFactor) !== undefined) return undefined;
  const factors: DerivativeExpr[] = [];
  findInNodes(expr, (e) => void (e.kind === 'derivative' && factors.push(e)));
  return factors;
}

/** A node that is neither a product, parentheses, nor a first derivative: what makes a link no chain rule. */
function isNoFactor(e: Expr): true | undefined {
  if (e.kind === 'paren' || (e.kind === 'binary' && e.op === 'mul')) return undefined;
  return e.kind === 'derivative' && e.order === undefined ? undefined : true;
}

/** The one layout the product fits in, when it does not fit as written; undefined otherwise. */
export function onlyLayout(factors: readonly Factor[]): Layout | undefined {
  const chained = (a: Factor, b: Factor) => a.expr.wrt.name === b.expr.of.name;
  const inOrder = factors.every((f, i) => i === 0 || chained(factors[i - 1], f));
  const reversed = factors.every((f, i) => i === 0 || chained(f, factors[i - 1]));
  if (!inOrder && !reversed) return undefined;
  if (fits(factors.map(asChecked))) return undefined;
  // Each layout has its order: numerator left to right (∂L/∂z · ∂z/∂a), denominator right to left.
  const numerator = inOrder && fits(factors.map(inNumerator));
  const denominator = reversed && fits(factors.map(inDenominator));
  if (numerator === denominator) return undefined;
  return numerator ? 'numerator' : 'denominator';
}

/** The checker's layout: a gradient of a scalar has the shape of what it is taken by; a Jacobian is m×n. */
function asChecked(f: Factor): Shape {
  return f.of === 1 ? { rows: f.wrt, cols: 1 } : { rows: f.of, cols: f.wrt };
}

function inNumerator(f: Factor): Shape {
  return { rows: f.of, cols: f.wrt };
}

function inDenominator(f: Factor): Shape {
  return { rows: f.wrt, cols: f.of };
}

/** Whether the shapes multiply left to right (a 1×1 factor scales, as in the checker). */
function fits(shapes: readonly Shape[]): boolean {
  let current = shapes[0];
  for (const s of shapes.slice(1)) {
    if (current.rows === 1 && current.cols === 1) current = s;
    else if (s.rows === 1 && s.cols === 1) continue;
    else if (current.cols === s.rows) current = { rows: current.rows, cols: s.cols };
    else return false;
  }
  return true;
}

/**
 * The product with each factor transposed from the checker's layout to `layout` where the two differ, and the
 * whole turned back into the checker's layout for what it stands for. Spans stay those of the written factors.
 */
function rewrite(factors: readonly Factor[], layout: Layout, written: Expr): Expr {
  const shapeIn = layout === 'numerator' ? inNumerator : inDenominator;
  const transposed = (e: Expr): Expr => ({ kind: 'transpose', span: e.span, operand: e });
  const differs = (a: Shape, b: Shape) => a.rows !== b.rows || a.cols !== b.cols;
  let product: Expr | undefined;
  let shape: Shape | undefined;
  for (const f of factors) {
    const checked = asChecked(f);
    const wanted = shapeIn(f);
    const factor = differs(checked, wanted) ? transposed(f.expr) : f.expr;
    product =
      product === undefined
        ? factor
        : {
            kind: 'binary',
            span: { start: product.span.start, end: factor.span.end },
            op: 'mul',
            opText: '·',
            opSpan: { start: product.span.end, end: factor.span.start },
            implicit: false,
            left: product,
            right: factor,
          };
    shape = shape === undefined ? wanted : productShape(shape, wanted);
  }
  // What the product stands for: ∂(first's function)/∂(last's wrt) in numerator order, the reverse otherwise.
  const first = factors[0];
  const last = factors[factors.length - 1];
  const standsFor: Factor =
    layout === 'numerator'
      ? { expr: first.expr, of: first.of, wrt: last.wrt }
      : { expr: last.expr, of: last.of, wrt: first.wrt };
  const inChecker = asChecked(standsFor);
  const result = differs(shape!, inChecker) ? transposed(product!) : product!;
  return { ...result, span: written.span };
}

function productShape(a: Shape, b: Shape): Shape {
  if (a.rows === 1 && a.cols === 1) return b;
  if (b.rows === 1 && b.cols === 1) return a;
  return { rows: a.rows, cols: b.cols };
}

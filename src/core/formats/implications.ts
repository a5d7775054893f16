/**
 * An implication between two inequalities in names the problem never
 * defines, `c+2 \leq 36 \Rightarrow c \leq 34`, is a claim for every value of
 * those names. It is read as the `.hw` identity
 * `for c: [c + 2 ≤ 36] ≤ [c ≤ 34]` (a true premise, 1, never with a false
 * conclusion, 0), checked on sampled integers like any identity.
 *
 * Where it does not hold on every sample, the student may rely on a condition
 * the math leaves unsaid (`c \geq 1`), so the caller reports it as not
 * checked, never as an error.
 */
import type { BinaryOp, Expr, ForStatement, Link, NameRef, Relation } from '../syntax/ast';
import type { Span } from '../text/span';
import type { MathLink } from './latexMath';

/** The relation text of an implication's identity, by which the caller tells it from other identities. */
export const IMPLIES = '\\Rightarrow';

const COMPARISONS: Partial<Record<Relation, BinaryOp>> = { '<': 'lt', '≤': 'le', '>': 'gt', '≥': 'ge' };

/** `A < B`, `A \leq B`, `A > B`, `A \geq B`, both sides read: one side of an implication. */
export function isInequality(links: readonly MathLink[]): boolean {
  return (
    links.length === 2 &&
    links[0].relation === undefined &&
    links[1].relation !== undefined &&
    COMPARISONS[links[1].relation] !== undefined &&
    links[0].expr !== undefined &&
    links[1].expr !== undefined
  );
}

/**
 * Whether `expr` is arithmetic (numbers, names, `+ - × / ^`, built-in calls) whose names all pass `isFree`;
 * `names` collects the free names in order of first appearance.
 */
export function isFreeArithmetic(expr: Expr, isFree: (name: string) => boolean, names: Map<string, NameRef>): boolean {
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.kind) {
      case 'number':
        break;
      case 'name':
        if (!isFree(e.name)) return false;
        if (!names.has(e.name)) names.set(e.name, e);
        break;
      case 'unary':
        stack.push(e.operand);
        break;
      case 'paren':
        stack.push(e.inner);
        break;
      case 'binary':
        if (!['add', 'sub', 'mul', 'div', 'pow'].includes(e.op)) return false;
        stack.push(e.right, e.left);
        break;
      case 'call':
        // The caller has said which callees are built-ins; a derivative of one (`f'`) is no arithmetic here.
        if (e.prime || e.named.length > 0) return false;
        stack.push(...e.args);
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `for NAMES: [left] ≤ [right]`, spans on the written math (the `\Rightarrow` is the relation). */
export function implicationStatement(
  left: readonly MathLink[],
  right: readonly MathLink[],
  implies: Span,
  variables: readonly NameRef[],
): ForStatement {
  const comparison = (links: readonly MathLink[]): Expr => {
    const a = links[0].expr!;
    const b = links[1].expr!;
    return {
      kind: 'binary',
      span: { start: a.span.start, end: b.span.end },
      op: COMPARISONS[links[1].relation!]!,
      opText: links[1].relationText,
      opSpan: links[1].relationSpan ?? { start: a.span.end, end: b.span.start },
      implicit: false,
      left: a,
      right: b,
    };
  };
  const premise = comparison(left);
  const conclusion = comparison(right);
  const links: Link[] = [
    { relation: undefined, relationText: '', relationSpan: undefined, expr: premise, span: premise.span },
    {
      relation: '≤',
      relationText: IMPLIES,
      relationSpan: implies,
      expr: conclusion,
      span: { start: implies.start, end: conclusion.span.end },
    },
  ];
  const span = { start: premise.span.start, end: conclusion.span.end };
  return {
    kind: 'for',
    span,
    keywordSpan: implies,
    variables,
    body: { kind: 'chain', span, links },
  };
}

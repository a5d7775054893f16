/**
 * A second-order Taylor claim: `f(x0 + d) ≈ f(x0) + gᵀ d + 1/2 dᵀ H d`,
 * with f a function of the problem and d a step it names.
 *
 * The two sides differ by O(|d|³), so comparing their values would fail a
 * right expansion at a large step and pass a wrong one at a small step.
 * Instead, the claim is that the right side agrees with f(x0 + d) to second
 * order in d: both sides are differentiated with respect to d at d = 0
 * (exactly, as a Hessian is), and their values, gradients and Hessians
 * there must match. A side may be written either way round. An expansion
 * linear in d is a first-order claim: its value and gradient must match.
 *
 * Example (f(u) = eᵘ at 0, step h): `f(x0 + h) ≈ 1 + h + h^2/2` holds for
 * any h; `≈ 1 + h + h^2` is wrong in its second-order term (2 ≠ 1).
 *
 * Coefficients compare as `≈` between computed values does: within a
 * relative 10⁻³ of the largest true coefficient of the same order.
 */
import type { Diagnostic, LinkModel } from '../model';
import type { Expr, Link, NameRef } from '../syntax/ast';
import { exprToLatex } from '../syntax/latexPrinter';
import type { Span } from '../text/span';
import { EvalError } from '../values/errors';
import { formatValue } from '../values/format';
import { Matrix } from '../values/value';
import type { EvalHost } from './evaluate';
import { Tracer, valueIn } from './gradient';
import { derivativesAt, MAX_HESSIAN_ENTRIES } from './hessian';
import { diagnostic } from './messages';
import type { ProblemScope } from './scope';
import { collectNames, walk } from './walk';

export interface TaylorClaim {
  /** `f(x0 + d)`: a call of a one-parameter function of the problem at a point plus the step. */
  readonly exact: Expr;
  /** The expansion, an expression in the step. */
  readonly expansion: Expr;
  readonly step: NameRef;
}

/** The point-plus-step call `f(x0 + d)`, and d; undefined for anything else. */
function stepCall(expr: Expr, scope: ProblemScope): NameRef | undefined {
  if (expr.kind !== 'call' || expr.prime || expr.args.length !== 1 || expr.named.length > 0) return undefined;
  const fn = scope.lookup(expr.callee.name);
  if (fn?.kind !== 'function' || fn.params?.length !== 1) return undefined;
  let arg = expr.args[0];
  while (arg.kind === 'paren') arg = arg.inner;
  if (arg.kind !== 'binary' || arg.op !== 'add' || arg.right.kind !== 'name') return undefined;
  const step = scope.lookup(arg.right.name);
  return step && step.kind !== 'function' ? arg.right : undefined;
}

function mentions(expr: Expr, name: string): boolean {
  return collectNames(expr).some((use) => use.role === 'value' && use.ref.name === name);
}

/** A two-link `≈` chain with `f(x0 + d)` on one side and an expression in d on the other. */
export function taylorClaim(links: readonly Link[], scope: ProblemScope): TaylorClaim | undefined {
  if (links.length !== 2 || links[1].relation !== '≈') return undefined;
  const [left, right] = [links[0].expr, links[1].expr];
  for (const [exact, expansion] of [
    [left, right],
    [right, left],
  ] as const) {
    const step = stepCall(exact, scope);
    if (step && mentions(expansion, step.name) && stepCall(expansion, scope) === undefined)
      return { exact, expansion, step };
  }
  return undefined;
}

/** A side's value, gradient and Hessian with respect to the step, at a step of 0. */
export interface TaylorCoefficients {
  readonly value: Matrix;
  readonly gradient: Matrix;
  readonly hessian: Matrix;
}

/**
 * A side's coefficients. `order` 1 skips the Hessian (left 0): a first-order claim needs no second
 * derivatives of f, so it holds through built-ins that have none.
 */
export function coefficientsAtZero(host: EvalHost, expr: Expr, step: NameRef, order: 1 | 2 = 2): TaylorCoefficients {
  const binding = host.scope.lookup(step.name)!;
  const d = valueIn(binding, 'truth');
  if (d.kind !== 'matrix')
    throw new EvalError('gradient.unsupported', `${step.name} has a unit; a Taylor claim works on plain numbers`);
  if (d.size > MAX_HESSIAN_ENTRIES) {
    throw new EvalError(
      'hessian.unsupported',
      `${step.name} has ${d.size} entries: a Taylor claim's Hessian is limited to ${MAX_HESSIAN_ENTRIES} entries`,
    );
  }
  const tracer = new Tracer(host, host.scope, step.name, 'truth', Matrix.zeros(d.rows, d.cols));
  const root = walk(expr, tracer);
  if (!root.value.isScalar) {
    throw new EvalError(
      'hessian.not-scalar',
      `a Taylor claim compares scalars, and this side is ${root.value.shapeText()}; expand one scalar, such as sum(…)`,
    );
  }
  if (order === 2) return { value: root.value, ...derivativesAt(host, tracer, root, d) };
  const leaf = tracer.leaf;
  const gradient = (leaf && tracer.tape.gradients(root).get(leaf.id)) ?? Matrix.zeros(d.rows, d.cols);
  return { value: root.value, gradient, hessian: Matrix.zeros(d.size, d.size) };
}

export type TaylorOrder = 'value' | 'gradient' | 'hessian';
const TAYLOR_ORDERS: readonly TaylorOrder[] = ['value', 'gradient', 'hessian'];

/**
 * The expansion's own order: 1 when it is linear in the step (its Hessian is exactly 0, as a
 * first-order expansion `f(x0) + gᵀ d` is), else 2.
 */
export function expansionOrder(expansion: TaylorCoefficients): 1 | 2 {
  return expansion.hessian.data.every((v) => v === 0) ? 1 : 2;
}

/** The first order at which the expansion differs from the exact side, or undefined when all agree. */
export function firstMismatch(exact: TaylorCoefficients, expansion: TaylorCoefficients): TaylorOrder | undefined {
  const orders = expansionOrder(expansion) === 1 ? (['value', 'gradient'] as const) : TAYLOR_ORDERS;
  for (const order of orders) {
    const truth = exact[order].data;
    const stated = expansion[order].data;
    let scale = 0;
    for (const v of truth) scale = Math.max(scale, Math.abs(v));
    const tolerance = 1e-3 * scale + 1e-12;
    for (let i = 0; i < truth.length; i++) if (!(Math.abs(truth[i] - stated[i]) <= tolerance)) return order;
  }
  return undefined;
}

const ORDER_NAMES: Record<TaylorOrder, string> = {
  value: 'value',
  gradient: 'gradient (the first-order term)',
  hessian: 'Hessian (the second-order term)',
};

export interface TaylorJudgement {
  readonly verdict: 'right' | 'wrong';
  readonly exact: TaylorCoefficients;
  readonly expansion: TaylorCoefficients;
  readonly diagnostic?: Diagnostic;
}

/** Differentiates both sides at a step of 0 and compares; throws EvalError where a side cannot be. */
export function judgeTaylor(host: EvalHost, claim: TaylorClaim, textOf: (span: Span) => string): TaylorJudgement {
  const expansion = coefficientsAtZero(host, claim.expansion, claim.step);
  const exact = coefficientsAtZero(host, claim.exact, claim.step, expansionOrder(expansion));
  const order = firstMismatch(exact, expansion);
  if (!order) return { verdict: 'right', exact, expansion };
  const d = claim.step.name;
  const message =
    `${textOf(claim.expansion.span)} is not the ${expansionOrder(expansion) === 1 ? 'first' : 'second'}-order ` +
    `Taylor expansion of ${textOf(claim.exact.span)} ` +
    `in ${d}: at ${d} = 0 its ${ORDER_NAMES[order]} is ${formatValue(expansion[order]).text}, ` +
    `and that of ${textOf(claim.exact.span)} is ${formatValue(exact[order]).text}`;
  return {
    verdict: 'wrong',
    exact,
    expansion,
    diagnostic: diagnostic('taylor.wrong', 'error', claim.expansion.span, message),
  };
}

/** The claim's two links as the model shows them: the exact side and the expansion, each with its value. */
export function taylorLinkModels(
  links: readonly Link[],
  claim: TaylorClaim,
  judged: TaylorJudgement | undefined,
): LinkModel[] {
  return links.map((link, i) => {
    const isExact = link.expr === claim.exact;
    const value = judged ? (isExact ? judged.exact.value : judged.expansion.value) : undefined;
    return {
      span: link.span,
      ...(link.relation ? { relation: link.relationText } : {}),
      latex: exprToLatex(link.expr),
      verdict: i === 0 ? 'truth' : (judged?.verdict ?? 'unchecked'),
      ...(value ? { value: formatValue(value) } : {}),
    };
  });
}

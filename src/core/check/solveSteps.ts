/**
 * "Solve with Steps": the lines that lead to the value of the statement at
 * the cursor, written in the language so that they are checked too.
 *
 * - For a statement with a gradient `∂L/∂X`: the backward pass, node by
 *   node, each row the chain rule with its number
 *   (`∂L/∂a3 = ∂L/∂z3 ⊙ relu'(a3) = -4`).
 * - Otherwise: each compound sub-expression with its operands' values put
 *   in, innermost first (`W1 z0 = [1, 0; 3, 4; 1, 2] [2; 1] = [2; 10; 4]`).
 *
 * `HomeworkChecker.solveWithSteps` hands over the checked problem at the
 * cursor; this file never runs a check of its own.
 */
import { valueOrUndefined, type InternalErrorSink } from './failures';
import type { Insertion, ItemModel } from '../model';
import type { Expr, Statement } from '../syntax/ast';
import { formatValue } from '../values/format';
import type { Value } from '../values/value';
import { isWrittenValue } from './compare';
import { Budget, Evaluator, type EvalHost } from './evaluate';
import { computeGradient } from './gradient';
import { computeHessian } from './hessian';
import type { ProblemScope } from './scope';

const MAX_LINES = 12;

/** One checked problem as Solve with Steps reads it: its text, statements, model items and scope. */
export interface CheckedProblem {
  /** Where the problem starts in the document; everything else is relative to it. */
  readonly start: number;
  readonly text: string;
  readonly statements: readonly Statement[];
  readonly items: readonly ItemModel[];
  readonly scope: ProblemScope;
}

/** The lines that derive the value of the statement at `offset` (relative to the problem), or undefined. */
export function stepsAt(
  problem: CheckedProblem,
  offset: number,
  internalErrors?: InternalErrorSink,
): Insertion | undefined {
  const found = stepLinesAt(problem, offset, internalErrors);
  if (!found) return undefined;
  const { statement, lines } = found;
  const chunkText = problem.text;
  const indent = /^[ \t]*/.exec(chunkText.slice(lineStart(chunkText, statement.span.start)))![0];
  return {
    offset: problem.start + statement.span.end,
    text: lines.map((l) => `\n${indent}${l}`).join(''),
  };
}

/**
 * How a step line writes a value: `.hw` by default; a Markdown or LaTeX
 * homework passes its LaTeX writer (the one its fixes use), and then only
 * the substitution steps are given (the backward pass's rows are `.hw`).
 */
export type ValueWriter = (hwValue: string) => string;

const IDENTITY: ValueWriter = (hw) => hw;

/** The statement at `offset` and its step lines (at most MAX_LINES), or undefined. */
export function stepLinesAt(
  problem: CheckedProblem,
  offset: number,
  internalErrors?: InternalErrorSink,
  writeValue?: ValueWriter,
): { statement: Statement; lines: string[] } | undefined {
  const local = offset - problem.start;
  const chunkText = problem.text;
  const statement = problem.statements.find((s) => local >= s.span.start && local <= s.span.end && s.kind !== 'prose');
  if (!statement) return undefined;
  const model = problem.items.find((item) => item.kind === 'statement' && item.span.start === statement.span.start);
  if (!model || model.kind !== 'statement') return undefined;
  let lines: string[] = [];
  if (model.backward.length > 0) {
    if (writeValue) return undefined;
    const seen = new Set<string>();
    for (const pass of model.backward) {
      for (const step of pass.steps) {
        if (seen.has(step.hw)) continue;
        seen.add(step.hw);
        lines.push(step.hw);
      }
    }
  } else {
    const subject = subjectOf(statement);
    if (!subject) return undefined;
    lines = substitutionLines(subject, problem.scope, chunkText, internalErrors, writeValue);
  }
  if (lines.length === 0) return undefined;
  return { statement, lines: lines.slice(0, MAX_LINES) };
}

function lineStart(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

function subjectOf(s: Statement): Expr | undefined {
  const chain = s.kind === 'chain' ? s : s.kind === 'answer' ? s.body : undefined;
  if (!chain) return undefined;
  const links = chain.links;
  if (links.length >= 2 && links[0].expr.kind === 'name') return links[1].expr;
  return links[0].expr;
}

function substitutionLines(
  expr: Expr,
  scope: ProblemScope,
  text: string,
  internalErrors: InternalErrorSink,
  writeValue: ValueWriter = IDENTITY,
): string[] {
  const host: EvalHost = {
    scope,
    internalErrors,
    budget: new Budget(2000),
    isCountUnitDeclaredInHomework: () => false,
    gradient: (node, world) =>
      node.order === 2 ? computeHessian(host, node, world) : computeGradient(host, node, world).value,
  };
  const evaluator = new Evaluator(host, 'truth');
  const valueOf = (e: Expr): Value | undefined =>
    valueOrUndefined(() => evaluator.evaluate(e), 'a value for Solve with Steps', internalErrors);
  const src = (e: Expr) => text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  // A unit (`min` in `2 min`) is written, not computed.
  const written = (e: Expr): boolean => isWrittenValue(e) || (e.kind === 'name' && !scope.has(e.name));
  const step = (e: Expr): void => {
    const children = childrenOf(e);
    if (children.length === 0) return;
    if (children.every(written)) return;
    const value = valueOf(e);
    if (!value) return;
    const substituted = substitute(e, text, valueOf, written, writeValue);
    const v = writeValue(formatValue(value).text);
    lines.push(
      substituted && substituted !== src(e) && substituted !== v
        ? `${src(e)} = ${substituted} = ${v}`
        : `${src(e)} = ${v}`,
    );
  };
  // Innermost first (post-order), from an explicit stack: a flat sum of thousands of terms is
  // thousands deep on its left. Only the first MAX_LINES are inserted, so stop there.
  const stack: { e: Expr; expanded: boolean }[] = [{ e: expr, expanded: false }];
  while (stack.length > 0 && lines.length < MAX_LINES) {
    const top = stack.pop()!;
    if (top.expanded) {
      step(top.e);
      continue;
    }
    stack.push({ e: top.e, expanded: true });
    const children = childrenOf(top.e);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ e: children[i], expanded: false });
  }
  return lines;
}

function childrenOf(e: Expr): Expr[] {
  while (e.kind === 'paren') e = e.inner;
  switch (e.kind) {
    case 'binary':
      return [e.left, e.right];
    case 'unary':
    case 'transpose':
      return [e.operand];
    case 'call':
      return [...e.args, ...e.named.map((n) => n.value)];
    default:
      return [];
  }
}

/** The expression's source with each operand replaced by its value. */
function substitute(
  e: Expr,
  text: string,
  valueOf: (e: Expr) => Value | undefined,
  written: (e: Expr) => boolean,
  writeValue: ValueWriter,
): string | undefined {
  const inner = e.kind === 'paren' ? e.inner : e;
  const children = childrenOf(inner);
  if (children.length === 0) return undefined;
  let out = '';
  let cursor = inner.span.start;
  for (const c of [...children].sort((a, b) => a.span.start - b.span.start)) {
    const gap = text.slice(cursor, c.span.start);
    let piece: string;
    if (written(c)) piece = text.slice(c.span.start, c.span.end);
    else {
      const v = valueOf(c);
      if (!v) return undefined;
      const t = writeValue(formatValue(v).text);
      piece = v.kind === 'matrix' && v.isScalar && t.startsWith('-') ? `(${t})` : t;
    }
    // `2 sum(z1)` with its value put in would read `2 1.02…`, two numbers side by side: write the product as ×.
    const times = writeValue === IDENTITY ? ' × ' : ' \\times ';
    out += inner.kind === 'binary' && inner.implicit && /[\d.]$/.test(out) && /^[\d.]/.test(piece) ? times : gap;
    out += piece;
    cursor = c.span.end;
  }
  out += text.slice(cursor, inner.span.end);
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The backward pass of `∂L/∂X` as a TA writes it on the board: one row per
 * named node from L back to X, each the chain rule applied to the rows
 * above it, with numbers. Each row is also a `.hw` statement
 * (`∂L/∂a3 = ∂L/∂z3 ⊙ relu'(a3) = -4`) that checks clean, which is what
 * "Solve with Steps" inserts.
 *
 * Example (homework 1): ∂L/∂W1 gives the rows yhat, z3, a3, z2, a2, z1,
 * a1, W1, ending `∂L/∂W1 = ∂L/∂a1 z0ᵀ = [32, 16; 24, 12; -8, -4]`.
 *
 * The symbolic part covers the operations homework uses (sums, products,
 * ⊙, powers, transposes, activations); for anything else a row states the
 * number alone, which is still checked.
 */
import { valueOrUndefined } from './failures';
import type { BackwardPass, BackwardStep } from '../model';
import type { DerivativeExpr, Expr } from '../syntax/ast';
import { parse } from '../syntax/parser';
import { exprToLatex, nameToLatex, statementToLatex } from '../syntax/latexPrinter';
import { findBuiltin } from '../solvers/registry';
import type { Span } from '../text/span';
import { formatValue } from '../values/format';
import { Matrix, type Value } from '../values/value';
import { Evaluator, type EvalHost } from './evaluate';
import type { GradientResult } from './gradient';
import { collectNames } from './walk';

interface Upstream {
  readonly text: string;
  readonly one: boolean;
  readonly scalar: boolean;
}

export function backwardPass(
  node: DerivativeExpr,
  result: GradientResult,
  host: EvalHost,
  textOf: (s: Span) => string,
): BackwardPass {
  if (result.jacobian) return jacobianPass(node, result);
  const of = node.of.name;
  const entries = [...result.named].sort((a, b) => b.node.id - a.node.id);
  const evaluator = new Evaluator(host, 'truth');
  const shapeOf = (e: Expr): Value | undefined =>
    valueOrUndefined(() => evaluator.evaluate(e), 'a value in a backward pass', host.internalErrors);
  const steps: BackwardStep[] = [];
  for (const entry of entries) {
    if (entry.name === of) continue;
    const consumers = consumersOf(entry, entries);
    const value = result.grads.get(entry.node.id) ?? Matrix.zerosLike(entry.node.value);
    const parts: string[] = [];
    let symbolic = consumers.length > 0;
    for (const m of consumers) {
      const g: Upstream =
        m.name === of
          ? { text: '1', one: true, scalar: true }
          : { text: `∂${of}/∂${m.name}`, one: false, scalar: m.node.value.isScalar };
      const c = contribution(m.binding.expr!, entry.name, g, shapeOf, textOf);
      if (c === undefined || c === null) {
        symbolic = false;
        break;
      }
      parts.push(c);
    }
    const formula = symbolic ? parts.join(' + ') : '';
    const valueView = formatValue(value);
    const lhs = `∂${of}/∂${entry.name}`;
    const hw =
      formula && formula !== valueView.text ? `${lhs} = ${formula} = ${valueView.text}` : `${lhs} = ${valueView.text}`;
    const first = consumers[0];
    const upstreamValue = first ? (first.name === of ? Matrix.scalar(1) : result.grads.get(first.node.id)) : undefined;
    steps.push(backwardStep(of, entry.name, hw, formula, consumers, upstreamValue, valueView));
  }
  return { span: node.span, of, wrt: node.wrt.name, steps, value: formatValue(result.value) };
}

const isVector = (m: Matrix): boolean => m.rows === 1 || m.cols === 1;

/**
 * The derivation of a Jacobian `∂y/∂x` (numerator layout) by the chain rule
 * through the named vectors on the way, from y back to x: each row is
 * `∂y/∂n = ∂y/∂m ∂m/∂n` summed over the names m that use n, with the value.
 * A scalar m's gradient `∂m/∂n` is a column for a column n: it is written
 * transposed, as the row of m's Jacobian. `∂m/∂n` in the language is the
 * total derivative, so the sum is the chain rule only when no m uses another
 * (through definitions): otherwise the row states the number alone. A node that is not a vector has no
 * Jacobian in the language: it gets no row, and a row through it states the
 * number alone (still checked). A node y uses directly states the number.
 *
 * Example: a = W x, y = relu(a) gives `∂y/∂a = [1, 0; 0, 1]`, then
 * `∂y/∂x = ∂y/∂a ∂a/∂x = …`.
 */
function jacobianPass(node: DerivativeExpr, result: GradientResult): BackwardPass {
  const of = node.of.name;
  const entries = [...result.named].sort((a, b) => b.node.id - a.node.id);
  // The named nodes each definition on the path uses directly.
  const users = new Map(
    entries.map((e) => [
      e.name,
      e.binding.expr
        ? collectNames(e.binding.expr)
            .filter((u) => u.role === 'value')
            .map((u) => u.ref.name)
        : [],
    ]),
  );
  const steps: BackwardStep[] = [];
  for (const entry of entries) {
    const n = entry.node.value;
    if (entry.name === of || !isVector(n)) continue;
    const consumers = consumersOf(entry, entries);
    const value = result.grads.get(entry.node.id) ?? Matrix.zeros(result.value.rows, n.size);
    const symbolic =
      consumers.length > 0 &&
      consumers.every((m) => m.name !== of && isVector(m.node.value)) &&
      consumers.every((m) => consumers.every((other) => other === m || !uses(users, m.name, other.name)));
    const terms = symbolic
      ? consumers.map((m) => {
          const local = `∂${m.name}/∂${entry.name}`;
          const row = m.node.value.isScalar && n.cols === 1 && n.rows > 1 ? `(${local})ᵀ` : local;
          return `∂${of}/∂${m.name} ${row}`;
        })
      : [];
    const formula = terms.join(' + ');
    const valueView = formatValue(value);
    const lhs = `∂${of}/∂${entry.name}`;
    const hw = formula ? `${lhs} = ${formula} = ${valueView.text}` : `${lhs} = ${valueView.text}`;
    const first = consumers[0];
    const upstreamValue = first && first.name !== of ? result.grads.get(first.node.id) : undefined;
    steps.push(backwardStep(of, entry.name, hw, formula, consumers, upstreamValue, valueView));
  }
  return { span: node.span, of, wrt: node.wrt.name, steps, value: formatValue(result.value) };
}

/** Whether definition `from` reaches `to` through the definitions on the path (an explicit stack, no recursion). */
function uses(users: ReadonlyMap<string, readonly string[]>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const name = stack.pop()!;
    for (const next of users.get(name) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/** Rows repeat across statements and checks: their LaTeX is kept (bounded). */
const latexCache = new Map<string, string | undefined>();
function cached(key: string, make: () => string | undefined): string | undefined {
  if (latexCache.has(key)) return latexCache.get(key);
  const value = make();
  if (latexCache.size > 5000) latexCache.clear();
  latexCache.set(key, value);
  return value;
}

function toLatex(hw: string): string | undefined {
  return cached(`s\u0000${hw}`, () => statementLatex(hw));
}

function statementLatex(hw: string): string | undefined {
  const file = parse(hw);
  if (file.errors.length > 0 || file.statements.length !== 1) return undefined;
  return statementToLatex(file.statements[0]);
}

function exprLatex(text: string): string | undefined {
  return cached(`e\u0000${text}`, () => expressionLatex(text));
}

function expressionLatex(text: string): string | undefined {
  const file = parse(text);
  const s = file.statements[0];
  if (file.errors.length > 0 || !s || s.kind !== 'chain') return undefined;
  return exprToLatex(s.links[0].expr);
}

/** Expressions nested deeper than this get no symbolic chain rule (their row states the number). */
const MAX_SYMBOLIC_DEPTH = 64;

/**
 * The part of ∂L/∂n that flows through expression `e`, given the upstream
 * gradient `g` of `e`; null when `e` does not depend on n, undefined when
 * no rule here covers it.
 */
function contribution(
  e: Expr,
  n: string,
  g: Upstream,
  valueOf: (e: Expr) => Value | undefined,
  textOf: (s: Span) => string,
  depth = 0,
): string | null | undefined {
  // Deeper than a row anyone could read (a long flat sum is deep on its left side): the number alone.
  if (depth > MAX_SYMBOLIC_DEPTH) return undefined;
  const rec = (x: Expr, up: Upstream) => contribution(x, n, up, valueOf, textOf, depth + 1);
  const src = (x: Expr) => textOf(x.span).replace(/\s+/g, ' ').trim();
  const isScalar = (x: Expr) => {
    const v = valueOf(x);
    return v !== undefined && (v.kind === 'quantity' || v.isScalar);
  };
  const mentions = (x: Expr) => collectNames(x).some((u) => u.role === 'value' && u.ref.name === n);
  if (!mentions(e)) return null;
  switch (e.kind) {
    case 'name':
      return e.name === n ? g.text : null;
    case 'paren':
      return rec(e.inner, g);
    case 'unary':
      return e.op === '-' ? rec(e.operand, negate(g)) : rec(e.operand, g);
    case 'transpose':
      return rec(e.operand, { text: g.one ? '1' : `${wrap(g.text)}ᵀ`, one: g.one, scalar: g.scalar });
    case 'binary': {
      const L = e.left;
      const R = e.right;
      const out: string[] = [];
      const push = (x: string | null | undefined): boolean => {
        if (x === undefined) return false;
        if (x !== null) out.push(x);
        return true;
      };
      // A broadcast operand's gradient is summed over the stretched axes: no rule here writes that.
      if (e.op !== 'mul' && e.op !== 'pow' && broadcasts(valueOf(L), valueOf(R))) return undefined;
      switch (e.op) {
        case 'add':
        case 'sub': {
          const gl = !g.scalar && isScalar(L) ? sumOf(g) : g;
          const gr0 = !g.scalar && isScalar(R) ? sumOf(g) : g;
          const gr = e.op === 'sub' ? negate(gr0) : gr0;
          if (!push(rec(L, gl)) || !push(rec(R, gr))) return undefined;
          break;
        }
        case 'mul': {
          if (mentions(L)) {
            let up: Upstream;
            if (isScalar(R)) up = times(g, src(R), isScalar(L) && g.scalar);
            else if (isScalar(L)) up = { text: `sum(${wrap(g.text)} ⊙ ${wrap(src(R))})`, one: false, scalar: true };
            else up = { text: `${g.one ? '' : `${wrap(g.text)} `}${transposed(R, src)}`, one: false, scalar: false };
            if (!push(rec(L, up))) return undefined;
          }
          if (mentions(R)) {
            let up: Upstream;
            if (isScalar(L)) up = timesLeft(src(L), g, isScalar(R) && g.scalar);
            else if (isScalar(R)) up = { text: `sum(${wrap(src(L))} ⊙ ${wrap(g.text)})`, one: false, scalar: true };
            else up = { text: `${transposed(L, src)}${g.one ? '' : ` ${wrap(g.text)}`}`, one: false, scalar: false };
            if (!push(rec(R, up))) return undefined;
          }
          break;
        }
        case 'hadamard': {
          if (mentions(L)) {
            const up =
              isScalar(L) && !isScalar(R)
                ? { text: `sum(${wrap(g.text)} ⊙ ${wrap(src(R))})`, one: false, scalar: true }
                : { text: g.one ? src(R) : `${wrap(g.text)} ⊙ ${wrap(src(R))}`, one: false, scalar: g.scalar };
            if (!push(rec(L, up))) return undefined;
          }
          if (mentions(R)) {
            const up =
              isScalar(R) && !isScalar(L)
                ? { text: `sum(${wrap(g.text)} ⊙ ${wrap(src(L))})`, one: false, scalar: true }
                : { text: g.one ? src(L) : `${wrap(g.text)} ⊙ ${wrap(src(L))}`, one: false, scalar: g.scalar };
            if (!push(rec(R, up))) return undefined;
          }
          break;
        }
        case 'div': {
          if (mentions(R)) return undefined;
          if (!push(rec(L, { text: `${wrap(g.text)} / ${wrap(src(R))}`, one: false, scalar: g.scalar })))
            return undefined;
          break;
        }
        case 'pow': {
          if (mentions(R) || !isScalar(L)) return undefined;
          const exponent = src(R);
          const k = Number(exponent);
          const factor = Number.isFinite(k)
            ? k === 2
              ? `2 ${wrap(src(L))}`
              : `${exponent} ${wrap(src(L))}^${k - 1 < 0 ? `(${k - 1})` : k - 1}`
            : `${wrap(exponent)} ${wrap(src(L))}^(${exponent} - 1)`;
          if (!push(rec(L, times({ text: factor, one: false, scalar: true }, g.one ? '' : g.text, true))))
            return undefined;
          break;
        }
        default:
          return undefined;
      }
      return out.length === 0 ? null : out.join(' + ');
    }
    case 'call': {
      const builtin = findBuiltin(e.callee.name);
      if (!builtin || !builtin.derivative || e.prime || e.args.length !== 1 || e.named.length > 0) return undefined;
      const arg = e.args[0];
      const local = `${e.callee.name}'(${src(arg)})`;
      return rec(arg, { text: g.one ? local : `${wrap(g.text)} ⊙ ${local}`, one: false, scalar: g.scalar });
    }
    default:
      return undefined;
  }
}

/** Two matrices of different shapes, neither 1×1: an element-wise operator broadcast one onto the other. */
function broadcasts(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined || a.kind !== 'matrix' || b.kind !== 'matrix') return false;
  return !a.isScalar && !b.isScalar && !a.sameShape(b);
}

function negate(g: Upstream): Upstream {
  return { text: g.one ? '-1' : `-${wrap(g.text)}`, one: false, scalar: g.scalar };
}

function sumOf(g: Upstream): Upstream {
  return { text: `sum(${g.text})`, one: false, scalar: true };
}

/** g · s with s on the right; `one` collapses 1 · s to s. */
function times(g: Upstream, s: string, scalar: boolean): Upstream {
  if (s === '') return g;
  if (g.one) return { text: s, one: false, scalar };
  return { text: `${wrap(g.text)} ${wrap(s)}`, one: false, scalar: scalar || g.scalar };
}

function timesLeft(s: string, g: Upstream, scalar: boolean): Upstream {
  if (g.one) return { text: s, one: false, scalar };
  return { text: `${wrap(s)} ${wrap(g.text)}`, one: false, scalar: scalar || g.scalar };
}

/** `Xᵀ`, unwrapping a transpose already written (`(z1ᵀ)ᵀ` is z1). */
function transposed(e: Expr, src: (x: Expr) => string): string {
  if (e.kind === 'transpose') return wrap(src(e.operand));
  return `${wrap(src(e))}ᵀ`;
}

/** Parenthesises unless the text is one operand already. */
function wrap(text: string): string {
  if (/^[\p{L}\p{N}_∂/'ᵀ.]+$/u.test(text) && !text.startsWith('-')) return text;
  if (/^[\p{L}_][\p{L}\p{N}_]*'?\([^()]*\)ᵀ?$/u.test(text)) return text;
  if (text.startsWith('(') && balancedOuter(text)) return text;
  if (text.startsWith('[') && text.endsWith(']')) return text;
  return `(${text})`;
}

function balancedOuter(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      depth--;
      if (depth === 0 && i < text.length - 1 && !(i === text.length - 2 && text[i + 1] === 'ᵀ')) return false;
    }
  }
  return depth === 0;
}

type NamedNode = GradientResult['named'][number];

/** The named nodes whose definitions use `entry` (the ones its gradient comes back from). */
function consumersOf(entry: NamedNode, entries: readonly NamedNode[]): NamedNode[] {
  return entries.filter(
    (m) =>
      m.binding.expr &&
      m.name !== entry.name &&
      collectNames(m.binding.expr).some((u) => u.role === 'value' && u.ref.name === entry.name),
  );
}

/** One row of the backward-pass table: `∂of/∂name = formula = value`, in LaTeX and `.hw`. */
function backwardStep(
  of: string,
  name: string,
  hw: string,
  formula: string,
  consumers: readonly NamedNode[],
  upstreamValue: Matrix | undefined,
  valueView: ReturnType<typeof formatValue>,
): BackwardStep {
  return {
    node: name,
    latex: toLatex(hw) ?? `\\frac{\\partial ${nameToLatex(of)}}{\\partial ${nameToLatex(name)}} = ${valueView.latex}`,
    local: formula ? (exprLatex(formula) ?? '') : '',
    upstreamNodes: consumers.map((c) => c.name),
    ...(upstreamValue ? { upstream: formatValue(upstreamValue) } : {}),
    value: valueView,
    hw,
  };
}

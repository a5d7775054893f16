/**
 * The gradient as a node of the tape, so that it can be differentiated once
 * more: reverse over reverse. `gradientNode` walks the tape from the root
 * down, as `Tape.gradients` does, but builds each backward rule out of tape
 * operations (`g ⊙ (1 − out ⊙ out)` for tanh) instead of computing it on
 * plain matrices. The result is exact: a Hessian row is then an ordinary
 * backward pass from one entry of the gradient node.
 *
 *     const tape = new Tape();
 *     const x = tape.variable(Matrix.fromRows([[3]]));
 *     const y = applyBinary(tape, 'hadamard', applyBinary(tape, 'hadamard', x, x), x);   // x³
 *     const g = gradientNode(tape, y, x)!;                 // 3x² = 27, itself on the tape
 *     tape.gradients(g).get(x.id);                         // 6x = [[18]]
 *
 * Each rule below is its operation's backward rule (beside its forward rule
 * in `operators.ts` or the built-in's file) written again with tape
 * operations. An operation without one refuses with `hessian.unsupported`,
 * naming it, only when the gradient actually flows through it.
 */
import type { Builtin } from '../solvers/builtin';
import { findBuiltin } from '../solvers/registry';
import { EvalError } from '../values/errors';
import { Matrix } from '../values/value';
import { applyBinary, applyBuiltin, applyUnary, type Operation, type Tape, type TapeNode } from './tape';

/**
 * A reduction's operands: its inputs but the trailing `axis` and `keepdims`
 * options (see `reductionArguments`). Over an axis it has no second-order
 * rule here: refused by name rather than differentiated as a whole sum.
 */
function wholeReductionOperands(name: string, inputs: readonly TapeNode[]): readonly TapeNode[] {
  const axis = inputs[inputs.length - 2]?.value;
  if (axis === undefined || !(axis.isScalar && Number.isNaN(axis.data[0]))) throw unsupported(`${name} over an axis`);
  return inputs.slice(0, -2);
}

type Rule = (tape: Tape, g: TapeNode, inputs: readonly TapeNode[], out: TapeNode) => readonly (TapeNode | null)[];

function unsupported(what: string): EvalError {
  return new EvalError(
    'hessian.unsupported',
    `second derivatives through ${what} are not supported; the Hessian needs each step between f and x to be one with a second derivative rule (see the Gradients chapter)`,
  );
}

const add = (t: Tape, a: TapeNode, b: TapeNode) => applyBinary(t, 'add', a, b);
const sub = (t: Tape, a: TapeNode, b: TapeNode) => applyBinary(t, 'sub', a, b);
const times = (t: Tape, a: TapeNode, b: TapeNode) => applyBinary(t, 'hadamard', a, b);
const matmul = (t: Tape, a: TapeNode, b: TapeNode) => applyBinary(t, 'mul', a, b);
const divide = (t: Tape, a: TapeNode, b: TapeNode) => applyBinary(t, 'div', a, b);
const negate = (t: Tape, a: TapeNode) => applyUnary(t, 'neg', a);
const transposed = (t: Tape, a: TapeNode) => applyUnary(t, 'transpose', a);
const constant = (t: Tape, x: number) => t.constant(Matrix.scalar(x));
const onesLike = (rows: number, cols: number) => new Matrix(rows, cols, new Float64Array(rows * cols).fill(1));

function call(t: Tape, name: string, args: readonly TapeNode[]): TapeNode {
  const builtin = findBuiltin(name);
  if (!builtin) throw new EvalError('hessian.unsupported', `internal: no built-in ${name}`);
  return applyBuiltin(t, builtin, args);
}

function sumAll(t: Tape, a: TapeNode): TapeNode {
  return a.value.isScalar ? a : call(t, 'sum', [a]);
}

/** A gradient of the output's shape, brought back to an operand's: a scalar operand broadcast sums it. */
function toShapeOf(t: Tape, grad: TapeNode, operand: TapeNode, op: string): TapeNode {
  const want = operand.value;
  if (grad.value.rows === want.rows && grad.value.cols === want.cols) return grad;
  if (want.isScalar) return sumAll(t, grad);
  throw unsupported(`${op} with a ${want.shapeText()} operand broadcast to ${grad.value.shapeText()}`);
}

/** `g ⊙ f'(a)` for an entry-by-entry function, `f'` written with tape operations. */
function entrywise(derivative: (t: Tape, a: TapeNode, out: TapeNode) => TapeNode): Rule {
  return (t, g, [a], out) => [times(t, g, derivative(t, a, out))];
}

/** A derivative that is piecewise constant (relu's step): a constant, whose own derivative is 0 almost everywhere. */
function piecewiseConstant(slope: (x: number) => number): Rule {
  return entrywise((t, a) => t.constant(new Matrix(a.value.rows, a.value.cols, a.value.data.map(slope))));
}

const BINARY_RULES: Record<string, Rule> = {
  add: (t, g, [a, b]) => [toShapeOf(t, g, a, '+'), toShapeOf(t, g, b, '+')],
  sub: (t, g, [a, b]) => [toShapeOf(t, g, a, '−'), toShapeOf(t, negate(t, g), b, '−')],
  mul: (t, g, [a, b]) => {
    // A scalar factor scales every entry; otherwise the matrix product's [g Bᵀ, Aᵀ g].
    if (a.value.isScalar && !b.value.isScalar) return [sumAll(t, times(t, g, b)), times(t, a, g)];
    if (b.value.isScalar && !a.value.isScalar) return [times(t, g, b), sumAll(t, times(t, g, a))];
    return [matmul(t, g, transposed(t, b)), matmul(t, transposed(t, a), g)];
  },
  hadamard: (t, g, [a, b]) => [toShapeOf(t, times(t, g, b), a, '⊙'), toShapeOf(t, times(t, g, a), b, '⊙')],
  div: (t, g, [a, b], out) => [
    toShapeOf(t, divide(t, g, b), a, '/'),
    toShapeOf(t, negate(t, divide(t, times(t, g, out), b)), b, '/'),
  ],
  pow: (t, g, [a, b], out) => {
    if (!a.value.isScalar) throw unsupported('a matrix power');
    const y = b.value.data[0];
    // ∂(aᵇ)/∂a = b·aᵇ⁻¹ (as in operators.ts: 0 for b = 0, 1 for b = 1); ∂(aᵇ)/∂b = aᵇ ln a (0 for a ≤ 0).
    const da =
      y === 0
        ? constant(t, 0)
        : y === 1
          ? constant(t, 1)
          : times(t, b, applyBinary(t, 'pow', a, sub(t, b, constant(t, 1))));
    const db = a.value.data[0] > 0 ? times(t, out, call(t, 'ln', [a])) : constant(t, 0);
    return [times(t, g, da), times(t, g, db)];
  },
};

const UNARY_RULES: Record<string, Rule> = {
  neg: (t, g) => [negate(t, g)],
  transpose: (t, g) => [transposed(t, g)],
};

const oneMinus = (t: Tape, x: TapeNode) => sub(t, constant(t, 1), x);

/** The softmax backward, `out ⊙ (g − Σ out ⊙ g)` with the sum over each vector softmax normalises. */
function softmaxRule(t: Tape, g: TapeNode, _inputs: readonly TapeNode[], out: TapeNode): TapeNode[] {
  const weighted = times(t, out, g);
  const rows = out.value.rows;
  // A row vector is one vector; otherwise each column is: 1 1ᵀ (out ⊙ g) sums each column into every row.
  const totals = rows === 1 ? sumAll(t, weighted) : matmul(t, t.constant(onesLike(rows, rows)), weighted);
  return [times(t, out, sub(t, g, totals))];
}

const BUILTIN_RULES: Record<string, Rule> = {
  relu: piecewiseConstant((x) => (x > 0 ? 1 : 0)),
  abs: piecewiseConstant((x) => Math.sign(x)),
  sigmoid: entrywise((t, _a, out) => times(t, out, oneMinus(t, out))),
  tanh: entrywise((t, _a, out) => oneMinus(t, times(t, out, out))),
  exp: entrywise((_t, _a, out) => out),
  ln: (t, g, [a]) => [divide(t, g, a)],
  log: (t, g, [a]) => [divide(t, g, a)],
  log10: (t, g, [a]) => [divide(t, g, times(t, a, constant(t, Math.LN10)))],
  log2: (t, g, [a]) => [divide(t, g, times(t, a, constant(t, Math.LN2)))],
  sqrt: (t, g, _inputs, out) => [divide(t, g, times(t, constant(t, 2), out))],
  sin: entrywise((t, a) => call(t, 'cos', [a])),
  cos: entrywise((t, a) => negate(t, call(t, 'sin', [a]))),
  sinh: entrywise((t, a) => call(t, 'cosh', [a])),
  cosh: entrywise((t, a) => call(t, 'sinh', [a])),
  softplus: entrywise((t, a) => call(t, 'sigmoid', [a])),
  // silu' = σ(x)(1 + x(1 − σ(x))).
  silu: entrywise((t, a) => {
    const s = call(t, 'sigmoid', [a]);
    return times(t, s, add(t, constant(t, 1), times(t, a, oneMinus(t, s))));
  }),
  // gelu' = Φ(x) + x φ(x), the standard normal's cdf and density.
  gelu: entrywise((t, a) => {
    const standard = [constant(t, 0), constant(t, 1)];
    return add(t, call(t, 'normal_cdf', [a, ...standard]), times(t, a, call(t, 'normal_pdf', [a, ...standard])));
  }),
  softmax: softmaxRule,
  transpose: (t, g) => [transposed(t, g)],
  sum: (t, g, inputs) => {
    const operands = wholeReductionOperands('sum', inputs);
    return [...operands.map((a) => times(t, g, t.constant(onesLike(a.value.rows, a.value.cols)))), null, null];
  },
  mean: (t, g, inputs) => {
    const operands = wholeReductionOperands('mean', inputs);
    const count = operands.reduce((n, a) => n + a.value.size, 0);
    const share = divide(t, g, constant(t, count));
    return [...operands.map((a) => times(t, share, t.constant(onesLike(a.value.rows, a.value.cols)))), null, null];
  },
  dot: (t, g, [a, b]) => {
    const like = (x: TapeNode, y: TapeNode) =>
      x.value.rows === y.value.rows ? x : x.value.size === 1 ? x : transposed(t, x);
    return [times(t, g, like(b, a)), times(t, g, like(a, b))];
  },
  mse: (t, g, [yhat, y]) => {
    // mean((ŷ − y)²): 2 (ŷ − y) / n, and its negative for y.
    const slope = times(t, divide(t, g, constant(t, yhat.value.size / 2)), sub(t, yhat, y));
    return [slope, negate(t, slope)];
  },
  cross_entropy: (t, g, [p, y], _out) => {
    // −Σ y ln p: ∂/∂p = −y / p, 0 where y = 0 (1 is added to p there so 0/0 never arises; p's own gradient is then 0).
    const guard = t.constant(
      new Matrix(
        p.value.rows,
        p.value.cols,
        y.value.data.map((v) => (v === 0 ? 1 : 0)),
      ),
    );
    const dp = negate(t, times(t, g, divide(t, y, add(t, p, guard))));
    return [dp, negate(t, times(t, g, call(t, 'ln', [p])))];
  },
};

/** elu' = 1 where x > 0, else alpha eˣ = out + alpha there; alpha taken as a constant. */
function eluRule(t: Tape, g: TapeNode, [a, alpha]: readonly TapeNode[], out: TapeNode): (TapeNode | null)[] {
  if (t.recordAt(alpha.id).needsGradient) throw unsupported('elu with respect to alpha');
  const positive = t.constant(
    new Matrix(
      a.value.rows,
      a.value.cols,
      a.value.data.map((x) => (x > 0 ? 1 : 0)),
    ),
  );
  const negative = oneMinus(t, positive);
  const slope = add(t, positive, times(t, negative, add(t, out, alpha)));
  return [times(t, g, slope), null];
}

function leakyReluRule(t: Tape, g: TapeNode, [a, alpha]: readonly TapeNode[]): (TapeNode | null)[] {
  const slope = alpha.value.data[0];
  return [
    times(
      t,
      g,
      t.constant(
        new Matrix(
          a.value.rows,
          a.value.cols,
          a.value.data.map((x) => (x > 0 ? 1 : slope)),
        ),
      ),
    ),
    null,
  ];
}

function ruleFor(operation: Operation | undefined, label: string | undefined): Rule {
  if (operation === undefined) throw unsupported(label ?? 'an operation recorded without a second-order rule');
  switch (operation.kind) {
    case 'binary':
      return BINARY_RULES[operation.op];
    case 'unary':
      return UNARY_RULES[operation.op];
    case 'identity':
      return (_t, g) => [g];
    case 'blocks':
      return (t, g) => blockRule(t, g, operation.shapes);
    case 'builtin':
      return builtinRule(operation.builtin);
  }
}

function builtinRule(builtin: Builtin): Rule {
  if (builtin.name === 'leaky_relu') return leakyReluRule;
  if (builtin.name === 'elu') return eluRule;
  const rule = BUILTIN_RULES[builtin.name];
  if (rule) return rule;
  // A piecewise-constant built-in (`floor`) passes zero gradients, and so does its derivative.
  if (!builtin.backward && !builtin.noGradient)
    return (t, _g, inputs) => inputs.map((a) => t.constant(Matrix.zeros(a.value.rows, a.value.cols)));
  throw unsupported(builtin.name);
}

/** Each block's part of g: a slice, linear, whose own backward puts it back in place. */
function blockRule(t: Tape, g: TapeNode, shapes: readonly (readonly { rows: number; cols: number }[])[]): TapeNode[] {
  const out: TapeNode[] = [];
  let top = 0;
  const { rows: gRows, cols: gCols } = g.value;
  for (const row of shapes) {
    let left = 0;
    for (const { rows, cols } of row) {
      const [rowAt, colAt] = [top, left]; // copied: the backward rule runs after the loop has moved on
      const at = (a: number, b: number) => (rowAt + a) * gCols + colAt + b;
      const part = Matrix.zeros(rows, cols);
      for (let a = 0; a < rows; a++) for (let b = 0; b < cols; b++) part.data[a * cols + b] = g.value.data[at(a, b)];
      out.push(
        t.record(part, [g], (u) => {
          const back = Matrix.zeros(gRows, gCols);
          for (let a = 0; a < rows; a++) for (let b = 0; b < cols; b++) back.data[at(a, b)] = u.data[a * cols + b];
          return [back];
        }),
      );
      left += cols;
    }
    top += row[0].rows;
  }
  return out;
}

/**
 * The gradient of the 1×1 `root` with respect to `leaf`, as a node on the
 * same tape (so it can be differentiated again), or undefined when root does
 * not depend on leaf. The nodes recorded for it are appended to the tape.
 */
export function gradientNode(tape: Tape, root: TapeNode, leaf: TapeNode): TapeNode | undefined {
  if (!root.value.isScalar) throw new EvalError('gradient.not-scalar', 'internal: a second derivative of a non-scalar');
  const grads = new Map<number, TapeNode>([[root.id, constant(tape, 1)]]);
  for (let id = root.id; id > leaf.id; id--) {
    const g = grads.get(id);
    if (g === undefined) continue;
    const entry = tape.recordAt(id);
    if (!entry.computed || !entry.needsGradient) continue;
    const inputGrads = ruleFor(entry.operation, entry.node.label)(tape, g, entry.inputs, entry.node);
    for (let i = 0; i < entry.inputs.length; i++) {
      const input = entry.inputs[i];
      const inputGrad = inputGrads[i];
      if (!inputGrad || !tape.recordAt(input.id).needsGradient) continue;
      const existing = grads.get(input.id);
      grads.set(input.id, existing ? add(tape, existing, inputGrad) : inputGrad);
    }
  }
  return grads.get(leaf.id);
}

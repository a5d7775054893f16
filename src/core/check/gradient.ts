/**
 * `∂L/∂X` by reverse-mode differentiation through the problem's definitions.
 *
 * L's defining expression is evaluated again on a tape: a name that is X
 * becomes the variable, a definition that depends on X is traced through its
 * own expression (so the gradient flows through `a1 = W1 z0 + b1`,
 * `z1 = relu(a1)`, …), and everything else is a constant. The tape's
 * backward walk gives the gradient, which has X's shape, and also the
 * gradient at every named node on the way — the rows of the backward pass.
 *
 * Example: with the seed network of homework 1, `∂L/∂W1` traces
 * L → yhat → z3 → a3 → z2 → a2 → z1 → a1 → W1 and gives
 * [32, 16; 24, 12; -8, -4].
 *
 * In the writer's world a traced name whose stated value differs from the
 * recomputed one passes its stated value forward and the gradient straight
 * through, so a step computed from the writer's own numbers is recognised.
 */
import { applyBinary, applyBuiltin, applyUnary, Tape, type TapeNode } from '../autodiff/tape';
import { scatter } from '../autodiff/indexing';
import type {
  BinaryOp,
  CallExpr,
  DerivativeExpr,
  Expr,
  IndexExpr,
  NameRef,
  RangeExpr,
  TensorLiteral,
} from '../syntax/ast';
import { constantValue } from '../solvers/constants';
import { findBuiltin, resolveArguments } from '../solvers/registry';
import { EvalError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import { entriesOf } from './budget';
import { assembleSlices } from './slices';
import { unstackGradient } from '../values/tensorOps';
import { Evaluator, assembleBlocks, literalValue, type EvalHost, type World } from './evaluate';
import { derivativeKey, valueInWorld, type Binding, type ProblemScope } from './scope';
import { indexValue } from './indexValue';
import { collectNames, walk, Unavailable, type Backend, type IndexArg } from './walk';

export interface GradientResult {
  readonly value: Matrix;
  /** Traced named nodes in the order they were built (X first, L last). */
  readonly named: readonly { readonly name: string; readonly node: TapeNode; readonly binding: Binding }[];
  /**
   * Gradient of L at every named node on a path, by node id. For a Jacobian (`jacobian` set), the
   * Jacobian of L by each named node instead: m × (the node's entries), row i from yᵢ's backward pass.
   */
  readonly grads: ReadonlyMap<number, Matrix>;
  /** Set when L is a vector: `value` and `grads` are Jacobians in numerator layout. */
  readonly jacobian?: true;
  readonly of: Binding;
  readonly wrt: Binding;
}

export function computeGradient(host: EvalHost, node: DerivativeExpr, world: World): GradientResult {
  const scope = host.scope;
  const ofName = node.of.name;
  const wrtName = node.wrt.name;
  const of = scope.lookup(ofName);
  const wrt = scope.lookup(wrtName);
  if (!wrt || wrt.kind === 'function') throw new EvalError('name.undefined', `${wrtName} is not defined`);
  // `grad(f, x0)` reads as f's gradient at x0; `∂f/∂x0` of a function stays an error (what would f be of?).
  const atPoint = node.spelling === 'grad';
  if (of?.kind === 'function' && (!atPoint || !isPointFunction(of))) {
    throw new EvalError(
      'gradient.undefined',
      atPoint
        ? `${ofName} is a function of ${of.params?.length ?? 0} parameters: grad(${ofName}, point) is the gradient at a point of a function of one parameter`
        : `${ofName} is a function, with no definition in this problem to differentiate; its gradient at a point x0 is grad(${ofName}, x0)`,
    );
  }
  if (!of) {
    throw new EvalError(
      'gradient.undefined',
      `${ofName} has no definition in this problem, and ${derivativeKey(ofName, wrtName)} is not given`,
    );
  }
  const wrtValue = valueIn(wrt, world);
  if (wrtValue.kind !== 'matrix')
    throw new EvalError('gradient.unsupported', `${wrtName} has a unit; gradients work on plain numbers and matrices`);
  const { tracer, root } = traceFor(host, of, ofName, wrtName, wrtValue, world);
  if (root.value.rows !== 1 || root.value.cols !== 1) {
    const isVector = (m: Matrix) => !m.isTensor && (m.rows === 1 || m.cols === 1);
    if (isVector(root.value) && isVector(wrtValue)) {
      const { value, byNode } = jacobian(tracer, root, wrtValue, ofName === wrtName);
      return { value, ...keptNodes(tracer, byNode), of, wrt, jacobian: true };
    }
    throw new EvalError(
      'gradient.not-scalar',
      `${ofName} is ${root.value.rows}×${root.value.cols}: ∂${ofName}/∂${wrtName} needs a scalar ${ofName} (a loss, 1×1), or a vector ${ofName} and a vector ${wrtName} (the Jacobian); for a matrix, differentiate sum(…) or one scalar built from it`,
    );
  }
  const grads = tracer.tape.gradients(root);
  const leaf = tracer.leaf;
  const value = leaf
    ? (grads.get(leaf.id) ?? Matrix.zerosLike(wrtValue))
    : ofName === wrtName
      ? Matrix.scalar(1)
      : Matrix.zerosLike(wrtValue);
  return { value, ...keptNodes(tracer, grads), of, wrt };
}

/** Only ids and values outlive the tape: the recorded graph (inputs, backward closures) is let go. */
function keptNodes(tracer: Tracer, grads: ReadonlyMap<number, Matrix>): Pick<GradientResult, 'named' | 'grads'> {
  const named = tracer.named.map(({ name, node, binding }) => ({
    name,
    node: { id: node.id, value: node.value },
    binding,
  }));
  const namedGrads = new Map<number, Matrix>();
  for (const n of named) {
    const g = grads.get(n.node.id);
    if (g) namedGrads.set(n.node.id, g);
  }
  return { named, grads: namedGrads };
}

/** A function of the problem with one parameter: `grad(f, x0)` is its gradient at the point x0. */
function isPointFunction(b: Binding): boolean {
  return b.kind === 'function' && b.expr !== undefined && b.params?.length === 1;
}

/**
 * L traced on a tape with X as its variable; for a one-parameter function
 * f (`grad(f, x0)`, `hessian(f, x0)`), f's body with its parameter as the
 * variable at X's value: the derivative of f at the point X.
 */
export function traceFor(
  host: EvalHost,
  of: Binding,
  ofName: string,
  wrtName: string,
  wrtValue: Matrix,
  world: World,
): { tracer: Tracer; root: TapeNode } {
  if (of.kind !== 'function') {
    const tracer = new Tracer(host, host.scope, wrtName, world);
    return { tracer, root: tracer.traceName(ofName) };
  }
  // No name of the problem is the variable: f's body reaches the point through its parameter only.
  const tracer = new Tracer(host, host.scope, '', world);
  return { tracer, root: tracer.traceFunctionAt(of, wrtValue) };
}

/** Outputs beyond which a Jacobian (one backward pass per output) is refused. */
const MAX_JACOBIAN_ROWS = 256;

/**
 * The Jacobian of a vector y by a vector x in numerator layout, m × n:
 * J[i, j] = ∂yᵢ/∂xⱼ (a row vector is read as its entries in order). Row i
 * is the gradient of yᵢ, one backward pass each on the same tape; the same
 * passes give y's Jacobian by every named node on the way (`byNode`), the
 * rows of the derivation.
 */
function jacobian(
  tracer: Tracer,
  root: TapeNode,
  x: Matrix,
  same: boolean,
): { value: Matrix; byNode: Map<number, Matrix> } {
  const m = root.value.size;
  const n = x.size;
  if (m > MAX_JACOBIAN_ROWS) {
    throw new EvalError(
      'gradient.unsupported',
      `a Jacobian of ${m} outputs is over the limit of ${MAX_JACOBIAN_ROWS} (one backward pass per output)`,
    );
  }
  const out = Matrix.zeros(m, n);
  const byNode = new Map<number, Matrix>();
  const leaf = tracer.leaf;
  const sum = findBuiltin('sum')!;
  for (let i = 0; i < m; i++) {
    if (!leaf) {
      if (same) out.data[i * n + i] = 1;
      continue;
    }
    const pick = Matrix.zeros(root.value.rows, root.value.cols);
    pick.data[i] = 1;
    const yi = applyBuiltin(tracer.tape, sum, [applyBinary(tracer.tape, 'hadamard', root, tracer.tape.constant(pick))]);
    const grads = tracer.tape.gradients(yi);
    const g = grads.get(leaf.id);
    if (g) out.data.set(g.data, i * n);
    for (const { node } of tracer.named) {
      const row = grads.get(node.id);
      if (!row) continue;
      let rows = byNode.get(node.id);
      if (!rows) byNode.set(node.id, (rows = Matrix.zeros(m, node.value.size)));
      rows.data.set(row.data, i * node.value.size);
    }
  }
  return { value: out, byNode };
}

export function valueIn(b: Binding, world: World): Value {
  const v = valueInWorld(b, world);
  if (v === undefined) throw new Unavailable(b.key);
  return v;
}

/** Evaluates definitions on a tape, X as its variable (also used by `hessian.ts`). */
export class Tracer implements Backend<TapeNode> {
  readonly tape = new Tape();
  leaf: TapeNode | undefined;
  readonly named: { name: string; node: TapeNode; binding: Binding }[] = [];
  private readonly traced = new Map<string, TapeNode>();
  private readonly dependsMemo = new Map<string, boolean>();
  private readonly evaluator: Evaluator;
  /** Parameters of an inlined user function. */
  private params: Map<string, TapeNode> | undefined;
  private inProgress = new Set<string>();

  constructor(
    private readonly host: EvalHost,
    private readonly scope: ProblemScope,
    private readonly wrtName: string,
    private readonly world: World,
    /** X's value on the tape, when not its own (a Taylor claim differentiates at a step of 0). */
    private readonly at?: Matrix,
  ) {
    this.evaluator = new Evaluator(host, world);
  }

  /** A one-parameter function's body, its parameter the tape's variable with the value `point`. */
  traceFunctionAt(fn: Binding, point: Matrix): TapeNode {
    const param = fn.params![0];
    this.leaf = this.tape.variable(point, param);
    this.params = new Map([[param, this.leaf]]);
    try {
      return walk(fn.expr!, this);
    } finally {
      this.params = undefined;
    }
  }

  traceName(name: string): TapeNode {
    const param = this.params?.get(name);
    if (param) return param;
    const done = this.traced.get(name);
    if (done) return done;
    const binding = this.scope.lookup(name);
    if (!binding) {
      const constant = constantValue(name);
      if (constant) return this.tape.constant(constant, name);
      const unit = this.evaluator.unit(name);
      if (unit)
        throw new EvalError('gradient.unsupported', `${name} is a unit; gradients work on plain numbers and matrices`);
      throw new EvalError('name.undefined', `${name} is not defined`);
    }
    if (binding.kind === 'function')
      throw new EvalError('name.function-as-value', `${name} is a function: call it as ${name}(…)`);
    let node: TapeNode;
    if (name === this.wrtName) {
      node = this.tape.variable(this.at ?? asMatrix(valueIn(binding, this.world), name), name);
      this.leaf = node;
    } else if (binding.kind === 'definition' && binding.expr && this.dependsOnWrt(name)) {
      // A definition that failed was reported where it stands; tracing it again would report it twice.
      if (binding.truth === undefined) throw new Unavailable(name);
      if (this.inProgress.has(name)) throw new EvalError('gradient.cycle', `${name} is defined in terms of itself`);
      this.inProgress.add(name);
      const saved = this.params;
      this.params = undefined;
      let recomputed: TapeNode;
      try {
        recomputed = walk(binding.expr, this);
      } finally {
        this.params = saved;
        this.inProgress.delete(name);
      }
      const stated = valueIn(binding, this.world);
      if (
        this.world !== 'truth' &&
        stated !== binding.truth &&
        stated.kind === 'matrix' &&
        sameShape(stated, recomputed.value)
      ) {
        // The writer's own value goes forward; the gradient passes straight through.
        node = this.tape.record(stated, [recomputed], (g) => [g], name, { kind: 'identity' });
      } else {
        node = this.tape.record(recomputed.value, [recomputed], (g) => [g], name, { kind: 'identity' });
      }
    } else {
      node = this.tape.constant(asMatrix(valueIn(binding, this.world), name), name);
      this.traced.set(name, node);
      return node;
    }
    this.traced.set(name, node);
    this.named.push({ name, node, binding });
    return node;
  }

  /** Whether a definition reaches X through the problem's definitions. */
  private dependsOnWrt(name: string): boolean {
    if (name === this.wrtName) return true;
    const memo = this.dependsMemo.get(name);
    if (memo !== undefined) return memo;
    this.dependsMemo.set(name, false); // breaks cycles
    const binding = this.scope.lookup(name);
    let result = false;
    if (binding?.expr && binding.kind === 'definition') {
      for (const use of collectNames(binding.expr)) {
        if (use.role === 'value' && this.dependsOnWrt(use.ref.name)) {
          result = true;
          break;
        }
        if (use.role === 'callee') {
          const fn = this.scope.lookup(use.ref.name);
          if (
            fn?.kind === 'function' &&
            fn.expr &&
            collectNames(fn.expr).some(
              (u) => u.role === 'value' && !fn.params?.includes(u.ref.name) && this.dependsOnWrt(u.ref.name),
            )
          ) {
            result = true;
            break;
          }
        }
      }
    }
    this.dependsMemo.set(name, result);
    return result;
  }

  number(value: number, node: Expr): TapeNode {
    return this.tape.constant(literalValue(value, node));
  }

  name(node: NameRef): TapeNode {
    return this.traceName(node.name);
  }

  unknown(): TapeNode {
    throw new EvalError('value.unknown-position', '`?` stands only for a whole stated value, not inside an expression');
  }

  tensor(slices: TapeNode[], node: TensorLiteral): TapeNode {
    const parts = slices.map((n) => n.value);
    const out = assembleSlices(parts, node);
    return this.tape.record(out, slices, (g) => unstackGradient(g, parts), undefined);
  }

  matrix(rows: TapeNode[][]): TapeNode {
    if (rows.length === 1 && rows[0].length === 1) return rows[0][0];
    const values = rows.map((r) => r.map((n) => n.value));
    const out = assembleBlocks(values);
    const inputs = rows.flat();
    const blocks = {
      kind: 'blocks',
      shapes: values.map((r) => r.map((m) => ({ rows: m.rows, cols: m.cols }))),
    } as const;
    if (!values.every((r) => r.every((m) => m.isScalar))) {
      // Block matrices: gradients flow back through the blocks' positions.
      return this.tape.record(out, inputs, (g) => splitBlocks(g, values), undefined, blocks);
    }
    return this.tape.record(out, inputs, (g) => Array.from(g.data, (x) => Matrix.scalar(x)), undefined, blocks);
  }

  range(start: TapeNode, step: TapeNode | undefined, end: TapeNode, node: RangeExpr): TapeNode {
    const value = this.evaluator.range(start.value, step?.value, end.value, node);
    return this.tape.constant(asMatrix(value, 'range'));
  }

  negate(a: TapeNode): TapeNode {
    this.host.budget.tick(entriesOf(a.value));
    return applyUnary(this.tape, 'neg', a);
  }

  binary(op: BinaryOp, a: TapeNode, b: TapeNode): TapeNode {
    this.host.budget.binary(op, a.value, b.value);
    return applyBinary(this.tape, op, a, b);
  }

  transpose(a: TapeNode): TapeNode {
    this.host.budget.tick(entriesOf(a.value));
    return applyUnary(this.tape, 'transpose', a);
  }

  call(node: CallExpr, args: TapeNode[], named: { name: string; value: TapeNode }[]): TapeNode {
    this.host.budget.tick(args.reduce((n, a) => n + entriesOf(a.value), 0));
    const name = node.callee.name;
    const binding = this.scope.lookup(name);
    if (binding?.kind === 'function' && binding.expr && !node.prime) {
      const params = binding.params ?? [];
      if (args.length !== params.length || named.length > 0) {
        throw new EvalError(
          'call.arity',
          `${name} takes ${params.length} argument${params.length === 1 ? '' : 's'} (${params.join(', ')})`,
        );
      }
      const saved = this.params;
      this.params = new Map(params.map((p, i) => [p, args[i]]));
      try {
        return walk(binding.expr, this);
      } finally {
        this.params = saved;
      }
    }
    const builtin = findBuiltin(name);
    if (!builtin) throw new EvalError('call.unknown-function', `there is no function ${name}`);
    this.host.budget.mathjs();
    // Place named arguments through the registry's rules, then map back to nodes.
    const byValue = new Map<Value, TapeNode>();
    for (const a of args) byValue.set(a.value, a);
    for (const n of named) byValue.set(n.value.value, n.value);
    const resolved = resolveArguments(
      builtin,
      args.map((a) => a.value),
      named.map((n) => ({ name: n.name, value: n.value.value })),
    );
    const inputs = resolved.map((v) => byValue.get(v) ?? this.tape.constant(asMatrix(v, name)));
    if (node.prime) {
      if (!builtin.derivative) throw new EvalError('call.no-derivative', `${name}' is not defined`);
      // relu'(x) is piecewise constant: treated as a constant on the tape.
      return this.tape.constant(asMatrix(builtin.derivative(resolved), name));
    }
    return applyBuiltin(this.tape, builtin, inputs);
  }

  derivative(node: DerivativeExpr): TapeNode {
    // A gradient inside a definition is a constant here (no second derivatives).
    return this.tape.constant(asMatrix(this.evaluator.derivative(node), 'gradient'));
  }

  index(target: TapeNode, args: IndexArg<TapeNode>[], node: IndexExpr): TapeNode {
    const { value, selection } = indexValue(target, args, node, (n) => n.value);
    this.host.budget.tick(value.size);
    const input = target.value;
    // The upstream gradient goes back to the entries read; the others get zero.
    return this.tape.record(value, [target], (g) => [scatter(g, selection, input)]);
  }
}

function asMatrix(v: Value, what: string): Matrix {
  if (v.kind === 'matrix') return v;
  throw new EvalError('gradient.unsupported', `${what} has a unit; gradients work on plain numbers and matrices`);
}

function sameShape(a: Matrix, b: Matrix): boolean {
  return a.rows === b.rows && a.cols === b.cols;
}

function splitBlocks(g: Matrix, blocks: Matrix[][]): Matrix[] {
  const out: Matrix[] = [];
  let top = 0;
  for (const row of blocks) {
    let left = 0;
    for (const m of row) {
      const part = Matrix.zeros(m.rows, m.cols);
      for (let a = 0; a < m.rows; a++)
        for (let b = 0; b < m.cols; b++) part.data[a * m.cols + b] = g.data[(top + a) * g.cols + left + b];
      out.push(part);
      left += m.cols;
    }
    top += row[0].rows;
  }
  return out;
}

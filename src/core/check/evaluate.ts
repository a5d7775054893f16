/**
 * Evaluates expressions of a problem to values, in one of three worlds:
 * `truth` reads every name's true value, `writer` reads the values the
 * writer stated, `unrounded` those values before the writer rounded them
 * (see `scope.ts`). Names shadow units: `2 h` is 2 hours only where no `h` is
 * defined; `min(a, b)` is a call, `2 min` two minutes.
 *
 * Example: with `given W1 = [1, 0; 3, 4; 1, 2]` and `z0 = [2; 1]`,
 * `W1 z0` evaluates to the 3×1 matrix [2; 10; 4].
 */
import type { InternalErrorSink } from './failures';
import type {
  BinaryOp,
  CallExpr,
  DerivativeExpr,
  Expr,
  IndexExpr,
  NameRef,
  RangeExpr,
  TensorLiteral,
  UnknownValue,
} from '../syntax/ast';
import { OPERATORS, UNARY_OPERATORS } from '../autodiff/operators';
import { constantValue } from '../solvers/constants';
import { findBuiltin, primedBuiltinNames, resolveArguments } from '../solvers/registry';
import type { Builtin } from '../solvers/builtin';
import { DomainError, EvalError, LimitError, MAX_MATRIX_ENTRIES, UnitError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import { isDeclaredCountUnit, unitQuantity } from '../values/units';
import { derivativeKey, valueInWorld, type ProblemScope, type World } from './scope';
import { walk, Unavailable, type Backend, type IndexArg } from './walk';
import { indexValue } from './indexValue';
import { entriesOf, type Budget } from './budget';
import { assembleSlices } from './slices';

export type { World };

export { Budget } from './budget';

export interface CallRecord {
  readonly node: CallExpr;
  readonly builtin: Builtin;
  readonly args: readonly Value[];
  readonly output: Value;
}

/** What the evaluator needs from the checker. */
export interface EvalHost {
  readonly scope: ProblemScope;
  readonly budget: Budget;
  /** Whether some problem of this homework declares `name` a count unit: then it is a unit only where declared. */
  isCountUnitDeclaredInHomework(name: string): boolean;
  /** `∂L/∂X` by reverse mode through the problem's definitions. */
  gradient(node: DerivativeExpr, world: World): Value;
  /** Built-in calls seen in the truth world (for the built-ins' steps). */
  onCall?(record: CallRecord): void;
  /** Where a bug caught while evaluating for the derivations (not for a verdict) is reported. */
  readonly internalErrors?: InternalErrorSink;
}

/** How deep user functions may call each other. */
const MAX_CALL_DEPTH = 64;

export class Evaluator implements Backend<Value> {
  private callDepth = 0;

  constructor(
    private readonly host: EvalHost,
    readonly world: World,
    private readonly scope: ProblemScope = host.scope,
  ) {}

  evaluate(expr: Expr): Value {
    return walk(expr, this);
  }

  number(value: number, node: Expr): Value {
    return literalValue(value, node);
  }

  name(node: NameRef): Value {
    const binding = this.scope.lookup(node.name);
    if (binding) {
      if (binding.kind === 'function')
        throw new EvalError('name.function-as-value', `${node.name} is a function: call it as ${node.name}(…)`);
      const value = valueInWorld(binding, this.world);
      if (value === undefined) throw new Unavailable(node.name);
      return value;
    }
    const constant = constantValue(node.name);
    if (constant) return constant;
    const unit = this.unit(node.name);
    if (unit) {
      this.host.budget.mathjs();
      return unit;
    }
    throw new EvalError('name.undefined', `${node.name} is not defined`);
  }

  /** A bare unit name as the quantity 1 unit, or undefined. */
  unit(name: string): Value | undefined {
    // A declared unit stays in the process-wide mathjs instance: it counts only where this homework declares it.
    const declaredSomewhere = this.host.isCountUnitDeclaredInHomework(name) || isDeclaredCountUnit(name);
    if (declaredSomewhere && !this.scope.isDeclaredUnit(name)) return undefined;
    return unitQuantity(name);
  }

  unknown(_node: UnknownValue): Value {
    throw new EvalError('value.unknown-position', '`?` stands only for a whole stated value, not inside an expression');
  }

  matrix(rows: Value[][], node: Expr): Value {
    // A ragged matrix of written numbers is the parser's error already.
    if (
      node.kind === 'matrix' &&
      rows.some((r) => r.length !== rows[0].length) &&
      node.rows.every((r) => r.every((e) => e.kind === 'number' || (e.kind === 'unary' && e.operand.kind === 'number')))
    ) {
      throw new Unavailable('a ragged matrix');
    }
    const blocks = rows.map((row) =>
      row.map((v) => {
        if (v.kind !== 'matrix') throw new UnitError('a matrix cannot hold quantities with units');
        return v;
      }),
    );
    const out = assembleBlocks(blocks);
    this.host.budget.tick(out.data.length);
    return out;
  }

  tensor(slices: Value[], node: TensorLiteral): Value {
    const parts = slices.map((v) => {
      if (v.kind !== 'matrix') throw new UnitError('a matrix cannot hold quantities with units');
      return v;
    });
    const out = assembleSlices(parts, node);
    this.host.budget.tick(out.data.length);
    return out;
  }

  range(start: Value, step: Value | undefined, end: Value, _node: RangeExpr): Value {
    const a = scalarOf(start, 'the start of a range');
    const s = step === undefined ? 1 : scalarOf(step, 'the step of a range');
    const b = scalarOf(end, 'the end of a range');
    if (s === 0) throw new DomainError('a range cannot have step 0');
    const count = Math.floor((b - a) / s + 1e-9) + 1;
    if (count > MAX_MATRIX_ENTRIES)
      throw new LimitError(
        'limit.matrix-size',
        `the range has ${count} entries, over the limit of ${MAX_MATRIX_ENTRIES}`,
      );
    if (count <= 0) throw new DomainError(`the range ${a}:${s}:${b} is empty`);
    this.host.budget.tick(count);
    const data = new Float64Array(count);
    for (let i = 0; i < count; i++) data[i] = a + i * s;
    return new Matrix(1, count, data);
  }

  negate(a: Value): Value {
    this.host.budget.tick(entriesOf(a));
    return UNARY_OPERATORS.neg.forward(a);
  }

  binary(op: BinaryOp, a: Value, b: Value): Value {
    this.host.budget.binary(op, a, b);
    return OPERATORS[op].forward(a, b);
  }

  transpose(a: Value): Value {
    this.host.budget.tick(entriesOf(a));
    return UNARY_OPERATORS.transpose.forward(a);
  }

  call(node: CallExpr, args: Value[], named: { name: string; value: Value }[]): Value {
    this.host.budget.tick(
      args.reduce((n, v) => n + entriesOf(v), 0) + named.reduce((n, a) => n + entriesOf(a.value), 0),
    );
    const name = node.callee.name;
    const binding = this.scope.lookup(name);
    if (binding && binding.kind === 'function' && !node.prime)
      return this.callFunction(name, binding.params ?? [], binding.expr!, args, named);
    if (binding && binding.kind !== 'function') {
      throw new EvalError(
        'call.not-a-function',
        `${name} is a value, not a function; write ${name} (…) with a space to multiply`,
      );
    }
    const builtin = findBuiltin(name);
    if (!builtin) throw new EvalError('call.unknown-function', `there is no function ${name}`);
    this.host.budget.mathjs();
    const resolved = resolveArguments(builtin, args, named);
    for (const v of resolved) {
      if (v.kind === 'quantity' && !builtin.acceptsQuantities)
        throw new UnitError(`${name} takes plain numbers, not quantities with units`);
    }
    if (node.prime) {
      if (!builtin.derivative)
        throw new EvalError(
          'call.no-derivative',
          `${name}' is not defined: only activations (${primedBuiltinNames().join(', ')}) have a derivative function`,
        );
      return builtin.derivative(resolved);
    }
    const output = builtin.forward(resolved);
    this.host.budget.tick(entriesOf(output));
    if (this.world === 'truth' && this.host.onCall) this.host.onCall({ node, builtin, args: resolved, output });
    return output;
  }

  private callFunction(
    name: string,
    params: readonly string[],
    body: Expr,
    args: Value[],
    named: { name: string; value: Value }[],
  ): Value {
    if (named.length > 0) throw new EvalError('call.unknown-parameter', `${name} takes its arguments by position`);
    if (args.length !== params.length) {
      throw new EvalError(
        'call.arity',
        `${name} takes ${params.length} argument${params.length === 1 ? '' : 's'} (${params.join(', ')}), not ${args.length}`,
      );
    }
    if (this.callDepth >= MAX_CALL_DEPTH)
      throw new LimitError('limit.nesting', `${name} calls itself more than ${MAX_CALL_DEPTH} levels deep`);
    const local = this.scope.child();
    params.forEach((p, i) => {
      local.define({
        key: p,
        kind: 'parameter',
        nameSpan: body.span,
        statementId: -1,
        truth: args[i],
        writer: args[i],
        references: [],
      });
    });
    const inner = new Evaluator(this.host, this.world, local);
    inner.callDepth = this.callDepth + 1;
    return inner.evaluate(body);
  }

  derivative(node: DerivativeExpr): Value {
    const key = derivativeKey(node.of.name, node.wrt.name, node.order);
    const given = this.scope.lookup(key);
    if (given) {
      const value = valueInWorld(given, this.world);
      if (value === undefined) throw new Unavailable(key);
      return value;
    }
    if (this.world !== 'truth') {
      const stated = this.scope.writerDerivative(key);
      if (stated) return this.world === 'unrounded' ? (stated.unrounded ?? stated.value) : stated.value;
    }
    return this.host.gradient(node, this.world);
  }

  index(target: Value, args: IndexArg<Value>[], node: IndexExpr): Value {
    const { value } = indexValue(target, args, node, (v) => v);
    this.host.budget.tick(value.size);
    return value;
  }
}

/**
 * Written numbers as values, shared by every node and every check that
 * writes the same number (values are never changed in place): a 1×1 matrix
 * costs about 250 bytes, and homework writes the same few numbers again
 * and again. Bounded; past it, each node keeps its own.
 */
const SHARED_LITERALS = new Map<number, Matrix>();
const MAX_SHARED_LITERALS = 4096;
/** A written number's value once the shared table is full: kept on its syntax node (a WeakMap costs the GC more). */
const LITERAL = Symbol('literal value');

/** A written number's value, made once per number (or per node, past the shared table). */
export function literalValue(value: number, node: Expr): Matrix {
  const shared = SHARED_LITERALS.get(value);
  // The table's keys do not tell 0 from -0.
  if (shared !== undefined && !Object.is(value, -0)) return shared;
  if (SHARED_LITERALS.size < MAX_SHARED_LITERALS && !Object.is(value, -0)) {
    const made = Matrix.scalar(value);
    SHARED_LITERALS.set(value, made);
    return made;
  }
  const holder = node as unknown as { [LITERAL]?: Matrix };
  return (holder[LITERAL] ??= Matrix.scalar(value));
}

function scalarOf(v: Value, what: string): number {
  if (v.kind !== 'matrix' || !v.isScalar) throw new EvalError('shape.not-scalar', `${what} must be a single number`);
  return v.scalarValue;
}

/**
 * `[a, b; c, d]` where every entry is 1×1, or a block matrix `[A, b]` whose
 * blocks line up (same rows within a block row, same total columns across).
 */
export function assembleBlocks(rows: Matrix[][]): Matrix {
  // `[X]` is X, whatever its rank (a block of a `;;;` literal); a tensor among other blocks has no place.
  if (rows.length === 1 && rows[0].length === 1) return rows[0][0];
  for (const row of rows)
    for (const m of row)
      if (m.isTensor)
        throw new EvalError(
          'shape.rank',
          `a block matrix joins matrices, and one block is ${m.shapeText()}: stack channels with \`;;\``,
        );
  const allScalars = rows.every((r) => r.every((m) => m.isScalar));
  if (allScalars && rows.some((r) => r.length !== rows[0].length)) {
    const i = rows.findIndex((r) => r.length !== rows[0].length);
    const entries = (n: number) => (n === 1 ? '1 entry' : `${n} entries`);
    throw new EvalError(
      'shape.block',
      `row ${i + 1} of the matrix has ${entries(rows[i].length)}, the first row has ${rows[0].length}`,
    );
  }
  if (allScalars) {
    const cols = rows[0]?.length ?? 0;
    const data = new Float64Array(rows.length * cols);
    rows.forEach((r, i) => r.forEach((m, j) => (data[i * cols + j] = m.data[0])));
    return new Matrix(rows.length, cols, data);
  }
  const rowHeights = rows.map((r, i) => {
    const h = r[0].rows;
    for (const m of r) {
      if (m.rows !== h)
        throw new EvalError('shape.block', `row ${i + 1} of the matrix joins blocks of ${h} and ${m.rows} rows`);
    }
    return h;
  });
  const widths = rows.map((r) => r.reduce((w, m) => w + m.cols, 0));
  const cols = widths[0];
  widths.forEach((w, i) => {
    if (w !== cols) throw new EvalError('shape.block', `row ${i + 1} of the matrix is ${w} wide, the first is ${cols}`);
  });
  const totalRows = rowHeights.reduce((a, b) => a + b, 0);
  if (totalRows * cols > MAX_MATRIX_ENTRIES)
    throw new LimitError(
      'limit.matrix-size',
      `the matrix would have ${totalRows * cols} entries, over the limit of ${MAX_MATRIX_ENTRIES}`,
    );
  const data = new Float64Array(totalRows * cols);
  let top = 0;
  rows.forEach((r, i) => {
    let left = 0;
    for (const m of r) {
      for (let a = 0; a < m.rows; a++)
        for (let b = 0; b < m.cols; b++) data[(top + a) * cols + left + b] = m.data[a * m.cols + b];
      left += m.cols;
    }
    top += rowHeights[i];
  });
  return new Matrix(totalRows, cols, data);
}

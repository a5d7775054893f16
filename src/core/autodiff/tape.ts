/**
 * Reverse-mode differentiation on a tape (a Wengert list).
 *
 * Every operation records its value, its inputs and its backward rule as it
 * runs forward. Because a node is recorded after its inputs, node ids are
 * already a topological order: `gradients` walks them from the root down in
 * a plain loop (no recursion, so a 10 000-node chain is no risk to the
 * stack) and accumulates the gradient of a node used several times.
 *
 *     const tape = new Tape();
 *     const w = tape.variable(Matrix.fromRows([[3]]), 'w');
 *     const x = tape.constant(Matrix.fromRows([[2]]), 'x');
 *     const y = applyBinary(tape, 'mul', w, x);        // y = w x
 *     tape.gradients(y).get(w.id);                     // [[2]]
 *
 * A constant (and anything computed from constants only) takes no gradient:
 * its backward rule is never called, and it gets no entry in the result.
 */
import type { Builtin } from '../solvers/builtin';
import type { BinaryOp } from '../syntax/ast';
import { EvalError } from '../values/errors';
import { Matrix } from '../values/value';
import { OPERATORS, UNARY_OPERATORS } from './operators';

export interface TapeNode {
  readonly id: number;
  readonly value: Matrix;
  readonly label?: string;
}

type BackwardRule = (g: Matrix) => readonly (Matrix | null)[];

/**
 * What a computed node is, for second derivatives (`secondOrder.ts`), which
 * rebuild its backward rule out of tape operations so that it can be
 * differentiated once more. A node recorded without one has no second
 * derivative: a Hessian through it is refused, not guessed.
 */
export type Operation =
  | { readonly kind: 'binary'; readonly op: BinaryOp }
  | { readonly kind: 'unary'; readonly op: 'neg' | 'transpose' }
  | { readonly kind: 'builtin'; readonly builtin: Builtin }
  /** The value passes unchanged (a named definition on the path). */
  | { readonly kind: 'identity' }
  /** A matrix literal: the inputs are its blocks, row by row, of these shapes. */
  | { readonly kind: 'blocks'; readonly shapes: readonly (readonly { rows: number; cols: number }[])[] };

interface Entry extends TapeNode {
  readonly inputs: readonly TapeNode[];
  readonly backward: BackwardRule | null;
  readonly operation?: Operation;
  /** A variable, or computed from one: gradients flow into it. */
  readonly needsGradient: boolean;
}

export class Tape {
  private readonly entries: Entry[] = [];

  /** The number of nodes recorded. */
  get size(): number {
    return this.entries.length;
  }

  /** A leaf we want the gradient for. */
  variable(value: Matrix, label?: string): TapeNode {
    return this.push(value, [], null, true, label);
  }

  /** A leaf no gradient flows into. */
  constant(value: Matrix, label?: string): TapeNode {
    return this.push(value, [], null, false, label);
  }

  /**
   * A computed node. `backward` maps the upstream gradient (the value's
   * shape) to one gradient per input (that input's shape), or null for an
   * input that takes none.
   */
  record(
    value: Matrix,
    inputs: readonly TapeNode[],
    backward: BackwardRule,
    label?: string,
    operation?: Operation,
  ): TapeNode {
    let needsGradient = false;
    for (const input of inputs) {
      if (this.entryOf(input).needsGradient) {
        needsGradient = true;
        break;
      }
    }
    return this.push(value, inputs, backward, needsGradient, label, operation);
  }

  /** The inputs a node was computed from (none for a leaf). */
  inputsOf(node: TapeNode): readonly TapeNode[] {
    return this.entryOf(node).inputs;
  }

  /** The node with this id, what it was computed by, and whether a gradient flows into it. */
  recordAt(id: number): {
    readonly node: TapeNode;
    readonly inputs: readonly TapeNode[];
    readonly operation?: Operation;
    readonly computed: boolean;
    readonly needsGradient: boolean;
  } {
    const entry = this.entries[id];
    return {
      node: entry,
      inputs: entry.inputs,
      operation: entry.operation,
      computed: entry.backward !== null,
      needsGradient: entry.needsGradient,
    };
  }

  /**
   * Gradient of a 1×1 root with respect to every node that leads to it
   * (seed 1), keyed by node id. Nodes not on a path to the root, constants
   * and nodes computed from constants only get no entry.
   */
  gradients(root: TapeNode): Map<number, Matrix> {
    const rootEntry = this.entryOf(root);
    if (!rootEntry.value.isScalar) {
      throw new EvalError(
        'gradient.not-scalar',
        `a gradient needs a scalar to differentiate, and this is a ${rootEntry.value.shapeText()} matrix`,
      );
    }
    const grads = new Map<number, Matrix>();
    if (!rootEntry.needsGradient) return grads;
    // Gradients this walk allocated itself may be accumulated into in place;
    // the others may be shared with a backward rule's inputs and are copied first.
    const owned = new Set<number>();
    grads.set(root.id, Matrix.scalar(1));
    for (let id = root.id; id >= 0; id--) {
      const entry = this.entries[id];
      if (entry.backward === null) continue;
      const g = grads.get(id);
      if (g === undefined) continue;
      const inputGrads = entry.backward(g);
      for (let i = 0; i < entry.inputs.length; i++) {
        const input = entry.inputs[i];
        const inputGrad = inputGrads[i];
        if (inputGrad === null || inputGrad === undefined) continue;
        const inputEntry = this.entries[input.id];
        if (!inputEntry.needsGradient) continue;
        if (!inputGrad.sameShape(input.value)) {
          throw new EvalError(
            'gradient.shape',
            `internal: the backward rule of ${entry.label ?? `node ${id}`} gave a ${inputGrad.shapeText()} gradient for a ${input.value.shapeText()} input`,
          );
        }
        accumulate(grads, owned, input.id, inputGrad);
      }
    }
    return grads;
  }

  private push(
    value: Matrix,
    inputs: readonly TapeNode[],
    backward: BackwardRule | null,
    needsGradient: boolean,
    label?: string,
    operation?: Operation,
  ): TapeNode {
    const entry: Entry = { id: this.entries.length, value, label, inputs, backward, needsGradient, operation };
    this.entries.push(entry);
    return entry;
  }

  private entryOf(node: TapeNode): Entry {
    const entry = this.entries[node.id];
    if (entry !== node) throw new EvalError('gradient.foreign-node', 'internal: a node from another tape');
    return entry;
  }
}

function accumulate(grads: Map<number, Matrix>, owned: Set<number>, id: number, g: Matrix): void {
  const existing = grads.get(id);
  if (existing === undefined) {
    grads.set(id, g);
    return;
  }
  let target = existing;
  if (!owned.has(id)) {
    target = new Matrix(existing.rows, existing.cols, Float64Array.from(existing.data), existing.lead);
    grads.set(id, target);
    owned.add(id);
  }
  const t = target.data;
  const d = g.data;
  for (let i = 0; i < t.length; i++) t[i] += d[i];
}

function expectMatrix(value: unknown, what: string): Matrix {
  if (value instanceof Matrix) return value;
  throw new EvalError('gradient.not-matrix', `${what} has a unit; gradients work on plain numbers and matrices`);
}

/** Records `a op b` (forward now, its backward rule for later). */
export function applyBinary(tape: Tape, op: BinaryOp, a: TapeNode, b: TapeNode, label?: string): TapeNode {
  const operator = OPERATORS[op];
  const av = a.value;
  const bv = b.value;
  const out = expectMatrix(operator.forward(av, bv), op);
  return tape.record(out, [a, b], (g) => operator.backward(g, av, bv, out), label, { kind: 'binary', op });
}

/** Records `−a` or `aᵀ`. */
export function applyUnary(tape: Tape, op: 'neg' | 'transpose', a: TapeNode, label?: string): TapeNode {
  const operator = UNARY_OPERATORS[op];
  const av = a.value;
  const out = expectMatrix(operator.forward(av), op);
  return tape.record(out, [a], (g) => operator.backward(g, av, out), label, { kind: 'unary', op });
}

/**
 * Records a built-in call through its `forward` and `backward`. A built-in
 * without `backward` (piecewise constant, integer-valued) passes zero
 * gradients to its arguments.
 */
export function applyBuiltin(tape: Tape, builtin: Builtin, args: readonly TapeNode[], label?: string): TapeNode {
  const values = args.map((n) => n.value);
  const out = expectMatrix(builtin.forward(values), builtin.name);
  const rule = builtin.backward;
  // Asked only when a gradient flows through the call: a constant eig(A) is fine.
  const unsupported: BackwardRule = () => {
    throw new EvalError('gradient.unsupported', `gradients through ${builtin.name} are not supported`);
  };
  const backward: BackwardRule = builtin.noGradient
    ? unsupported
    : rule
      ? (g) => rule.call(builtin, g, values, out)
      : () => values.map((v) => Matrix.zerosLike(v));
  return tape.record(out, args, backward, label, { kind: 'builtin', builtin });
}

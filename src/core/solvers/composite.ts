/**
 * Built-ins made of other operations (the layers: batch norm, attention,
 * LSTM cells…). A layer writes its forward computation once, on a `Graph`;
 * the same code gives the forward value (on constants) and the backward
 * rule (on variables, differentiated by the autodiff tape through the
 * operators' own rules). So a layer's backward can never drift from its
 * forward.
 *
 *     const layer = compositeBuiltin({ …, build: (g, [x, w]) => g.call(tanh, g.matmul(x, g.t(w))) });
 *     layer.forward([X, W])               // tanh(X Wᵀ)
 *     layer.backward(G, [X, W], out)      // [∂/∂X, ∂/∂W] of Σ G ⊙ out
 */
import { applyBinary, applyBuiltin, applyUnary, Tape, type TapeNode } from '../autodiff/tape';
import type { SolverStep } from '../model';
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin, BuiltinParam } from './builtin';
import { matrixArg } from './common';
import { sum } from './reductions';

/** Softmax along each row (over the keys in attention); a local operation, not a built-in of the language. */
const rowSoftmax: Builtin = {
  name: 'row_softmax',
  signature: 'row_softmax(x)',
  summary: 'Softmax along each row.',
  example: '',
  params: [{ name: 'x' }],
  forward(args) {
    const x = args[0] as Matrix;
    const out = Matrix.zeros(x.rows, x.cols);
    for (let i = 0; i < x.rows; i++) {
      let max = -Infinity;
      for (let j = 0; j < x.cols; j++) max = Math.max(max, x.data[i * x.cols + j]);
      let total = 0;
      for (let j = 0; j < x.cols; j++) {
        // A row of −∞ (everything masked) has no softmax: NaN, refused by the caller.
        const e = Math.exp(x.data[i * x.cols + j] - max);
        out.data[i * x.cols + j] = e;
        total += e;
      }
      for (let j = 0; j < x.cols; j++) out.data[i * x.cols + j] /= total;
    }
    return out;
  },
  backward(upstream, _args, output) {
    const grad = Matrix.zeros(output.rows, output.cols);
    for (let i = 0; i < output.rows; i++) {
      let dot = 0;
      for (let j = 0; j < output.cols; j++)
        dot += output.data[i * output.cols + j] * upstream.data[i * output.cols + j];
      for (let j = 0; j < output.cols; j++) {
        const k = i * output.cols + j;
        grad.data[k] = output.data[k] * (upstream.data[k] - dot);
      }
    }
    return [grad];
  },
};

/** The operations a layer is written with, recorded on a tape. */
export class Graph {
  constructor(readonly tape: Tape) {}

  constant(m: Matrix): TapeNode {
    return this.tape.constant(m);
  }

  scalar(x: number): TapeNode {
    return this.tape.constant(Matrix.scalar(x));
  }

  add(a: TapeNode, b: TapeNode): TapeNode {
    return applyBinary(this.tape, 'add', a, b);
  }

  sub(a: TapeNode, b: TapeNode): TapeNode {
    return applyBinary(this.tape, 'sub', a, b);
  }

  /** The matrix product (a scalar scales). */
  matmul(a: TapeNode, b: TapeNode): TapeNode {
    return applyBinary(this.tape, 'mul', a, b);
  }

  hadamard(a: TapeNode, b: TapeNode): TapeNode {
    return applyBinary(this.tape, 'hadamard', a, b);
  }

  div(a: TapeNode, b: TapeNode): TapeNode {
    return applyBinary(this.tape, 'div', a, b);
  }

  scale(a: TapeNode, k: number): TapeNode {
    return this.hadamard(a, this.scalar(k));
  }

  t(a: TapeNode): TapeNode {
    return applyUnary(this.tape, 'transpose', a);
  }

  call(builtin: Builtin, ...args: TapeNode[]): TapeNode {
    return applyBuiltin(this.tape, builtin, args);
  }

  sum(a: TapeNode): TapeNode {
    return this.call(sum, a);
  }

  rowSoftmax(a: TapeNode): TapeNode {
    return this.call(rowSoftmax, a);
  }

  /** A 1×c row repeated on n rows (a scalar stays a scalar, broadcasting by itself). */
  rows(row: TapeNode, n: number): TapeNode {
    if (row.value.isScalar) return row;
    return this.matmul(this.constant(filled(n, 1, 1)), row);
  }

  /** An r×1 column repeated in n columns. */
  cols(column: TapeNode, n: number): TapeNode {
    if (column.value.isScalar) return column;
    return this.matmul(column, this.constant(filled(1, n, 1)));
  }

  /** X + b with b a 1×c row added to each row, or a scalar. */
  addRow(x: TapeNode, b: TapeNode): TapeNode {
    return this.add(x, this.rows(b, x.value.rows));
  }

  /** The mean of each column, as a 1×c row. */
  columnMeans(x: TapeNode): TapeNode {
    const n = x.value.rows;
    return this.scale(this.matmul(this.constant(filled(1, n, 1)), x), 1 / n);
  }

  /** The mean of each row, as an r×1 column. */
  rowMeans(x: TapeNode): TapeNode {
    const n = x.value.cols;
    return this.scale(this.matmul(x, this.constant(filled(n, 1, 1))), 1 / n);
  }

  /** Columns `from` to `to − 1` of x. */
  columns(x: TapeNode, from: number, to: number): TapeNode {
    const pick = Matrix.zeros(x.value.cols, to - from);
    for (let j = from; j < to; j++) pick.data[j * (to - from) + (j - from)] = 1;
    return this.matmul(x, this.constant(pick));
  }

  /** [a, b] side by side. */
  beside(a: TapeNode, b: TapeNode): TapeNode {
    const width = a.value.cols + b.value.cols;
    const left = Matrix.zeros(a.value.cols, width);
    for (let j = 0; j < a.value.cols; j++) left.data[j * width + j] = 1;
    const right = Matrix.zeros(b.value.cols, width);
    for (let j = 0; j < b.value.cols; j++) right.data[j * width + a.value.cols + j] = 1;
    return this.add(this.matmul(a, this.constant(left)), this.matmul(b, this.constant(right)));
  }
}

function filled(rows: number, cols: number, value: number): Matrix {
  return new Matrix(rows, cols, new Float64Array(rows * cols).fill(value));
}

export interface CompositeSpec {
  readonly name: string;
  readonly signature: string;
  readonly summary: string;
  readonly example: string;
  readonly params: readonly BuiltinParam[];
  /** Which arguments take a gradient (the rest, masks and sizes, get none). */
  readonly differentiable: readonly boolean[];
  /** Checks the arguments' shapes and values; throws ShapeError / DomainError. */
  validate(args: readonly Matrix[]): void;
  build(graph: Graph, inputs: readonly TapeNode[], args: readonly Matrix[]): TapeNode;
  steps(args: readonly Matrix[], output: Matrix): readonly SolverStep[];
}

export function compositeBuiltin(spec: CompositeSpec): Builtin {
  const matrices = (args: readonly Value[]): Matrix[] => {
    const m = args.map((a, i) => matrixArg(spec.name, spec.params[i]?.name ?? `argument ${i + 1}`, a));
    spec.validate(m);
    return m;
  };
  return {
    name: spec.name,
    signature: spec.signature,
    summary: spec.summary,
    example: spec.example,
    params: spec.params,
    forward(args) {
      const m = matrices(args);
      const graph = new Graph(new Tape());
      let out: Matrix;
      try {
        out = spec.build(
          graph,
          m.map((a) => graph.constant(a)),
          m,
        ).value;
      } catch (e) {
        // An operation inside the layer failed: say which layer (`layernorm: division by zero`).
        if (e instanceof DomainError) throw new DomainError(`${spec.name}: ${e.message}`);
        throw e;
      }
      if (out.data.some((x) => !Number.isFinite(x)) && m.every((a) => a.data.every(Number.isFinite))) {
        throw new DomainError(`${spec.name}: the result is undefined for these arguments (a division by zero)`);
      }
      return out;
    },
    backward(upstream, args) {
      const m = matrices(args);
      const tape = new Tape();
      const graph = new Graph(tape);
      const inputs = m.map((a, i) => (spec.differentiable[i] ? tape.variable(a) : tape.constant(a)));
      const out = spec.build(graph, inputs, m);
      const loss = graph.sum(graph.hadamard(out, graph.constant(upstream)));
      const grads = tape.gradients(loss);
      return m.map((a, i) =>
        spec.differentiable[i] ? (grads.get(inputs[i].id) ?? Matrix.zeros(a.rows, a.cols)) : null,
      );
    },
    steps(args, output) {
      if (output.kind !== 'matrix') return [];
      return spec.steps(matrices(args), output);
    },
  };
}

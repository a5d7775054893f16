/**
 * Building matrices from vectors and matrices: the outer product, the
 * Kronecker product and the diagonal.
 *
 * Syntax:
 *
 *     outer(a, b)     a bᵀ for vectors a (m entries) and b (n entries), either orientation → m × n
 *     kron(A, B)      the Kronecker product: block (i, j) is A[i, j] · B
 *     diag(x)         a vector → the square matrix with it on the diagonal;
 *                     a matrix → its diagonal as a column
 *
 * Examples:
 *
 *     outer([1; 2], [3; 4; 5]) = [3, 4, 5; 6, 8, 10]
 *     kron([1, 2], [1; 1]) = [1, 2; 1, 2]
 *     diag([1; 2]) = [1, 0; 0, 2]
 *     diag([1, 2; 3, 4]) = [1; 4]
 *
 * Backward: outer → ∂a = G b, ∂b = Gᵀ a; kron → ∂A[i, j] = Σ G_block(i, j) ⊙ B,
 * ∂B = Σᵢⱼ A[i, j] G_block(i, j); diag → the diagonal of G (vector in), or
 * G's vector on a diagonal (matrix in).
 *
 * See also: dot, transpose, eye
 */
import { ShapeError } from '../values/errors';
import { Matrix } from '../values/value';
import type { Builtin } from './builtin';
import { allocate, matrixArg, shapeOf } from './common';
import { fnName, matrixLatex } from './stepLatex';

function vectorArg(fn: string, param: string, v: Parameters<typeof matrixArg>[2]): Matrix {
  const m = matrixArg(fn, param, v);
  if (m.rows !== 1 && m.cols !== 1) {
    throw new ShapeError(
      'call',
      shapeOf(m),
      { rows: m.size, cols: 1 },
      `${fn}: ${param} must be a vector, not ${m.shapeText()}`,
    );
  }
  return m;
}

function resultStep(fn: string, args: readonly Matrix[], output: Matrix): { latex: string } {
  return {
    latex: `${fnName(fn)}\\left(${args.map((a) => matrixLatex(a)).join(', ')}\\right) = ${matrixLatex(output)}`,
  };
}

export const outer: Builtin = {
  name: 'outer',
  signature: 'outer(a, b)',
  summary: 'The outer product a bᵀ of two vectors (either orientation): an m × n matrix.',
  example: 'outer([1; 2], [3; 4; 5]) = [3, 4, 5; 6, 8, 10]',
  params: [{ name: 'a' }, { name: 'b' }],
  forward(args) {
    const a = vectorArg('outer', 'a', args[0]);
    const b = vectorArg('outer', 'b', args[1]);
    const out = allocate('outer', a.size, b.size);
    for (let i = 0; i < a.size; i++) for (let j = 0; j < b.size; j++) out.data[i * b.size + j] = a.data[i] * b.data[j];
    return out;
  },
  backward(upstream, args) {
    const [a, b] = args;
    const ga = Matrix.zeros(a.rows, a.cols);
    const gb = Matrix.zeros(b.rows, b.cols);
    for (let i = 0; i < a.size; i++)
      for (let j = 0; j < b.size; j++) {
        const g = upstream.data[i * b.size + j];
        ga.data[i] += g * b.data[j];
        gb.data[j] += g * a.data[i];
      }
    return [ga, gb];
  },
  steps(args, output) {
    const a = matrixArg('outer', 'a', args[0]);
    const b = matrixArg('outer', 'b', args[1]);
    if (output.kind !== 'matrix') return [];
    return [{ latex: `(a b^{\\top})_{ij} = a_i b_j` }, resultStep('outer', [a, b], output)];
  },
};

export const kron: Builtin = {
  name: 'kron',
  signature: 'kron(A, B)',
  summary: 'The Kronecker product: the (m·p) × (n·q) block matrix whose block (i, j) is A[i, j] · B.',
  example: 'kron([1, 2], [1; 1]) = [1, 2; 1, 2]',
  params: [{ name: 'A' }, { name: 'B' }],
  forward(args) {
    const a = matrixArg('kron', 'A', args[0]);
    const b = matrixArg('kron', 'B', args[1]);
    const cols = a.cols * b.cols;
    const out = allocate('kron', a.rows * b.rows, cols);
    for (let i = 0; i < a.rows; i++)
      for (let j = 0; j < a.cols; j++)
        for (let k = 0; k < b.rows; k++)
          for (let l = 0; l < b.cols; l++)
            out.data[(i * b.rows + k) * cols + j * b.cols + l] = a.data[i * a.cols + j] * b.data[k * b.cols + l];
    return out;
  },
  backward(upstream, args) {
    const [a, b] = args;
    const cols = a.cols * b.cols;
    const ga = Matrix.zeros(a.rows, a.cols);
    const gb = Matrix.zeros(b.rows, b.cols);
    for (let i = 0; i < a.rows; i++)
      for (let j = 0; j < a.cols; j++)
        for (let k = 0; k < b.rows; k++)
          for (let l = 0; l < b.cols; l++) {
            const g = upstream.data[(i * b.rows + k) * cols + j * b.cols + l];
            ga.data[i * a.cols + j] += g * b.data[k * b.cols + l];
            gb.data[k * b.cols + l] += g * a.data[i * a.cols + j];
          }
    return [ga, gb];
  },
  steps(args, output) {
    const a = matrixArg('kron', 'A', args[0]);
    const b = matrixArg('kron', 'B', args[1]);
    if (output.kind !== 'matrix') return [];
    return [{ latex: `A \\otimes B = [\\,a_{ij} B\\,]` }, resultStep('kron', [a, b], output)];
  },
};

export const diag: Builtin = {
  name: 'diag',
  signature: 'diag(x)',
  summary: 'A vector → the square matrix with it on the diagonal; a matrix → its diagonal as a column.',
  example: 'diag([1; 2]) = [1, 0; 0, 2]',
  params: [{ name: 'x' }],
  forward(args) {
    const x = matrixArg('diag', 'x', args[0]);
    if (x.rows === 1 || x.cols === 1) {
      const n = x.size;
      const out = allocate('diag', n, n);
      for (let i = 0; i < n; i++) out.data[i * n + i] = x.data[i];
      return out;
    }
    const n = Math.min(x.rows, x.cols);
    const out = Matrix.zeros(n, 1);
    for (let i = 0; i < n; i++) out.data[i] = x.data[i * x.cols + i];
    return out;
  },
  backward(upstream, args) {
    const x = args[0];
    const g = Matrix.zeros(x.rows, x.cols);
    if (x.rows === 1 || x.cols === 1) {
      const n = x.size;
      for (let i = 0; i < n; i++) g.data[i] = upstream.data[i * n + i];
    } else {
      for (let i = 0; i < Math.min(x.rows, x.cols); i++) g.data[i * x.cols + i] = upstream.data[i];
    }
    return [g];
  },
  steps(args, output) {
    const x = matrixArg('diag', 'x', args[0]);
    if (output.kind !== 'matrix') return [];
    const note = x.rows === 1 || x.cols === 1 ? 'the vector on the diagonal' : 'the diagonal of the matrix';
    return [{ ...resultStep('diag', [x], output), note }];
  },
};

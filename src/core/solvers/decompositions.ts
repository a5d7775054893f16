/**
 * Decompositions of a real matrix: eigenvalues and eigenvectors, the
 * singular value decomposition, rank and the pseudo-inverse. The numerics
 * are ml-matrix's (EISPACK/JAMA-derived eigen and SVD routines); this file
 * orders, normalises and guards their results.
 *
 * Syntax:
 *
 *     eig(A)          eigenvalues of a square A, largest first, as a column
 *     eigvecs(A)      unit eigenvectors as the columns, in the order of eig(A)
 *     svd(A)          singular values, largest first, as a column (min(m, n) of them)
 *     svd_u(A)        U of the thin SVD A = U diag(σ) Vᵀ (m × k)
 *     svd_v(A)        V (n × k)
 *     rank(A, tol=auto)   singular values above tol; auto is max(m, n) · σ₁ · 2⁻⁵²
 *     pinv(A)         the Moore–Penrose pseudo-inverse (n × m)
 *     solve(A, b)     x with A x = b, A square and not singular (b a column or a matrix of columns)
 *     lstsq(A, b)     the least-squares x minimising ‖A x − b‖ (the minimum-norm one when A is rank-deficient)
 *
 * Examples:
 *
 *     eig([4, 1; 2, 3]) = [5; 2]
 *     eig([4, 1; 2, 3]) = [2; 5]          a claim about eigenvalues holds in any order
 *     eigvecs([2, 0; 0, 1]) = [1, 0; 0, 1]
 *     eigvecs([4, 1; 2, 3]) = [1, -1; 1, 2]   each column up to scale and sign
 *     svd([3, 2, 2; 2, 3, -2]) = [5; 3]
 *     rank([1, 2; 2, 4]) = 1
 *     pinv([1; 2]) = [0.2, 0.4]
 *     solve([3, 1; 1, 2], [9; 8]) = [2; 3]
 *     lstsq([1, 1; 1, 2; 1, 3], [1; 2; 2]) ≈ [0.6667; 0.5]
 *
 * Comparison: a value of eig compares as a multiset; the columns of eigvecs
 * up to scale and sign and in any order; the columns of svd_u and svd_v up
 * to sign (and scale). See values/equivalence.ts.
 *
 * Guards: a non-square matrix for eig/eigvecs/solve is a shape error, and so
 * is a b whose rows differ from A's; a singular A in solve (σ_min / σ_max
 * below n · ε) is a domain error; complex
 * eigenvalues, and a repeated eigenvalue or singular value for the vectors
 * (they are then not unique), are domain errors; a matrix with more than
 * 200 rows or columns is over the decomposition limit.
 *
 * Backward: solve → ∂b = A⁻ᵀ g, ∂A = −(A⁻ᵀ g) xᵀ. The others have none
 * (∂ through them is reported as unsupported), except rank, which is
 * piecewise constant.
 *
 * See also: det, inv, solve, lstsq, norm
 */
import {
  EigenvalueDecomposition,
  LuDecomposition,
  Matrix as MlMatrix,
  SingularValueDecomposition,
  pseudoInverse,
} from 'ml-matrix';
import type { SolverStep } from '../model';
import { DomainError, LimitError, ShapeError } from '../values/errors';
import { markEquivalence } from '../values/equivalence';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { matrixArg, scalarArg, shapeOf, transposed } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

/** Rows or columns beyond which a decomposition is refused (O(n³) work per check). */
export const MAX_DECOMPOSITION_SIDE = 200;

function decomposable(fn: string, v: Value | undefined, square: boolean): Matrix {
  const a = matrixArg(fn, 'A', v);
  if (a.rows > MAX_DECOMPOSITION_SIDE || a.cols > MAX_DECOMPOSITION_SIDE) {
    throw new LimitError(
      'limit.matrix-size',
      `${fn}: A is ${a.shapeText()}; decompositions take at most ${MAX_DECOMPOSITION_SIDE} rows and columns`,
    );
  }
  if (square && a.rows !== a.cols) {
    throw new ShapeError(
      'call',
      shapeOf(a),
      { rows: a.rows, cols: a.rows },
      `${fn}: A must be square, not ${a.shapeText()}`,
    );
  }
  for (const x of a.data) if (!Number.isFinite(x)) throw new DomainError(`${fn}: A has a non-finite entry`);
  return a;
}

function toMl(a: Matrix): MlMatrix {
  return new MlMatrix(
    Array.from({ length: a.rows }, (_, i) => Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols))),
  );
}

function fromMl(m: MlMatrix): Matrix {
  return Matrix.fromRows(m.to2DArray());
}

function column(values: readonly number[]): Matrix {
  return Matrix.fromRows(values.map((v) => [v]));
}

function maxAbs(a: Matrix): number {
  let m = 0;
  for (const x of a.data) m = Math.max(m, Math.abs(x));
  return m;
}

interface Eigen {
  readonly values: number[];
  /** Unit columns, in the order of `values`. */
  readonly vectors: Matrix;
}

const EIGEN_CACHE = new WeakMap<Matrix, Eigen>();

/** Real eigenvalues, largest first, with unit eigenvectors whose largest entry is positive. */
function eigen(fn: string, a: Matrix): Eigen {
  const cached = EIGEN_CACHE.get(a);
  if (cached) return cached;
  const n = a.rows;
  // Decomposed at unit scale (a power of two, so exactly): with entries near 1e300 the QR iteration
  // overflows to NaN and never ends. The eigenvalues scale back; the eigenvectors do not change.
  const largestEntry = maxAbs(a);
  const unit = largestEntry > 0 ? 2 ** Math.round(Math.log2(largestEntry)) : 1;
  const decomposition = new EigenvalueDecomposition(
    toMl(
      new Matrix(
        a.rows,
        a.cols,
        a.data.map((x) => x / unit),
      ),
    ),
  );
  const real = decomposition.realEigenvalues.map((x) => x * unit);
  const imaginary = decomposition.imaginaryEigenvalues.map((x) => x * unit);
  const scale = Math.max(1, largestEntry);
  const complex = imaginary.findIndex((b) => Math.abs(b) > 1e-10 * scale);
  if (complex >= 0) {
    const re = formatNumber(real[complex]);
    const im = formatNumber(Math.abs(imaginary[complex]));
    throw new DomainError(`${fn}: A has complex eigenvalues (${re} ± ${im}i); only real eigenvalues are checked`);
  }
  const order = real.map((_, i) => i).sort((i, j) => real[j] - real[i] || i - j);
  const raw = decomposition.eigenvectorMatrix;
  const vectors = Matrix.zeros(n, n);
  order.forEach((source, j) => {
    let norm = 0;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      const x = raw.get(i, source);
      norm += x * x;
      if (Math.abs(x) > Math.abs(largest) + 1e-12) largest = x;
    }
    const factor = (largest < 0 ? -1 : 1) / Math.sqrt(norm);
    for (let i = 0; i < n; i++) vectors.data[i * n + j] = raw.get(i, source) * factor;
  });
  const result = { values: order.map((i) => real[i]), vectors };
  EIGEN_CACHE.set(a, result);
  return result;
}

/** Two values this close are one repeated value: their vectors are not unique. */
function repeated(values: readonly number[], scale: number): number | undefined {
  for (let i = 1; i < values.length; i++) {
    if (Math.abs(values[i] - values[i - 1]) <= 1e-8 * Math.max(1, scale)) return values[i];
  }
  return undefined;
}

function valuesSteps(symbol: string, what: string, a: Matrix, output: Value): SolverStep[] {
  if (output.kind !== 'matrix') return [];
  return [{ latex: `A = ${matrixLatex(a)}`, note: what }, { latex: `${symbol} = ${matrixLatex(output)}` }];
}

export const eig: Builtin = {
  name: 'eig',
  signature: 'eig(A)',
  summary: 'Eigenvalues of a square matrix, largest first, as a column; a claim about them holds in any order.',
  example: 'eig([4, 1; 2, 3]) = [5; 2]',
  params: [{ name: 'A' }],
  noGradient: true,
  forward(args) {
    const a = decomposable('eig', args[0], true);
    return markEquivalence(column(eigen('eig', a).values), { kind: 'multiset' });
  },
  steps(args, output) {
    const a = matrixArg('eig', 'A', args[0]);
    const steps: SolverStep[] = [{ latex: `\\det(A - \\lambda I) = 0` }];
    if (a.rows === 2) {
      const tr = a.data[0] + a.data[3];
      const det = a.data[0] * a.data[3] - a.data[1] * a.data[2];
      steps.push({
        latex: `\\lambda^2 - (${formatNumber(tr)})\\lambda + (${formatNumber(det)}) = 0`,
        note: 'λ² − tr(A) λ + det(A) = 0',
      });
    }
    return [...steps, ...valuesSteps('\\lambda', 'the roots, largest first', a, output)];
  },
};

export const eigvecs: Builtin = {
  name: 'eigvecs',
  signature: 'eigvecs(A)',
  summary: 'Unit eigenvectors of a square matrix as columns, in the order of eig(A); compared up to scale and sign.',
  example: 'eigvecs([2, 0; 0, 1]) = [1, 0; 0, 1]',
  params: [{ name: 'A' }],
  noGradient: true,
  forward(args) {
    const a = decomposable('eigvecs', args[0], true);
    const { values, vectors } = eigen('eigvecs', a);
    const twice = repeated(values, maxAbs(a));
    if (twice !== undefined) {
      throw new DomainError(
        `eigvecs: the eigenvalue ${formatNumber(twice)} is repeated, so its eigenvectors are not unique; ` +
          `check A v = ${formatNumber(twice)} v instead`,
      );
    }
    return markEquivalence(vectors, { kind: 'column-directions', anyOrder: true });
  },
  steps(args, output) {
    const a = matrixArg('eigvecs', 'A', args[0]);
    const values = eig.forward([a]) as Matrix;
    return [
      { latex: `(A - \\lambda_j I)\\, v_j = 0`, note: `for λ = ${Array.from(values.data, formatNumber).join(', ')}` },
      ...valuesSteps('V', 'unit columns, largest entry positive', a, output),
    ];
  },
};

interface Svd {
  readonly values: number[];
  readonly u: Matrix;
  readonly v: Matrix;
}

const SVD_CACHE = new WeakMap<Matrix, Svd>();

function svdOf(a: Matrix): Svd {
  const cached = SVD_CACHE.get(a);
  if (cached) return cached;
  const d = new SingularValueDecomposition(toMl(a), { autoTranspose: true });
  const k = Math.min(a.rows, a.cols);
  const u = fromMl(d.leftSingularVectors.subMatrix(0, a.rows - 1, 0, k - 1));
  const v = fromMl(d.rightSingularVectors.subMatrix(0, a.cols - 1, 0, k - 1));
  // One sign per pair (uⱼ, vⱼ): the largest entry of vⱼ positive, so results do not depend on the routine.
  for (let j = 0; j < k; j++) {
    let largest = 0;
    for (let i = 0; i < v.rows; i++)
      if (Math.abs(v.data[i * k + j]) > Math.abs(largest) + 1e-12) largest = v.data[i * k + j];
    if (largest >= 0) continue;
    for (let i = 0; i < v.rows; i++) v.data[i * k + j] = -v.data[i * k + j];
    for (let i = 0; i < u.rows; i++) u.data[i * k + j] = -u.data[i * k + j];
  }
  const result = { values: d.diagonal.slice(0, k), u, v };
  SVD_CACHE.set(a, result);
  return result;
}

function singularVectors(name: 'svd_u' | 'svd_v', pick: (s: Svd) => Matrix, letter: string): Builtin {
  return {
    name,
    signature: `${name}(A)`,
    summary: `${letter} of the thin SVD A = U diag(σ) Vᵀ, columns in the order of svd(A); compared up to sign.`,
    example: name === 'svd_u' ? 'svd_u([3, 0; 0, -2]) = [1, 0; 0, -1]' : 'svd_v([3, 0; 0, -2]) = [1, 0; 0, 1]',
    params: [{ name: 'A' }],
    noGradient: true,
    forward(args) {
      const a = decomposable(name, args[0], false);
      const s = svdOf(a);
      const twice = repeated(s.values, s.values[0] ?? 0);
      if (twice !== undefined) {
        throw new DomainError(
          `${name}: the singular value ${formatNumber(twice)} is repeated, so the singular vectors are not unique`,
        );
      }
      return markEquivalence(pick(s), { kind: 'column-directions', anyOrder: false });
    },
    steps(args, output) {
      const a = matrixArg(name, 'A', args[0]);
      const values = svd.forward([a]) as Matrix;
      return [
        {
          latex: `A = U \\operatorname{diag}(\\sigma) V^{\\top}`,
          note: `σ = ${Array.from(values.data, formatNumber).join(', ')}`,
        },
        ...valuesSteps(letter, 'unit columns', a, output),
      ];
    },
  };
}

export const svd: Builtin = {
  name: 'svd',
  signature: 'svd(A)',
  summary: 'Singular values of a matrix, largest first, as a column (min(m, n) of them).',
  example: 'svd([3, 2, 2; 2, 3, -2]) = [5; 3]',
  params: [{ name: 'A' }],
  noGradient: true,
  forward(args) {
    const a = decomposable('svd', args[0], false);
    return column(svdOf(a).values);
  },
  steps(args, output) {
    const a = matrixArg('svd', 'A', args[0]);
    return [
      { latex: `\\sigma_i = \\sqrt{\\lambda_i(A^{\\top} A)}` },
      ...valuesSteps('\\sigma', 'largest first', a, output),
    ];
  },
};

export const svdU = singularVectors('svd_u', (s) => s.u, 'U');
export const svdV = singularVectors('svd_v', (s) => s.v, 'V');

export const rank: Builtin = {
  name: 'rank',
  signature: 'rank(A, tol=auto)',
  summary: 'The number of singular values above tol (auto: max(m, n) · σ₁ · 2⁻⁵², as NumPy).',
  example: 'rank([1, 2; 2, 4]) = 1',
  params: [{ name: 'A' }, { name: 'tol', default: -1 }],
  forward(args) {
    const a = decomposable('rank', args[0], false);
    const values = svdOf(a).values;
    const given = args[1] === undefined ? -1 : scalarArg('rank', 'tol', args[1]);
    const tol = given < 0 ? Math.max(a.rows, a.cols) * (values[0] ?? 0) * Number.EPSILON : given;
    return Matrix.scalar(values.filter((s) => s > tol).length);
  },
  steps(args, output) {
    const a = matrixArg('rank', 'A', args[0]);
    const values = svd.forward([a]) as Matrix;
    return [
      { latex: `\\sigma = ${matrixLatex(values)}` },
      {
        latex: `\\operatorname{rank} A = \\#\\{\\sigma_i > \\text{tol}\\} = ${output.kind === 'matrix' ? formatNumber(output.data[0]) : ''}`,
      },
    ];
  },
};

export const pinv: Builtin = {
  name: 'pinv',
  signature: 'pinv(A)',
  summary:
    'The Moore–Penrose pseudo-inverse A⁺ = V diag(1/σ) Uᵀ (n × m), singular values below the rank tolerance dropped.',
  example: 'pinv([1; 2]) = [0.2, 0.4]',
  params: [{ name: 'A' }],
  noGradient: true,
  forward(args) {
    const a = decomposable('pinv', args[0], false);
    // ml-matrix drops singular values up to max(m, n) · σ₁ · ε, the rank rule.
    return fromMl(pseudoInverse(toMl(a)));
  },
  steps(args, output) {
    const a = matrixArg('pinv', 'A', args[0]);
    if (output.kind !== 'matrix') return [];
    return [
      { latex: `A^{+} = V \\operatorname{diag}(1/\\sigma_i)\\, U^{\\top}` },
      { latex: `${fnName('pinv')}\\left(${matrixLatex(a)}\\right) = ${matrixLatex(output)}` },
    ];
  },
};

function rightHandSide(fn: string, a: Matrix, v: Value | undefined): Matrix {
  const b = matrixArg(fn, 'b', v);
  if (b.rows !== a.rows) {
    throw new ShapeError(
      'call',
      shapeOf(b),
      { rows: a.rows, cols: b.cols },
      `${fn}: b has ${b.rows} rows but A has ${a.rows}; they must match`,
    );
  }
  return b;
}

/** x with A x = b, or a domain error when A is singular to double precision. */
function solveSquare(a: Matrix, b: Matrix): Matrix {
  const values = svdOf(a).values;
  const smallest = values[values.length - 1] ?? 0;
  if (!(smallest > a.rows * Number.EPSILON * (values[0] ?? 0))) {
    throw new DomainError(
      `solve: A is singular (its smallest singular value is ${formatNumber(smallest)}), so A x = b has no unique solution; lstsq gives the least-squares one`,
    );
  }
  return fromMl(new LuDecomposition(toMl(a)).solve(toMl(b)));
}

function product(a: Matrix, b: Matrix): Matrix {
  const out = Matrix.zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let k = 0; k < a.cols; k++) {
      const x = a.data[i * a.cols + k];
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j] += x * b.data[k * b.cols + j];
    }
  return out;
}

export const solve: Builtin = {
  name: 'solve',
  signature: 'solve(A, b)',
  summary: 'The solution x of A x = b for a square, non-singular A (b a column or several columns).',
  example: 'solve([3, 1; 1, 2], [9; 8]) = [2; 3]',
  params: [{ name: 'A' }, { name: 'b' }],
  forward(args) {
    const a = decomposable('solve', args[0], true);
    return solveSquare(a, rightHandSide('solve', a, args[1]));
  },
  backward(upstream, args, output) {
    const a = args[0];
    const gb = solveSquare(transposed(a), upstream);
    const ga = product(gb, transposed(output));
    for (let i = 0; i < ga.data.length; i++) ga.data[i] = -ga.data[i];
    return [ga, gb];
  },
  steps(args, output) {
    const a = matrixArg('solve', 'A', args[0]);
    const b = matrixArg('solve', 'b', args[1]);
    if (output.kind !== 'matrix') return [];
    return [
      { latex: `${matrixLatex(a)}\\, x = ${matrixLatex(b)}`, note: 'by LU elimination' },
      { latex: `x = ${matrixLatex(output)}` },
    ];
  },
};

export const lstsq: Builtin = {
  name: 'lstsq',
  signature: 'lstsq(A, b)',
  summary: 'The least-squares solution x = A⁺ b minimising ‖A x − b‖ (the minimum-norm one if A is rank-deficient).',
  example: 'lstsq([1, 1; 1, 2; 1, 3], [1; 2; 2]) ≈ [0.6667; 0.5]',
  params: [{ name: 'A' }, { name: 'b' }],
  noGradient: true,
  forward(args) {
    const a = decomposable('lstsq', args[0], false);
    const b = rightHandSide('lstsq', a, args[1]);
    return product(fromMl(pseudoInverse(toMl(a))), b);
  },
  steps(args, output) {
    const a = matrixArg('lstsq', 'A', args[0]);
    const b = matrixArg('lstsq', 'b', args[1]);
    if (output.kind !== 'matrix') return [];
    return [
      {
        latex: `\\min_x \\lVert A x - b \\rVert, \\quad x = A^{+} b`,
        note: 'the normal equations AᵀA x = Aᵀb when A has full column rank',
      },
      { latex: `x = ${matrixLatex(a)}^{+} ${matrixLatex(b)} = ${matrixLatex(output)}` },
    ];
  },
};

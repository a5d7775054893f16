/**
 * Linear algebra: transpose, det, inv, trace, dot, norm, eye, zeros, ones,
 * shape, numel.
 *
 * Syntax:
 *
 *     transpose(A)          also written Aᵀ or A^T
 *     det(A)   inv(A)   trace(A)          A square
 *     dot(a, b)             vectors of equal length, either orientation → 1×1
 *     norm(x, ord=fro)      Frobenius norm (the 2-norm of a vector); ord = 1, 2 or inf:
 *                           the vector p-norm, or for a matrix the induced norm
 *                           (1: largest column sum of |entries|, 2: largest singular value,
 *                           inf: largest row sum)
 *     eye(n)   zeros(rows, cols=rows)   ones(rows, cols=rows)
 *     shape(A)              the 1×2 row [rows, cols]
 *     numel(A)              the number of entries
 *
 * Examples:
 *
 *     transpose([1, 2; 3, 4]) = [1, 3; 2, 4]
 *     det([1, 2; 3, 4]) = -2
 *     inv([2, 0; 0, 4]) = [0.5, 0; 0, 0.25]
 *     trace([1, 2; 3, 4]) = 5
 *     dot([1; 2; 3], [4, 5, 6]) = 32
 *     norm([3; 4]) = 5
 *     norm([3; -4], 1) = 7
 *     norm([3; -4], inf) = 4
 *     norm([1, 2; 3, 4], 1) = 6
 *     shape([1, 2, 3; 4, 5, 6]) = [2, 3]
 *
 * Backward: transpose → gᵀ; det → g · det(A) · A⁻ᵀ (the cofactor matrix,
 * also for a singular A); inv → −A⁻ᵀ g A⁻ᵀ; trace → g · I; dot → g·b and
 * g·a; norm → g · x / ‖x‖ (0 at x = 0), for ord 1 / inf g · sign on the
 * winning line, for a matrix's 2-norm g · u₁v₁ᵀ. eye, zeros, ones, shape and numel
 * are constant in their arguments: no backward.
 *
 * DomainError for inv of a singular matrix; ShapeError for a non-square
 * matrix where one is needed and for vectors of different lengths.
 *
 * See also: sum, mean
 */
import type { SolverStep } from '../model';
import { DomainError, ShapeError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import {
  allocate,
  guardFinite,
  integerArg,
  matrixArg,
  scalarArg,
  scaled,
  shapeOf,
  sizeArgs,
  STEP_ENTRY_CAP,
  sumOfProducts,
  transposed,
} from './common';
import { svd, svdU, svdV } from './decompositions';
import { factor, fnName, formatNumber, matrixLatex } from './stepLatex';
import { checkShape } from '../values/tensorOps';
import { formatValue } from '../values/format';

// ------------------------------------------------------------------ helpers

function matmul(a: Matrix, b: Matrix): Matrix {
  const out = Matrix.zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const x = a.data[i * a.cols + k];
      if (x === 0) continue;
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j] += x * b.data[k * b.cols + j];
    }
  }
  return out;
}

function squareArg(fn: string, v: Value | undefined): Matrix {
  const a = matrixArg(fn, 'A', v);
  if (a.rows !== a.cols) {
    throw new ShapeError(
      'call',
      shapeOf(a),
      { rows: a.rows, cols: a.rows },
      `${fn}: A is ${a.shapeText()}; ${fn} needs a square matrix`,
    );
  }
  return a;
}

/** Determinant by LU elimination with partial pivoting. */
function determinant(a: Matrix): number {
  const n = a.rows;
  if (n === 0) return 1;
  const m = Float64Array.from(a.data);
  let det = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[pivot * n + col])) pivot = r;
    const p = m[pivot * n + col];
    if (p === 0) return 0;
    if (pivot !== col) {
      for (let j = 0; j < n; j++) [m[col * n + j], m[pivot * n + j]] = [m[pivot * n + j], m[col * n + j]];
      det = -det;
    }
    det *= p;
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col] / p;
      if (f === 0) continue;
      for (let j = col; j < n; j++) m[r * n + j] -= f * m[col * n + j];
    }
  }
  return det;
}

/** Inverse by Gauss–Jordan elimination; undefined when singular (to working precision). */
function inverse(a: Matrix): Matrix | undefined {
  const n = a.rows;
  const m = Float64Array.from(a.data);
  const inv = Matrix.zeros(n, n);
  for (let i = 0; i < n; i++) inv.data[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < m.length; i++) scale = Math.max(scale, Math.abs(m[i]));
  const tiny = scale * n * Number.EPSILON;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[pivot * n + col])) pivot = r;
    if (Math.abs(m[pivot * n + col]) <= tiny) return undefined;
    if (pivot !== col) {
      for (let j = 0; j < n; j++) {
        [m[col * n + j], m[pivot * n + j]] = [m[pivot * n + j], m[col * n + j]];
        [inv.data[col * n + j], inv.data[pivot * n + j]] = [inv.data[pivot * n + j], inv.data[col * n + j]];
      }
    }
    const p = m[col * n + col];
    for (let j = 0; j < n; j++) {
      m[col * n + j] /= p;
      inv.data[col * n + j] /= p;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r * n + col];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        m[r * n + j] -= f * m[col * n + j];
        inv.data[r * n + j] -= f * inv.data[col * n + j];
      }
    }
  }
  return inv;
}

/** The cofactor matrix C (C_ij = (−1)^(i+j) M_ij): ∂det/∂A, defined for singular A too. */
function cofactors(a: Matrix): Matrix {
  const n = a.rows;
  const out = Matrix.zeros(n, n);
  if (n === 1) {
    out.data[0] = 1;
    return out;
  }
  const minor = Matrix.zeros(n - 1, n - 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let k = 0;
      for (let r = 0; r < n; r++) {
        if (r === i) continue;
        for (let c = 0; c < n; c++) if (c !== j) minor.data[k++] = a.data[r * n + c];
      }
      out.data[i * n + j] = ((i + j) % 2 === 0 ? 1 : -1) * determinant(minor);
    }
  }
  return out;
}

/** Larger singular matrices would make the cofactor expansion (n² determinants) too slow. */
const COFACTOR_LIMIT = 40;

function vectorArg(fn: string, param: string, v: Value | undefined): Matrix {
  const m = matrixArg(fn, param, v);
  if (m.rows !== 1 && m.cols !== 1) {
    throw new ShapeError(
      'call',
      shapeOf(m),
      { rows: m.size, cols: 1 },
      `${fn}: ${param} is ${m.shapeText()}, not a vector`,
    );
  }
  return m;
}

function reshapedLike(data: Float64Array, like: Matrix): Matrix {
  return new Matrix(like.rows, like.cols, data);
}

// ------------------------------------------------------------------ built-ins

export const transpose: Builtin = {
  name: 'transpose',
  signature: 'transpose(A)',
  summary: 'The transpose Aᵀ (also written Aᵀ or A^T).',
  example: 'transpose([1, 2; 3, 4]) = [1, 3; 2, 4]',
  params: [{ name: 'A' }],
  forward: (args) => transposed(matrixArg('transpose', 'A', args[0])),
  backward: (upstream) => [transposed(upstream)],
  steps(args, output) {
    const a = matrixArg('transpose', 'A', args[0]);
    return [
      {
        latex: `${matrixLatex(a)}^\\top = ${output.kind === 'matrix' ? matrixLatex(output) : ''}`,
        note: 'rows become columns',
      },
    ];
  },
};

export const det: Builtin = {
  name: 'det',
  signature: 'det(A)',
  summary: 'The determinant of a square matrix.',
  example: 'det([1, 2; 3, 4]) = -2',
  params: [{ name: 'A' }],
  forward(args) {
    const a = squareArg('det', args[0]);
    return guardFinite('det', Matrix.scalar(determinant(a)), [a]);
  },
  backward(upstream, args, output) {
    const a = squareArg('det', args[0]);
    const g = upstream.data[0];
    const d = output.data[0];
    const inv = d !== 0 ? inverse(a) : undefined;
    if (inv) return [scaled(transposed(inv), g * d)];
    if (a.rows > COFACTOR_LIMIT)
      throw new DomainError(
        `det: the gradient at a singular ${a.shapeText()} matrix is not computed (over ${COFACTOR_LIMIT}×${COFACTOR_LIMIT})`,
      );
    return [scaled(cofactors(a), g)];
  },
  steps(args, output) {
    const a = squareArg('det', args[0]);
    const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
    const e = (i: number, j: number): number => a.data[i * a.cols + j];
    if (a.rows === 2) {
      return [
        { latex: `\\det\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix} = ad - bc` },
        {
          latex: `\\det ${matrixLatex(a)} = ${factor(e(0, 0))}\\cdot ${factor(e(1, 1))} - ${factor(e(0, 1))}\\cdot ${factor(e(1, 0))} = ${value}`,
        },
      ];
    }
    if (a.rows === 3) {
      const minor = (j: number): string => {
        const [c1, c2] = [0, 1, 2].filter((c) => c !== j);
        return `(${factor(e(1, c1))}\\cdot ${factor(e(2, c2))} - ${factor(e(1, c2))}\\cdot ${factor(e(2, c1))})`;
      };
      return [
        {
          latex: `\\det A = a_{11}(a_{22}a_{33} - a_{23}a_{32}) - a_{12}(a_{21}a_{33} - a_{23}a_{31}) + a_{13}(a_{21}a_{32} - a_{22}a_{31})`,
          note: 'expansion along the first row',
        },
        {
          latex: `= ${factor(e(0, 0))}${minor(0)} - ${factor(e(0, 1))}${minor(1)} + ${factor(e(0, 2))}${minor(2)} = ${value}`,
        },
      ];
    }
    return [
      {
        latex: `\\det ${matrixLatex(a)} = ${value}`,
        note: 'by elimination: the product of the pivots, with a sign per row swap',
      },
    ];
  },
};

export const inv: Builtin = {
  name: 'inv',
  signature: 'inv(A)',
  summary: 'The inverse of a square, non-singular matrix.',
  example: 'inv([2, 0; 0, 4]) = [0.5, 0; 0, 0.25]',
  params: [{ name: 'A' }],
  forward(args) {
    const a = squareArg('inv', args[0]);
    const result = inverse(a);
    if (!result)
      throw new DomainError(
        `inv: the ${a.shapeText()} matrix is singular (its determinant is 0), so it has no inverse`,
      );
    return guardFinite('inv', result, [a]);
  },
  backward(upstream, _args, output) {
    const t = transposed(output);
    return [scaled(matmul(matmul(t, upstream), t), -1)];
  },
  steps(args, output) {
    const a = squareArg('inv', args[0]);
    if (output.kind !== 'matrix') return [];
    if (a.rows === 2) {
      const [p, q, r, s] = a.data;
      const d = p * s - q * r;
      return [
        {
          latex: `\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}^{-1} = \\frac{1}{ad - bc}\\begin{bmatrix} d & -b \\\\ -c & a \\end{bmatrix}`,
        },
        {
          latex: `${matrixLatex(a)}^{-1} = \\frac{1}{${formatNumber(d)}}${matrixLatex(
            Matrix.fromRows([
              [s, -q],
              [-r, p],
            ]),
          )} = ${matrixLatex(output)}`,
          note: `ad − bc = ${formatNumber(p)}·${formatNumber(s)} − ${formatNumber(q)}·${formatNumber(r)}`,
        },
      ];
    }
    return [
      { latex: `${matrixLatex(a)}^{-1} = ${matrixLatex(output)}`, note: 'by Gauss–Jordan elimination on [A | I]' },
    ];
  },
};

export const trace: Builtin = {
  name: 'trace',
  signature: 'trace(A)',
  summary: 'The sum of the diagonal of a square matrix.',
  example: 'trace([1, 2; 3, 4]) = 5',
  params: [{ name: 'A' }],
  forward(args) {
    const a = squareArg('trace', args[0]);
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += a.data[i * a.cols + i];
    return guardFinite('trace', Matrix.scalar(s), [a]);
  },
  backward(upstream, args) {
    const n = args[0].rows;
    const grad = Matrix.zeros(n, n);
    for (let i = 0; i < n; i++) grad.data[i * n + i] = upstream.data[0];
    return [grad];
  },
  steps(args, output) {
    const a = squareArg('trace', args[0]);
    const diagonal = Array.from({ length: Math.min(a.rows, STEP_ENTRY_CAP) }, (_, i) => a.data[i * a.cols + i]);
    const sum = diagonal.map((x, i) => (i > 0 && x < 0 ? `(${formatNumber(x)})` : formatNumber(x))).join(' + ');
    return [
      {
        latex: `\\operatorname{tr} ${matrixLatex(a)} = ${a.rows <= STEP_ENTRY_CAP ? `${sum} = ` : ''}${output.kind === 'matrix' ? formatNumber(output.data[0]) : ''}`,
      },
    ];
  },
};

export const dot: Builtin = {
  name: 'dot',
  signature: 'dot(a, b)',
  summary: 'The dot product Σ aᵢbᵢ of two vectors of equal length (either orientation).',
  example: 'dot([1; 2; 3], [4, 5, 6]) = 32',
  params: [{ name: 'a' }, { name: 'b' }],
  forward(args) {
    const a = vectorArg('dot', 'a', args[0]);
    const b = vectorArg('dot', 'b', args[1]);
    if (a.size !== b.size) {
      throw new ShapeError(
        'call',
        shapeOf(b),
        shapeOf(a),
        `dot: a has ${a.size} entries and b has ${b.size}; they must have the same length`,
      );
    }
    return guardFinite('dot', Matrix.scalar(sumOfProducts(a, b)), [a, b]);
  },
  backward(upstream, args) {
    const [a, b] = args;
    const g = upstream.data[0];
    return [
      reshapedLike(
        b.data.map((x) => g * x),
        a,
      ),
      reshapedLike(
        a.data.map((x) => g * x),
        b,
      ),
    ];
  },
  steps(args, output) {
    const a = vectorArg('dot', 'a', args[0]);
    const b = vectorArg('dot', 'b', args[1]);
    const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
    if (a.size > STEP_ENTRY_CAP)
      return [{ latex: `a \\cdot b = \\sum_i a_i b_i = ${value}`, note: `over ${a.size} entries` }];
    const products = Array.from(a.data, (x, i) => `${factor(x)}\\cdot ${factor(b.data[i])}`);
    return [{ latex: `a \\cdot b = \\sum_i a_i b_i = ${products.join(' + ')} = ${value}` }];
  },
};

/** How `norm` measures: its `ord` argument, with the default resolved by the shape. */
type NormOrder = 'frobenius' | 1 | 2 | 'max';

function normOrder(x: Matrix, v: Value | undefined): NormOrder {
  const o = v === undefined ? -1 : scalarArg('norm', 'ord', v);
  const vector = x.rows === 1 || x.cols === 1;
  if (o === -1) return 'frobenius';
  if (o === Infinity) return 'max';
  if (o === 1) return 1;
  if (o === 2) return vector ? 'frobenius' : 2;
  throw new DomainError(`norm: the order must be 1, 2 or inf, not ${o}`);
}

function frobenius(x: Matrix): number {
  // hypot-style scaling so large entries do not overflow the sum of squares.
  let scale = 0;
  for (let i = 0; i < x.data.length; i++) scale = Math.max(scale, Math.abs(x.data[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < x.data.length; i++) s += (x.data[i] / scale) ** 2;
  return scale * Math.sqrt(s);
}

/**
 * The 1- or ∞-norm as a sum of |entries| along the lines (columns for 1,
 * rows for ∞) of a matrix, the largest line winning; a vector is one line
 * for 1 and each entry its own line for ∞. Returns the norm and the line.
 */
function lineNorm(x: Matrix, order: 1 | 'max'): { value: number; line: number[] } {
  const vector = x.rows === 1 || x.cols === 1;
  const lines: number[][] = [];
  if (vector) {
    if (order === 1) lines.push(Array.from(x.data.keys()));
    else for (let i = 0; i < x.size; i++) lines.push([i]);
  } else if (order === 1) {
    for (let j = 0; j < x.cols; j++) lines.push(Array.from({ length: x.rows }, (_, i) => i * x.cols + j));
  } else {
    for (let i = 0; i < x.rows; i++) lines.push(Array.from({ length: x.cols }, (_, j) => i * x.cols + j));
  }
  let best = { value: -1, line: [] as number[] };
  for (const line of lines) {
    const value = line.reduce((s, k) => s + Math.abs(x.data[k]), 0);
    if (value > best.value) best = { value, line };
  }
  return best;
}

export const norm: Builtin = {
  name: 'norm',
  signature: 'norm(x, ord=fro)',
  summary:
    'The Frobenius norm √(Σ xᵢ²) (the 2-norm of a vector); ord=1, 2 or inf: the vector p-norm, or the induced matrix norm.',
  example: 'norm([3; 4]) = 5',
  params: [{ name: 'x' }, { name: 'ord', default: -1 }],
  forward(args) {
    const x = matrixArg('norm', 'x', args[0]);
    const order = normOrder(x, args[1]);
    if (order === 'frobenius') return Matrix.scalar(frobenius(x));
    if (order === 2) return Matrix.scalar((svd.forward([x]) as Matrix).data[0]);
    return Matrix.scalar(lineNorm(x, order).value);
  },
  backward(upstream, args, output) {
    const x = args[0];
    const order = normOrder(x, args[1]);
    const g = upstream.data[0];
    const n = output.data[0];
    // The order takes no gradient; it is there only when it was passed.
    const withOrder = (grad: Matrix) => (args.length > 1 ? [grad, null] : [grad]);
    if (order === 'frobenius') return withOrder(n === 0 ? Matrix.zeros(x.rows, x.cols) : scaled(x, g / n));
    if (order === 2) {
      // ∂σ₁/∂X = u₁ v₁ᵀ (σ₁ not repeated).
      const u = svdU.forward([x]) as Matrix;
      const v = svdV.forward([x]) as Matrix;
      const grad = Matrix.zeros(x.rows, x.cols);
      for (let i = 0; i < x.rows; i++)
        for (let j = 0; j < x.cols; j++) grad.data[i * x.cols + j] = g * u.data[i * u.cols] * v.data[j * v.cols];
      return withOrder(grad);
    }
    const grad = Matrix.zeros(x.rows, x.cols);
    for (const k of lineNorm(x, order).line) grad.data[k] = g * Math.sign(x.data[k]);
    return withOrder(grad);
  },
  steps(args, output) {
    const x = matrixArg('norm', 'x', args[0]);
    const order = normOrder(x, args[1]);
    const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
    if (order === 2)
      return [{ latex: `\\lVert X \\rVert_2 = \\sigma_{\\max}(X) = ${value}`, note: 'the largest singular value' }];
    if (order !== 'frobenius') {
      const label = order === 1 ? '1' : '\\infty';
      const what =
        x.rows === 1 || x.cols === 1
          ? order === 1
            ? 'Σ |xᵢ|'
            : 'max |xᵢ|'
          : order === 1
            ? 'the largest column sum of |entries|'
            : 'the largest row sum of |entries|';
      return [{ latex: `\\lVert x \\rVert_{${label}} = ${value}`, note: what }];
    }
    if (x.size > STEP_ENTRY_CAP)
      return [
        { latex: `\\lVert x \\rVert = \\sqrt{\\textstyle\\sum_i x_i^2} = ${value}`, note: `over ${x.size} entries` },
      ];
    const squares = Array.from(x.data, (v) => `${factor(v)}^2`).join(' + ');
    return [{ latex: `\\lVert x \\rVert = \\sqrt{${squares}} = ${value}` }];
  },
};

function filled(name: 'zeros' | 'ones', value: number): Builtin {
  return {
    name,
    signature: `${name}(d1, d2=d1, d3, d4)`,
    summary: `A value of ${name}: d1×d2 (square when d2 is omitted), or up to 4 sizes (${name}(2, 3, 4) is 2×3×4).`,
    example: `${name}(2, 3) = [${value}, ${value}, ${value}; ${value}, ${value}, ${value}]`,
    // One to four sizes.
    params: [{ name: 'd1' }, { name: 'd2', defaultFrom: 'd1' }, { name: 'd3' }, { name: 'd4' }],
    variadic: true,
    forward(args) {
      const sizes = sizeArgs(name, args);
      const shape = sizes.length === 1 ? [sizes[0], sizes[0]] : sizes;
      // Refused before anything is allocated: zeros(1e4, 1e4, 1e4) would be 8 TB.
      checkShape(shape, `${name}(…)`);
      const out = Matrix.fromShape(shape);
      if (value !== 0) out.data.fill(value);
      return out;
    },
    steps: (_args, output) =>
      output.kind === 'matrix'
        ? [{ latex: `${fnName(name)}(${output.shape.join(', ')}) = ${formatValue(output).latex}` }]
        : [],
  };
}

export const zeros = filled('zeros', 0);
export const ones = filled('ones', 1);

export const eye: Builtin = {
  name: 'eye',
  signature: 'eye(n)',
  summary: 'The n×n identity matrix.',
  example: 'eye(2) = [1, 0; 0, 1]',
  params: [{ name: 'n' }],
  forward(args) {
    const n = integerArg('eye', 'n', args[0], 1);
    const out = allocate('eye', n, n);
    for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
    return out;
  },
  steps: (args, output) => [
    {
      latex: `I_{${formatNumber(matrixArg('eye', 'n', args[0]).data[0])}} = ${output.kind === 'matrix' ? matrixLatex(output) : ''}`,
    },
  ],
};

/** A quantity is a scalar: shape [1, 1], one entry. */
function dims(v: Value | undefined): readonly number[] {
  if (v === undefined) throw new DomainError('the argument A is missing');
  return v.kind === 'quantity' ? [1, 1] : v.shape;
}

export const shape: Builtin = {
  name: 'shape',
  signature: 'shape(A)',
  summary: 'The shape of A as a row: [rows, cols] for a matrix, [C, H, W] or [N, C, H, W] for a tensor.',
  example: 'shape([1, 2, 3; 4, 5, 6]) = [2, 3]',
  params: [{ name: 'A' }],
  acceptsQuantities: true,
  acceptsTensors: true,
  forward(args) {
    return Matrix.fromRows([[...dims(args[0])]]);
  },
  steps(args): SolverStep[] {
    const axes = dims(args[0]);
    return [
      {
        latex: `A \\in \\mathbb{R}^{${axes.join(' \\times ')}} \\Rightarrow ${fnName('shape')}(A) = \\begin{bmatrix} ${axes.join(' & ')} \\end{bmatrix}`,
      },
    ];
  },
};

export const numel: Builtin = {
  name: 'numel',
  signature: 'numel(A)',
  summary: 'The number of entries of A (the product of its sizes).',
  example: 'numel([1, 2, 3; 4, 5, 6]) = 6',
  params: [{ name: 'A' }],
  acceptsQuantities: true,
  acceptsTensors: true,
  forward(args) {
    return Matrix.scalar(dims(args[0]).reduce((a, b) => a * b, 1));
  },
  steps(args) {
    const axes = dims(args[0]);
    return [{ latex: `${fnName('numel')}(A) = ${axes.join(' \\cdot ')} = ${axes.reduce((a, b) => a * b, 1)}` }];
  },
};

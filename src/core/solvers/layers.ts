/**
 * Network layers on 2-D values whose rows are samples: batch norm (training
 * mode), layer norm, dropout with a given mask, and scaled dot-product
 * attention. Written once on a Graph (composite.ts): the backward rule is
 * the autodiff of the same forward code.
 *
 * Syntax:
 *
 *     batchnorm(X, gamma=1, beta=0, eps=0.00001)
 *         each column normalised with its batch mean and (population) variance:
 *         (X − μ) / √(σ² + eps) · γ + β; γ, β a scalar or a 1 × D row
 *     layernorm(X, gamma=1, beta=0, eps=0.00001)
 *         each row normalised over its features, the same way
 *     dropout(X, mask, p)
 *         X ⊙ mask / (1 − p): inverted dropout with the kept entries (1) and dropped ones (0) given
 *     attention(Q, K, V, mask=1)
 *         softmax(Q Kᵀ / √d_k) V, the softmax along each row (over the keys); mask (n_q × n_k,
 *         1 = may attend, 0 = may not) leaves the masked weights 0
 *
 * Examples:
 *
 *     batchnorm([1, 2; 3, 6], eps=0) = [-1, -1; 1, 1]
 *     layernorm([1, 3; 2, 6], eps=0) = [-1, 1; -1, 1]
 *     dropout([2, 4; 6, 8], [1, 0; 0, 1], 0.5) = [4, 0; 0, 16]
 *     attention([1, 0], [1, 0; 0, 1], [1, 2; 3, 4], mask=[1, 0]) = [1, 2]
 *
 * Guards: shape errors for shapes that do not fit; a mask that is not 0/1,
 * p outside [0, 1), eps < 0, a row of the attention mask with no 1
 * (domain errors).
 *
 * Backward: through the operations (∂ for X, γ, β; Q, K, V), none for
 * masks, p and eps.
 *
 * See also: softmax, mean, var, lstm_cell
 */
import { DomainError, ShapeError } from '../values/errors';
import { Matrix } from '../values/value';
import { compositeBuiltin } from './composite';
import { requireShape, shapeOf } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';
import { sqrt } from './elementary';

function requireRowOrScalar(fn: string, param: string, m: Matrix, width: number): void {
  if (m.isScalar || (m.rows === 1 && m.cols === width)) return;
  throw new ShapeError(
    'call',
    shapeOf(m),
    { rows: 1, cols: width },
    `${fn}: ${param} must be a scalar or a 1×${width} row, not ${m.shapeText()}`,
  );
}

function zeroOne(fn: string, mask: Matrix): void {
  for (const x of mask.data)
    if (x !== 0 && x !== 1) throw new DomainError(`${fn}: the mask holds ${x}; it must be 0 or 1`);
}

function normalisation(kind: 'batchnorm' | 'layernorm') {
  const over = kind === 'batchnorm' ? 'column (over the batch)' : 'row (over the features)';
  return compositeBuiltin({
    name: kind,
    signature: `${kind}(X, gamma=1, beta=0, eps=0.00001)`,
    summary:
      kind === 'batchnorm'
        ? 'Batch norm in training mode: each column (feature) normalised with its batch mean and variance, then γ·x̂ + β.'
        : 'Layer norm: each row (sample) normalised over its features with its mean and variance, then γ·x̂ + β.',
    example:
      kind === 'batchnorm'
        ? 'batchnorm([1, 2; 3, 6], eps=0) = [-1, -1; 1, 1]'
        : 'layernorm([1, 3; 2, 6], eps=0) = [-1, 1; -1, 1]',
    params: [
      { name: 'X' },
      { name: 'gamma', default: 1 },
      { name: 'beta', default: 0 },
      { name: 'eps', default: 1e-5 },
    ],
    differentiable: [true, true, true, false],
    validate([x, gamma, beta, eps]) {
      requireRowOrScalar(kind, 'gamma', gamma, x.cols);
      requireRowOrScalar(kind, 'beta', beta, x.cols);
      if (!eps.isScalar || !(eps.data[0] >= 0)) throw new DomainError(`${kind}: eps must be a number ≥ 0`);
    },
    build(g, [x, gamma, beta, eps]) {
      const [n, d] = [x.value.rows, x.value.cols];
      const mean = kind === 'batchnorm' ? g.rows(g.columnMeans(x), n) : g.cols(g.rowMeans(x), d);
      const centred = g.sub(x, mean);
      const squares = g.hadamard(centred, centred);
      const variance = kind === 'batchnorm' ? g.columnMeans(squares) : g.rowMeans(squares);
      const spread = g.call(sqrt, g.add(variance, eps));
      const normalised = g.div(centred, kind === 'batchnorm' ? g.rows(spread, n) : g.cols(spread, d));
      return g.addRow(g.hadamard(normalised, g.rows(gamma, n)), beta);
    },
    steps([x, gamma, beta, eps], output) {
      return [
        {
          latex: `\\hat{x} = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}},\\quad y = \\gamma \\hat{x} + \\beta`,
          note: `μ, σ² per ${over}; ε = ${formatNumber(eps.data[0])}`,
        },
        {
          latex: `${fnName(kind)}\\left(${matrixLatex(x)}\\right) = ${matrixLatex(output)}`,
          note: `γ = ${gamma.isScalar ? formatNumber(gamma.data[0]) : 'a row'}, β = ${beta.isScalar ? formatNumber(beta.data[0]) : 'a row'}`,
        },
      ];
    },
  });
}

export const batchnorm = normalisation('batchnorm');
export const layernorm = normalisation('layernorm');

export const dropout = compositeBuiltin({
  name: 'dropout',
  signature: 'dropout(X, mask, p)',
  summary: 'Inverted dropout with a given mask: X ⊙ mask / (1 − p), mask 1 where kept and 0 where dropped.',
  example: 'dropout([2, 4; 6, 8], [1, 0; 0, 1], 0.5) = [4, 0; 0, 16]',
  params: [{ name: 'X' }, { name: 'mask' }, { name: 'p' }],
  differentiable: [true, false, false],
  validate([x, mask, p]) {
    requireShape('dropout', 'mask', mask, x.rows, x.cols, "X's shape");
    zeroOne('dropout', mask);
    if (!p.isScalar || !(p.data[0] >= 0 && p.data[0] < 1))
      throw new DomainError('dropout: p must be a number in [0, 1)');
  },
  build(g, [x, mask, p]) {
    return g.scale(g.hadamard(x, mask), 1 / (1 - p.value.data[0]));
  },
  steps([x, mask, p], output) {
    return [
      {
        latex: `y = \\frac{x \\odot m}{1 - p}`,
        note: `p = ${formatNumber(p.data[0])}: kept entries are scaled by ${formatNumber(1 / (1 - p.data[0]))}`,
      },
      {
        latex: `\\frac{${matrixLatex(x)} \\odot ${matrixLatex(mask)}}{${formatNumber(1 - p.data[0])}} = ${matrixLatex(output)}`,
      },
    ];
  },
});

/** Added to a masked score: its softmax weight underflows to exactly 0. */
const MASKED = -1e30;

export const attention = compositeBuiltin({
  name: 'attention',
  signature: 'attention(Q, K, V, mask=1)',
  summary:
    'Scaled dot-product attention softmax(Q Kᵀ / √d_k) V, softmax along each row; mask 0 blocks a query–key pair.',
  example: 'attention([1, 0], [1, 0; 0, 1], [1, 2; 3, 4], mask=[1, 0]) = [1, 2]',
  params: [{ name: 'Q' }, { name: 'K' }, { name: 'V' }, { name: 'mask', default: 1 }],
  differentiable: [true, true, true, false],
  validate([q, k, v, mask]) {
    requireShape('attention', 'K', k, k.rows, q.cols, 'one row per key, as many columns as Q');
    requireShape('attention', 'V', v, k.rows, v.cols, 'one row per key, as K');
    if (mask.isScalar) {
      if (mask.data[0] !== 1) throw new DomainError('attention: a scalar mask must be 1 (no mask)');
      return;
    }
    requireShape('attention', 'mask', mask, q.rows, k.rows, 'one row per query, one column per key');
    zeroOne('attention', mask);
    for (let i = 0; i < mask.rows; i++) {
      if (!mask.data.subarray(i * mask.cols, (i + 1) * mask.cols).includes(1))
        throw new DomainError(`attention: row ${i + 1} of the mask blocks every key; its weights are undefined`);
    }
  },
  build(g, [q, k, v, mask]) {
    let scores = g.scale(g.matmul(q, g.t(k)), 1 / Math.sqrt(q.value.cols));
    if (!mask.value.isScalar) {
      const blocked = new Matrix(
        mask.value.rows,
        mask.value.cols,
        mask.value.data.map((m) => (m === 1 ? 0 : MASKED)),
      );
      scores = g.add(scores, g.constant(blocked));
    }
    return g.matmul(g.rowSoftmax(scores), v);
  },
  steps([q, k, v, mask], output) {
    const scores = attentionWeights(q, k, mask);
    return [
      {
        latex: `\\text{attention}(Q, K, V) = \\operatorname{softmax}\\left(\\frac{Q K^{\\top}}{\\sqrt{d_k}}\\right) V`,
        note: `d_k = ${q.cols}; softmax along each row`,
      },
      {
        latex: `\\operatorname{softmax}\\left(\\frac{Q K^{\\top}}{\\sqrt{${q.cols}}}\\right) = ${matrixLatex(scores)}`,
        note: mask.isScalar ? undefined : 'masked weights are 0',
      },
      { latex: `${matrixLatex(scores)} ${matrixLatex(v)} = ${matrixLatex(output)}` },
    ].map((s) => (s.note === undefined ? { latex: s.latex } : s));
  },
});

/** The attention weights, for the steps. */
function attentionWeights(q: Matrix, k: Matrix, mask: Matrix): Matrix {
  const weights = Matrix.zeros(q.rows, k.rows);
  for (let i = 0; i < q.rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < k.rows; j++) {
      let s = 0;
      for (let c = 0; c < q.cols; c++) s += q.data[i * q.cols + c] * k.data[j * k.cols + c];
      row.push(!mask.isScalar && mask.data[i * mask.cols + j] === 0 ? -Infinity : s / Math.sqrt(q.cols));
    }
    const max = Math.max(...row);
    const exps = row.map((s) => Math.exp(s - max));
    const total = exps.reduce((a, b) => a + b, 0);
    exps.forEach((e, j) => (weights.data[i * k.rows + j] = e / total));
  }
  return weights;
}

/**
 * Softmax over each column of x (a row vector is treated as one vector).
 *
 * Syntax:
 *
 *     softmax(x)
 *
 * Examples:
 *
 *     softmax([0; 0]) = [0.5; 0.5]
 *     softmax([1; 2; 3]) ≈ [0.0900; 0.2447; 0.6652]
 *     softmax([1, 2, 3]) ≈ [0.0900, 0.2447, 0.6652]     a row: one vector
 *     softmax([1, 0; 1, 0]) = [0.5, 0.5; 0.5, 0.5]       each column
 *
 * Backward (the Jacobian-vector product, per vector s = softmax(x)):
 * ∂L/∂x = s ⊙ (g − (sᵀg)) with g = ∂L/∂s. There is no elementwise
 * `softmax'`: its Jacobian diag(s) − s sᵀ is a full matrix.
 *
 * See also: sigmoid, cross_entropy
 */
import type { SolverStep } from '../model';
import { Matrix } from '../values/value';
import type { Builtin } from './builtin';
import { allocate, matrixArg, STEP_ENTRY_CAP } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

/** A vector softmax normalises, as a strided run of the row-major data. */
interface Run {
  readonly start: number;
  readonly step: number;
  readonly length: number;
}

/** The row of a row vector, else each column. */
function runsOf(x: Matrix): Run[] {
  if (x.rows === 1) return [{ start: 0, step: 1, length: x.cols }];
  return Array.from({ length: x.cols }, (_, j) => ({ start: j, step: x.cols, length: x.rows }));
}

function indicesOf(run: Run): number[] {
  return Array.from({ length: run.length }, (_, i) => run.start + i * run.step);
}

export const softmax: Builtin = {
  name: 'softmax',
  signature: 'softmax(x)',
  summary: 'Softmax e^x / Σ e^x over each column of x (a row vector is one vector).',
  example: 'softmax([1; 2; 3]) ≈ [0.0900; 0.2447; 0.6652]',
  params: [{ name: 'x' }],

  forward(args) {
    const x = matrixArg('softmax', 'x', args[0]);
    const out = allocate('softmax', x.rows, x.cols);
    for (const { start, step, length } of runsOf(x)) {
      const end = start + step * length;
      // Subtracting the max keeps exp from overflowing; the ratio is unchanged.
      let max = -Infinity;
      for (let k = start; k < end; k += step) if (x.data[k] > max) max = x.data[k];
      let total = 0;
      for (let k = start; k < end; k += step) {
        out.data[k] = Math.exp(x.data[k] - max);
        total += out.data[k];
      }
      for (let k = start; k < end; k += step) out.data[k] /= total;
    }
    return out;
  },

  backward(upstream, args, output) {
    const x = args[0];
    const grad = Matrix.zeros(x.rows, x.cols);
    for (const { start, step, length } of runsOf(x)) {
      const end = start + step * length;
      let dot = 0;
      for (let k = start; k < end; k += step) dot += output.data[k] * upstream.data[k];
      for (let k = start; k < end; k += step) grad.data[k] = output.data[k] * (upstream.data[k] - dot);
    }
    return [grad];
  },

  steps(args, output) {
    const x = matrixArg('softmax', 'x', args[0]);
    if (output.kind !== 'matrix') return [];
    const steps: SolverStep[] = [
      {
        latex: `${fnName('softmax')}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}`,
        note: x.rows === 1 ? 'over the row vector' : 'over each column',
      },
    ];
    let shown = 0;
    const vectors = runsOf(x);
    for (let v = 0; v < vectors.length; v++) {
      const indices = indicesOf(vectors[v]);
      if (shown + indices.length > STEP_ENTRY_CAP) {
        steps.push({
          latex: `${fnName('softmax')}(x) = ${matrixLatex(output)}`,
          note: `the remaining ${vectors.length - v} vectors likewise`,
        });
        break;
      }
      shown += indices.length;
      const exps = indices.map((k) => Math.exp(x.data[k]));
      const total = exps.reduce((a, b) => a + b, 0);
      const label = vectors.length > 1 ? `\\text{column ${v + 1}: }` : '';
      steps.push({
        latex: `${label}\\sum_j e^{x_j} = ${indices.map((k) => `e^{${formatNumber(x.data[k])}}`).join(' + ')} = ${formatNumber(total)}`,
      });
      steps.push({
        latex: indices
          .map(
            (k) => `\\frac{e^{${formatNumber(x.data[k])}}}{${formatNumber(total)}} = ${formatNumber(output.data[k])}`,
          )
          .join(',\\quad '),
      });
    }
    return steps;
  },
};

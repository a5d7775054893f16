/**
 * Mean squared error: the mean of the squared differences, a 1×1 value.
 *
 *     mse(ŷ, y) = (1/n) Σ (ŷ_i − y_i)²
 *
 * Syntax:
 *
 *     mse(yhat, y)        yhat and y of the same shape
 *
 * Examples:
 *
 *     mse(8, 10) = 4                       the seed network's loss (y − ŷ)²
 *     mse([1; 2; 3], [1; 0; 0]) = 13 / 3
 *
 * Backward: ∂L/∂ŷ = g · 2(ŷ − y)/n, ∂L/∂y = −g · 2(ŷ − y)/n.
 *
 * See also: cross_entropy, mean
 */
import type { SolverStep } from '../model';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { guardFinite, matrixArg, requireSameShape } from './common';
import { fnName, formatNumber } from './stepLatex';

function readArgs(args: readonly Value[]): { yhat: Matrix; y: Matrix } {
  const yhat = matrixArg('mse', 'yhat', args[0]);
  const y = matrixArg('mse', 'y', args[1]);
  requireSameShape('mse', 'yhat', yhat, 'y', y);
  return { yhat, y };
}

export const mse: Builtin = {
  name: 'mse',
  signature: 'mse(yhat, y)',
  summary: 'Mean squared error: the mean of (yhat − y)² over all entries.',
  example: 'mse([1; 2; 3], [1; 0; 0]) ≈ 4.3333',
  params: [{ name: 'yhat' }, { name: 'y' }],

  forward(args) {
    const { yhat, y } = readArgs(args);
    let s = 0;
    for (let i = 0; i < y.data.length; i++) {
      const d = yhat.data[i] - y.data[i];
      s += d * d;
    }
    return guardFinite('mse', Matrix.scalar(s / y.size), [yhat, y]);
  },

  backward(upstream, args) {
    const { yhat, y } = readArgs(args);
    const scale = (2 * upstream.data[0]) / y.size;
    const dYhat = Matrix.zeros(y.rows, y.cols);
    const dY = Matrix.zeros(y.rows, y.cols);
    for (let i = 0; i < y.data.length; i++) {
      dYhat.data[i] = scale * (yhat.data[i] - y.data[i]);
      dY.data[i] = -dYhat.data[i];
    }
    return [dYhat, dY];
  },

  steps(args, output) {
    const { yhat, y } = readArgs(args);
    const n = y.size;
    const steps: SolverStep[] = [
      { latex: `${fnName('mse')}(\\hat y, y) = \\frac{1}{n} \\sum_{i=1}^{n} (\\hat y_i - y_i)^2` },
    ];
    const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
    if (n <= 16) {
      const terms = Array.from(
        y.data,
        (yi, i) => `(${formatNumber(yhat.data[i])} - ${yi < 0 ? `(${formatNumber(yi)})` : formatNumber(yi)})^2`,
      );
      const squares = Array.from(y.data, (yi, i) => formatNumber((yhat.data[i] - yi) ** 2));
      steps.push({
        latex: `= \\frac{1}{${n}}\\left(${terms.join(' + ')}\\right) = \\frac{${squares.join(' + ')}}{${n}} = ${value}`,
      });
    } else {
      steps.push({ latex: `= ${value}`, note: `over ${n} entries` });
    }
    return steps;
  },
};

/**
 * Leaky rectified linear unit, entry by entry.
 *
 * Syntax:
 *
 *     leaky_relu(x)
 *     leaky_relu(x, alpha)      alpha defaults to 0.01
 *     leaky_relu'(x, alpha)     the derivative: 1 where x > 0, else alpha
 *
 * Examples:
 *
 *     leaky_relu([2; -1]) = [2; -0.01]
 *     leaky_relu([2; -1], alpha=0.1) = [2; -0.1]
 *     leaky_relu'([2; -1], 0.1) = [1; 0.1]
 *
 * Backward: ∂L/∂x = ∂L/∂y ⊙ leaky_relu'(x); ∂L/∂alpha = Σ ∂L/∂y ⊙ min(x, 0)
 * (alpha is learnable in PReLU).
 *
 * See also: relu
 */
import { elementwiseBuiltin } from './common';
import { factor, formatNumber } from './stepLatex';
import { Matrix } from '../values/value';

export const leakyRelu = elementwiseBuiltin({
  name: 'leaky_relu',
  signature: 'leaky_relu(x, alpha=0.01)',
  summary: 'Leaky ReLU: x where x > 0, else alpha·x (alpha = 0.01 by default), entry by entry.',
  example: 'leaky_relu([2; -1], alpha=0.1) = [2; -0.1]',
  extraParams: [{ name: 'alpha', default: 0.01 }],
  definitionLatex: '\\begin{cases} x & x > 0 \\\\ \\alpha x & x \\le 0 \\end{cases}',
  substitute: (x, [alpha]) => (x > 0 ? formatNumber(x) : `${factor(alpha)} \\cdot ${factor(x)}`),
  f: (x, [alpha]) => (x > 0 ? x : alpha * x),
  // At 0 the slope is alpha, as relu'(0) = 0 is the left slope.
  df: (x, _y, [alpha]) => (x > 0 ? 1 : alpha),
  dExtra: (upstream, x) => {
    let g = 0;
    for (let i = 0; i < x.data.length; i++) if (x.data[i] <= 0) g += upstream.data[i] * x.data[i];
    return [Matrix.scalar(g)];
  },
  isActivation: true,
});

/**
 * Rectified linear unit, entry by entry.
 *
 * Syntax:
 *
 *     relu(x)
 *     relu'(x)        the derivative: 1 where x > 0, else 0 (relu'(0) = 0)
 *
 * Examples:
 *
 *     relu([2; -1; 0]) = [2; 0; 0]
 *     relu'([2; -1; 0]) = [1; 0; 0]
 *
 * Backward: ∂L/∂x = ∂L/∂y ⊙ relu'(x).
 *
 * See also: leaky_relu, sigmoid, tanh, softmax
 */
import { elementwiseBuiltin } from './common';
import { formatNumber } from './stepLatex';

export const relu = elementwiseBuiltin({
  name: 'relu',
  summary: "Rectified linear unit max(0, x), entry by entry; relu'(x) is 1 where x > 0, else 0.",
  example: 'relu([2; -1; 0]) = [2; 0; 0]',
  definitionLatex: '\\max(0, x)',
  substitute: (x) => `\\max(0, ${formatNumber(x)})`,
  f: (x) => (x > 0 ? x : 0),
  // relu'(0) = 0: the convention of the course (and of PyTorch).
  df: (x) => (x > 0 ? 1 : 0),
  isActivation: true,
});

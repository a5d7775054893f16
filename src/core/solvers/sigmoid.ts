/**
 * Logistic sigmoid, entry by entry.
 *
 * Syntax:
 *
 *     sigmoid(x)
 *     sigmoid'(x)     the derivative s(1 − s), with s = sigmoid(x)
 *
 * Examples:
 *
 *     sigmoid(0) = 0.5
 *     sigmoid'(0) = 0.25
 *     sigmoid(2) ≈ 0.8808
 *
 * Backward: ∂L/∂x = ∂L/∂y ⊙ s ⊙ (1 − s).
 *
 * See also: tanh, relu, softmax
 */
import { elementwiseBuiltin } from './common';
import { formatNumber } from './stepLatex';

/** Never evaluates exp of a large positive number, so it cannot overflow. */
function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const sigmoid = elementwiseBuiltin({
  name: 'sigmoid',
  summary: "Logistic sigmoid 1 / (1 + e^(−x)), entry by entry; sigmoid'(x) = s(1 − s).",
  example: 'sigmoid([0; 2]) ≈ [0.5; 0.8808]',
  definitionLatex: '\\frac{1}{1 + e^{-x}}',
  substitute: (x) => `\\frac{1}{1 + e^{${formatNumber(-x)}}}`,
  f: logistic,
  df: (_x, s) => s * (1 - s),
  isActivation: true,
});

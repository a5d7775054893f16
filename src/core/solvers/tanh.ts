/**
 * Hyperbolic tangent, entry by entry.
 *
 * Syntax:
 *
 *     tanh(x)
 *     tanh'(x)        the derivative 1 − tanh(x)²
 *
 * Examples:
 *
 *     tanh(0) = 0
 *     tanh'(0) = 1
 *     tanh(1) ≈ 0.7616
 *
 * Backward: ∂L/∂x = ∂L/∂y ⊙ (1 − tanh(x)²).
 *
 * See also: sigmoid, relu
 */
import { elementwiseBuiltin } from './common';
import { formatNumber } from './stepLatex';

export const tanh = elementwiseBuiltin({
  name: 'tanh',
  summary: "Hyperbolic tangent, entry by entry; tanh'(x) = 1 − tanh(x)².",
  example: 'tanh([0; 1]) ≈ [0; 0.7616]',
  definitionLatex: '\\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}',
  substitute: (x) => `\\tanh(${formatNumber(x)})`,
  f: Math.tanh,
  df: (_x, t) => 1 - t * t,
  isActivation: true,
});

/**
 * Trigonometric and hyperbolic functions, entry by entry, in radians: sin,
 * cos, tan, asin, acos, atan, sinh, cosh.
 *
 * Syntax:
 *
 *     sin(x)   cos(x)   tan(x)   asin(x)   acos(x)   atan(x)   sinh(x)   cosh(x)
 *
 * Examples:
 *
 *     sin(pi / 6) = 0.5
 *     cos([0, pi]) = [1, -1]
 *     tan(pi / 4) = 1
 *     asin(1) = pi / 2
 *     acos(0.5) = pi / 3
 *     atan(1) = pi / 4
 *     cosh(0) = 1
 *
 * DomainError: asin and acos outside [−1, 1] (`acos(2)`); tan where cos x
 * is 0 to double precision overflows (a LimitError).
 *
 * Backward: sin → g cos x; cos → −g sin x; tan → g (1 + tan² x);
 * asin → g / √(1 − x²); acos → −g / √(1 − x²) (neither at ±1);
 * atan → g / (1 + x²); sinh → g cosh x; cosh → g sinh x.
 *
 * See also: tanh, exp, pi
 */
import { DomainError } from '../values/errors';
import { elementwiseBuiltin } from './common';
import { formatNumber } from './stepLatex';

function unitInterval(fn: string, x: number): number {
  if (!(x >= -1 && x <= 1)) throw new DomainError(`${fn}: defined only for −1 ≤ x ≤ 1, not ${x}`);
  return x;
}

function notAtEnds(fn: string, x: number): number {
  if (Math.abs(x) === 1) throw new DomainError(`${fn}: not differentiable at ${x}`);
  return x;
}

export const sin = elementwiseBuiltin({
  name: 'sin',
  summary: 'Sine (radians), entry by entry.',
  example: 'sin([0.5; 2]) ≈ [0.4794; 0.9093]',
  definitionLatex: '\\sin x',
  substitute: (x) => `\\sin ${formatNumber(x)}`,
  f: Math.sin,
  df: (x) => Math.cos(x),
});

export const cos = elementwiseBuiltin({
  name: 'cos',
  summary: 'Cosine (radians), entry by entry.',
  example: 'cos([0, 0.5]) ≈ [1, 0.8776]',
  definitionLatex: '\\cos x',
  substitute: (x) => `\\cos ${formatNumber(x)}`,
  f: Math.cos,
  df: (x) => -Math.sin(x),
});

export const tan = elementwiseBuiltin({
  name: 'tan',
  summary: 'Tangent (radians), entry by entry.',
  example: 'tan(0.5) ≈ 0.5463',
  definitionLatex: '\\tan x',
  substitute: (x) => `\\tan ${formatNumber(x)}`,
  f: Math.tan,
  df: (_x, y) => 1 + y * y,
});

export const asin = elementwiseBuiltin({
  name: 'asin',
  summary: 'Inverse sine, entry by entry: the angle in [−π/2, π/2] (−1 ≤ x ≤ 1).',
  example: 'asin([0; 0.5]) ≈ [0; 0.5236]',
  definitionLatex: '\\arcsin x',
  substitute: (x) => `\\arcsin ${formatNumber(x)}`,
  f: (x) => Math.asin(unitInterval('asin', x)),
  df: (x) => 1 / Math.sqrt(1 - notAtEnds('asin', x) ** 2),
});

export const acos = elementwiseBuiltin({
  name: 'acos',
  summary: 'Inverse cosine, entry by entry: the angle in [0, π] (−1 ≤ x ≤ 1).',
  example: 'acos([1; 0.5]) ≈ [0; 1.0472]',
  definitionLatex: '\\arccos x',
  substitute: (x) => `\\arccos ${formatNumber(x)}`,
  f: (x) => Math.acos(unitInterval('acos', x)),
  df: (x) => -1 / Math.sqrt(1 - notAtEnds('acos', x) ** 2),
});

export const atan = elementwiseBuiltin({
  name: 'atan',
  summary: 'Inverse tangent, entry by entry: the angle in (−π/2, π/2).',
  example: 'atan([0; 1]) ≈ [0; 0.7854]',
  definitionLatex: '\\arctan x',
  substitute: (x) => `\\arctan ${formatNumber(x)}`,
  f: Math.atan,
  df: (x) => 1 / (1 + x * x),
});

export const sinh = elementwiseBuiltin({
  name: 'sinh',
  summary: 'Hyperbolic sine (eˣ − e⁻ˣ)/2, entry by entry.',
  example: 'sinh([0; 1]) ≈ [0; 1.1752]',
  definitionLatex: '\\sinh x',
  substitute: (x) => `\\sinh ${formatNumber(x)}`,
  f: Math.sinh,
  df: (x) => Math.cosh(x),
});

export const cosh = elementwiseBuiltin({
  name: 'cosh',
  summary: 'Hyperbolic cosine (eˣ + e⁻ˣ)/2, entry by entry.',
  example: 'cosh([0; 1]) ≈ [1; 1.5431]',
  definitionLatex: '\\cosh x',
  substitute: (x) => `\\cosh ${formatNumber(x)}`,
  f: Math.cosh,
  df: (x) => Math.sinh(x),
});

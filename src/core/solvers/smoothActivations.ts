/**
 * Smooth activations, entry by entry, each with its prime: GELU (the exact
 * erf form, as PyTorch's default), softplus, ELU and SiLU (swish).
 *
 * Syntax:
 *
 *     gelu(x)              x Φ(x) = x (1 + erf(x/√2)) / 2
 *     softplus(x)          ln(1 + eˣ)
 *     elu(x, alpha=1)      x where x > 0, else alpha (eˣ − 1)
 *     silu(x)              x σ(x)
 *     gelu'(x)   softplus'(x)   elu'(x, alpha)   silu'(x)     the derivatives
 *
 * Examples:
 *
 *     gelu([0; 1]) ≈ [0; 0.841345]
 *     softplus(0) ≈ 0.693147
 *     elu([1; -1]) ≈ [1; -0.632121]
 *     silu([0; 1]) ≈ [0; 0.731059]
 *
 * Backward: gelu' = Φ(x) + x φ(x); softplus' = σ(x); elu' = 1 where x > 0,
 * else alpha eˣ (and ∂/∂alpha = eˣ − 1 there); silu' = σ(x)(1 + x(1 − σ(x))).
 *
 * See also: relu, sigmoid, leaky_relu
 */
import { Matrix } from '../values/value';
import { elementwiseBuiltin } from './common';
import { formatNumber } from './stepLatex';
import { standardNormalCdf, standardNormalPdf } from './special';

const logistic = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export const gelu = elementwiseBuiltin({
  name: 'gelu',
  summary: "Gaussian error linear unit x Φ(x) (the exact erf form), entry by entry; gelu'(x) = Φ(x) + x φ(x).",
  example: 'gelu([0; 1]) ≈ [0; 0.841345]',
  definitionLatex: 'x \\, \\Phi(x)',
  substitute: (x) => `${formatNumber(x)} \\, \\Phi(${formatNumber(x)})`,
  f: (x) => x * standardNormalCdf(x),
  df: (x) => standardNormalCdf(x) + x * standardNormalPdf(x),
  isActivation: true,
});

export const softplus = elementwiseBuiltin({
  name: 'softplus',
  summary: "Softplus ln(1 + eˣ), entry by entry; softplus'(x) = σ(x).",
  example: 'softplus(0) ≈ 0.693147',
  definitionLatex: '\\ln(1 + e^{x})',
  substitute: (x) => `\\ln(1 + e^{${formatNumber(x)}})`,
  // max(x, 0) + ln(1 + e^(−|x|)): no overflow for large x.
  f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  df: (x) => logistic(x),
  isActivation: true,
});

export const elu = elementwiseBuiltin({
  name: 'elu',
  signature: 'elu(x, alpha=1)',
  summary: "Exponential linear unit: x where x > 0, else alpha (eˣ − 1), entry by entry; elu'(x) is 1 or alpha eˣ.",
  example: 'elu([1; -1]) ≈ [1; -0.632121]',
  extraParams: [{ name: 'alpha', default: 1 }],
  definitionLatex: 'x > 0 \\;?\\; x : \\alpha (e^{x} - 1)',
  substitute: (x, [alpha]) => (x > 0 ? formatNumber(x) : `${formatNumber(alpha)}(e^{${formatNumber(x)}} - 1)`),
  f: (x, [alpha]) => (x > 0 ? x : alpha * Math.expm1(x)),
  df: (x, _y, [alpha]) => (x > 0 ? 1 : alpha * Math.exp(x)),
  dExtra: (upstream, x) => {
    let s = 0;
    for (let i = 0; i < x.data.length; i++) if (x.data[i] <= 0) s += upstream.data[i] * Math.expm1(x.data[i]);
    return [Matrix.scalar(s)];
  },
  isActivation: true,
});

export const silu = elementwiseBuiltin({
  name: 'silu',
  summary: "SiLU (swish) x σ(x), entry by entry; silu'(x) = σ(x)(1 + x(1 − σ(x))).",
  example: 'silu([0; 1]) ≈ [0; 0.731059]',
  definitionLatex: 'x \\, \\sigma(x)',
  substitute: (x) => `${formatNumber(x)} \\, \\sigma(${formatNumber(x)})`,
  f: (x) => x * logistic(x),
  df: (x) => {
    const s = logistic(x);
    return s * (1 + x * (1 - s));
  },
  isActivation: true,
});

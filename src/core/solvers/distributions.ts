/**
 * Probability distributions: the normal density and CDF, the binomial and
 * Bernoulli probability mass functions. Entry by entry in x (or k).
 *
 * Syntax:
 *
 *     normal_pdf(x, mu=0, sigma=1)    e^(−(x−μ)²/(2σ²)) / (σ√(2π))
 *     normal_cdf(x, mu=0, sigma=1)    P(X ≤ x) = (1 + erf((x − μ)/(σ√2))) / 2
 *     binomial_pmf(k, n, p)           C(n, k) pᵏ (1 − p)ⁿ⁻ᵏ, k an integer 0…n
 *     bernoulli_pmf(k, p)             pᵏ (1 − p)¹⁻ᵏ, k 0 or 1
 *
 * Examples:
 *
 *     normal_pdf(0) ≈ 0.398942
 *     normal_cdf(1.96) ≈ 0.975
 *     normal_cdf([0; 2], mu=2, sigma=2) ≈ [0.158655; 0.5]
 *     binomial_pmf(3, 10, 0.3) ≈ 0.266828
 *     bernoulli_pmf([0; 1], 0.2) = [0.8; 0.2]
 *
 * DomainError: sigma ≤ 0; p outside [0, 1]; n not a non-negative integer;
 * k not an integer in 0…n (0 or 1 for Bernoulli). The CDF keeps its
 * relative precision in the far tails (erfc by its continued fraction).
 *
 * Backward: normal_pdf → ∂x = −φ·(x−μ)/σ², ∂μ = −∂x, ∂σ = φ·((x−μ)²/σ³ − 1/σ);
 * normal_cdf → ∂x = φ, ∂μ = −φ, ∂σ = −φ·(x−μ)/σ; the pmfs → ∂p =
 * pmf·(k/p − (n−k)/(1−p)) (none for k and n).
 *
 * See also: min_trials, combinations, entropy
 */
import type { SolverStep } from '../model';
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg, mapMatrix, matrixArg, scalarArg } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';
import { standardNormalCdf, standardNormalPdf } from './special';

function sigmaArg(fn: string, v: Value | undefined): number {
  const sigma = v === undefined ? 1 : scalarArg(fn, 'sigma', v);
  if (!(sigma > 0)) throw new DomainError(`${fn}: sigma must be positive, not ${sigma}`);
  return sigma;
}

function probabilityArg(fn: string, v: Value | undefined): number {
  const p = scalarArg(fn, 'p', v);
  if (!(p >= 0 && p <= 1)) throw new DomainError(`${fn}: p must be between 0 and 1, not ${p}`);
  return p;
}

interface NormalArgs {
  readonly x: Matrix;
  readonly mu: number;
  readonly sigma: number;
}

function normalArgs(fn: string, args: readonly Value[]): NormalArgs {
  return {
    x: matrixArg(fn, 'x', args[0]),
    mu: args[1] === undefined ? 0 : scalarArg(fn, 'mu', args[1]),
    sigma: sigmaArg(fn, args[2]),
  };
}

function sumOf(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** One gradient per argument passed (mu and sigma are optional). */
function gradients(args: readonly Matrix[], all: (Matrix | null)[]): (Matrix | null)[] {
  return all.slice(0, args.length);
}

function resultSteps(fn: string, definition: string, x: Matrix, output: Value, note?: string): SolverStep[] {
  if (output.kind !== 'matrix') return [];
  return [
    { latex: definition, ...(note ? { note } : {}) },
    { latex: `${fnName(fn)}\\left(${matrixLatex(x)}\\right) = ${matrixLatex(output)}` },
  ];
}

export const normalPdf: Builtin = {
  name: 'normal_pdf',
  signature: 'normal_pdf(x, mu=0, sigma=1)',
  summary: 'The normal density e^(−(x−μ)²/(2σ²)) / (σ√(2π)), entry by entry.',
  example: 'normal_pdf(0) ≈ 0.398942',
  params: [{ name: 'x' }, { name: 'mu', default: 0 }, { name: 'sigma', default: 1 }],
  forward(args) {
    const { x, mu, sigma } = normalArgs('normal_pdf', args);
    return mapMatrix(x, (v) => standardNormalPdf((v - mu) / sigma) / sigma);
  },
  backward(upstream, args, output) {
    const { x, mu, sigma } = normalArgs('normal_pdf', args);
    const dx = mapMatrix(x, (v, i) => (-upstream.data[i] * output.data[i] * (v - mu)) / (sigma * sigma));
    const dmu = Matrix.scalar(-sumOf(dx.data));
    const dsigma = Matrix.scalar(
      sumOf(Array.from(x.data, (v, i) => upstream.data[i] * output.data[i] * ((v - mu) ** 2 / sigma ** 3 - 1 / sigma))),
    );
    return gradients(args, [dx, dmu, dsigma]);
  },
  steps(args, output) {
    const { x, mu, sigma } = normalArgs('normal_pdf', args);
    return resultSteps(
      'normal_pdf',
      `\\varphi(x) = \\frac{1}{\\sigma\\sqrt{2\\pi}} e^{-\\frac{(x - \\mu)^2}{2\\sigma^2}}`,
      x,
      output,
      `μ = ${formatNumber(mu)}, σ = ${formatNumber(sigma)}`,
    );
  },
};

export const normalCdf: Builtin = {
  name: 'normal_cdf',
  signature: 'normal_cdf(x, mu=0, sigma=1)',
  summary: 'The normal CDF P(X ≤ x) = (1 + erf((x − μ)/(σ√2)))/2, entry by entry.',
  example: 'normal_cdf(1.96) ≈ 0.975',
  params: [{ name: 'x' }, { name: 'mu', default: 0 }, { name: 'sigma', default: 1 }],
  forward(args) {
    const { x, mu, sigma } = normalArgs('normal_cdf', args);
    return mapMatrix(x, (v) => standardNormalCdf((v - mu) / sigma));
  },
  backward(upstream, args) {
    const { x, mu, sigma } = normalArgs('normal_cdf', args);
    const density = mapMatrix(x, (v) => standardNormalPdf((v - mu) / sigma) / sigma);
    const dx = mapMatrix(density, (d, i) => upstream.data[i] * d);
    const dmu = Matrix.scalar(-sumOf(dx.data));
    const dsigma = Matrix.scalar(-sumOf(Array.from(x.data, (v, i) => (dx.data[i] * (v - mu)) / sigma)));
    return gradients(args, [dx, dmu, dsigma]);
  },
  steps(args, output) {
    const { x, mu, sigma } = normalArgs('normal_cdf', args);
    return resultSteps(
      'normal_cdf',
      `\\Phi(x) = \\tfrac{1}{2}\\left(1 + \\operatorname{erf}\\frac{x - \\mu}{\\sigma\\sqrt{2}}\\right)`,
      x,
      output,
      `μ = ${formatNumber(mu)}, σ = ${formatNumber(sigma)}`,
    );
  },
};

/** ln C(n, k), summed as logs so large n does not overflow. */
function logChoose(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let s = 0;
  for (let i = 1; i <= m; i++) s += Math.log((n - m + i) / i);
  return s;
}

function countArg(fn: string, k: number, n: number): number {
  if (!Number.isInteger(k) || k < 0 || k > n)
    throw new DomainError(`${fn}: k must be an integer from 0 to ${n}, not ${k}`);
  return k;
}

/** pᵏ(1−p)ⁿ⁻ᵏ C(n, k), exact at p = 0 and p = 1 (0⁰ = 1). */
function binomial(k: number, n: number, p: number): number {
  const pk = k === 0 ? 1 : p ** k;
  const qk = n - k === 0 ? 1 : (1 - p) ** (n - k);
  return Math.exp(logChoose(n, k)) * pk * qk;
}

function binomialGrad(k: number, n: number, p: number, pmf: number): number {
  if (p <= 0 || p >= 1) throw new DomainError(`the pmf is not differentiable in p at p = ${p}`);
  return pmf * (k / p - (n - k) / (1 - p));
}

export const binomialPmf: Builtin = {
  name: 'binomial_pmf',
  signature: 'binomial_pmf(k, n, p)',
  summary: 'P(K = k) for K ~ Binomial(n, p): C(n, k) pᵏ (1 − p)ⁿ⁻ᵏ, entry by entry in k.',
  example: 'binomial_pmf(3, 10, 0.3) ≈ 0.266828',
  params: [{ name: 'k' }, { name: 'n' }, { name: 'p' }],
  forward(args) {
    const n = integerArg('binomial_pmf', 'n', args[1], 0);
    const p = probabilityArg('binomial_pmf', args[2]);
    return mapMatrix(matrixArg('binomial_pmf', 'k', args[0]), (k) => binomial(countArg('binomial_pmf', k, n), n, p));
  },
  backward(upstream, args, output) {
    const n = integerArg('binomial_pmf', 'n', args[1], 0);
    const p = probabilityArg('binomial_pmf', args[2]);
    const dp = sumOf(Array.from(args[0].data, (k, i) => upstream.data[i] * binomialGrad(k, n, p, output.data[i])));
    return [null, null, Matrix.scalar(dp)];
  },
  steps(args, output) {
    const k = matrixArg('binomial_pmf', 'k', args[0]);
    const n = integerArg('binomial_pmf', 'n', args[1], 0);
    const p = probabilityArg('binomial_pmf', args[2]);
    if (output.kind !== 'matrix') return [];
    const steps: SolverStep[] = [{ latex: `P(K = k) = \\binom{n}{k} p^{k} (1 - p)^{n - k}` }];
    if (k.isScalar) {
      const kk = k.data[0];
      steps.push({
        latex: `\\binom{${n}}{${kk}} \\cdot ${formatNumber(p)}^{${kk}} \\cdot ${formatNumber(1 - p)}^{${n - kk}} = ${formatNumber(output.data[0])}`,
      });
    } else {
      steps.push({ latex: `${fnName('binomial_pmf')}\\left(${matrixLatex(k)}\\right) = ${matrixLatex(output)}` });
    }
    return steps;
  },
};

export const bernoulliPmf: Builtin = {
  name: 'bernoulli_pmf',
  signature: 'bernoulli_pmf(k, p)',
  summary: 'P(K = k) for K ~ Bernoulli(p): p where k = 1, 1 − p where k = 0, entry by entry.',
  example: 'bernoulli_pmf([0; 1], 0.2) = [0.8; 0.2]',
  params: [{ name: 'k' }, { name: 'p' }],
  forward(args) {
    const p = probabilityArg('bernoulli_pmf', args[1]);
    return mapMatrix(matrixArg('bernoulli_pmf', 'k', args[0]), (k) =>
      countArg('bernoulli_pmf', k, 1) === 1 ? p : 1 - p,
    );
  },
  backward(upstream, args) {
    return [null, Matrix.scalar(sumOf(Array.from(args[0].data, (k, i) => upstream.data[i] * (k === 1 ? 1 : -1))))];
  },
  steps(args, output) {
    const k = matrixArg('bernoulli_pmf', 'k', args[0]);
    return resultSteps('bernoulli_pmf', `P(K = k) = p^{k} (1 - p)^{1 - k}`, k, output);
  },
};

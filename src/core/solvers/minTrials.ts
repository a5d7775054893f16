/**
 * The smallest number of independent trials N for which at least one
 * succeeds with probability q, when each succeeds with probability p:
 * the smallest integer N with 1 − (1 − p)^N ≥ q.
 *
 * Syntax:
 *
 *     min_trials(p, q)        0 < p < 1, 0 < q < 1
 *
 * Examples:
 *
 *     min_trials(0.05, 0.95) = 59       ln(0.05) / ln(0.95) ≈ 58.404
 *     min_trials(0.05, 0.995) = 104     ln(0.005) / ln(0.95) ≈ 103.29
 *     min_trials(0.5, 0.75) = 2         exactly at the boundary: 1 − 0.5² = 0.75
 *
 * The closed form ⌈ln(1 − q) / ln(1 − p)⌉ can be off by one in floating
 * point when the ratio is (nearly) an integer, so the answer is confirmed
 * by checking that N passes and N − 1 fails, in exact rational arithmetic on
 * the decimals as written when N is small enough.
 *
 * Integer-valued, so it has no backward.
 *
 * See also: ceil, ln
 */
import type { SolverStep } from '../model';
import { LimitError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { openIntervalArg } from './common';
import { factor, fnName, formatNumber } from './stepLatex';

/** Above this N, exact powers get too large; the floating-point check is used. */
const EXACT_CHECK_LIMIT = 4000;

interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** The decimal a number was written as (its shortest round-trip form), as an exact fraction. */
function decimalFraction(x: number): Rational | undefined {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!match) return undefined;
  const digits = match[1] + (match[2] ?? '');
  const exponent = Number(match[3] ?? 0) - (match[2]?.length ?? 0);
  if (Math.abs(exponent) > 400) return undefined;
  return exponent >= 0
    ? { num: BigInt(digits) * 10n ** BigInt(exponent), den: 1n }
    : { num: BigInt(digits), den: 10n ** BigInt(-exponent) };
}

/** Whether 1 − (1 − p)^n ≥ q, i.e. (1 − p)^n ≤ 1 − q, exactly when possible. */
function passes(p: number, q: number, n: number): boolean {
  if (n <= 0) return false;
  const left = n * Math.log1p(-p);
  const right = Math.log1p(-q);
  // Clearly on one side: logs decide. Only a near tie needs exact arithmetic.
  if (Math.abs(left - right) > 1e-9 * Math.abs(right)) return left <= right;
  const pf = n <= EXACT_CHECK_LIMIT ? decimalFraction(p) : undefined;
  const qf = pf ? decimalFraction(q) : undefined;
  if (pf && qf) {
    // ((den_p − num_p)/den_p)^n ≤ (den_q − num_q)/den_q, cross-multiplied.
    const big = BigInt(n);
    const power = (pf.den - pf.num) ** big;
    return power * qf.den <= (qf.den - qf.num) * pf.den ** big;
  }
  return left <= right;
}

function minTrialsValue(p: number, q: number): { n: number; ratio: number } {
  const ratio = Math.log1p(-q) / Math.log1p(-p);
  if (!Number.isFinite(ratio) || ratio > Number.MAX_SAFE_INTEGER) {
    throw new LimitError('limit.overflow', `min_trials: ln(1 − q) / ln(1 − p) = ${ratio} is too large to count`);
  }
  let n = Math.max(1, Math.ceil(ratio));
  while (n > 1 && passes(p, q, n - 1)) n--;
  while (!passes(p, q, n)) n++;
  return { n, ratio };
}

function readArgs(args: readonly Value[]): { p: number; q: number } {
  return {
    p: openIntervalArg('min_trials', 'p', args[0], 0, 1),
    q: openIntervalArg('min_trials', 'q', args[1], 0, 1),
  };
}

export const minTrials: Builtin = {
  name: 'min_trials',
  signature: 'min_trials(p, q)',
  summary:
    'Smallest N with 1 − (1 − p)^N ≥ q: trials needed for at least one success (probability p each) with probability q.',
  example: 'min_trials(0.05, 0.95) = 59',
  params: [{ name: 'p' }, { name: 'q' }],

  forward(args) {
    const { p, q } = readArgs(args);
    return Matrix.scalar(minTrialsValue(p, q).n);
  },

  steps(args) {
    const { p, q } = readArgs(args);
    const { n, ratio } = minTrialsValue(p, q);
    // factor(): a power's base in parentheses when it is written with × 10^e.
    const miss = factor(1 - p);
    const fail = factor(1 - q);
    const steps: SolverStep[] = [
      {
        latex: `1 - (1 - p)^N \\ge q \\;\\Rightarrow\\; (1 - p)^N \\le 1 - q \\;\\Rightarrow\\; N \\ge \\frac{\\ln(1 - q)}{\\ln(1 - p)}`,
        note: 'dividing by ln(1 − p) < 0 flips the inequality',
      },
      {
        latex:
          `1 - ${miss}^N \\ge ${formatNumber(q)} \\;\\Rightarrow\\; ${miss}^N \\le ${fail} \\;\\Rightarrow\\; ` +
          `N \\ge \\frac{\\ln ${fail}}{\\ln ${miss}} \\approx ${formatNumber(ratio)} \\;\\Rightarrow\\; N = ${n}`,
        note: `p = ${formatNumber(p)}, q = ${formatNumber(q)}`,
      },
    ];
    const check = (k: number): string => `1 - ${miss}^{${k}} \\approx ${formatNumber(1 - Math.pow(1 - p, k))}`;
    steps.push({
      latex:
        n > 1
          ? `${check(n - 1)} < ${formatNumber(q)}, \\quad ${check(n)} \\ge ${formatNumber(q)}`
          : `${check(n)} \\ge ${formatNumber(q)}`,
      note: `check: ${n} trials suffice${n > 1 ? ` and ${n - 1} do not` : ''}`,
    });
    steps.push({ latex: `${fnName('min_trials')}(${formatNumber(p)}, ${formatNumber(q)}) = ${n}` });
    return steps;
  },
};

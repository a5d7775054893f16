/**
 * The number of ways to choose k of n: C(n, k) = n! / (k! (n − k)!).
 *
 * Syntax:
 *
 *     combinations(n, k)        integers 0 ≤ k ≤ n
 *
 * Examples:
 *
 *     combinations(5, 2) = 10
 *     combinations(52, 5) = 2598960
 *
 * Computed exactly as the product (n − k + 1)/1 · (n − k + 2)/2 · … in
 * integers, so the result is the double nearest the true value.
 * DomainError for negatives, non-integers and k > n (as mathjs);
 * LimitError('limit.overflow') past double precision. No backward.
 *
 * See also: factorial
 */
import { DomainError, LimitError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg } from './common';
import { fnName, formatNumber } from './stepLatex';

const LARGEST_DOUBLE = BigInt(Number.MAX_VALUE);

function combinationsValue(n: number, k: number): number {
  const r = Math.min(k, n - k);
  let exact = 1n;
  const base = BigInt(n - r);
  for (let i = 1n; i <= BigInt(r); i++) {
    // exact is C(n − r + i − 1, i − 1); this makes it C(n − r + i, i), still an integer.
    exact = (exact * (base + i)) / i;
    // The partial values only grow, so once over the limit the result is too.
    if (exact > LARGEST_DOUBLE)
      throw new LimitError('limit.overflow', `combinations(${n}, ${k}) exceeds double precision`);
  }
  return Number(exact);
}

function readArgs(args: readonly Value[]): { n: number; k: number } {
  const n = integerArg('combinations', 'n', args[0], 0);
  const k = integerArg('combinations', 'k', args[1], 0);
  if (k > n) throw new DomainError(`combinations: k = ${k} is larger than n = ${n}`);
  return { n, k };
}

export const combinations: Builtin = {
  name: 'combinations',
  signature: 'combinations(n, k)',
  summary: 'Number of ways to choose k of n items, n! / (k! (n − k)!).',
  example: 'combinations(5, 2) = 10',
  params: [{ name: 'n' }, { name: 'k' }],

  forward(args) {
    const { n, k } = readArgs(args);
    return Matrix.scalar(combinationsValue(n, k));
  },

  steps(args, output) {
    const { n, k } = readArgs(args);
    const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
    const steps = [{ latex: `\\binom{n}{k} = \\frac{n!}{k!\\,(n-k)!}` }];
    const r = Math.min(k, n - k);
    if (r <= 6) {
      const top = r === 0 ? '1' : Array.from({ length: r }, (_, i) => String(n - i)).join(' \\cdot ');
      const bottom = r === 0 ? '1' : Array.from({ length: r }, (_, i) => String(r - i)).join(' \\cdot ');
      steps.push({
        latex: `${fnName('combinations')}(${n}, ${k}) = \\binom{${n}}{${k}} = \\frac{${top}}{${bottom}} = ${value}`,
      });
    } else {
      steps.push({ latex: `${fnName('combinations')}(${n}, ${k}) = \\frac{${n}!}{${k}!\\,${n - k}!} = ${value}` });
    }
    return steps;
  },
};

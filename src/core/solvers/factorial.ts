/**
 * n! = 1 · 2 · … · n, with 0! = 1.
 *
 * Syntax:
 *
 *     factorial(n)        n a non-negative integer, at most 170
 *
 * Examples:
 *
 *     factorial(5) = 120
 *     factorial(0) = 1
 *
 * Computed exactly in integers and rounded once, so every result is the
 * double nearest the true n!. DomainError for negatives and non-integers;
 * LimitError('limit.overflow') from 171! on, which exceeds double precision.
 * Integer-valued: no backward.
 *
 * See also: combinations
 */
import { LimitError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg } from './common';
import { fnName, formatNumber } from './stepLatex';

/** 170! is the largest factorial below Number.MAX_VALUE. */
const LARGEST_FACTORIAL_ARGUMENT = 170;

function factorialValue(n: number): number {
  if (n > LARGEST_FACTORIAL_ARGUMENT) {
    throw new LimitError(
      'limit.overflow',
      `factorial: ${n}! exceeds double precision (the largest is ${LARGEST_FACTORIAL_ARGUMENT}!)`,
    );
  }
  let exact = 1n;
  for (let k = 2n; k <= BigInt(n); k++) exact *= k;
  return Number(exact);
}

function readN(args: readonly Value[]): number {
  return integerArg('factorial', 'n', args[0], 0);
}

export const factorial: Builtin = {
  name: 'factorial',
  signature: 'factorial(n)',
  summary: 'n! = 1·2·…·n for a non-negative integer n (0! = 1).',
  example: 'factorial(5) = 120',
  params: [{ name: 'n' }],

  forward(args) {
    return Matrix.scalar(factorialValue(readN(args)));
  },

  steps(args, output) {
    const n = readN(args);
    const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
    const product =
      n <= 1
        ? '1'
        : n <= 10
          ? Array.from({ length: n }, (_, i) => String(i + 1)).join(' \\cdot ')
          : `1 \\cdot 2 \\cdots ${n}`;
    return [{ latex: `${fnName('factorial')}(${n}) = ${n}! = ${product} = ${value}` }];
  },
};

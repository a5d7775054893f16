/**
 * Elementary functions, entry by entry: ln, log (natural, as in
 * deep-learning texts), log10, log2, exp, sqrt, abs.
 *
 * Syntax:
 *
 *     ln(x)   log(x)   log10(x)   log2(x)   exp(x)   sqrt(x)   abs(x)
 *
 * Examples:
 *
 *     ln(0.05) / ln(0.95) ≈ 58.404
 *     log(exp(2)) = 2
 *     log10(1000) = 3
 *     log2([1, 8]) = [0, 3]
 *     sqrt([4; 9]) = [2; 3]
 *     abs(-3 min) = 3 min          abs accepts a quantity
 *
 * DomainError outside the real domain: ln / log / log10 / log2 of x ≤ 0,
 * sqrt of x < 0. exp of a finite number that overflows is a LimitError.
 *
 * Backward: ln → g / x; log10 → g / (x ln 10); log2 → g / (x ln 2);
 * exp → g · e^x; sqrt → g / (2√x) (not at 0); abs → g · sign(x) (0 at 0).
 *
 * See also: sigmoid, min_trials
 */
import { DomainError } from '../values/errors';
import { elementwiseBuiltin } from './common';
import { formatNumber } from './stepLatex';

function positive(fn: string, x: number): number {
  if (!(x > 0)) throw new DomainError(`${fn}: the logarithm is defined only for x > 0, not ${x}`);
  return x;
}

function naturalLog(name: 'ln' | 'log', example: string) {
  return elementwiseBuiltin({
    name,
    summary:
      name === 'ln'
        ? 'Natural logarithm, entry by entry.'
        : 'Natural logarithm (as in deep-learning texts; log10 and log2 for other bases), entry by entry.',
    example,
    definitionLatex: `\\ln x`,
    substitute: (x) => `\\ln ${formatNumber(x)}`,
    f: (x) => Math.log(positive(name, x)),
    df: (x) => 1 / x,
  });
}

export const ln = naturalLog('ln', 'ln([1, 1]) = [0, 0]');
export const log = naturalLog('log', 'log(1) = 0');

export const log10 = elementwiseBuiltin({
  name: 'log10',
  summary: 'Base-10 logarithm, entry by entry.',
  example: 'log10([1000, 0.01]) = [3, -2]',
  definitionLatex: '\\log_{10} x',
  substitute: (x) => `\\log_{10} ${formatNumber(x)}`,
  f: (x) => Math.log10(positive('log10', x)),
  df: (x) => 1 / (x * Math.LN10),
});

export const log2 = elementwiseBuiltin({
  name: 'log2',
  summary: 'Base-2 logarithm, entry by entry.',
  example: 'log2([1, 8]) = [0, 3]',
  definitionLatex: '\\log_{2} x',
  substitute: (x) => `\\log_{2} ${formatNumber(x)}`,
  f: (x) => Math.log2(positive('log2', x)),
  df: (x) => 1 / (x * Math.LN2),
});

export const exp = elementwiseBuiltin({
  name: 'exp',
  summary: 'e to the power x, entry by entry.',
  example: 'exp([0, 1]) ≈ [1, 2.71828]',
  definitionLatex: 'e^{x}',
  substitute: (x) => `e^{${formatNumber(x)}}`,
  f: Math.exp,
  df: (_x, y) => y,
});

export const sqrt = elementwiseBuiltin({
  name: 'sqrt',
  summary: 'Square root, entry by entry (x ≥ 0).',
  example: 'sqrt([4; 9]) = [2; 3]',
  definitionLatex: '\\sqrt{x}',
  substitute: (x) => `\\sqrt{${formatNumber(x)}}`,
  f: (x) => {
    if (x < 0) throw new DomainError(`sqrt: the square root of a negative number (${x}) is not real`);
    return Math.sqrt(x);
  },
  df: (x, y) => {
    if (y === 0) throw new DomainError(`sqrt: not differentiable at ${x}`);
    return 1 / (2 * y);
  },
});

export const abs = elementwiseBuiltin({
  name: 'abs',
  summary: 'Absolute value, entry by entry; accepts a quantity.',
  example: 'abs([-3, 2]) = [3, 2]',
  definitionLatex: '|x|',
  substitute: (x) => `|${formatNumber(x)}|`,
  f: Math.abs,
  // The subgradient 0 at 0, as PyTorch.
  df: (x) => Math.sign(x),
  acceptsQuantities: true,
});

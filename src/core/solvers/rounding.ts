/**
 * Rounding, entry by entry: floor, ceil, round. Each accepts a quantity and
 * rounds it in its own unit (`floor(5.5 min)` is `5 min`).
 *
 * Syntax:
 *
 *     floor(x)   ceil(x)   round(x)
 *
 * Examples:
 *
 *     ceil(58.404) = 59
 *     floor((36 + 2*3 - 3) / 2) + 1 = 20
 *     round([2.5, -2.5, 0.4]) = [3, -3, 0]     halves away from zero, as mathjs does
 *
 * A value within a relative 1e-12 of an integer is taken as that integer
 * first (as mathjs does), so floating-point noise such as
 * 0.1·3/0.1 = 2.9999999999999996 does not turn ceil into an off-by-one.
 *
 * Piecewise constant: no backward (the gradient is zero almost everywhere).
 *
 * See also: min_trials, conv_out, abs
 */
import { elementwiseBuiltin } from './common';
import { formatNumber } from './stepLatex';

const RELATIVE_TOLERANCE = 1e-12;

/** x, or the integer it differs from by floating-point noise only. */
function snapToInteger(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(x)) ? nearest : x;
}

export const floor = elementwiseBuiltin({
  name: 'floor',
  summary: 'Largest integer ≤ x, entry by entry (quantities in their own unit).',
  example: 'floor([2.7, -2.2]) = [2, -3]',
  definitionLatex: '\\lfloor x \\rfloor',
  substitute: (x) => `\\lfloor ${formatNumber(x)} \\rfloor`,
  f: (x) => Math.floor(snapToInteger(x)),
  acceptsQuantities: true,
});

export const ceil = elementwiseBuiltin({
  name: 'ceil',
  summary: 'Smallest integer ≥ x, entry by entry (quantities in their own unit).',
  example: 'ceil([58.404, -2.7]) = [59, -2]',
  definitionLatex: '\\lceil x \\rceil',
  substitute: (x) => `\\lceil ${formatNumber(x)} \\rceil`,
  f: (x) => Math.ceil(snapToInteger(x)),
  acceptsQuantities: true,
});

export const round = elementwiseBuiltin({
  name: 'round',
  summary: 'Nearest integer, halves away from zero, entry by entry (quantities in their own unit).',
  example: 'round([2.5, -2.5, 0.4]) = [3, -3, 0]',
  definitionLatex: '\\operatorname{sign}(x) \\left\\lfloor |x| + \\tfrac{1}{2} \\right\\rfloor',
  substitute: (x) => `\\operatorname{round}(${formatNumber(x)})`,
  f: (x) => {
    const snapped = snapToInteger(x);
    return snapped < 0 ? -Math.round(-snapped) : Math.round(snapped);
  },
  acceptsQuantities: true,
});

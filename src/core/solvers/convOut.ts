/**
 * The side of a convolution's output: ⌊(n + 2P − k) / S⌋ + 1.
 *
 * Syntax:
 *
 *     conv_out(n, k)
 *     conv_out(n, k, padding=0, stride=1)
 *
 * Examples:
 *
 *     conv_out(36, 3) = 34
 *     conv_out(36, 3, padding=3, stride=2) = 20
 *
 * Integer-valued, so it has no backward (its gradient is zero).
 * DomainError when an argument is not an integer, P < 0, S < 1, k < 1, or
 * the kernel is larger than the padded input (k > n + 2P).
 *
 * See also: conv2d, maxpool
 */
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg } from './common';
import { fnName, formatNumber } from './stepLatex';

function readArgs(args: readonly Value[]): { n: number; k: number; padding: number; stride: number } {
  const n = integerArg('conv_out', 'n', args[0], 1);
  const k = integerArg('conv_out', 'k', args[1], 1);
  const padding = args[2] === undefined ? 0 : integerArg('conv_out', 'padding', args[2], 0);
  const stride = args[3] === undefined ? 1 : integerArg('conv_out', 'stride', args[3], 1);
  if (k > n + 2 * padding) {
    throw new DomainError(`conv_out: the kernel k = ${k} is larger than the padded input n + 2P = ${n + 2 * padding}`);
  }
  return { n, k, padding, stride };
}

export const convOut: Builtin = {
  name: 'conv_out',
  signature: 'conv_out(n, k, padding=0, stride=1)',
  summary: 'Output side of a convolution or pooling: floor((n + 2P − k) / S) + 1.',
  example: 'conv_out(36, 3, padding=3, stride=2) = 20',
  params: [{ name: 'n' }, { name: 'k' }, { name: 'padding', default: 0 }, { name: 'stride', default: 1 }],

  forward(args) {
    const { n, k, padding, stride } = readArgs(args);
    return Matrix.scalar(Math.floor((n + 2 * padding - k) / stride) + 1);
  },

  steps(args) {
    const { n, k, padding, stride } = readArgs(args);
    const numerator = n + 2 * padding - k;
    const quotient = numerator / stride;
    const result = Math.floor(quotient) + 1;

    return [
      { latex: `${fnName('conv_out')}(n, k, P, S) = \\left\\lfloor \\frac{n + 2P - k}{S} \\right\\rfloor + 1` },
      {
        latex:
          `\\left\\lfloor \\frac{${n} + 2\\cdot ${padding} - ${k}}{${stride}} \\right\\rfloor + 1 = ` +
          `\\left\\lfloor \\frac{${numerator}}{${stride}} \\right\\rfloor + 1 = \\lfloor ${formatNumber(quotient)} \\rfloor + 1 = ${Math.floor(quotient)} + 1 = ${result}`,
        note: `n = ${n}, k = ${k}, P = ${padding}, S = ${stride}`,
      },
    ];
  },
};

/**
 * The side of a convolution's output: ⌊(n + 2P − d(k − 1) − 1) / S⌋ + 1,
 * as PyTorch's Conv2d and MaxPool2d size it. With dilation 1 this is the
 * familiar ⌊(n + 2P − k) / S⌋ + 1.
 *
 * Syntax:
 *
 *     conv_out(n, k)
 *     conv_out(n, k, padding=0, stride=1, dilation=1)
 *
 * Examples:
 *
 *     conv_out(36, 3) = 34
 *     conv_out(36, 3, padding=3, stride=2) = 20
 *     conv_out(32, 3, dilation=2) = 28
 *
 * Integer-valued, so it has no backward (its gradient is zero).
 * DomainError when an argument is not an integer, P < 0, S < 1, k < 1,
 * d < 1, or the dilated kernel d(k − 1) + 1 is larger than the padded
 * input n + 2P.
 *
 * See also: conv_transpose_out, conv2d, maxpool, receptive_field
 */
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg } from './common';
import { fnName, formatNumber } from './stepLatex';

interface ConvOutArgs {
  readonly n: number;
  readonly k: number;
  readonly padding: number;
  readonly stride: number;
  readonly dilation: number;
}

function readArgs(args: readonly Value[]): ConvOutArgs {
  const n = integerArg('conv_out', 'n', args[0], 1);
  const k = integerArg('conv_out', 'k', args[1], 1);
  const padding = args[2] === undefined ? 0 : integerArg('conv_out', 'padding', args[2], 0);
  const stride = args[3] === undefined ? 1 : integerArg('conv_out', 'stride', args[3], 1);
  const dilation = args[4] === undefined ? 1 : integerArg('conv_out', 'dilation', args[4], 1);
  const span = dilation * (k - 1) + 1;
  if (span > n + 2 * padding) {
    const kernel = dilation === 1 ? `the kernel k = ${k}` : `the dilated kernel d(k − 1) + 1 = ${span}`;
    throw new DomainError(`conv_out: ${kernel} is larger than the padded input n + 2P = ${n + 2 * padding}`);
  }
  return { n, k, padding, stride, dilation };
}

export const convOut: Builtin = {
  name: 'conv_out',
  signature: 'conv_out(n, k, padding=0, stride=1, dilation=1)',
  summary: 'Output side of a convolution or pooling: floor((n + 2P − d(k − 1) − 1) / S) + 1.',
  example: 'conv_out(36, 3, padding=3, stride=2) = 20',
  params: [
    { name: 'n' },
    { name: 'k' },
    { name: 'padding', default: 0 },
    { name: 'stride', default: 1 },
    { name: 'dilation', default: 1 },
  ],

  forward(args) {
    const { n, k, padding, stride, dilation } = readArgs(args);
    return Matrix.scalar(Math.floor((n + 2 * padding - dilation * (k - 1) - 1) / stride) + 1);
  },

  steps(args) {
    const { n, k, padding, stride, dilation } = readArgs(args);
    const numerator = n + 2 * padding - dilation * (k - 1) - 1;
    const quotient = numerator / stride;
    const result = Math.floor(quotient) + 1;
    if (dilation === 1) {
      return [
        { latex: `${fnName('conv_out')}(n, k, P, S) = \\left\\lfloor \\frac{n + 2P - k}{S} \\right\\rfloor + 1` },
        {
          latex:
            `\\left\\lfloor \\frac{${n} + 2\\cdot ${padding} - ${k}}{${stride}} \\right\\rfloor + 1 = ` +
            `\\left\\lfloor \\frac{${numerator}}{${stride}} \\right\\rfloor + 1 = \\lfloor ${formatNumber(quotient)} \\rfloor + 1 = ${Math.floor(quotient)} + 1 = ${result}`,
          note: `n = ${n}, k = ${k}, P = ${padding}, S = ${stride}`,
        },
      ];
    }
    return [
      {
        latex: `${fnName('conv_out')}(n, k, P, S, d) = \\left\\lfloor \\frac{n + 2P - d(k - 1) - 1}{S} \\right\\rfloor + 1`,
      },
      {
        latex:
          `\\left\\lfloor \\frac{${n} + 2\\cdot ${padding} - ${dilation}(${k} - 1) - 1}{${stride}} \\right\\rfloor + 1 = ` +
          `\\left\\lfloor \\frac{${numerator}}{${stride}} \\right\\rfloor + 1 = \\lfloor ${formatNumber(quotient)} \\rfloor + 1 = ${Math.floor(quotient)} + 1 = ${result}`,
        note: `n = ${n}, k = ${k}, P = ${padding}, S = ${stride}, d = ${dilation} (a dilated kernel spans d(k − 1) + 1 = ${dilation * (k - 1) + 1})`,
      },
    ];
  },
};

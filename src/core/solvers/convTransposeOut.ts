/**
 * The side of a transposed convolution's output, as PyTorch's
 * ConvTranspose2d sizes it:
 *
 *     (n − 1)·S − 2P + d(k − 1) + output_padding + 1
 *
 * It undoes conv_out's shape: a convolution with the same k, S, P and d
 * maps this size back to n (output_padding picks among the sizes a stride
 * above 1 maps to the same n).
 *
 * Syntax:
 *
 *     conv_transpose_out(n, k)
 *     conv_transpose_out(n, k, stride=1, padding=0, output_padding=0, dilation=1)
 *
 * Examples:
 *
 *     conv_transpose_out(16, 4, stride=2, padding=1) = 32
 *     conv_transpose_out(7, 3, stride=2, padding=1, output_padding=1) = 14
 *
 * Integer-valued, so it has no backward. DomainError when an argument is
 * not an integer, n, k, S or d < 1, P < 0, output_padding < 0 or not
 * smaller than S or d (PyTorch's rule), or the result is below 1.
 *
 * See also: conv_out, conv2d
 */
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg } from './common';
import { fnName } from './stepLatex';

const FN = 'conv_transpose_out';

interface TransposeArgs {
  readonly n: number;
  readonly k: number;
  readonly stride: number;
  readonly padding: number;
  readonly outputPadding: number;
  readonly dilation: number;
}

function readArgs(args: readonly Value[]): TransposeArgs {
  const n = integerArg(FN, 'n', args[0], 1);
  const k = integerArg(FN, 'k', args[1], 1);
  const stride = args[2] === undefined ? 1 : integerArg(FN, 'stride', args[2], 1);
  const padding = args[3] === undefined ? 0 : integerArg(FN, 'padding', args[3], 0);
  const outputPadding = args[4] === undefined ? 0 : integerArg(FN, 'output_padding', args[4], 0);
  const dilation = args[5] === undefined ? 1 : integerArg(FN, 'dilation', args[5], 1);
  if (outputPadding >= Math.max(stride, dilation)) {
    throw new DomainError(
      `${FN}: output_padding ${outputPadding} must be smaller than the stride ${stride} or the dilation ${dilation}`,
    );
  }
  const size = sizeOf({ n, k, stride, padding, outputPadding, dilation });
  if (size < 1)
    throw new DomainError(`${FN}: the output would have ${size} entries per side; the padding is too large`);
  return { n, k, stride, padding, outputPadding, dilation };
}

function sizeOf(a: TransposeArgs): number {
  return (a.n - 1) * a.stride - 2 * a.padding + a.dilation * (a.k - 1) + a.outputPadding + 1;
}

export const convTransposeOut: Builtin = {
  name: FN,
  signature: 'conv_transpose_out(n, k, stride=1, padding=0, output_padding=0, dilation=1)',
  summary: 'Output side of a transposed convolution: (n − 1)S − 2P + d(k − 1) + output_padding + 1.',
  example: 'conv_transpose_out(16, 4, stride=2, padding=1) = 32',
  params: [
    { name: 'n' },
    { name: 'k' },
    { name: 'stride', default: 1 },
    { name: 'padding', default: 0 },
    { name: 'output_padding', default: 0 },
    { name: 'dilation', default: 1 },
  ],

  forward(args) {
    return Matrix.scalar(sizeOf(readArgs(args)));
  },

  steps(args) {
    const a = readArgs(args);
    return [
      { latex: `${fnName(FN)}(n, k, S, P, d, p_{out}) = (n - 1)S - 2P + d(k - 1) + p_{out} + 1` },
      {
        latex:
          `(${a.n} - 1)\\cdot ${a.stride} - 2\\cdot ${a.padding} + ${a.dilation}(${a.k} - 1) + ${a.outputPadding} + 1 = ` +
          `${(a.n - 1) * a.stride} - ${2 * a.padding} + ${a.dilation * (a.k - 1)} + ${a.outputPadding} + 1 = ${sizeOf(a)}`,
        note: `n = ${a.n}, k = ${a.k}, S = ${a.stride}, P = ${a.padding}, d = ${a.dilation}, output_padding = ${a.outputPadding}`,
      },
    ];
  },
};

/**
 * The multiply-adds (MACs) of one 2-D convolution layer's forward pass:
 * every one of the out_h·out_w·out outputs is a sum over in·k² products.
 *
 *     conv2d_macs = out_h · out_w · out · in · k²
 *
 * Biases are additions, not multiply-adds, and are not counted (as the
 * common MAC counters, e.g. ptflops and fvcore, count them). FLOPs are
 * often quoted as 2 × MACs.
 *
 * Syntax:
 *
 *     conv2d_macs(in_channels, out_channels, k, out_h)           a square out_h × out_h output
 *     conv2d_macs(in_channels, out_channels, k, out_h, out_w)
 *
 * Examples:
 *
 *     conv2d_macs(3, 16, 3, 32) = 442368
 *     conv2d_macs(3, 64, 7, 112, 112) = 118013952
 *
 * DomainError for sizes that are not positive integers. No backward
 * (integer-valued).
 *
 * See also: conv2d_params, linear_macs, conv_out
 */
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg } from './common';
import { fnName } from './stepLatex';

const FN = 'conv2d_macs';
const SIZES = ['in_channels', 'out_channels', 'k', 'out_h', 'out_w'] as const;

function readSizes(args: readonly Value[]): number[] {
  return SIZES.map((name, i) => integerArg(FN, name, args[i], 1));
}

export const conv2dMacs: Builtin = {
  name: FN,
  signature: 'conv2d_macs(in_channels, out_channels, k, out_h, out_w=out_h)',
  summary: 'Multiply-adds of a 2-D convolution with k × k kernels: out_h·out_w·out·in·k² (biases not counted).',
  example: 'conv2d_macs(3, 16, 3, 32) = 442368',
  params: [
    { name: 'in_channels' },
    { name: 'out_channels' },
    { name: 'k' },
    { name: 'out_h' },
    { name: 'out_w', defaultFrom: 'out_h' },
  ],

  forward(args) {
    const [inChannels, outChannels, k, outH, outW] = readSizes(args);
    return Matrix.scalar(outH * outW * outChannels * inChannels * k * k);
  },

  steps(args) {
    const [inChannels, outChannels, k, outH, outW] = readSizes(args);
    return [
      {
        latex: `${fnName(FN)} = H' \\cdot W' \\cdot C_{out} \\cdot C_{in} \\cdot k^2`,
        note: 'one product per kernel weight per output entry; biases not counted',
      },
      {
        latex: `${outH} \\cdot ${outW} \\cdot ${outChannels} \\cdot ${inChannels} \\cdot ${k}^2 = ${outH * outW * outChannels * inChannels * k * k}`,
      },
    ];
  },
};

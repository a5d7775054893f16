/**
 * The multiply-adds (MACs) of one fully connected layer's forward pass for
 * one sample: each of the outputs is a sum over the inputs.
 *
 *     linear_macs = inputs · outputs
 *
 * Biases are additions and are not counted, as in conv2d_macs. For a batch
 * of N samples multiply by N.
 *
 * Syntax:
 *
 *     linear_macs(inputs, outputs)
 *
 * Examples:
 *
 *     linear_macs(784, 128) = 100352
 *
 * DomainError for sizes that are not positive integers. No backward
 * (integer-valued).
 *
 * See also: linear_params, conv2d_macs
 */
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg } from './common';
import { fnName } from './stepLatex';

const FN = 'linear_macs';

function readSizes(args: readonly Value[]): [number, number] {
  return [integerArg(FN, 'inputs', args[0], 1), integerArg(FN, 'outputs', args[1], 1)];
}

export const linearMacs: Builtin = {
  name: FN,
  signature: 'linear_macs(inputs, outputs)',
  summary: 'Multiply-adds of a fully connected layer for one sample: inputs·outputs (biases not counted).',
  example: 'linear_macs(784, 128) = 100352',
  params: [{ name: 'inputs' }, { name: 'outputs' }],

  forward(args) {
    const [inputs, outputs] = readSizes(args);
    return Matrix.scalar(inputs * outputs);
  },

  steps(args) {
    const [inputs, outputs] = readSizes(args);
    return [
      { latex: `${fnName(FN)} = \\text{in} \\cdot \\text{out}`, note: 'one sample; biases not counted' },
      { latex: `${inputs} \\cdot ${outputs} = ${inputs * outputs}` },
    ];
  },
};

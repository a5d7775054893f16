/**
 * The number of trainable parameters of common layers, as PyTorch counts
 * them (`sum(p.numel() for p in layer.parameters())`).
 *
 * Syntax:
 *
 *     linear_params(inputs, outputs, bias=1)                  inputs·outputs + outputs
 *     conv2d_params(in_channels, out_channels, k, bias=1)     out·in·k² + out (a k × k kernel)
 *     rnn_params(inputs, hidden, bias=1)                      hidden·inputs + hidden² + 2·hidden
 *     lstm_params(inputs, hidden, bias=1)                     4 × that (gates i, f, g, o)
 *     gru_params(inputs, hidden, bias=1)                      3 × that (gates r, z, n)
 *
 * bias=0 leaves the biases out. The recurrent layers count PyTorch's two
 * bias vectors (b_ih and b_hh) per gate, as one layer of nn.RNN/LSTM/GRU.
 *
 * Examples:
 *
 *     linear_params(784, 128) = 100480
 *     conv2d_params(3, 16, 3) = 448
 *     lstm_params(10, 20) = 2560
 *     gru_params(10, 20, bias=0) = 1800
 *
 * DomainError for sizes that are not positive integers, or a bias other
 * than 0 or 1. No backward (integer-valued).
 *
 * See also: conv_out, numel
 */
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg } from './common';
import { fnName, formatNumber } from './stepLatex';

function biasArg(fn: string, v: Value | undefined): number {
  const b = v === undefined ? 1 : integerArg(fn, 'bias', v);
  if (b !== 0 && b !== 1) throw new DomainError(`${fn}: bias is 1 (with biases) or 0 (without), not ${b}`);
  return b;
}

interface CountSpec {
  readonly name: string;
  readonly sizes: readonly string[];
  readonly summary: string;
  readonly example: string;
  readonly formula: string;
  count(sizes: readonly number[], bias: number): number;
}

function counter(spec: CountSpec): Builtin {
  const read = (args: readonly Value[]) => ({
    sizes: spec.sizes.map((p, i) => integerArg(spec.name, p, args[i], 1)),
    bias: biasArg(spec.name, args[spec.sizes.length]),
  });
  return {
    name: spec.name,
    signature: `${spec.name}(${spec.sizes.join(', ')}, bias=1)`,
    summary: spec.summary,
    example: spec.example,
    params: [...spec.sizes.map((name) => ({ name })), { name: 'bias', default: 1 }],
    forward(args) {
      const { sizes, bias } = read(args);
      return Matrix.scalar(spec.count(sizes, bias));
    },
    steps(args, output) {
      const { sizes, bias } = read(args);
      const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
      return [
        { latex: `${fnName(spec.name)} = ${spec.formula}`, note: bias ? 'with biases' : 'without biases' },
        {
          latex: `${spec.sizes.map((p, i) => `\\text{${p.replace(/_/g, '\\_')}} = ${sizes[i]}`).join(',\\; ')} \\Rightarrow ${value}`,
        },
      ];
    },
  };
}

export const linearParams = counter({
  name: 'linear_params',
  sizes: ['inputs', 'outputs'],
  summary: 'Parameters of a fully connected layer: inputs·outputs weights + outputs biases.',
  example: 'linear_params(784, 128) = 100480',
  formula: '\\text{in} \\cdot \\text{out} + \\text{out}',
  count: ([i, o], bias) => i * o + bias * o,
});

export const conv2dParams = counter({
  name: 'conv2d_params',
  sizes: ['in_channels', 'out_channels', 'k'],
  summary: 'Parameters of a 2-D convolution with k × k kernels: out·in·k² weights + out biases.',
  example: 'conv2d_params(3, 16, 3) = 448',
  formula: '\\text{out} \\cdot \\text{in} \\cdot k^2 + \\text{out}',
  count: ([i, o, k], bias) => o * i * k * k + bias * o,
});

function recurrent(name: string, gates: number, label: string): Builtin {
  return counter({
    name,
    sizes: ['inputs', 'hidden'],
    summary: `Parameters of one ${label} layer: ${gates === 1 ? '' : `${gates} × `}(hidden·inputs + hidden² + 2·hidden), two bias vectors as PyTorch.`,
    example:
      name === 'lstm_params'
        ? 'lstm_params(10, 20) = 2560'
        : name === 'gru_params'
          ? 'gru_params(10, 20, bias=0) = 1800'
          : 'rnn_params(10, 20) = 640',
    formula: `${gates === 1 ? '' : `${gates} \\cdot `}(h \\cdot \\text{in} + h^2 + 2h)`,
    count: ([i, h], bias) => gates * (h * i + h * h + bias * 2 * h),
  });
}

export const rnnParams = recurrent('rnn_params', 1, 'Elman RNN');
export const lstmParams = recurrent('lstm_params', 4, 'LSTM');
export const gruParams = recurrent('gru_params', 3, 'GRU');

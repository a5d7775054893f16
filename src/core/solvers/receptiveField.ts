/**
 * The receptive field of a stack of convolution (or pooling) layers: how
 * many input pixels along one side a single output of the last layer sees.
 * Layer l, with kernel k_l and dilation d_l, widens it by d_l(k_l − 1)
 * steps of the layers below, each step as far apart as the product of
 * their strides:
 *
 *     r = 1 + Σ_l d_l (k_l − 1) Π_{i<l} s_i
 *
 * Syntax:
 *
 *     receptive_field(kernels)                          strides 1
 *     receptive_field(kernels, strides, dilations=1)
 *
 * kernels holds one size per layer, first layer first (a row or a column);
 * strides and dilations one per layer too, or one number for every layer.
 *
 * Examples:
 *
 *     receptive_field([3, 3, 3], [1, 2, 1]) = 9
 *     receptive_field([3, 3, 3], 1, dilations=[1, 2, 4]) = 15
 *
 * Integer-valued, so it has no backward. DomainError for entries that are
 * not positive integers; ShapeError when a list is not a vector or does
 * not have one entry per layer.
 *
 * See also: conv_out, conv2d
 */
import { ShapeError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg, matrixArg, shapeOf } from './common';
import { fnName, formatNumber } from './stepLatex';

const FN = 'receptive_field';

interface Stack {
  readonly kernels: number[];
  readonly strides: number[];
  readonly dilations: number[];
}

/** The entries of a per-layer list (one number stands for every layer), each an integer ≥ 1. */
function perLayer(param: string, v: Value | undefined, layers: number): number[] {
  const m = matrixArg(FN, param, v);
  if (m.rows !== 1 && m.cols !== 1) {
    throw new ShapeError(
      'call',
      shapeOf(m),
      { rows: layers, cols: 1 },
      `${FN}: ${param} is ${m.shapeText()} but must be a vector, one entry per layer`,
    );
  }
  if (m.isScalar && param !== 'kernels') return new Array<number>(layers).fill(integerArg(FN, param, m, 1));
  if (layers >= 0 && m.size !== layers) {
    throw new ShapeError(
      'call',
      shapeOf(m),
      { rows: layers, cols: 1 },
      `${FN}: ${param} has ${m.size} entries but kernels has ${layers}; give one per layer (or one number for all)`,
    );
  }
  return Array.from(m.data, (x) => integerArg(FN, `each entry of ${param}`, Matrix.scalar(x), 1));
}

function readStack(args: readonly Value[]): Stack {
  const kernels = perLayer('kernels', args[0], -1);
  const strides = args[1] === undefined ? kernels.map(() => 1) : perLayer('strides', args[1], kernels.length);
  const dilations = args[2] === undefined ? kernels.map(() => 1) : perLayer('dilations', args[2], kernels.length);
  return { kernels, strides, dilations };
}

/** Each layer's widening d_l (k_l − 1) Π_{i<l} s_i, first layer first. */
function terms(s: Stack): { widen: number; jump: number }[] {
  let jump = 1;
  return s.kernels.map((k, l) => {
    const term = { widen: s.dilations[l] * (k - 1), jump };
    jump *= s.strides[l];
    return term;
  });
}

export const receptiveField: Builtin = {
  name: FN,
  signature: 'receptive_field(kernels, strides=1, dilations=1)',
  summary: 'Receptive field of a stack of layers: 1 + Σ_l d_l(k_l − 1) Π_{i<l} s_i.',
  example: 'receptive_field([3, 3, 3], [1, 2, 1]) = 9',
  params: [{ name: 'kernels' }, { name: 'strides', default: 1 }, { name: 'dilations', default: 1 }],

  forward(args) {
    return Matrix.scalar(terms(readStack(args)).reduce((r, t) => r + t.widen * t.jump, 1));
  },

  steps(args, output) {
    const stack = readStack(args);
    const dilated = stack.dilations.some((d) => d !== 1);
    const shown = terms(stack)
      .map((t, l) => {
        const widen = dilated ? `${stack.dilations[l]}(${stack.kernels[l]} - 1)` : `(${stack.kernels[l]} - 1)`;
        return `${widen}\\cdot ${t.jump}`;
      })
      .join(' + ');
    const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
    return [
      {
        latex: `${fnName(FN)} = 1 + \\sum_l d_l (k_l - 1) \\prod_{i<l} s_i`,
        note: 'each layer widens the field by d(k − 1) steps of the layers below, a step being the product of their strides',
      },
      { latex: `1 + ${shown} = ${value}`, note: `${stack.kernels.length} layers, first layer first` },
    ];
  },
};

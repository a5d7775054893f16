/**
 * 2-D convolution as deep-learning texts define it: cross-correlation (the
 * kernel is not flipped), with zero padding and a stride.
 *
 *     O[i, j] = Σ_a Σ_b I_pad[i·S + a, j·S + b] · K[a, b]
 *
 * The output is n_out × m_out with n_out = ⌊(n + 2P − k) / S⌋ + 1 per side
 * (see conv_out).
 *
 * Syntax:
 *
 *     conv2d(input, kernel)
 *     conv2d(input, kernel, stride=1, padding=0)
 *
 * Examples:
 *
 *     conv2d([6, 0, 1; 3, 4, 1; 1, 7, 0], [1, 0; 0, -1]) = [2, -1; -4, 4]
 *     conv2d([1, 2; 3, 4], [1], padding=1) = [0, 0, 0, 0; 0, 1, 2, 0; 0, 3, 4, 0; 0, 0, 0, 0]
 *
 * Steps show each output entry as its sum of products:
 * O_{1,1} = 6·1 + 0·0 + 3·0 + 4·(−1) = 2 (the first 16 entries, then a note).
 *
 * Backward: ∂L/∂I[p, q] = Σ over the windows covering (p, q) of g[i, j] · K[a, b];
 * ∂L/∂K[a, b] = Σ_{i,j} g[i, j] · I_pad[i·S + a, j·S + b]. Stride and padding
 * take no gradient.
 *
 * See also: conv_out, maxpool, avgpool
 */
import type { SolverStep } from '../model';
import { ShapeError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { allocate, guardFinite, integerArg, matrixArg, shapeOf, STEP_ENTRY_CAP } from './common';
import { factor, fnName, formatNumber, matrixLatex } from './stepLatex';

/** Products shown per output entry before `+ \cdots` (a 5×5 kernel is shown whole). */
const MAX_PRODUCTS_SHOWN = 25;

interface ConvArgs {
  readonly input: Matrix;
  readonly kernel: Matrix;
  readonly stride: number;
  readonly padding: number;
  readonly outRows: number;
  readonly outCols: number;
}

function readArgs(args: readonly Value[]): ConvArgs {
  const input = matrixArg('conv2d', 'input', args[0]);
  const kernel = matrixArg('conv2d', 'kernel', args[1]);
  const stride = args[2] === undefined ? 1 : integerArg('conv2d', 'stride', args[2], 1);
  const padding = args[3] === undefined ? 0 : integerArg('conv2d', 'padding', args[3], 0);
  const paddedRows = input.rows + 2 * padding;
  const paddedCols = input.cols + 2 * padding;
  if (kernel.rows > paddedRows || kernel.cols > paddedCols) {
    const padded = padding > 0 ? 'padded input' : 'input';
    throw new ShapeError(
      'call',
      shapeOf(kernel),
      { rows: paddedRows, cols: paddedCols },
      `conv2d: kernel ${kernel.shapeText()} is larger than the ${padded} ${paddedRows}×${paddedCols}`,
    );
  }
  const outRows = Math.floor((paddedRows - kernel.rows) / stride) + 1;
  const outCols = Math.floor((paddedCols - kernel.cols) / stride) + 1;
  return { input, kernel, stride, padding, outRows, outCols };
}

/** The input entry at padded coordinates, 0 in the padding. */
function paddedEntry(input: Matrix, padding: number, r: number, c: number): number {
  const i = r - padding;
  const j = c - padding;
  return i >= 0 && i < input.rows && j >= 0 && j < input.cols ? input.data[i * input.cols + j] : 0;
}

export const conv2d: Builtin = {
  name: 'conv2d',
  signature: 'conv2d(input, kernel, stride=1, padding=0)',
  summary:
    'Cross-correlation of input with kernel (no flip), with zero padding and a stride, as in deep-learning texts.',
  example: 'conv2d([6, 0, 1; 3, 4, 1; 1, 7, 0], [1, 0; 0, -1]) = [2, -1; -4, 4]',
  params: [{ name: 'input' }, { name: 'kernel' }, { name: 'stride', default: 1 }, { name: 'padding', default: 0 }],

  forward(args) {
    const { input, kernel, stride, padding, outRows, outCols } = readArgs(args);
    const out = allocate('conv2d', outRows, outCols);
    const kr = kernel.rows;
    const kc = kernel.cols;
    for (let i = 0; i < outRows; i++) {
      for (let j = 0; j < outCols; j++) {
        let s = 0;
        for (let a = 0; a < kr; a++) {
          const r = i * stride + a - padding;
          if (r < 0 || r >= input.rows) continue;
          for (let b = 0; b < kc; b++) {
            const c = j * stride + b - padding;
            if (c < 0 || c >= input.cols) continue;
            s += input.data[r * input.cols + c] * kernel.data[a * kc + b];
          }
        }
        out.data[i * outCols + j] = s;
      }
    }
    return guardFinite('conv2d', out, [input, kernel]);
  },

  backward(upstream, args) {
    const { input, kernel, stride, padding, outRows, outCols } = readArgs(args);
    const dInput = Matrix.zeros(input.rows, input.cols);
    const dKernel = Matrix.zeros(kernel.rows, kernel.cols);
    const kr = kernel.rows;
    const kc = kernel.cols;
    for (let i = 0; i < outRows; i++) {
      for (let j = 0; j < outCols; j++) {
        const g = upstream.data[i * outCols + j];
        if (g === 0) continue;
        for (let a = 0; a < kr; a++) {
          const r = i * stride + a - padding;
          if (r < 0 || r >= input.rows) continue;
          for (let b = 0; b < kc; b++) {
            const c = j * stride + b - padding;
            if (c < 0 || c >= input.cols) continue;
            dInput.data[r * input.cols + c] += g * kernel.data[a * kc + b];
            dKernel.data[a * kc + b] += g * input.data[r * input.cols + c];
          }
        }
      }
    }
    return [dInput, dKernel, null, null];
  },

  steps(args, output) {
    const { input, kernel, stride, padding, outRows, outCols } = readArgs(args);
    if (output.kind !== 'matrix') return [];
    const steps: SolverStep[] = [
      {
        latex:
          `O_{i,j} = \\sum_{a,b} I_{(i-1)S + a,\\,(j-1)S + b}\\, K_{a,b}, \\quad ` +
          `${outRows} \\times ${outCols} = \\left(\\left\\lfloor \\frac{${input.rows} + 2\\cdot ${padding} - ${kernel.rows}}{${stride}} \\right\\rfloor + 1\\right) \\times ` +
          `\\left(\\left\\lfloor \\frac{${input.cols} + 2\\cdot ${padding} - ${kernel.cols}}{${stride}} \\right\\rfloor + 1\\right)`,
        note: `cross-correlation (the kernel is not flipped), stride ${stride}, padding ${padding}`,
      },
    ];
    const total = outRows * outCols;
    for (let n = 0; n < Math.min(total, STEP_ENTRY_CAP); n++) {
      const i = Math.floor(n / outCols);
      const j = n % outCols;
      const products: string[] = [];
      for (let a = 0; a < kernel.rows; a++) {
        for (let b = 0; b < kernel.cols; b++) {
          const x = paddedEntry(input, padding, i * stride + a, j * stride + b);
          products.push(`${factor(x)}\\cdot ${factor(kernel.data[a * kernel.cols + b])}`);
        }
      }
      // A large kernel's sum is cut short: the line has to stay readable.
      const shown =
        products.length > MAX_PRODUCTS_SHOWN ? [...products.slice(0, MAX_PRODUCTS_SHOWN), '\\cdots'] : products;
      steps.push({ latex: `O_{${i + 1},${j + 1}} = ${shown.join(' + ')} = ${formatNumber(output.data[n])}` });
    }
    if (total > STEP_ENTRY_CAP) {
      steps.push({
        latex: `${fnName('conv2d')}(I, K) = ${matrixLatex(output)}`,
        note: `the other ${total - STEP_ENTRY_CAP} of the ${total} entries likewise`,
      });
    } else {
      steps.push({ latex: `O = ${matrixLatex(output)}` });
    }
    return steps;
  },
};

/**
 * 2-D convolution as deep-learning texts and PyTorch's `conv2d` define it:
 * cross-correlation (the kernel is not flipped), summed over the input
 * channels, with zero padding, a stride, a dilation and a bias per filter.
 *
 *     O[n, o, i, j] = b[o] + Σ_c Σ_a Σ_b X_pad[n, c, i·S + a·d, j·S + b·d] · K[o, c, a, b]
 *
 * Each side of the output is ⌊(n + 2P − d(k − 1) − 1) / S⌋ + 1 (see conv_out).
 *
 * Shapes (X the input, K the kernel):
 *
 *     X H×W,          K k×k                  → H′×W′ (one channel, one filter)
 *     X C_in×H×W,     K C_in×k×k             → H′×W′ (one filter over all channels)
 *     X C_in×H×W,     K C_out×C_in×k×k       → C_out×H′×W′ (a filter bank)
 *     X N×C_in×H×W,   K as above             → N×H′×W′ or N×C_out×H′×W′
 *
 * An H×W input is one channel; a k×k kernel is one filter over one channel.
 * Kernels may be non-square (k_h × k_w). bias is a scalar or one number per
 * filter (C_out×1 or 1×C_out).
 *
 * Syntax:
 *
 *     conv2d(input, kernel)
 *     conv2d(input, kernel, stride=1, padding=0, bias=0, dilation=1)
 *
 * Examples:
 *
 *     conv2d([6, 0, 1; 3, 4, 1; 1, 7, 0], [1, 0; 0, -1]) = [2, -1; -4, 4]
 *     conv2d([1, 2; 3, 4], [1], padding=1) = [0, 0, 0, 0; 0, 1, 2, 0; 0, 3, 4, 0; 0, 0, 0, 0]
 *     conv2d([1, 2, 3; 4, 5, 6; 7, 8, 9], [1, 1; 1, 1], dilation=2, bias=1) = [21]
 *
 * Steps show the output shape and each output entry (the first 16) as its
 * sum of products, one bracket per input channel, then the bias:
 * O_{1,1} = 6·1 + 0·0 + 3·0 + 4·(−1) = 2.
 *
 * Backward: ∂L/∂X[n, c, p, q] = Σ over the windows covering (p, q) of g · K;
 * ∂L/∂K[o, c, a, b] = Σ_{n,i,j} g[n, o, i, j] · X_pad[n, c, i·S + a·d, j·S + b·d];
 * ∂L/∂b[o] = Σ_{n,i,j} g[n, o, i, j]. Stride, padding and dilation take none.
 *
 * ShapeError (`shape.mismatch`) when the kernel's C_in is not the input's,
 * the bias does not have one number per filter, or the dilated kernel is
 * larger than the padded input.
 *
 * See also: conv_out, conv2d_params, conv2d_macs, maxpool, avgpool
 */
import type { SolverStep } from '../model';
import { LimitError, ShapeError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { allocateShape, entryIndex, sliceSteps } from './channels';
import { guardFinite, integerArg, matrixArg, shapeOf, STEP_ENTRY_CAP } from './common';
import { factor, fnName, formatNumber, matrixLatex } from './stepLatex';

/** Products shown per output entry before `+ \cdots` (a 5×5 kernel is shown whole). */
const MAX_PRODUCTS_SHOWN = 25;

/**
 * Multiply-adds one call may do: about a second on a busy machine. Lower
 * than the matrix product's 1e9 (check/budget.ts) because the strided,
 * padded windows cost several times more per multiply-add; the statement's
 * work count does not see a built-in's inner loops, so the call checks it.
 */
export const MAX_CONV_MACS = 2e8;

/** The call in the N×C_in×H×W by C_out×C_in×k_h×k_w form every case reduces to. */
interface ConvGeometry {
  readonly input: Matrix;
  readonly kernel: Matrix;
  readonly bias: Matrix;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly batch: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelRows: number;
  readonly kernelCols: number;
  readonly outRows: number;
  readonly outCols: number;
  readonly outShape: readonly number[];
}

function channelWord(n: number): string {
  return n === 1 ? '1 channel' : `${n} channels`;
}

function readArgs(args: readonly Value[]): ConvGeometry {
  const input = matrixArg('conv2d', 'input', args[0]);
  const kernel = matrixArg('conv2d', 'kernel', args[1]);
  const stride = args[2] === undefined ? 1 : integerArg('conv2d', 'stride', args[2], 1);
  const padding = args[3] === undefined ? 0 : integerArg('conv2d', 'padding', args[3], 0);
  const bias = args[4] === undefined ? Matrix.scalar(0) : matrixArg('conv2d', 'bias', args[4]);
  const dilation = args[5] === undefined ? 1 : integerArg('conv2d', 'dilation', args[5], 1);

  const batched = input.rank === 4;
  const batch = batched ? input.lead[0] : 1;
  const inChannels = input.rank === 2 ? 1 : input.lead[input.lead.length - 1];
  const oneFilter = kernel.rank < 4;
  const outChannels = oneFilter ? 1 : kernel.lead[0];
  const kernelInChannels = kernel.rank === 2 ? 1 : kernel.lead[kernel.lead.length - 1];
  if (kernelInChannels !== inChannels) {
    const hint =
      kernel.rank === 3 && input.rank === 2
        ? `; a C_in×k×k kernel is one filter over C_in channels, and ${kernelInChannels} one-channel filters are ${kernelInChannels}×1×${kernel.rows}×${kernel.cols}`
        : '';
    throw new ShapeError(
      'call',
      shapeOf(kernel),
      shapeOf(input),
      `conv2d: the input ${input.shapeText()} has C_in = ${inChannels} (${channelWord(inChannels)}) but the kernel ` +
        `${kernel.shapeText()} has C_in = ${kernelInChannels}${hint}`,
    );
  }
  if (bias.isTensor || (bias.size !== 1 && (bias.size !== outChannels || (bias.rows !== 1 && bias.cols !== 1)))) {
    throw new ShapeError(
      'call',
      shapeOf(bias),
      { rows: outChannels, cols: 1 },
      outChannels === 1
        ? `conv2d: bias is ${bias.shapeText()} but must be a scalar: the kernel ${kernel.shapeText()} is one filter`
        : `conv2d: bias is ${bias.shapeText()} but must be a scalar or one number per filter ` +
            `(${outChannels}×1 or 1×${outChannels}, the kernel ${kernel.shapeText()} has ${outChannels})`,
    );
  }

  const paddedRows = input.rows + 2 * padding;
  const paddedCols = input.cols + 2 * padding;
  const spanRows = dilation * (kernel.rows - 1) + 1;
  const spanCols = dilation * (kernel.cols - 1) + 1;
  if (spanRows > paddedRows || spanCols > paddedCols) {
    const padded = padding > 0 ? 'padded input' : 'input';
    const what =
      dilation > 1
        ? `the dilated kernel ${spanRows}×${spanCols} (${kernel.rows}×${kernel.cols}, dilation ${dilation})`
        : `kernel ${kernel.rows}×${kernel.cols}`;
    throw new ShapeError(
      'call',
      shapeOf(kernel),
      { rows: paddedRows, cols: paddedCols },
      `conv2d: ${what} is larger than the ${padded} ${paddedRows}×${paddedCols}`,
    );
  }
  const outRows = Math.floor((paddedRows - spanRows) / stride) + 1;
  const outCols = Math.floor((paddedCols - spanCols) / stride) + 1;
  const outShape = [...(batched ? [batch] : []), ...(oneFilter ? [] : [outChannels]), outRows, outCols];
  const macs = batch * outChannels * outRows * outCols * inChannels * kernel.rows * kernel.cols;
  if (macs > MAX_CONV_MACS) {
    throw new LimitError(
      'limit.time',
      `conv2d: this call needs about ${macs.toExponential(1)} multiply-adds: too long to check ` +
        `(the limit is ${MAX_CONV_MACS.toExponential(0)})`,
    );
  }
  return {
    input,
    kernel,
    bias,
    stride,
    padding,
    dilation,
    batch,
    inChannels,
    outChannels,
    kernelRows: kernel.rows,
    kernelCols: kernel.cols,
    outRows,
    outCols,
    outShape,
  };
}

function biasOf(g: ConvGeometry, o: number): number {
  return g.bias.size === 1 ? g.bias.data[0] : g.bias.data[o];
}

/**
 * A run of products that share one kernel entry: output entries
 * `out + j` for j in [lo, hi) each take input entry `x + j·S` times kernel
 * entry `k`. Runs cover every product once and skip the zero padding.
 */
interface ProductRun {
  readonly out: number;
  readonly x: number;
  readonly k: number;
  readonly lo: number;
  readonly hi: number;
}

/** Output positions j in [0, outLen) whose input position offset + j·S lies in [0, inLen). */
function validRange(outLen: number, inLen: number, offset: number, stride: number): [number, number] {
  const lo = offset >= 0 ? 0 : Math.ceil(-offset / stride);
  const hi = Math.min(outLen, Math.floor((inLen - 1 - offset) / stride) + 1);
  return [lo, Math.max(lo, hi)];
}

/**
 * Visits every run of products (see ProductRun): the one loop forward and
 * backward share, so they cannot disagree on the windows. A run spans an
 * output row, so the callback's cost is spread over W′ products.
 */
function eachRun(g: ConvGeometry, visit: (run: ProductRun) => void): void {
  const { input, stride, padding, dilation, kernelRows: kr, kernelCols: kc } = g;
  const h = input.rows;
  const w = input.cols;
  const colRanges = Array.from({ length: kc }, (_, b) => validRange(g.outCols, w, b * dilation - padding, stride));
  const run = { out: 0, x: 0, k: 0, lo: 0, hi: 0 };
  for (let n = 0; n < g.batch; n++) {
    for (let o = 0; o < g.outChannels; o++) {
      for (let c = 0; c < g.inChannels; c++) {
        const plane = (n * g.inChannels + c) * h * w;
        const filter = (o * g.inChannels + c) * kr * kc;
        for (let i = 0; i < g.outRows; i++) {
          const outRow = ((n * g.outChannels + o) * g.outRows + i) * g.outCols;
          for (let a = 0; a < kr; a++) {
            const r = i * stride + a * dilation - padding;
            if (r < 0 || r >= h) continue;
            for (let b = 0; b < kc; b++) {
              run.out = outRow;
              run.x = plane + r * w + b * dilation - padding;
              run.k = filter + a * kc + b;
              run.lo = colRanges[b][0];
              run.hi = colRanges[b][1];
              visit(run);
            }
          }
        }
      }
    }
  }
}

/** The filter (from 0) that output entry `flat` belongs to. */
function filterOf(g: ConvGeometry, flat: number): number {
  return Math.floor(flat / (g.outRows * g.outCols)) % g.outChannels;
}

export const conv2d: Builtin = {
  name: 'conv2d',
  signature: 'conv2d(input, kernel, stride=1, padding=0, bias=0, dilation=1)',
  summary:
    'Cross-correlation (no flip) summed over input channels, with padding, stride, dilation and a bias per filter, as PyTorch.',
  example: 'conv2d([6, 0, 1; 3, 4, 1; 1, 7, 0], [1, 0; 0, -1]) = [2, -1; -4, 4]',
  params: [
    { name: 'input' },
    { name: 'kernel' },
    { name: 'stride', default: 1 },
    { name: 'padding', default: 0 },
    { name: 'bias', default: 0 },
    { name: 'dilation', default: 1 },
  ],
  acceptsTensors: true,

  forward(args) {
    const g = readArgs(args);
    const out = allocateShape('conv2d', g.outShape);
    const o = out.data;
    const x = g.input.data;
    const k = g.kernel.data;
    const stride = g.stride;
    eachRun(g, (run) => {
      const kv = k[run.k];
      for (let j = run.lo; j < run.hi; j++) o[run.out + j] += x[run.x + j * stride] * kv;
    });
    for (let n = 0; n < o.length; n++) o[n] += biasOf(g, filterOf(g, n));
    return guardFinite('conv2d', out, [g.input, g.kernel, g.bias]);
  },

  backward(upstream, args) {
    const g = readArgs(args);
    const dInput = Matrix.zerosLike(g.input);
    const dKernel = Matrix.zerosLike(g.kernel);
    const dBias = Matrix.zerosLike(g.bias);
    const u = upstream.data;
    const x = g.input.data;
    const k = g.kernel.data;
    const dx = dInput.data;
    const stride = g.stride;
    eachRun(g, (run) => {
      const kv = k[run.k];
      let dk = 0;
      for (let j = run.lo; j < run.hi; j++) {
        const uj = u[run.out + j];
        dx[run.x + j * stride] += uj * kv;
        dk += uj * x[run.x + j * stride];
      }
      dKernel.data[run.k] += dk;
    });
    for (let n = 0; n < u.length; n++) dBias.data[g.bias.size === 1 ? 0 : filterOf(g, n)] += u[n];
    return [dInput, dKernel, null, null, dBias, null];
  },

  steps(args, output) {
    const g = readArgs(args);
    if (output.kind !== 'matrix') return [];
    const steps: SolverStep[] = [shapeStep(g)];
    const total = output.size;
    const products: string[][] = Array.from({ length: Math.min(total, STEP_ENTRY_CAP) }, () => []);
    const channelOfProduct: number[][] = products.map(() => []);
    const planeSize = g.input.rows * g.input.cols;
    // Padding shows as the 0 it multiplies, as students write the sum out; eachRun skips it, so walk here.
    // One product past the 25 shown is enough to know the sum is cut short.
    for (let n = 0; n < products.length; n++) {
      const [sample, o, i, j] = outputCoordinates(g, n);
      collect: for (let c = 0; c < g.inChannels; c++) {
        for (let a = 0; a < g.kernelRows; a++) {
          for (let b = 0; b < g.kernelCols; b++) {
            if (products[n].length > MAX_PRODUCTS_SHOWN) break collect;
            const r = i * g.stride + a * g.dilation - g.padding;
            const col = j * g.stride + b * g.dilation - g.padding;
            const inside = r >= 0 && r < g.input.rows && col >= 0 && col < g.input.cols;
            const xv = inside ? g.input.data[(sample * g.inChannels + c) * planeSize + r * g.input.cols + col] : 0;
            const kv = g.kernel.data[((o * g.inChannels + c) * g.kernelRows + a) * g.kernelCols + b];
            products[n].push(`${factor(xv)}\\cdot ${factor(kv)}`);
            channelOfProduct[n].push(c);
          }
        }
      }
    }
    products.forEach((list, n) => {
      const label = entryIndex(g.outShape, n).join(',');
      const sum = channelSum(list, channelOfProduct[n], g.inChannels);
      const b = biasOf(g, filterOf(g, n));
      const biasTerm = g.bias.data.some((v) => v !== 0) ? ` + ${factor(b)}` : '';
      steps.push({ latex: `O_{${label}} = ${sum}${biasTerm} = ${formatNumber(output.data[n])}` });
    });
    if (total > STEP_ENTRY_CAP) {
      steps.push({
        latex: output.isTensor
          ? `${fnName('conv2d')}(X, K) \\in \\mathbb{R}^{${g.outShape.join(' \\times ')}}`
          : `${fnName('conv2d')}(I, K) = ${matrixLatex(output)}`,
        note: `the other ${total - STEP_ENTRY_CAP} of the ${total} entries likewise`,
      });
    } else {
      steps.push(...sliceSteps('O', output));
    }
    return steps;
  },
};

/** Sample, filter, row and column (from 0) of output entry `flat`. */
function outputCoordinates(g: ConvGeometry, flat: number): [number, number, number, number] {
  const j = flat % g.outCols;
  const i = Math.floor(flat / g.outCols) % g.outRows;
  const o = filterOf(g, flat);
  const n = Math.floor(flat / (g.outRows * g.outCols * g.outChannels));
  return [n, o, i, j];
}

/** The products of one entry, bracketed per input channel when there are several, cut short after 25. */
function channelSum(products: readonly string[], channels: readonly number[], inChannels: number): string {
  const shown = products.slice(0, MAX_PRODUCTS_SHOWN);
  const cut = products.length > MAX_PRODUCTS_SHOWN;
  if (inChannels === 1) return (cut ? [...shown, '\\cdots'] : shown).join(' + ');
  const groups: string[] = [];
  let start = 0;
  while (start < shown.length) {
    const c = channels[start];
    let end = start;
    while (end < shown.length && channels[end] === c) end++;
    const open = end === shown.length && cut ? ' + \\cdots' : '';
    groups.push(`\\left(${shown.slice(start, end).join(' + ')}${open}\\right)_{c=${c + 1}}`);
    start = end;
  }
  return `${groups.join(' + ')}${cut ? ' + \\cdots' : ''}`;
}

function shapeStep(g: ConvGeometry): SolverStep {
  const side = (n: number, k: number): string => {
    const kernelTerm = g.dilation === 1 ? `${k}` : `${g.dilation}(${k} - 1) - 1`;
    return `\\left(\\left\\lfloor \\frac{${n} + 2\\cdot ${g.padding} - ${kernelTerm}}{${g.stride}} \\right\\rfloor + 1\\right)`;
  };
  const leading = g.outShape.slice(0, -2);
  const prefix = leading.length > 0 ? `${leading.join(' \\times ')} \\times ` : '';
  const multi = g.inChannels > 1 || leading.length > 0;
  return {
    latex:
      (multi
        ? `O_{n,o,i,j} = b_o + \\sum_{c,a,b} X_{n,c,(i-1)S + a,\\,(j-1)S + b}\\, K_{o,c,a,b}, \\quad `
        : `O_{i,j} = \\sum_{a,b} I_{(i-1)S + a,\\,(j-1)S + b}\\, K_{a,b}, \\quad `) +
      `${g.outShape.join(' \\times ')} = ${prefix}${side(g.input.rows, g.kernelRows)} \\times ${side(g.input.cols, g.kernelCols)}`,
    note:
      `cross-correlation (the kernel is not flipped), stride ${g.stride}, padding ${g.padding}` +
      (g.dilation > 1 ? `, dilation ${g.dilation}` : '') +
      (g.inChannels > 1 ? `, summed over ${g.inChannels} input channels (one bracket each)` : ''),
  };
}

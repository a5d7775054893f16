/**
 * What maxpool and avgpool share: reading `(input, size=2, stride=size,
 * padding=0)`, the windows of each H×W slice (a C×H×W or N×C×H×W input is
 * pooled channel by channel), the output shape ⌊(n + 2P − size) / stride⌋ + 1
 * per side, and the steps that show each output entry over its window.
 *
 * Padding follows PyTorch: at most half the window (so every window holds
 * at least one entry of the input); what a padded cell counts as is the
 * pool's own rule (−∞ for max, 0 for the mean).
 */
import type { SolverStep } from '../model';
import { DomainError, LimitError, ShapeError } from '../values/errors';
import type { Matrix, Value } from '../values/value';
import type { BuiltinParam } from './builtin';
import { allocateShape, entryIndex, sliceSteps } from './channels';
import { integerArg, matrixArg, shapeOf, STEP_ENTRY_CAP } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

export const POOL_PARAMS: readonly BuiltinParam[] = [
  { name: 'input' },
  { name: 'size', default: 2 },
  { name: 'stride', defaultFrom: 'size' },
  { name: 'padding', default: 0 },
];

/**
 * Window cells one call may visit (outputs × size²): about a second on a
 * busy machine. The statement's work count does not see a built-in's
 * inner loops, so the call checks it before it starts.
 */
export const MAX_POOL_CELLS = 3e7;

export interface PoolArgs {
  readonly input: Matrix;
  readonly size: number;
  readonly stride: number;
  readonly padding: number;
  /** H×W slices pooled one by one: C, N·C, or 1 for a matrix. */
  readonly planes: number;
  readonly outRows: number;
  readonly outCols: number;
  /** The input's leading axes, then outRows × outCols. */
  readonly outShape: readonly number[];
}

export function readPoolArgs(fn: string, args: readonly Value[]): PoolArgs {
  const input = matrixArg(fn, 'input', args[0]);
  const size = args[1] === undefined ? 2 : integerArg(fn, 'size', args[1], 1);
  const stride = args[2] === undefined ? size : integerArg(fn, 'stride', args[2], 1);
  const padding = args[3] === undefined ? 0 : integerArg(fn, 'padding', args[3], 0);
  if (2 * padding > size) {
    throw new DomainError(
      `${fn}: padding ${padding} is more than half the window ${size}×${size} (at most ${Math.floor(size / 2)}, as PyTorch)`,
    );
  }
  const paddedRows = input.rows + 2 * padding;
  const paddedCols = input.cols + 2 * padding;
  if (size > paddedRows || size > paddedCols) {
    throw new ShapeError(
      'call',
      { rows: size, cols: size },
      shapeOf(input),
      padding > 0
        ? `${fn}: the window ${size}×${size} is larger than the padded input ${paddedRows}×${paddedCols}`
        : `${fn}: the window ${size}×${size} is larger than the input ${input.shapeText()}`,
    );
  }
  const outRows = Math.floor((paddedRows - size) / stride) + 1;
  const outCols = Math.floor((paddedCols - size) / stride) + 1;
  const planes = input.size / (input.rows * input.cols);
  const cells = planes * outRows * outCols * size * size;
  if (cells > MAX_POOL_CELLS) {
    throw new LimitError(
      'limit.time',
      `${fn}: this call visits about ${cells.toExponential(1)} window cells: too long to check ` +
        `(the limit is ${MAX_POOL_CELLS.toExponential(0)})`,
    );
  }
  return {
    input,
    size,
    stride,
    padding,
    planes,
    outRows,
    outCols,
    outShape: [...input.lead, outRows, outCols],
  };
}

/** The output of the pool, zeros, refused over the entry limit. */
export function allocatePool(fn: string, a: PoolArgs): Matrix {
  return allocateShape(fn, a.outShape);
}

/**
 * Each cell of the window of output (i, j) in slice `plane`, row-major: the
 * index into `input.data`, or −1 for a cell in the padding.
 */
export function windowCells(a: PoolArgs, plane: number, i: number, j: number): number[] {
  const { rows, cols } = a.input;
  const cells: number[] = [];
  const base = plane * rows * cols;
  for (let dr = 0; dr < a.size; dr++) {
    const r = i * a.stride + dr - a.padding;
    for (let dc = 0; dc < a.size; dc++) {
      const c = j * a.stride + dc - a.padding;
      cells.push(r >= 0 && r < rows && c >= 0 && c < cols ? base + r * cols + c : -1);
    }
  }
  return cells;
}

/** The indices into `input.data` of the window's cells inside the input (the padding left out). */
export function windowIndices(a: PoolArgs, plane: number, i: number, j: number): number[] {
  return windowCells(a, plane, i, j).filter((k) => k >= 0);
}

/** Calls `visit` for every output entry with its flat index and its window's slice and position. */
export function eachWindow(a: PoolArgs, visit: (out: number, plane: number, i: number, j: number) => void): void {
  let out = 0;
  for (let plane = 0; plane < a.planes; plane++)
    for (let i = 0; i < a.outRows; i++) for (let j = 0; j < a.outCols; j++) visit(out++, plane, i, j);
}

/**
 * Steps: the shape, then each output entry (the first 16, labelled by its
 * full index) as `O_{c,i,j} = f(window) = value`; `entry` gets the window's
 * cells, `null` for padding.
 */
export function poolSteps(
  fn: string,
  a: PoolArgs,
  output: Matrix,
  entry: (window: (number | null)[]) => string,
): SolverStep[] {
  const side = (n: number): string =>
    a.padding > 0
      ? `\\left(\\left\\lfloor \\frac{${n} + 2\\cdot ${a.padding} - ${a.size}}{${a.stride}} \\right\\rfloor + 1\\right)`
      : `\\left(\\left\\lfloor \\frac{${n} - ${a.size}}{${a.stride}} \\right\\rfloor + 1\\right)`;
  const lead = a.input.lead;
  const steps: SolverStep[] = [
    {
      latex: `${a.outShape.join(' \\times ')} = ${lead.map((d) => `${d} \\times `).join('')}${side(a.input.rows)} \\times ${side(a.input.cols)}`,
      note:
        `window ${a.size}×${a.size}, stride ${a.stride}` +
        (a.padding > 0 ? `, padding ${a.padding}` : '') +
        (lead.length > 0 ? ', each channel on its own' : ''),
    },
  ];
  const total = output.size;
  eachWindow(a, (n, plane, i, j) => {
    if (n >= STEP_ENTRY_CAP) return;
    const window = windowCells(a, plane, i, j).map((k) => (k < 0 ? null : a.input.data[k]));
    const label = entryIndex(a.outShape, n).join(',');
    steps.push({ latex: `O_{${label}} = ${entry(window)} = ${formatNumber(output.data[n])}` });
  });
  if (total > STEP_ENTRY_CAP) {
    steps.push({
      latex: output.isTensor
        ? `${fnName(fn)}(X) \\in \\mathbb{R}^{${a.outShape.join(' \\times ')}}`
        : `${fnName(fn)}(I) = ${matrixLatex(output)}`,
      note: `the other ${total - STEP_ENTRY_CAP} of the ${total} entries likewise`,
    });
  } else {
    steps.push(...sliceSteps('O', output));
  }
  return steps;
}

/**
 * What maxpool and avgpool share: reading `(input, size=2, stride=size)`,
 * the output shape ⌊(n − size) / stride⌋ + 1 per side, and the steps that
 * show each output entry over its window.
 */
import type { SolverStep } from '../model';
import { ShapeError } from '../values/errors';
import type { Matrix, Value } from '../values/value';
import type { BuiltinParam } from './builtin';
import { integerArg, matrixArg, shapeOf, STEP_ENTRY_CAP } from './common';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

export const POOL_PARAMS: readonly BuiltinParam[] = [
  { name: 'input' },
  { name: 'size', default: 2 },
  { name: 'stride', defaultFrom: 'size' },
];

export interface PoolArgs {
  readonly input: Matrix;
  readonly size: number;
  readonly stride: number;
  readonly outRows: number;
  readonly outCols: number;
}

export function readPoolArgs(fn: string, args: readonly Value[]): PoolArgs {
  const input = matrixArg(fn, 'input', args[0]);
  const size = args[1] === undefined ? 2 : integerArg(fn, 'size', args[1], 1);
  const stride = args[2] === undefined ? size : integerArg(fn, 'stride', args[2], 1);
  if (size > input.rows || size > input.cols) {
    throw new ShapeError(
      'call',
      { rows: size, cols: size },
      shapeOf(input),
      `${fn}: the window ${size}×${size} is larger than the input ${input.shapeText()}`,
    );
  }
  return {
    input,
    size,
    stride,
    outRows: Math.floor((input.rows - size) / stride) + 1,
    outCols: Math.floor((input.cols - size) / stride) + 1,
  };
}

/** Row-major indices into `input.data` of the window of output entry (i, j). */
export function windowIndices(a: PoolArgs, i: number, j: number): number[] {
  const indices: number[] = [];
  for (let r = 0; r < a.size; r++) {
    for (let c = 0; c < a.size; c++) indices.push((i * a.stride + r) * a.input.cols + j * a.stride + c);
  }
  return indices;
}

/** Steps: the shape, then each output entry (the first 16) as `O_{i,j} = f(window) = value`. */
export function poolSteps(fn: string, a: PoolArgs, output: Matrix, entry: (window: number[]) => string): SolverStep[] {
  const steps: SolverStep[] = [
    {
      latex: `${a.outRows} \\times ${a.outCols} = \\left(\\left\\lfloor \\frac{${a.input.rows} - ${a.size}}{${a.stride}} \\right\\rfloor + 1\\right) \\times \\left(\\left\\lfloor \\frac{${a.input.cols} - ${a.size}}{${a.stride}} \\right\\rfloor + 1\\right)`,
      note: `window ${a.size}×${a.size}, stride ${a.stride}`,
    },
  ];
  const total = a.outRows * a.outCols;
  for (let n = 0; n < Math.min(total, STEP_ENTRY_CAP); n++) {
    const i = Math.floor(n / a.outCols);
    const j = n % a.outCols;
    const window = windowIndices(a, i, j).map((k) => a.input.data[k]);
    steps.push({ latex: `O_{${i + 1},${j + 1}} = ${entry(window)} = ${formatNumber(output.data[n])}` });
  }
  steps.push(
    total > STEP_ENTRY_CAP
      ? {
          latex: `${fnName(fn)}(I) = ${matrixLatex(output)}`,
          note: `the other ${total - STEP_ENTRY_CAP} of the ${total} entries likewise`,
        }
      : { latex: `O = ${matrixLatex(output)}` },
  );
  return steps;
}

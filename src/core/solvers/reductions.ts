/**
 * Reductions: sum, prod, mean, max, min, over all entries or along one axis.
 *
 * Syntax:
 *
 *     sum(x)   prod(x)   mean(x)   max(x)   min(x)     over all entries of x
 *     sum(x, axis=2)  …  min(x, axis=-1, keepdims=1)     along one axis (from 1; -1 is the last): see axes.ts
 *     sum(a, b, c, …)  …  max(a, b, c, …)               over several scalars
 *     max(2 min, 90 s)                                   max and min compare quantities of one dimension
 *
 * Examples:
 *
 *     sum(1:2:39) = 400
 *     sum([1, 2; 3, 4]) = 10
 *     sum([1, 2; 3, 4], axis=2) = [3; 7]        row sums (each row reduced along axis 2)
 *     max([1, 5; 3, 4], axis=1) = [3, 5]       column maxima
 *     prod([1, 2, 3, 4]) = 24
 *     mean([2; 4; 9]) = 5
 *     max([2, 8, 9]) = 9
 *     min(3, -1, 2) = -1
 *
 * Backward: sum → g everywhere; mean → g / n; prod → g · Π of the other
 * entries (computed without dividing, so zeros are fine); max / min → g at
 * the first entry attaining the extreme, 0 elsewhere (a subgradient).
 *
 * See also: floor, ceil, norm
 */
import type { SolverStep } from '../model';
import { LimitError, ShapeError, UnitError } from '../values/errors';
import { Matrix, type Quantity, type Value } from '../values/value';
import {
  AXIS_OPTIONS,
  axisArgument,
  axisNeedsOneArgument,
  keepdimsArgument,
  reduceOverAxis,
  reduceOverAxisBackward,
  splitOptions,
} from './axes';
import type { Builtin } from './builtin';
import { matrixArg, shapeOf } from './common';
import { factor, fnName, formatNumber, matrixLatex, quantityLatex } from './stepLatex';

/** The numbers reduced over: the entries of one matrix, or several scalars. */
function operands(fn: string, args: readonly Value[]): Float64Array {
  if (args.length === 0)
    throw new ShapeError('call', { rows: 0, cols: 0 }, { rows: 1, cols: 1 }, `${fn}: needs at least one argument`);
  if (args.length === 1) return matrixArg(fn, 'x', args[0]).data;
  const values = new Float64Array(args.length);
  args.forEach((a, i) => {
    const m = matrixArg(fn, `argument ${i + 1}`, a);
    if (!m.isScalar) {
      throw new ShapeError(
        'call',
        shapeOf(m),
        { rows: 1, cols: 1 },
        `${fn}: with several arguments each must be a scalar, but argument ${i + 1} is ${m.shapeText()} (use ${fn}(x) for all entries of one matrix)`,
      );
    }
    values[i] = m.data[0];
  });
  return values;
}

/** Spreads one gradient per operand back onto the arguments' shapes. */
function perArgument(args: readonly Matrix[], grads: Float64Array): Matrix[] {
  if (args.length === 1) return [new Matrix(args[0].rows, args[0].cols, grads, args[0].lead)];
  return Array.from(grads, (g) => Matrix.scalar(g));
}

function operandsLatex(args: readonly Value[], values: Float64Array): string {
  return args.length === 1 && args[0].kind === 'matrix' && !args[0].isScalar
    ? matrixLatex(args[0])
    : Array.from(values, formatNumber).join(', ');
}

/** The arguments of a reduction: the values reduced, then `axis` (from 0, if given) and `keepdims`. */
export function reductionArguments(
  fn: string,
  args: readonly Value[],
): { positional: readonly Value[]; axis: number | undefined; keepdims: boolean } {
  const { positional, options } = splitOptions(args, AXIS_OPTIONS.length);
  if (options === undefined) return { positional, axis: undefined, keepdims: false };
  const axisValue = options[0];
  const keepdims = keepdimsArgument(fn, options[1]);
  const given = axisValue.kind === 'quantity' || !(axisValue.isScalar && Number.isNaN(axisValue.data[0]));
  if (!given) return { positional, axis: undefined, keepdims };
  if (positional.length !== 1) throw axisNeedsOneArgument(fn);
  const x = matrixArg(fn, 'x', positional[0]);
  return { positional, axis: axisArgument(fn, x, axisValue), keepdims };
}

/** Entries that overflowed from finite operands. */
function checkFinite(fn: string, result: Matrix, input: Float64Array): Matrix {
  if (result.data.every(Number.isFinite) || !input.every(Number.isFinite)) return result;
  throw new LimitError('limit.overflow', `${fn}: the result overflows double precision`);
}

function reduction(spec: {
  name: string;
  summary: string;
  example: string;
  reduce(values: Float64Array): number;
  gradient(values: Float64Array, result: number, g: number): Float64Array;
  /** `1 + 2 + 3`, or undefined to show only the result. */
  expand(values: Float64Array, result: number): string;
}): Builtin {
  return {
    name: spec.name,
    signature: `${spec.name}(x)`,
    summary: spec.summary,
    example: spec.example,
    params: [{ name: 'x' }],
    variadic: true,
    options: AXIS_OPTIONS,
    acceptsTensors: true,
    forward(args) {
      const { positional, axis, keepdims } = reductionArguments(spec.name, args);
      if (axis !== undefined) {
        const x = positional[0] as Matrix;
        return checkFinite(spec.name, reduceOverAxis(x, axis, keepdims, spec.reduce), x.data);
      }
      const values = operands(spec.name, positional);
      return checkFinite(spec.name, Matrix.scalar(spec.reduce(values)), values);
    },
    backward(upstream, args, output) {
      const { positional, axis } = reductionArguments(spec.name, args);
      const options = positional.length < args.length ? AXIS_OPTIONS.map(() => null) : [];
      if (axis !== undefined) {
        const x = positional[0] as Matrix;
        return [reduceOverAxisBackward(x, axis, output, upstream, spec.gradient), ...options];
      }
      const values = operands(spec.name, positional);
      const grads = spec.gradient(values, output.data[0], upstream.data[0]);
      return [...perArgument(positional as readonly Matrix[], grads), ...options];
    },
    steps(args, output) {
      if (output.kind !== 'matrix') return [];
      const { positional, axis } = reductionArguments(spec.name, args);
      if (axis !== undefined) {
        const x = positional[0] as Matrix;
        if (x.isTensor || output.isTensor) return [];
        return [
          {
            latex: `${fnName(spec.name)}\\left(${matrixLatex(x)}\\right) = ${matrixLatex(output)}`,
            note: `along axis ${axis + 1}`,
          },
        ];
      }
      args = positional;
      const values = operands(spec.name, args);
      const steps: SolverStep[] = [];
      const result = output.data[0];
      const expanded = values.length <= 16 ? `${spec.expand(values, result)} = ` : '';
      steps.push({
        latex: `${fnName(spec.name)}\\left(${operandsLatex(args, values)}\\right) = ${expanded}${formatNumber(result)}`,
        note: values.length > 16 ? `over ${values.length} entries` : undefined,
      });
      return steps;
    },
  };
}

function total(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

export const sum = reduction({
  name: 'sum',
  summary: 'Sum of all entries of x, or of several scalars.',
  example: 'sum([1, 3, 5, 7]) = 16',
  reduce: total,
  gradient: (values, _r, g) => new Float64Array(values.length).fill(g),
  expand: (values) =>
    Array.from(values, (v, i) => (i === 0 ? formatNumber(v) : v < 0 ? `(${formatNumber(v)})` : formatNumber(v))).join(
      ' + ',
    ),
});

export const mean = reduction({
  name: 'mean',
  summary: 'Mean of all entries of x, or of several scalars.',
  example: 'mean([2; 4; 9]) = 5',
  reduce: (values) => total(values) / values.length,
  gradient: (values, _r, g) => new Float64Array(values.length).fill(g / values.length),
  expand: (values) => `\\frac{${Array.from(values, formatNumber).join(' + ')}}{${values.length}}`,
});

export const prod = reduction({
  name: 'prod',
  summary: 'Product of all entries of x, or of several scalars.',
  example: 'prod([1, 2, 3, 4]) = 24',
  reduce: (values) => {
    let p = 1;
    for (let i = 0; i < values.length; i++) p *= values[i];
    return p;
  },
  gradient: (values, _r, g) => {
    // Prefix and suffix products: the product of the others without dividing by a possible 0.
    const n = values.length;
    const grads = new Float64Array(n);
    let prefix = 1;
    for (let i = 0; i < n; i++) {
      grads[i] = prefix;
      prefix *= values[i];
    }
    let suffix = 1;
    for (let i = n - 1; i >= 0; i--) {
      grads[i] *= suffix * g;
      suffix *= values[i];
    }
    return grads;
  },
  expand: (values) => Array.from(values, factor).join(' \\cdot '),
});

function extremeIndex(values: Float64Array, better: (a: number, b: number) => boolean): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (better(values[i], values[best])) best = i;
  return best;
}

/** max / min over quantities: compared in SI base units; the winner is returned as written. */
function extremeQuantity(fn: string, args: readonly Value[], better: (a: number, b: number) => boolean): Quantity {
  const quantities = args.map((a, i) => {
    if (a.kind !== 'quantity') throw new UnitError(`${fn}: argument ${i + 1} has no unit but others do`);
    return a;
  });
  let best = quantities[0];
  for (const q of quantities.slice(1)) {
    if (!q.unit.equalBase(best.unit)) {
      throw new UnitError(`${fn}: cannot compare ${best.unit.formatUnits()} with ${q.unit.formatUnits()}`);
    }
    if (better(q.unit.value, best.unit.value)) best = q;
  }
  return best;
}

function extreme(
  name: 'max' | 'min',
  better: (a: number, b: number) => boolean,
  summary: string,
  example: string,
): Builtin {
  const base = reduction({
    name,
    summary,
    example,
    reduce: (values) => values[extremeIndex(values, better)],
    gradient: (values, _r, g) => {
      const grads = new Float64Array(values.length);
      grads[extremeIndex(values, better)] = g;
      return grads;
    },
    expand: (values) => `${name === 'max' ? '\\max' : '\\min'}\\{${Array.from(values, formatNumber).join(', ')}\\}`,
  });
  return {
    ...base,
    acceptsQuantities: true,
    forward(args) {
      const { positional } = splitOptions(args, AXIS_OPTIONS.length);
      if (positional.some((a) => a.kind === 'quantity')) return extremeQuantity(name, positional, better);
      return base.forward(args);
    },
    steps(args, output) {
      if (output.kind === 'quantity') {
        const operandList = splitOptions(args, AXIS_OPTIONS.length)
          .positional.map((a) => (a.kind === 'quantity' ? quantityLatex(a) : matrixLatex(a)))
          .join(', ');
        return [
          { latex: `${fnName(name)}(${operandList}) = ${quantityLatex(output)}`, note: 'compared in SI base units' },
        ];
      }
      return base.steps ? base.steps(args, output) : [];
    },
  };
}

export const max = extreme(
  'max',
  (a, b) => a > b,
  'Largest entry of x, or the largest of several scalars or quantities.',
  'max([2, 8, 9]) = 9',
);
export const min = extreme(
  'min',
  (a, b) => a < b,
  'Smallest entry of x, or the smallest of several scalars or quantities.',
  'min(3, -1, 2) = -1',
);

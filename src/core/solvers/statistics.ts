/**
 * Spread of data: variance, standard deviation and the covariance matrix.
 *
 * Syntax:
 *
 *     var(x, ddof=0)      Σ (xᵢ − x̄)² / (N − ddof) over all N entries of x
 *     std(x, ddof=0)      √var(x, ddof)
 *     var(X, axis=1, ddof=0, keepdims=0)   along one axis (from 1): N is that axis's size (see axes.ts)
 *     cov(X, ddof=0)      the covariance matrix of the columns of X (rows are
 *                         samples): (X − x̄)ᵀ (X − x̄) / (N − ddof); a vector is one variable
 *
 * ddof = 0 (the default) is the population formula, as NumPy's var and std;
 * ddof = 1 the sample (Bessel-corrected) one. cov takes the same default, so
 * its diagonal is the var of each column (NumPy's cov defaults to ddof = 1:
 * write cov(X, ddof=1) for it).
 *
 * Examples:
 *
 *     var([2, 4, 4, 4, 5, 5, 7, 9]) = 4
 *     std([2, 4, 4, 4, 5, 5, 7, 9]) = 2
 *     var([1; 2; 3; 4], ddof=1) ≈ 1.6667
 *     var([1, 2; 3, 6], axis=1) = [1, 4]      each column: ((1−2)² + (3−2)²)/2, ((2−4)² + (6−4)²)/2
 *     cov([1, 2; 2, 4; 3, 6]) ≈ [0.6667, 1.3333; 1.3333, 2.6667]
 *
 * DomainError when N − ddof ≤ 0 (one sample with ddof = 1).
 *
 * Backward: var → g · 2(xᵢ − x̄)/(N − ddof); std → that / (2 std) (not at 0);
 * cov → (X − x̄)(G + Gᵀ)/(N − ddof).
 *
 * See also: mean, normal_pdf
 */
import type { SolverStep } from '../model';
import { DomainError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { integerArg, matrixArg, STEP_ENTRY_CAP } from './common';
import { AXIS_OPTIONS, axisArgument, keepdimsArgument, reduceOverAxis, reduceOverAxisBackward } from './axes';
import { fnName, formatNumber, matrixLatex } from './stepLatex';

function divisor(fn: string, n: number, args: readonly Value[]): { ddof: number; d: number } {
  const ddof = args[1] === undefined ? 0 : integerArg(fn, 'ddof', args[1], 0);
  const d = n - ddof;
  if (d <= 0)
    throw new DomainError(`${fn}: ${n} value${n === 1 ? '' : 's'} with ddof = ${ddof} leave no degrees of freedom`);
  return { ddof, d };
}

function meanOf(x: Matrix): number {
  let s = 0;
  for (const v of x.data) s += v;
  return s / x.size;
}

function varianceOf(x: Matrix, d: number): number {
  const m = meanOf(x);
  let s = 0;
  for (const v of x.data) s += (v - m) ** 2;
  return s / d;
}

function withDdof(args: readonly Matrix[], grad: Matrix): (Matrix | null)[] {
  return [grad, ...args.slice(1).map(() => null)];
}

/** var or std along `axis=` (from 1), or undefined when no axis is given. */
function alongAxis(
  fn: 'var' | 'std',
  args: readonly Value[],
): { x: Matrix; axis: number; keepdims: boolean } | undefined {
  const x = matrixArg(fn, 'x', args[0]);
  const axis = axisArgument(fn, x, args[2]);
  if (axis === undefined) return undefined;
  return { x, axis, keepdims: keepdimsArgument(fn, args[3]) };
}

function lineVariance(values: Float64Array, d: number): number {
  let m = 0;
  for (const v of values) m += v;
  m /= values.length;
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return s / d;
}

/** var (or std, with `root`) of each line along the axis, and its backward rule. */
function spreadAlongAxis(
  fn: 'var' | 'std',
  args: readonly Value[],
  along: { x: Matrix; axis: number; keepdims: boolean },
): Matrix {
  const { d } = divisor(fn, along.x.shape[along.axis], args);
  return reduceOverAxis(along.x, along.axis, along.keepdims, (values) => {
    const v = lineVariance(values, d);
    return fn === 'var' ? v : Math.sqrt(v);
  });
}

function spreadAlongAxisBackward(
  fn: 'var' | 'std',
  args: readonly Matrix[],
  along: { x: Matrix; axis: number },
  output: Matrix,
  upstream: Matrix,
): (Matrix | null)[] {
  const { d } = divisor(fn, along.x.shape[along.axis], args);
  const grad = reduceOverAxisBackward(along.x, along.axis, output, upstream, (values, result, g) => {
    let m = 0;
    for (const v of values) m += v;
    m /= values.length;
    if (fn === 'std' && result === 0) throw new DomainError('std: not differentiable where all values are equal');
    return values.map((v) => (fn === 'var' ? (g * 2 * (v - m)) / d : (g * (v - m)) / (d * result)));
  });
  return withDdof(args, grad);
}

/** The gradient of var or std: each entry's from its deviation xᵢ − x̄ and the divisor N − ddof. */
function spreadGradient(
  fn: 'var' | 'std',
  args: readonly Matrix[],
  entry: (deviation: number, d: number) => number,
): (Matrix | null)[] {
  const x = args[0];
  const { d } = divisor(fn, x.size, args);
  const m = meanOf(x);
  const grad = new Matrix(
    x.rows,
    x.cols,
    x.data.map((v) => entry(v - m, d)),
    x.lead,
  );
  return withDdof(args, grad);
}

function spreadSteps(fn: 'var' | 'std', args: readonly Value[], output: Value): SolverStep[] {
  const x = matrixArg(fn, 'x', args[0]);
  const { d, ddof } = divisor(fn, x.size, args);
  const m = meanOf(x);
  const value = output.kind === 'matrix' ? formatNumber(output.data[0]) : '';
  const denominator = ddof === 0 ? 'N' : `N - ${ddof}`;
  const steps: SolverStep[] = [{ latex: `\\bar{x} = ${formatNumber(m)}`, note: `the mean of ${x.size} values` }];
  const squares =
    x.size <= STEP_ENTRY_CAP
      ? Array.from(x.data, (v) => `(${formatNumber(v)} - ${formatNumber(m)})^2`).join(' + ')
      : '\\sum_i (x_i - \\bar{x})^2';
  const varLatex = `\\frac{${squares}}{${d}}`;
  steps.push({
    latex:
      fn === 'var'
        ? `${fnName('var')}(x) = \\frac{1}{${denominator}} \\sum_i (x_i - \\bar{x})^2 = ${varLatex} = ${value}`
        : `${fnName('std')}(x) = \\sqrt{\\frac{1}{${denominator}} \\sum_i (x_i - \\bar{x})^2} = \\sqrt{${varLatex}} = ${value}`,
  });
  return steps;
}

/** `var` (a reserved word in TypeScript, not in homework). */
export const variance: Builtin = {
  name: 'var',
  signature: 'var(x, ddof=0, axis=all, keepdims=0)',
  summary:
    'Variance Σ (xᵢ − x̄)² / (N − ddof) of all entries or along axis=: population (ddof=0) by default, sample with ddof=1.',
  example: 'var([2, 4, 4, 4, 5, 5, 7, 9]) = 4',
  params: [{ name: 'x' }, { name: 'ddof', default: 0 }, ...AXIS_OPTIONS],
  acceptsTensors: true,
  forward(args) {
    const along = alongAxis('var', args);
    if (along) return spreadAlongAxis('var', args, along);
    const x = matrixArg('var', 'x', args[0]);
    return Matrix.scalar(varianceOf(x, divisor('var', x.size, args).d));
  },
  backward(upstream, args, output) {
    const along = alongAxis('var', args);
    if (along) return spreadAlongAxisBackward('var', args, along, output, upstream);
    const g = upstream.data[0];
    return spreadGradient('var', args, (deviation, d) => (g * 2 * deviation) / d);
  },
  steps: (args, output) => spreadSteps('var', args, output),
};

export const std: Builtin = {
  name: 'std',
  signature: 'std(x, ddof=0, axis=all, keepdims=0)',
  summary:
    'Standard deviation √var(x, ddof) of all entries or along axis=: population (ddof=0) by default, sample with ddof=1.',
  example: 'std([2, 4, 4, 4, 5, 5, 7, 9]) = 2',
  params: [{ name: 'x' }, { name: 'ddof', default: 0 }, ...AXIS_OPTIONS],
  acceptsTensors: true,
  forward(args) {
    const along = alongAxis('std', args);
    if (along) return spreadAlongAxis('std', args, along);
    const x = matrixArg('std', 'x', args[0]);
    return Matrix.scalar(Math.sqrt(varianceOf(x, divisor('std', x.size, args).d)));
  },
  backward(upstream, args, output) {
    const along = alongAxis('std', args);
    if (along) return spreadAlongAxisBackward('std', args, along, output, upstream);
    const s = output.data[0];
    if (s === 0) throw new DomainError('std: not differentiable where all values are equal');
    const g = upstream.data[0];
    return spreadGradient('std', args, (deviation, d) => (g * deviation) / (d * s));
  },
  steps: (args, output) => spreadSteps('std', args, output),
};

/** X with each column's mean taken away; a vector as one column. */
function centred(x: Matrix): Matrix {
  const columns = x.rows === 1 ? new Matrix(x.cols, 1, x.data) : x;
  const out = Matrix.zeros(columns.rows, columns.cols);
  for (let j = 0; j < columns.cols; j++) {
    let m = 0;
    for (let i = 0; i < columns.rows; i++) m += columns.data[i * columns.cols + j];
    m /= columns.rows;
    for (let i = 0; i < columns.rows; i++) out.data[i * columns.cols + j] = columns.data[i * columns.cols + j] - m;
  }
  return out;
}

export const cov: Builtin = {
  name: 'cov',
  signature: 'cov(X, ddof=0)',
  summary: 'Covariance matrix of the columns of X (rows are samples), (X − x̄)ᵀ(X − x̄)/(N − ddof); ddof=0 by default.',
  example: 'cov([1, 2; 2, 4; 3, 6]) ≈ [0.6667, 1.3333; 1.3333, 2.6667]',
  params: [{ name: 'X' }, { name: 'ddof', default: 0 }],
  forward(args) {
    const c = centred(matrixArg('cov', 'X', args[0]));
    const { d } = divisor('cov', c.rows, args);
    const p = c.cols;
    const out = Matrix.zeros(p, p);
    for (let a = 0; a < p; a++)
      for (let b = a; b < p; b++) {
        let s = 0;
        for (let i = 0; i < c.rows; i++) s += c.data[i * p + a] * c.data[i * p + b];
        out.data[a * p + b] = out.data[b * p + a] = s / d;
      }
    return out;
  },
  backward(upstream, args) {
    const x = args[0];
    const c = centred(x);
    const { d } = divisor('cov', c.rows, args);
    const p = c.cols;
    const grad = Matrix.zeros(c.rows, p);
    // ∂/∂X of Σ G ⊙ CᵀC/d is C(G + Gᵀ)/d; the centring passes it through (its columns sum to 0).
    for (let i = 0; i < c.rows; i++)
      for (let b = 0; b < p; b++) {
        let s = 0;
        for (let a = 0; a < p; a++) s += c.data[i * p + a] * (upstream.data[a * p + b] + upstream.data[b * p + a]);
        grad.data[i * p + b] = s / d;
      }
    return withDdof(args, new Matrix(x.rows, x.cols, grad.data));
  },
  steps(args, output) {
    const x = matrixArg('cov', 'X', args[0]);
    const c = centred(x);
    const { ddof } = divisor('cov', c.rows, args);
    if (output.kind !== 'matrix') return [];
    const denominator = ddof === 0 ? 'N' : `N - ${ddof}`;
    return [
      { latex: `X - \\bar{x} = ${matrixLatex(c)}`, note: 'each column minus its mean' },
      {
        latex: `${fnName('cov')}(X) = \\frac{(X - \\bar{x})^{\\top} (X - \\bar{x})}{${denominator}} = ${matrixLatex(output)}`,
        note: `N = ${c.rows} samples`,
      },
    ];
  },
};

/**
 * Test helpers: a fixed-seed PRNG, central finite differences, and a check
 * of a built-in's `backward` against them. Finite differences are computed
 * from `forward` alone, so they are an independent reference for `backward`.
 */
import assert from 'node:assert/strict';
import type { Builtin } from '../../../src/core/solvers/builtin';
import { Matrix, type Value } from '../../../src/core/values/value';
import { seededRandom } from '../../../src/core/check/random';

/** The core's seeded generator, so every random test is reproducible. */
export const prng = seededRandom;

export function randomMatrix(rand: () => number, rows: number, cols: number, lo = -2, hi = 2): Matrix {
  const m = Matrix.zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = lo + (hi - lo) * rand();
  return m;
}

export function asMatrix(v: Value): Matrix {
  assert.equal(v.kind, 'matrix');
  return v as Matrix;
}

/** ∂f/∂args[index] by central differences. */
export function numericGradient(
  f: (args: Matrix[]) => number,
  args: readonly Matrix[],
  index: number,
  h = 1e-6,
): Matrix {
  const base = args[index];
  const grad = Matrix.zerosLike(base);
  for (let k = 0; k < base.data.length; k++) {
    const shifted = (delta: number): number => {
      const copy = new Matrix(base.rows, base.cols, Float64Array.from(base.data), base.lead);
      copy.data[k] += delta;
      const next = args.slice();
      next[index] = copy;
      return f(next);
    };
    const step = h * Math.max(1, Math.abs(base.data[k]));
    grad.data[k] = (shifted(step) - shifted(-step)) / (2 * step);
  }
  return grad;
}

export function assertClose(actual: number, expected: number, tolerance = 1e-9, label = ''): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(actual - expected) <= tolerance * scale,
    `${label} expected ${expected}, got ${actual} (tolerance ${tolerance})`,
  );
}

export function assertMatrixClose(
  actual: Value,
  expected: readonly (readonly number[])[] | Matrix,
  tolerance = 1e-9,
): void {
  const m = asMatrix(actual);
  const e = expected instanceof Matrix ? expected : Matrix.fromRows(expected);
  assert.deepEqual(m.shape, e.shape, `shape ${m.shapeText()} vs ${e.shapeText()}`);
  for (let i = 0; i < e.data.length; i++) assertClose(m.data[i], e.data[i], tolerance, `entry ${i}:`);
}

/**
 * Checks `backward` against central differences of L = Σ u ⊙ f(args) for a
 * random upstream u. Arguments whose gradient is `null` are skipped; `only`
 * restricts the check to some argument indices.
 */
export function checkBackward(
  builtin: Builtin,
  args: readonly Matrix[],
  rand: () => number,
  options: { tolerance?: number; only?: readonly number[]; h?: number } = {},
): void {
  const output = asMatrix(builtin.forward(args));
  const upstream = Matrix.zerosLike(output);
  for (let i = 0; i < upstream.data.length; i++) upstream.data[i] = -2 + 4 * rand();
  const loss = (a: Matrix[]): number => {
    const y = asMatrix(builtin.forward(a));
    let s = 0;
    for (let i = 0; i < y.data.length; i++) s += upstream.data[i] * y.data[i];
    return s;
  };
  assert.ok(builtin.backward, `${builtin.name} has a backward rule`);
  const grads = builtin.backward(upstream, args, output);
  assert.equal(grads.length, args.length, `${builtin.name}: one gradient (or null) per argument`);
  grads.forEach((g, index) => {
    if (g === null) return;
    if (options.only && !options.only.includes(index)) return;
    assert.deepEqual(g.shape, args[index].shape, `gradient ${index} has its argument's shape`);
    const numeric = numericGradient(loss, args, index, options.h);
    for (let k = 0; k < g.data.length; k++) {
      assertClose(g.data[k], numeric.data[k], options.tolerance ?? 1e-5, `${builtin.name} ∂/∂arg${index}[${k}]:`);
    }
  });
}

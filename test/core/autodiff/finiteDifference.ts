/**
 * Test helpers for the autodiff tests: a seeded PRNG, random matrices, an
 * `approx` comparison and central finite differences, the independent
 * reference every backward rule is checked against.
 */
import assert from 'node:assert/strict';
import { Matrix } from '../../../src/core/values/value';
import { seededRandom } from '../../../src/core/check/random';

/** The core's seeded generator, so every random test is reproducible. */
export const prng = seededRandom;

/** Entries uniform in [lo, hi). */
export function randomMatrix(random: () => number, rows: number, cols: number, lo = -2, hi = 2): Matrix {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * random();
  return new Matrix(rows, cols, data);
}

export function randomInt(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/**
 * ∂f/∂X by central differences, for a scalar-valued f of a matrix X:
 * (f(X + h·eᵢ) − f(X − h·eᵢ)) / 2h for every entry i.
 */
export function finiteDifference(f: (x: Matrix) => number, x: Matrix, h = 1e-6): Matrix {
  const out = new Float64Array(x.size);
  for (let i = 0; i < x.size; i++) {
    const plus = new Float64Array(x.data);
    const minus = new Float64Array(x.data);
    plus[i] += h;
    minus[i] -= h;
    out[i] = (f(new Matrix(x.rows, x.cols, plus, x.lead)) - f(new Matrix(x.rows, x.cols, minus, x.lead))) / (2 * h);
  }
  return new Matrix(x.rows, x.cols, out, x.lead);
}

/** |a − b| ≤ tol · max(1, |a|, |b|) for every entry, shapes equal. */
export function assertMatrixApprox(actual: Matrix, expected: Matrix, tol = 1e-6, what = ''): void {
  assert.equal(actual.shapeText(), expected.shapeText(), `${what}: shape`);
  for (let i = 0; i < actual.size; i++) {
    const a = actual.data[i];
    const e = expected.data[i];
    const scale = Math.max(1, Math.abs(a), Math.abs(e));
    assert.ok(
      Math.abs(a - e) <= tol * scale,
      `${what}: entry ${i} is ${a}, expected ${e} (±${tol * scale})\n${actual.toRows().join(' | ')}\nvs\n${expected.toRows().join(' | ')}`,
    );
  }
}

export function approx(actual: number, expected: number, tol = 1e-12): boolean {
  return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(actual), Math.abs(expected));
}

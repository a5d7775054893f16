/**
 * Indexing's forward rule (which entries, what shape) against values worked
 * out by hand, and its backward rule (scatter into zeros) against central
 * finite differences, on matrices and on rank-3 and rank-4 values.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { gather, IndexError, scatter, selectEntries, type AxisPick } from '../../../src/core/autodiff/indexing';
import { Tape } from '../../../src/core/autodiff/tape';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixApprox, prng } from './finiteDifference';

const all: AxisPick = { kind: 'all' };
const at = (index: number): AxisPick => ({ kind: 'at', index });
const slice = (start: number, end: number): AxisPick => ({ kind: 'slice', start, end });

/** A value of `shape` holding 1, 2, 3, … in row-major order. */
function counting(shape: number[]): Matrix {
  const size = shape.reduce((a, b) => a * b, 1);
  return Matrix.fromShape(
    shape,
    Float64Array.from({ length: size }, (_, i) => i + 1),
  );
}

function pick(value: Matrix, picks: AxisPick[]): { shape: string; data: number[] } {
  const out = gather(value, selectEntries(value, picks, 'X'));
  return { shape: out.shapeText(), data: Array.from(out.data) };
}

test('a matrix keeps two axes: an entry is 1×1, a column n×1, a row 1×m', () => {
  // X = [1, 2; 3, 4; 5, 6]
  const X = counting([3, 2]);
  assert.deepEqual(pick(X, [at(2), at(1)]), { shape: '1×1', data: [3] });
  assert.deepEqual(pick(X, [all, at(2)]), { shape: '3×1', data: [2, 4, 6] });
  assert.deepEqual(pick(X, [at(2), all]), { shape: '1×2', data: [3, 4] });
  assert.deepEqual(pick(X, [slice(2, 3), all]), { shape: '2×2', data: [3, 4, 5, 6] });
  assert.deepEqual(pick(X, [at(3)]), { shape: '1×2', data: [5, 6] });
  assert.deepEqual(pick(X, [slice(1, 3), slice(2, 2)]), { shape: '3×1', data: [2, 4, 6] });
  assert.deepEqual(pick(X, []), { shape: '3×2', data: [1, 2, 3, 4, 5, 6] });
});

test('a rank-3 C×H×W value: integer indices drop axes outermost first, never below 2-D', () => {
  // T is 2×2×3: channel 1 = [1, 2, 3; 4, 5, 6], channel 2 = [7, 8, 9; 10, 11, 12].
  const T = counting([2, 2, 3]);
  assert.deepEqual(pick(T, [at(1)]), { shape: '2×3', data: [1, 2, 3, 4, 5, 6] });
  assert.deepEqual(pick(T, [at(2), all, all]), { shape: '2×3', data: [7, 8, 9, 10, 11, 12] });
  assert.deepEqual(pick(T, [at(2), at(1), at(3)]), { shape: '1×1', data: [9] });
  assert.deepEqual(pick(T, [at(1), at(2), all]), { shape: '1×3', data: [4, 5, 6] });
  assert.deepEqual(pick(T, [at(1), all, at(3)]), { shape: '2×1', data: [3, 6] });
  assert.deepEqual(pick(T, [all, at(1), at(2)]), { shape: '2×1', data: [2, 8] });
  assert.deepEqual(pick(T, [all, all, at(2)]), { shape: '2×2', data: [2, 5, 8, 11] });
  assert.deepEqual(pick(T, [all, slice(2, 2), slice(2, 3)]), { shape: '2×1×2', data: [5, 6, 11, 12] });
  assert.deepEqual(pick(T, [slice(2, 2)]), { shape: '1×2×3', data: [7, 8, 9, 10, 11, 12] });
});

test('a rank-4 N×C×H×W value: one image, one channel, a batch of one channel', () => {
  // B is 2×2×2×2 holding 1…16: image 1 is 1…8, image 2 is 9…16; each channel 4 entries.
  const B = counting([2, 2, 2, 2]);
  assert.deepEqual(pick(B, [at(2)]), { shape: '2×2×2', data: [9, 10, 11, 12, 13, 14, 15, 16] });
  assert.deepEqual(pick(B, [at(1), at(2)]), { shape: '2×2', data: [5, 6, 7, 8] });
  assert.deepEqual(pick(B, [all, at(1)]), { shape: '2×2×2', data: [1, 2, 3, 4, 9, 10, 11, 12] });
  assert.deepEqual(pick(B, [at(2), at(1), at(2), at(1)]), { shape: '1×1', data: [11] });
  assert.deepEqual(pick(B, [at(1), all, at(1), all]), { shape: '2×2', data: [1, 2, 5, 6] });
});

function indexError(value: Matrix, picks: AxisPick[]): IndexError {
  try {
    selectEntries(value, picks, 'W');
  } catch (e) {
    assert.ok(e instanceof IndexError, String(e));
    return e;
  }
  assert.fail('expected an IndexError');
}

test('bad indices: out of range, zero, not whole, empty slice, too many; each names its axis and size', () => {
  const W = counting([3, 2]);
  const far = indexError(W, [at(4), at(1)]);
  assert.equal(far.code, 'index.out-of-range');
  assert.equal(far.entry, 0);
  assert.equal(far.part, 'index');
  assert.match(far.message, /index 4 is out of range: axis 1 of W \(3×2, rows\) has size 3/);
  const zero = indexError(W, [at(1), at(0)]);
  assert.equal(zero.entry, 1);
  assert.match(zero.message, /indices start at 1.*axis 2 of W \(3×2, columns\) has size 2/);
  assert.match(indexError(W, [at(1.5)]).message, /1\.5 is not a whole number/);
  const end = indexError(W, [slice(2, 5)]);
  assert.equal(end.part, 'end');
  const empty = indexError(W, [slice(3, 2)]);
  assert.match(empty.message, /the slice 3:2 is empty/);
  const many = indexError(W, [at(1), at(1), at(1)]);
  assert.equal(many.code, 'shape.rank');
  assert.equal(many.entry, 2);
  assert.equal(many.part, 'extra');
  assert.match(many.message, /W is 3×2, of rank 2: it takes at most 2 indices, and 3 are given/);
  const T = counting([2, 3, 4]);
  assert.match(indexError(T, [at(1), at(1), at(5)]).message, /axis 3 of W \(2×3×4\) has size 4/);
  // A row read with one index is read along the row, as a column is along its column: entry 3 of 1..4 is 3.
  assert.deepEqual(pick(counting([1, 4]), [at(3)]), { shape: '1×1', data: [3] });
  const pastRow = indexError(counting([1, 4]), [at(5)]);
  assert.equal(pastRow.entry, 0);
  assert.match(pastRow.message, /axis 2 of W \(1×4, columns\) has size 4/);
});

/** Central differences of f at x, every axis kept (the shared helper is for matrices). */
function centralDifference(f: (x: Matrix) => number, x: Matrix, h = 1e-6): Matrix {
  const out = new Float64Array(x.size);
  for (let i = 0; i < x.size; i++) {
    const plus = Float64Array.from(x.data);
    const minus = Float64Array.from(x.data);
    plus[i] += h;
    minus[i] -= h;
    out[i] = (f(Matrix.fromShape(x.shape, plus)) - f(Matrix.fromShape(x.shape, minus))) / (2 * h);
  }
  return Matrix.fromShape(x.shape, out);
}

test('backward: the scattered gradient matches central differences (rank 2, 3 and 4)', () => {
  const random = prng(10);
  const cases: [number[], AxisPick[]][] = [
    [
      [3, 4],
      [all, at(2)],
    ],
    [
      [3, 4],
      [slice(2, 3), slice(1, 3)],
    ],
    [
      [3, 4],
      [at(3), at(4)],
    ],
    [[2, 3, 4], [at(2)]],
    [
      [2, 3, 4],
      [all, at(1), slice(2, 4)],
    ],
    [
      [2, 2, 3, 3],
      [at(1), all, slice(1, 2), at(3)],
    ],
    [
      [2, 2, 3, 3],
      [all, at(2)],
    ],
  ];
  for (const [shape, picks] of cases) {
    const x = Matrix.fromShape(
      shape,
      Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 4 - 2),
    );
    const selection = selectEntries(x, picks, 'X');
    const weights = Float64Array.from({ length: selection.offsets.length }, () => random() * 2 - 1);
    // A nonlinear scalar of the selection: f(X) = Σ wₖ · sₖ³ with s = X[…].
    const f = (v: Matrix): number => {
      const s = gather(v, selectEntries(v, picks, 'X'));
      let total = 0;
      for (let k = 0; k < s.size; k++) total += weights[k] * s.data[k] ** 3;
      return total;
    };
    // Through a tape: the index node's rule is `scatter`, the rest is ∂f/∂s = 3 w s².
    const tape = new Tape();
    const leaf = tape.variable(x, 'X');
    const s = gather(x, selection);
    const node = tape.record(s, [leaf], (g) => [scatter(g, selection, x)], 'X[…]');
    const upstream = Matrix.fromShape(
      selection.shape,
      Float64Array.from(s.data, (v, k) => 3 * weights[k] * v * v),
    );
    const root = tape.record(Matrix.scalar(f(x)), [node], () => [upstream], 'f');
    const grad = tape.gradients(root).get(leaf.id)!;
    assert.equal(grad.shapeText(), x.shapeText());
    assertMatrixApprox(grad, centralDifference(f, x), 1e-5, `${x.shapeText()} ${JSON.stringify(picks)}`);
  }
});

test('scatter adds into zeros of the input shape and leaves the other entries 0', () => {
  const T = counting([2, 2, 2]);
  const selection = selectEntries(T, [at(2), at(1)], 'T');
  const g = Matrix.fromRows([[5, 7]]);
  const out = scatter(g, selection, T);
  assert.equal(out.shapeText(), '2×2×2');
  assert.deepEqual(Array.from(out.data), [0, 0, 0, 0, 5, 7, 0, 0]);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { maxpool } from '../../../src/core/solvers/maxpool';
import { resolveArguments } from '../../../src/core/solvers/registry';
import { ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { assertExampleHolds, assertStepsRender } from './exampleLine';
import { assertTensorClose, convCase, randomTensor } from './convOracle';

const s = (x: number): Matrix => Matrix.scalar(x);
const X = Matrix.fromRows([
  [1, 3, 2, 4],
  [5, 6, 1, 0],
  [7, 2, 9, 8],
  [1, 0, 3, 4],
]);

test('maxpool: 2×2 windows, stride 2 by default (stride = size)', () => {
  assertMatrixClose(maxpool.forward(resolveArguments(maxpool, [X], [])), [
    [6, 4],
    [7, 9],
  ]);
  const bySize = resolveArguments(maxpool, [X], [{ name: 'size', value: s(3) }]);
  assert.equal((bySize[2] as Matrix).data[0], 3, 'stride takes the value of size');
  assertMatrixClose(maxpool.forward(bySize), [[9]]);
});

test('maxpool: overlapping windows with stride 1', () => {
  const x = Matrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  assertMatrixClose(maxpool.forward([x, s(2), s(1)]), [
    [5, 6],
    [8, 9],
  ]);
});

test('maxpool: a window larger than the input is a ShapeError', () => {
  assert.throws(
    () => maxpool.forward([Matrix.zeros(2, 3), s(3), s(3)]),
    (e: unknown) => e instanceof ShapeError && /window 3×3 is larger than the input 2×3/.test(e.message),
  );
});

test("maxpool: backward routes each gradient to its window's maximum, against finite differences", () => {
  const rand = prng(12);
  for (const [n, size, stride] of [
    [4, 2, 2],
    [5, 3, 1],
    [6, 2, 3],
  ]) {
    checkBackward(maxpool, [randomMatrix(rand, n, n), s(size), s(stride), s(0)], rand);
  }
  const [g] = maxpool.backward!(
    Matrix.fromRows([
      [1, 2],
      [3, 4],
    ]),
    [X, s(2), s(2), s(0)],
    maxpool.forward([X, s(2), s(2)]) as Matrix,
  );
  assertMatrixClose(g!, [
    [0, 0, 0, 2],
    [0, 1, 0, 0],
    [3, 0, 4, 0],
    [0, 0, 0, 0],
  ]);
});

test('maxpool: steps show each window', () => {
  const steps = assertStepsRender(maxpool, [X, s(2), s(2)]);
  assert.ok(steps.some((st) => st.latex === 'O_{1,1} = \\max(1, 3, 5, 6) = 6'));
});

const pool = (input: Matrix, size: number, stride: number, padding: number): Matrix[] =>
  resolveArguments(maxpool, [input, s(size), s(stride)], [{ name: 'padding', value: s(padding) }]) as Matrix[];

test('maxpool: the worked example holds', () => {
  assertExampleHolds(maxpool);
});

test('maxpool: padding is −∞, never the maximum; each channel is pooled on its own (by hand)', () => {
  // All negative: a zero padding would win every window; −∞ leaves each corner's own entry.
  const negative = Matrix.fromRows([
    [-1, -2],
    [-3, -4],
  ]);
  assertMatrixClose(maxpool.forward(pool(negative, 2, 2, 1)), [
    [-1, -2],
    [-3, -4],
  ]);
  // Two channels: X and −X. Channel 2's windows pick −(the minimum) of X's windows.
  const twoChannels = Matrix.fromShape([2, 4, 4], Float64Array.from([...X.data, ...X.data.map((v) => 0 - v)]));
  const out = maxpool.forward(pool(twoChannels, 2, 2, 0)) as Matrix;
  assert.deepEqual(out.shape, [2, 2, 2]);
  assert.deepEqual(Array.from(out.data), [6, 4, 7, 9, -1, 0, 0, -3]);
  // Size 3, stride 2, padding 1 on the 4×4: ⌊(4 + 2 − 3)/2⌋ + 1 = 2; window (1,1) is rows/cols 0..1 of X.
  assertMatrixClose(maxpool.forward(pool(X, 3, 2, 1)), [
    [6, 6],
    [7, 9],
  ]);
});

test('maxpool: padding over half the window is refused (as PyTorch), and so is a window over the padded input', () => {
  assert.throws(() => maxpool.forward(pool(X, 2, 2, 2)), /padding 2 is more than half the window 2×2 \(at most 1/);
  assert.throws(
    () => maxpool.forward(pool(Matrix.zeros(1, 1), 4, 1, 1)),
    /the window 4×4 is larger than the padded input 3×3/,
  );
});

for (const name of ['maxpool_padding', 'maxpool_batch', 'maxpool_negative']) {
  test(`maxpool: forward and gradient agree with PyTorch, ties to the first maximum (${name})`, () => {
    const c = convCase(name);
    const args = pool(c.inputs.input, c.settings.size, c.settings.stride, c.settings.padding);
    const output = maxpool.forward(args) as Matrix;
    assertTensorClose(output, c.output, `${name} output`);
    assertTensorClose(maxpool.backward!(c.upstream, args, output)[0], c.gradients.input, `${name} ∂L/∂X`);
  });
}

test('maxpool: a tie goes to the first maximum in row-major order', () => {
  const ties = Matrix.fromRows([
    [5, 5],
    [5, 5],
  ]);
  const [g] = maxpool.backward!(Matrix.scalar(1), pool(ties, 2, 2, 0), Matrix.scalar(5));
  assert.deepEqual(Array.from(g!.data), [1, 0, 0, 0]);
});

test('maxpool: backward on channels and batches with padding against finite differences', () => {
  const rand = prng(21);
  for (const [shape, size, stride, padding] of [
    [[2, 5, 5], 3, 2, 1],
    [[2, 3, 4, 4], 2, 2, 1],
    [[3, 6, 5], 2, 1, 1],
  ] as [number[], number, number, number][]) {
    checkBackward(maxpool, pool(randomTensor(rand, shape), size, stride, padding), rand);
  }
});

test('maxpool: steps label entries by channel and show padding as −∞', () => {
  const steps = assertStepsRender(
    maxpool,
    pool(Matrix.fromShape([2, 2, 2], Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8])), 2, 2, 1),
  );
  assert.ok(steps.some((st) => st.latex === 'O_{2,1,2} = \\max(-\\infty, -\\infty, 6, -\\infty) = 6'));
  assert.ok(steps.some((st) => st.latex.startsWith('O_{1,:,:} = \\begin{bmatrix} 1 & 2')));
  assert.match(steps[0].note ?? '', /padding 1, each channel on its own/);
});

test("maxpool: the reference's example over channels (docs/language.md, by hand)", () => {
  const x = Matrix.fromShape([2, 3, 3], Float64Array.from([6, 0, 1, 3, 4, 1, 1, 7, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
  // Channel 1's 2×2 windows, stride 1: max(6,0,3,4) = 6, max(0,1,4,1) = 4, max(3,4,1,7) = 7, max(4,1,7,0) = 7.
  const out = maxpool.forward(pool(x, 2, 1, 0)) as Matrix;
  assert.deepEqual(out.shape, [2, 2, 2]);
  assert.deepEqual(Array.from(out.data), [6, 4, 7, 7, 1, 1, 1, 1]);
});

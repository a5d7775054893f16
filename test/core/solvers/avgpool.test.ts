import test from 'node:test';
import assert from 'node:assert/strict';
import { avgpool } from '../../../src/core/solvers/avgpool';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { assertExampleHolds, assertStepsRender } from './exampleLine';
import { assertTensorClose, convCase, randomTensor } from './convOracle';
import { resolveArguments } from '../../../src/core/solvers/registry';

const s = (x: number): Matrix => Matrix.scalar(x);

test('avgpool: the mean of each window', () => {
  const x = Matrix.fromRows([
    [1, 3, 2, 4],
    [5, 7, 1, 1],
    [7, 2, 9, 8],
    [1, 2, 3, 4],
  ]);
  // (1+3+5+7)/4 = 4, (2+4+1+1)/4 = 2, (7+2+1+2)/4 = 3, (9+8+3+4)/4 = 6
  assertMatrixClose(avgpool.forward([x, s(2), s(2)]), [
    [4, 2],
    [3, 6],
  ]);
  const y = Matrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  assertMatrixClose(avgpool.forward([y, s(2), s(1)]), [
    [3, 4],
    [6, 7],
  ]);
});

test('avgpool: backward spreads g / size² over each window, against finite differences', () => {
  const rand = prng(13);
  for (const [n, size, stride] of [
    [4, 2, 2],
    [5, 3, 1],
    [7, 2, 3],
  ]) {
    checkBackward(avgpool, [randomMatrix(rand, n, n), s(size), s(stride), s(0)], rand);
  }
});

test("avgpool: steps show each window's mean", () => {
  const steps = assertStepsRender(avgpool, [
    Matrix.fromRows([
      [1, 3],
      [5, 7],
    ]),
    s(2),
    s(2),
  ]);
  assert.ok(steps.some((st) => st.latex === 'O_{1,1} = \\frac{1 + 3 + 5 + 7}{4} = 4'));
});

const pool = (input: Matrix, size: number, stride: number, padding: number): Matrix[] =>
  resolveArguments(avgpool, [input, s(size), s(stride)], [{ name: 'padding', value: s(padding) }]) as Matrix[];

test('avgpool: the worked example holds', () => {
  assertExampleHolds(avgpool);
});

test('avgpool: zero padding counts in the mean (÷ size² always); channels pooled on their own (by hand)', () => {
  const x = Matrix.fromRows([
    [4, 8],
    [12, 16],
  ]);
  // Each 2×2 window of the padded 4×4 holds one entry and three zeros.
  assertMatrixClose(avgpool.forward(pool(x, 2, 2, 1)), [
    [1, 2],
    [3, 4],
  ]);
  // Size 3, stride 1, padding 1: the centre-less 2×2 has every window over all four entries, ÷ 9.
  assertMatrixClose(avgpool.forward(pool(x, 3, 1, 1)), [
    [40 / 9, 40 / 9],
    [40 / 9, 40 / 9],
  ]);
  const twoChannels = Matrix.fromShape([1, 2, 2, 2], Float64Array.from([4, 8, 12, 16, 1, 1, 1, 1]));
  const out = avgpool.forward(pool(twoChannels, 2, 2, 0)) as Matrix;
  assert.deepEqual(out.shape, [1, 2, 1, 1]);
  assert.deepEqual(Array.from(out.data), [10, 1]);
});

test('avgpool: padding over half the window is refused (as PyTorch)', () => {
  assert.throws(() => avgpool.forward(pool(Matrix.zeros(4, 4), 3, 1, 2)), /padding 2 is more than half the window 3×3/);
});

for (const name of ['avgpool_padding', 'avgpool_batch']) {
  test(`avgpool: forward and gradient agree with PyTorch (${name})`, () => {
    const c = convCase(name);
    const args = pool(c.inputs.input, c.settings.size, c.settings.stride, c.settings.padding);
    const output = avgpool.forward(args) as Matrix;
    assertTensorClose(output, c.output, `${name} output`);
    assertTensorClose(avgpool.backward!(c.upstream, args, output)[0], c.gradients.input, `${name} ∂L/∂X`);
  });
}

test('avgpool: backward on channels and batches with padding against finite differences', () => {
  const rand = prng(22);
  for (const [shape, size, stride, padding] of [
    [[2, 5, 5], 3, 2, 1],
    [[2, 3, 4, 4], 2, 2, 1],
    [[3, 6, 5], 2, 1, 1],
  ] as [number[], number, number, number][]) {
    checkBackward(avgpool, pool(randomTensor(rand, shape), size, stride, padding), rand);
  }
});

test('avgpool: steps show padding as the zeros it adds', () => {
  const steps = assertStepsRender(
    avgpool,
    pool(
      Matrix.fromRows([
        [4, 8],
        [12, 16],
      ]),
      2,
      2,
      1,
    ),
  );
  assert.ok(steps.some((st) => st.latex === 'O_{2,2} = \\frac{16 + 0 + 0 + 0}{4} = 4'));
});

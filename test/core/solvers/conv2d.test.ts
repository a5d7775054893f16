import test from 'node:test';
import assert from 'node:assert/strict';
import { conv2d } from '../../../src/core/solvers/conv2d';
import { DomainError, LimitError, ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { assertStepsRender } from './exampleLine';

const I = Matrix.fromRows([
  [6, 0, 1],
  [3, 4, 1],
  [1, 7, 0],
]);
const K = Matrix.fromRows([
  [1, 0],
  [0, -1],
]);
const s = (x: number): Matrix => Matrix.scalar(x);

test('conv2d: the seed (Problem 4, Question 4) by hand: [2, -1; -4, 4]', () => {
  // O11 = 6·1 + 0·0 + 3·0 + 4·(−1) = 2, O12 = 0 + 0 + 0 + 1·(−1) = −1,
  // O21 = 3 + 0 + 0 + 7·(−1) = −4, O22 = 4 + 0 + 0 + 0·(−1) = 4
  assertMatrixClose(conv2d.forward([I, K]), [
    [2, -1],
    [-4, 4],
  ]);
  assertMatrixClose(conv2d.forward([I, K, s(1), s(0)]), [
    [2, -1],
    [-4, 4],
  ]);
});

test('conv2d: cross-correlation, not convolution (the kernel is not flipped)', () => {
  const flipped = Matrix.fromRows([
    [-1, 0],
    [0, 1],
  ]);
  // With a flip it would be −(the above); cross-correlation with the flipped kernel gives exactly that.
  assertMatrixClose(conv2d.forward([I, flipped]), [
    [-2, 1],
    [4, -4],
  ]);
});

test('conv2d: zero padding and stride', () => {
  // Padding 1 with a 1×1 kernel [2]: the input doubled, framed by zeros.
  assertMatrixClose(
    conv2d.forward([
      Matrix.fromRows([
        [1, 2],
        [3, 4],
      ]),
      s(2),
      s(1),
      s(1),
    ]),
    [
      [0, 0, 0, 0],
      [0, 2, 4, 0],
      [0, 6, 8, 0],
      [0, 0, 0, 0],
    ],
  );
  // Stride 2 on a 4×4 with a 2×2 of ones: sums of the four 2×2 blocks.
  const x = Matrix.fromRows([
    [1, 2, 3, 4],
    [5, 6, 7, 8],
    [9, 10, 11, 12],
    [13, 14, 15, 16],
  ]);
  const ones = Matrix.fromRows([
    [1, 1],
    [1, 1],
  ]);
  assertMatrixClose(conv2d.forward([x, ones, s(2), s(0)]), [
    [14, 22],
    [46, 54],
  ]);
  // Padding 1, stride 2, 3×3 kernel of ones on the 3×3 seed input: ⌊(3 + 2 − 3)/2⌋ + 1 = 2.
  const ones3 = Matrix.fromRows([
    [1, 1, 1],
    [1, 1, 1],
    [1, 1, 1],
  ]);
  assertMatrixClose(conv2d.forward([I, ones3, s(2), s(1)]), [
    [6 + 0 + 3 + 4, 0 + 1 + 4 + 1],
    [3 + 4 + 1 + 7, 4 + 1 + 7 + 0],
  ]);
});

test('conv2d: a kernel larger than the padded input is a ShapeError naming both', () => {
  const big = Matrix.zeros(5, 5);
  assert.throws(
    () => conv2d.forward([I, big]),
    (e: unknown) =>
      e instanceof ShapeError &&
      e.op === 'call' &&
      e.left.rows === 5 &&
      e.right.rows === 3 &&
      e.message === 'conv2d: kernel 5×5 is larger than the input 3×3',
  );
  assert.doesNotThrow(() => conv2d.forward([I, big, s(1), s(1)]));
});

test('conv2d: stride and padding must be integers, stride ≥ 1, padding ≥ 0', () => {
  assert.throws(() => conv2d.forward([I, K, s(0), s(0)]), DomainError);
  assert.throws(() => conv2d.forward([I, K, s(1.5), s(0)]), DomainError);
  assert.throws(() => conv2d.forward([I, K, s(1), s(-1)]), DomainError);
});

test('conv2d: an output over the size limit is refused before it is built', () => {
  assert.throws(
    () => conv2d.forward([s(1), s(1), s(1), s(1000)]),
    (e: unknown) => e instanceof LimitError && e.code === 'limit.matrix-size',
  );
});

test('conv2d: backward for input and kernel against finite differences (with stride and padding)', () => {
  const rand = prng(6);
  for (const [n, m, kr, kc, stride, padding] of [
    [4, 4, 2, 2, 1, 0],
    [5, 6, 3, 2, 2, 1],
    [3, 3, 3, 3, 1, 2],
    [6, 5, 2, 3, 3, 0],
  ]) {
    checkBackward(conv2d, [randomMatrix(rand, n, m), randomMatrix(rand, kr, kc), s(stride), s(padding)], rand);
  }
  const grads = conv2d.backward!(
    Matrix.fromRows([
      [1, 1],
      [1, 1],
    ]),
    [I, K, s(1), s(0)],
    conv2d.forward([I, K]) as Matrix,
  );
  assert.equal(grads[2], null);
  assert.equal(grads[3], null);
});

test('conv2d: steps show each entry as its sum of products, capped at 16 entries', () => {
  const steps = assertStepsRender(conv2d, [I, K, s(1), s(0)]);
  assert.ok(steps.some((st) => st.latex === 'O_{1,1} = 6\\cdot 1 + 0\\cdot 0 + 3\\cdot 0 + 4\\cdot (-1) = 2'));
  assert.ok(steps.some((st) => st.latex === 'O_{2,1} = 3\\cdot 1 + 4\\cdot 0 + 1\\cdot 0 + 7\\cdot (-1) = -4'));
  const large = assertStepsRender(conv2d, [Matrix.zeros(10, 10), K, s(1), s(0)]);
  assert.equal(large.filter((st) => /^O_\{\d/.test(st.latex)).length, 16);
  assert.match(large[large.length - 1].note ?? '', /65 of the 81/);
});

test("conv2d: a large kernel's sum of products is cut short after 25 products", () => {
  const steps = assertStepsRender(conv2d, [Matrix.zeros(8, 8), Matrix.zeros(7, 7), s(1), s(0)]);
  const first = steps.find((st) => st.latex.startsWith('O_{1,1}'))!;
  assert.equal(first.latex.split('\\cdot ').length - 1, 25);
  assert.match(first.latex, /\\cdots = 0$/);
});

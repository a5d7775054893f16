import test from 'node:test';
import assert from 'node:assert/strict';
import { applyBuiltin, Tape } from '../../../src/core/autodiff/tape';
import { conv2d, MAX_CONV_MACS } from '../../../src/core/solvers/conv2d';
import { maxpool } from '../../../src/core/solvers/maxpool';
import { sum } from '../../../src/core/solvers/reductions';
import { resolveArguments } from '../../../src/core/solvers/registry';
import { DomainError, LimitError, ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { assertExampleHolds, assertStepsRender } from './exampleLine';
import { assertTensorClose, convCase, randomTensor } from './convOracle';

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
    checkBackward(
      conv2d,
      [randomMatrix(rand, n, m), randomMatrix(rand, kr, kc), s(stride), s(padding), s(0), s(1)],
      rand,
    );
  }
  const grads = conv2d.backward!(
    Matrix.fromRows([
      [1, 1],
      [1, 1],
    ]),
    [I, K, s(1), s(0), s(0), s(1)],
    conv2d.forward([I, K]) as Matrix,
  );
  assert.deepEqual([grads[2], grads[3], grads[5]], [null, null, null], 'stride, padding, dilation take none');
  assertMatrixClose(grads[4]!, [[4]], 1e-12); // ∂L/∂b = Σ g over the four outputs
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

const call = (input: Matrix, kernel: Matrix, named: Record<string, number | Matrix> = {}): Matrix[] =>
  resolveArguments(
    conv2d,
    [input, kernel],
    Object.entries(named).map(([name, v]) => ({ name, value: typeof v === 'number' ? s(v) : v })),
  ) as Matrix[];

test('conv2d: the worked example holds', () => {
  assertExampleHolds(conv2d);
});

test('conv2d: dilation 2 spreads a 2×2 kernel over a 3×3 window, bias added (by hand)', () => {
  const x = Matrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  const ones = Matrix.fromRows([
    [1, 1],
    [1, 1],
  ]);
  // The corners 1 + 3 + 7 + 9 = 20, plus the bias 1.
  assertMatrixClose(conv2d.forward(call(x, ones, { dilation: 2, bias: 1 })), [[21]]);
  // Padding 1 and dilation 2 on the 3×3: ⌊(3 + 2 − 3) / 1⌋ + 1 = 3 per side; the centre sees the corners.
  const padded = conv2d.forward(call(x, ones, { dilation: 2, padding: 1 })) as Matrix;
  assert.deepEqual(padded.shape, [3, 3]);
  assert.equal(padded.get(1, 1), 20);
  assert.equal(padded.get(0, 0), 5); // only (2,2) of the input lands on the kernel's last tap
});

test('conv2d: two input channels sum into one filter; a filter bank gives one channel per filter (by hand)', () => {
  // Channel 1 is the seed input, channel 2 is all ones.
  const x = Matrix.fromShape([2, 3, 3], Float64Array.from([6, 0, 1, 3, 4, 1, 1, 7, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
  // One filter over both channels: K on channel 1, a 2×2 of 2s on channel 2 (adds 8 everywhere).
  const oneFilter = Matrix.fromShape([2, 2, 2], Float64Array.from([1, 0, 0, -1, 2, 2, 2, 2]));
  const single = conv2d.forward(call(x, oneFilter)) as Matrix;
  assert.deepEqual(single.shape, [2, 2]);
  assertMatrixClose(single, [
    [10, 7],
    [4, 12],
  ]);
  // A bank of two filters: the one above, and one that reads channel 2 only (sums of four ones, 4).
  const bank = Matrix.fromShape([2, 2, 2, 2], Float64Array.from([1, 0, 0, -1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1]));
  const out = conv2d.forward(call(x, bank, { bias: Matrix.fromRows([[1, -1]]) })) as Matrix;
  assert.deepEqual(out.shape, [2, 2, 2]);
  assert.deepEqual(Array.from(out.data), [11, 8, 5, 13, 3, 3, 3, 3]);
  // A batch of two copies: N×C_out×H′×W′, each sample the same.
  const batch = Matrix.fromShape([2, 2, 3, 3], Float64Array.from([...x.data, ...x.data]));
  const batched = conv2d.forward(call(batch, bank, { bias: Matrix.fromRows([[1], [-1]]) })) as Matrix;
  assert.deepEqual(batched.shape, [2, 2, 2, 2]);
  assert.deepEqual(Array.from(batched.data), [...out.data, ...out.data]);
  // A one-channel input with a bank of one-channel filters: C_out×H′×W′.
  const k1 = Matrix.fromShape([1, 1, 2, 2], Float64Array.from([1, 0, 0, -1]));
  const fromMatrix = conv2d.forward(call(I, k1)) as Matrix;
  assert.deepEqual(fromMatrix.shape, [1, 2, 2]);
  assert.deepEqual(Array.from(fromMatrix.data), [2, -1, -4, 4]);
});

for (const name of ['conv2d_channels', 'conv2d_dilated', 'conv2d_batch', 'conv2d_one_filter']) {
  test(`conv2d: forward and gradients for X, K and bias agree with PyTorch (${name})`, () => {
    const c = convCase(name);
    const args = call(c.inputs.input, c.inputs.kernel, { ...c.settings, bias: c.inputs.bias });
    const output = conv2d.forward(args) as Matrix;
    assertTensorClose(output, c.output, `${name} output`);
    const grads = conv2d.backward!(c.upstream, args, output);
    assertTensorClose(grads[0], c.gradients.input, `${name} ∂L/∂X`);
    assertTensorClose(grads[1], c.gradients.kernel, `${name} ∂L/∂K`);
    assertTensorClose(grads[4], c.gradients.bias, `${name} ∂L/∂b`);
  });
}

test('conv2d: backward over channels, batches, bias and dilation against finite differences', () => {
  const rand = prng(10);
  for (const [xShape, kShape, stride, padding, dilation, biasShape] of [
    [[2, 5, 5], [3, 2, 3, 3], 2, 1, 1, [3, 1]],
    [[2, 7, 6], [2, 2, 3, 2], 2, 1, 2, [1, 2]],
    [[2, 2, 4, 4], [2, 2, 2, 2], 1, 1, 1, [2, 1]],
    [[3, 4, 4], [3, 3, 3], 1, 0, 1, [1, 1]],
    [[2, 3, 5, 5], [3, 2, 2], 1, 2, 2, [1, 1]],
    [[5, 5], [2, 1, 3, 3], 1, 1, 1, [2, 1]],
  ] as [number[], number[], number, number, number, number[]][]) {
    const args = call(randomTensor(rand, xShape), randomTensor(rand, kShape), {
      stride,
      padding,
      dilation,
      bias: randomTensor(rand, biasShape),
    });
    checkBackward(conv2d, args, rand);
  }
});

test('conv2d: the input and kernel C_in must agree, a shape.mismatch naming both', () => {
  const x = Matrix.fromShape([2, 4, 4]);
  assert.throws(
    () => conv2d.forward(call(x, Matrix.fromShape([3, 3, 3, 3]))),
    (e: unknown) =>
      e instanceof ShapeError &&
      e.code === 'shape.mismatch' &&
      e.message === 'conv2d: the input 2×4×4 has C_in = 2 (2 channels) but the kernel 3×3×3×3 has C_in = 3',
  );
  // A k×k kernel is one channel: on a 2-channel input it needs the channel axis.
  assert.throws(
    () => conv2d.forward(call(x, K)),
    /the input 2×4×4 has C_in = 2 \(2 channels\) but the kernel 2×2 has C_in = 1/,
  );
  // A matrix input is one channel; a 3×k×k kernel is one filter over three.
  assert.throws(
    () => conv2d.forward(call(Matrix.zeros(4, 4), Matrix.fromShape([3, 2, 2]))),
    /C_in = 1 \(1 channel\) but the kernel 3×2×2 has C_in = 3; .* 3 one-channel filters are 3×1×2×2/,
  );
});

test('conv2d: bias is a scalar or one number per filter', () => {
  const x = Matrix.fromShape([2, 4, 4]);
  const bank = Matrix.fromShape([3, 2, 2, 2]);
  assert.doesNotThrow(() => conv2d.forward(call(x, bank, { bias: Matrix.zeros(1, 3) })));
  assert.doesNotThrow(() => conv2d.forward(call(x, bank, { bias: 2 })));
  for (const bias of [Matrix.zeros(2, 1), Matrix.zeros(3, 3), Matrix.fromShape([3, 1, 1])]) {
    assert.throws(
      () => conv2d.forward(call(x, bank, { bias })),
      (e: unknown) =>
        e instanceof ShapeError &&
        /bias is .* but must be a scalar or one number per filter \(3×1 or 1×3/.test(e.message),
    );
  }
  assert.throws(
    () => conv2d.forward(call(I, K, { bias: Matrix.zeros(2, 1) })),
    /conv2d: bias is 2×1 but must be a scalar: the kernel 2×2 is one filter/,
  );
  // A scalar bias on a bank is added to every filter, and its gradient sums them all.
  const out = conv2d.forward(call(x, bank, { bias: 2 })) as Matrix;
  assert.ok(out.data.every((v) => v === 2));
  const grads = conv2d.backward!(fillOnes(out), call(x, bank, { bias: 2 }), out);
  assert.equal(grads[4]!.data[0], out.size);
});

function fillOnes(like: Matrix): Matrix {
  const m = Matrix.zerosLike(like);
  m.data.fill(1);
  return m;
}

test('conv2d: a dilated kernel larger than the padded input, and dilation below 1, are refused', () => {
  assert.throws(
    () => conv2d.forward(call(I, K, { dilation: 3 })),
    (e: unknown) =>
      e instanceof ShapeError &&
      e.message === 'conv2d: the dilated kernel 4×4 (2×2, dilation 3) is larger than the input 3×3',
  );
  assert.doesNotThrow(() => conv2d.forward(call(I, K, { dilation: 3, padding: 1 })));
  assert.throws(() => conv2d.forward(call(I, K, { dilation: 0 })), DomainError);
});

test('conv2d: a call with too many multiply-adds is refused before it starts (limit.time)', () => {
  // 1000×1000 output, one channel, a 33×33 kernel: 1.1e9 multiply-adds (input and kernel are within the size limit).
  const started = Date.now();
  assert.throws(
    () => conv2d.forward(call(Matrix.zeros(1000, 1000), Matrix.zeros(33, 33), { padding: 16 })),
    (e: unknown) =>
      e instanceof LimitError && e.code === 'limit.time' && /about 1\.1e\+9 multiply-adds/.test(e.message),
  );
  assert.ok(Date.now() - started < 1000, 'refused without computing');
  // ResNet's first layer (3 → 64 channels, 7×7, 224×224 → 112×112): 1.2e8, under the limit.
  assert.ok(3 * 64 * 49 * 112 * 112 < MAX_CONV_MACS);
});

test('conv2d: steps label entries by their full index and bracket each input channel', () => {
  const x = Matrix.fromShape([2, 3, 3], Float64Array.from([6, 0, 1, 3, 4, 1, 1, 7, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
  const bank = Matrix.fromShape([2, 2, 2, 2], Float64Array.from([1, 0, 0, -1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1]));
  const steps = assertStepsRender(conv2d, call(x, bank, { bias: Matrix.fromRows([[1], [-1]]) }));
  assert.match(steps[0].latex, /2 \\times 2 \\times 2 = 2 \\times /);
  assert.ok(
    steps.some(
      (st) =>
        st.latex ===
        'O_{1,1,1} = \\left(6\\cdot 1 + 0\\cdot 0 + 3\\cdot 0 + 4\\cdot (-1)\\right)_{c=1} + ' +
          '\\left(1\\cdot 2 + 1\\cdot 2 + 1\\cdot 2 + 1\\cdot 2\\right)_{c=2} + 1 = 11',
    ),
    steps.map((st) => st.latex).join('\n'),
  );
  assert.ok(steps.some((st) => st.latex.startsWith('O_{2,2,2} = ') && st.latex.endsWith('+ (-1) = 3')));
  assert.ok(steps.some((st) => st.latex.startsWith('O_{2,:,:} = \\begin{bmatrix} 3 & 3 \\\\ 3 & 3')));
  const dilated = assertStepsRender(conv2d, call(I, K, { dilation: 2 }));
  assert.match(dilated[0].latex, /\\frac\{3 \+ 2\\cdot 0 - 2\(2 - 1\) - 1\}\{1\}/);
  assert.match(dilated[0].note ?? '', /dilation 2/);
  const batch = assertStepsRender(conv2d, call(Matrix.fromShape([3, 2, 4, 4]), Matrix.fromShape([2, 2, 3, 3])));
  assert.match(batch[batch.length - 1].note ?? '', /the other 8 of the 24 entries/);
});

test("conv2d: the reference's example over channels (docs/language.md, by hand)", () => {
  // X: the seed input and a channel of ones; K: two filters over two channels; b = [1; −1].
  const x = Matrix.fromShape([2, 3, 3], Float64Array.from([6, 0, 1, 3, 4, 1, 1, 7, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
  const bank = Matrix.fromShape([2, 2, 2, 2], Float64Array.from([1, 0, 0, -1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1]));
  const b = Matrix.fromRows([[1], [-1]]);
  const args = call(x, bank, { bias: b });
  const out = conv2d.forward(args) as Matrix;
  // L = sum(conv2d(X, K, bias=b)): the upstream gradient is all ones.
  const grads = conv2d.backward!(fillOnes(out), args, out);
  // ∂L/∂b: 4 outputs per filter. ∂L/∂K[o, 1]: the sums of the seed's four 2×2 windows' entries at each tap,
  // 6+0+3+4 = 13, 0+1+4+1 = 6, 3+4+1+7 = 15, 4+1+7+0 = 12; ∂L/∂K[o, 2]: four ones, 4. The same for both filters.
  assert.deepEqual(Array.from(grads[4]!.data), [4, 4]);
  assert.deepEqual(grads[1]!.shape, [2, 2, 2, 2]);
  assert.deepEqual(Array.from(grads[1]!.data), [13, 6, 15, 12, 4, 4, 4, 4, 13, 6, 15, 12, 4, 4, 4, 4]);
  // One filter W (the bank's first) with bias c = 0.5: L = (10 + 7 + 4 + 12) + 4·0.5 = 35.
  const w = Matrix.fromShape([2, 2, 2], Float64Array.from([1, 0, 0, -1, 2, 2, 2, 2]));
  const oneArgs = call(x, w, { bias: 0.5 });
  const single = conv2d.forward(oneArgs) as Matrix;
  assert.equal(
    single.data.reduce((t, v) => t + v, 0),
    35,
  );
  const g1 = conv2d.backward!(fillOnes(single), oneArgs, single);
  assert.deepEqual(Array.from(g1[1]!.data), [13, 6, 15, 12, 4, 4, 4, 4]);
  assert.deepEqual(Array.from(g1[4]!.data), [4]);
  // ∂L/∂X: channel 1 is the 2-D seed's [1, 1, 0; 1, 0, −1; 0, −1, −1]; channel 2 is 2 × (windows covering each entry).
  assert.deepEqual(g1[0]!.shape, [2, 3, 3]);
  assert.deepEqual(Array.from(g1[0]!.data), [1, 1, 0, 1, 0, -1, 0, -1, -1, 2, 4, 2, 4, 8, 4, 2, 4, 2]);
});

test('conv2d: a small CNN on the tape (filter bank, maxpool with padding, one-filter conv, sum) against finite differences', () => {
  const rand = prng(44);
  const x0 = randomTensor(rand, [2, 6, 6]);
  const k0 = randomTensor(rand, [3, 2, 3, 3]);
  const b0 = randomTensor(rand, [3, 1]);
  const f0 = randomTensor(rand, [3, 2, 2]);
  // L = sum(conv2d(maxpool(conv2d(X, K, padding=1, bias=b), 2, 2, 1), F)): 2×6×6 → 3×6×6 → 3×4×4 → 3×3.
  const loss = (x: Matrix, k: Matrix, b: Matrix, f: Matrix): { value: number; grads: Matrix[] } => {
    const tape = new Tape();
    const [xn, kn, bn, fn] = [x, k, b, f].map((v) => tape.variable(v));
    const c = (v: number) => tape.constant(s(v));
    const h1 = applyBuiltin(tape, conv2d, [xn, kn, c(1), c(1), bn, c(1)]);
    const p1 = applyBuiltin(tape, maxpool, [h1, c(2), c(2), c(1)]);
    const h2 = applyBuiltin(tape, conv2d, [p1, fn, c(1), c(0), c(0), c(1)]);
    const root = applyBuiltin(tape, sum, [h2]);
    const grads = tape.gradients(root);
    return { value: root.value.data[0], grads: [xn, kn, bn, fn].map((n) => grads.get(n.id)!) };
  };
  const params = [x0, k0, b0, f0];
  const { grads } = loss(x0, k0, b0, f0);
  params.forEach((p, index) => {
    assert.deepEqual(grads[index].shape, p.shape, `∂L/∂arg${index} has its shape`);
    for (let e = 0; e < p.size; e++) {
      const shifted = (delta: number): number => {
        const copy = new Matrix(p.rows, p.cols, Float64Array.from(p.data), p.lead);
        copy.data[e] += delta;
        const next = params.slice();
        next[index] = copy;
        return loss(next[0], next[1], next[2], next[3]).value;
      };
      const numeric = (shifted(1e-6) - shifted(-1e-6)) / 2e-6;
      assert.ok(
        Math.abs(grads[index].data[e] - numeric) < 1e-5,
        `arg${index} entry ${e}: ${grads[index].data[e]} vs ${numeric}`,
      );
    }
  });
});

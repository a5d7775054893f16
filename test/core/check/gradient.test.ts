/**
 * `∂L/∂X` through the language (gradient.ts): random small networks written
 * as `.hw` text, the filled `?` compared with central finite differences of
 * an independent forward pass written here (plain arrays, no core code),
 * and once by evaluating L through `check()` of perturbed texts.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, briefs, only, parseValueText, prng, run, single } from './support';

type Mat = number[][];
type Activation = 'relu' | 'sigmoid' | 'tanh';
type Loss = 'mse' | 'squared';

const ACT: Record<Activation, (v: number) => number> = {
  relu: (v) => Math.max(0, v),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  tanh: (v) => Math.tanh(v),
};

function matmul(a: Mat, b: Mat): Mat {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}
const add = (a: Mat, b: Mat): Mat => a.map((r, i) => r.map((v, j) => v + b[i][j]));
const map = (a: Mat, f: (v: number) => number): Mat => a.map((r) => r.map(f));
const clone = (a: Mat): Mat => a.map((r) => [...r]);
const hw = (m: Mat): string => `[${m.map((r) => r.join(', ')).join('; ')}]`;

/** Entries with three decimals, so the text states them exactly. */
function randomMat(random: () => number, rows: number, cols: number): Mat {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => Math.round((random() * 4 - 2) * 1000) / 1000),
  );
}

interface Net {
  x: Mat;
  y: Mat;
  W1: Mat;
  b1: Mat;
  W2: Mat;
  b2: Mat;
  act: Activation;
  loss: Loss;
}

/** The forward pass, from any of its named values on (so intermediates can be perturbed). */
function forward(net: Net, override: Partial<Record<'a1' | 'z1' | 'a2', Mat>> = {}): number {
  const a1 = override.a1 ?? add(matmul(net.W1, net.x), net.b1);
  const z1 = override.z1 ?? map(a1, ACT[net.act]);
  const a2 = override.a2 ?? add(matmul(net.W2, z1), net.b2);
  let s = 0;
  let n = 0;
  a2.forEach((r, i) => r.forEach((v, j) => ((s += (v - net.y[i][j]) ** 2), n++)));
  return net.loss === 'mse' ? s / n : s;
}

function netText(net: Net, question: string): string {
  const loss = net.loss === 'mse' ? 'L = mse(a2, y)' : 'L = sum((a2 - y) ⊙ (a2 - y))';
  return [
    `given x = ${hw(net.x)}, y = ${hw(net.y)}`,
    `given W1 = ${hw(net.W1)}, b1 = ${hw(net.b1)}`,
    `given W2 = ${hw(net.W2)}, b2 = ${hw(net.b2)}`,
    'a1 = W1 x + b1',
    `z1 = ${net.act}(a1)`,
    'a2 = W2 z1 + b2',
    loss,
    question,
  ].join('\n');
}

/** Central differences of f at every entry of m (m is perturbed in place and restored). */
function centralDifferences(m: Mat, f: () => number, h = 1e-6): Mat {
  return m.map((row, i) =>
    row.map((_, j) => {
      const keep = m[i][j];
      m[i][j] = keep + h;
      const plus = f();
      m[i][j] = keep - h;
      const minus = f();
      m[i][j] = keep;
      return (plus - minus) / (2 * h);
    }),
  );
}

function filled(text: string): Mat {
  const c = run(text);
  assert.deepEqual(briefs(c, 'problems'), [], `no error or warning in\n${text}`);
  const d = single(c, 'value.unknown');
  assert.ok(d.expected);
  return parseValueText(d.expected);
}

function assertMatClose(actual: Mat, expected: Mat, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: rows`);
  assert.equal(actual[0].length, expected[0].length, `${what}: cols`);
  actual.forEach((r, i) =>
    r.forEach((v, j) => {
      const e = expected[i][j];
      assert.ok(
        Math.abs(v - e) <= tol * Math.max(1, Math.abs(e)),
        `${what} (${i + 1},${j + 1}): ${v} vs finite differences ${e}`,
      );
    }),
  );
}

function randomNet(random: () => number, act: Activation, loss: Loss): Net {
  const nIn = 2 + Math.floor(random() * 2);
  const nHidden = 2 + Math.floor(random() * 3);
  const nOut = 1 + Math.floor(random() * 2);
  return {
    x: randomMat(random, nIn, 1),
    y: randomMat(random, nOut, 1),
    W1: randomMat(random, nHidden, nIn),
    b1: randomMat(random, nHidden, 1),
    W2: randomMat(random, nOut, nHidden),
    b2: randomMat(random, nOut, 1),
    act,
    loss,
  };
}

const CASES: [Activation, Loss][] = [
  ['relu', 'mse'],
  ['sigmoid', 'mse'],
  ['tanh', 'squared'],
  ['relu', 'squared'],
  ['sigmoid', 'squared'],
  ['tanh', 'mse'],
];

test('random 2-layer networks: ∂L/∂W1, ∂L/∂b1, ∂L/∂W2, ∂L/∂b2 match central differences', () => {
  const random = prng(20261127);
  for (let trial = 0; trial < 12; trial++) {
    const [act, loss] = CASES[trial % CASES.length];
    const net = randomNet(random, act, loss);
    for (const p of ['W1', 'b1', 'W2', 'b2'] as const) {
      const got = filled(netText(net, `∂L/∂${p} = ?`));
      const want = centralDifferences(net[p], () => forward(net));
      assertMatClose(got, want, 1e-5, `trial ${trial} (${act}, ${loss}) ∂L/∂${p}`);
    }
  }
});

test('gradients with respect to intermediates (a1, z1, a2) and the input x', () => {
  const random = prng(7);
  for (let trial = 0; trial < 6; trial++) {
    const [act, loss] = CASES[trial % CASES.length];
    const net = randomNet(random, act, loss);
    const a1 = add(matmul(net.W1, net.x), net.b1);
    const z1 = map(a1, ACT[act]);
    const a2 = add(matmul(net.W2, z1), net.b2);
    const inter: Record<'a1' | 'z1' | 'a2', Mat> = { a1: clone(a1), z1: clone(z1), a2: clone(a2) };
    // ∂L/∂a1 perturbs a1 and recomputes z1, a2 and L from it (z1 and a2 not overridden).
    assertMatClose(
      filled(netText(net, '∂L/∂a1 = ?')),
      centralDifferences(inter.a1, () => forward(net, { a1: inter.a1 })),
      1e-5,
      `trial ${trial} ∂L/∂a1`,
    );
    assertMatClose(
      filled(netText(net, '∂L/∂z1 = ?')),
      centralDifferences(inter.z1, () => forward(net, { z1: inter.z1 })),
      1e-5,
      `trial ${trial} ∂L/∂z1`,
    );
    assertMatClose(
      filled(netText(net, '∂L/∂a2 = ?')),
      centralDifferences(inter.a2, () => forward(net, { a2: inter.a2 })),
      1e-5,
      `trial ${trial} ∂L/∂a2`,
    );
    assertMatClose(
      filled(netText(net, '∂L/∂x = ?')),
      centralDifferences(net.x, () => forward(net)),
      1e-5,
      `trial ${trial} ∂L/∂x`,
    );
  }
});

test('the ASCII spellings grad(L, X) and d(L)/d(X) give the same gradient', () => {
  const net = randomNet(prng(99), 'tanh', 'mse');
  const unicode = filled(netText(net, '∂L/∂W2 = ?'));
  assert.deepEqual(filled(netText(net, 'grad(L, W2) = ?')), unicode);
  assert.deepEqual(filled(netText(net, 'd(L)/d(W2) = ?')), unicode);
});

test('finite differences through check() itself: L of perturbed texts', () => {
  // Here the reference does not even use the forward pass above: L is read back from check().
  const net = randomNet(prng(4242), 'sigmoid', 'mse');
  const lossOf = (n: Net): number => filled(netText(n, 'L = ?'))[0][0];
  const h = 1e-3; // the text carries the perturbation; 12 printed digits of L bound the error by ~1e-9 / h
  const got = filled(netText(net, '∂L/∂W1 = ?'));
  for (let i = 0; i < net.W1.length; i++) {
    for (let j = 0; j < net.W1[0].length; j++) {
      const plus = { ...net, W1: clone(net.W1) };
      const minus = { ...net, W1: clone(net.W1) };
      plus.W1[i][j] += h;
      minus.W1[i][j] -= h;
      const fd = (lossOf(plus) - lossOf(minus)) / (2 * h);
      // The central difference's own error is O(h²) ≈ 1e-6 times the third derivative.
      assert.ok(
        Math.abs(got[i][j] - fd) <= 1e-5 * Math.max(1, Math.abs(fd)),
        `(${i + 1},${j + 1}) ${got[i][j]} vs ${fd}`,
      );
    }
  }
});

test('a wrong stated gradient is an error; the right one written out is clean', () => {
  const net = randomNet(prng(5), 'relu', 'squared');
  const right = filled(netText(net, '∂L/∂b2 = ?'));
  assertClean(run(netText(net, `∂L/∂b2 = ${hw(right)}`)));
  const wrong = right.map((r) => r.map((v) => v + 1));
  const c = run(netText(net, `∂L/∂b2 = ${hw(wrong)}`));
  assert.ok(c.problems.length >= 1 && c.problems.every((d) => d.severity === 'error'), JSON.stringify(briefs(c)));
});

test('the gradient of a non-scalar is gradient.not-scalar', () => {
  const c = run(['given W = [1, 2; 3, 4], v = [1; 1]', 'z = W v', 'd = ∂z/∂W = ?']);
  const d = single(c, 'gradient.not-scalar');
  assert.match(d.message, /2×1/);
  assert.equal(c.problems.length, 1, JSON.stringify(briefs(c)));
});

test('∂L/∂L is 1 and the gradient of something L does not depend on is zero', () => {
  // L = 3 w: ∂L/∂w = 3; u does not enter L: ∂L/∂u = [0, 0].
  assertClean(run(['given w = 2, u = [1, 2]', 'L = 3 w', '∂L/∂w = 3', '∂L/∂u = [0, 0]', '∂L/∂L = 1']));
});

test('given derivative symbols multiply like numbers (chain rule by hand)', () => {
  // 0.01 × 0.005 × 0.1 = 5e-6; 0.01 × (0.005 × 0.1 + 1) = 0.010005.
  assertClean(
    run([
      'given ∂L/∂z2 = 0.01, ∂z2/∂z1 = 0.005, ∂z1/∂x = 0.1',
      '∂L/∂x = ∂L/∂z2 × ∂z2/∂z1 × ∂z1/∂x = 0.000005',
      'r = ∂L/∂z2 (∂z2/∂z1 ∂z1/∂x + 1) = 0.010005',
    ]),
  );
  const c = run(['given ∂L/∂z2 = 0.01, ∂z2/∂z1 = 0.005', '∂L/∂z2 × ∂z2/∂z1 = 0.0005']);
  assert.deepEqual(briefs(c), ['error value.wrong «0.0005»']);
  assert.equal(c.diagnostics[0].expected, '0.00005');
});

test('softmax and cross_entropy inside a differentiated definition', () => {
  // p = softmax(W x), L = −Σ y ln p. Reference: the same in plain arrays, then central differences.
  const random = prng(31337);
  for (let trial = 0; trial < 4; trial++) {
    const W = randomMat(random, 3, 2);
    const x = randomMat(random, 2, 1);
    const target = [[0], [0], [0]];
    target[trial % 3][0] = 1;
    const loss = (): number => {
      const s = matmul(W, x).map((r) => r[0]);
      const m = Math.max(...s);
      const e = s.map((v) => Math.exp(v - m));
      const total = e.reduce((a, b) => a + b, 0);
      return -target.reduce((acc, [t], i) => acc + (t === 0 ? 0 : t * Math.log(e[i] / total)), 0);
    };
    const text = [
      `given W = ${hw(W)}, x = ${hw(x)}, t = ${hw(target)}`,
      's = W x',
      'p = softmax(s)',
      'L = cross_entropy(p, t)',
      '∂L/∂W = ?',
    ].join('\n');
    assertMatClose(filled(text), centralDifferences(W, loss), 1e-5, `trial ${trial} softmax/cross_entropy ∂L/∂W`);
    // The closed form ∂L/∂s = p − t, checked through ∂L/∂s.
    const s = matmul(W, x).map((r) => r[0]);
    const e = s.map((v) => Math.exp(v - Math.max(...s)));
    const total = e.reduce((a, b) => a + b, 0);
    const pMinusT = e.map((v, i) => [v / total - target[i][0]]);
    assertMatClose(filled(text.replace('∂L/∂W = ?', '∂L/∂s = ?')), pMinusT, 1e-8, `trial ${trial} ∂L/∂s = p − t`);
  }
});

test('conv2d inside a differentiated definition: ∂L/∂K and ∂L/∂I', () => {
  // L = sum(O ⊙ O) with O = conv2d(I, K) (cross-correlation, stride 1, no padding).
  const random = prng(2718);
  const I = randomMat(random, 4, 4);
  const K = randomMat(random, 2, 2);
  const conv = (): Mat => {
    const out: Mat = [];
    for (let i = 0; i + K.length <= I.length; i++) {
      out.push([]);
      for (let j = 0; j + K[0].length <= I[0].length; j++) {
        let s = 0;
        for (let a = 0; a < K.length; a++) for (let b = 0; b < K[0].length; b++) s += I[i + a][j + b] * K[a][b];
        out[i].push(s);
      }
    }
    return out;
  };
  const loss = (): number =>
    conv()
      .flat()
      .reduce((s, v) => s + v * v, 0);
  const text = (q: string) => [`given I = ${hw(I)}, K = ${hw(K)}`, 'O = conv2d(I, K)', 'L = sum(O ⊙ O)', q].join('\n');
  assertMatClose(filled(text('∂L/∂K = ?')), centralDifferences(K, loss), 1e-5, '∂L/∂K');
  assertMatClose(filled(text('∂L/∂I = ?')), centralDifferences(I, loss), 1e-5, '∂L/∂I');
});

test('a gradient through a user function is traced through its body', () => {
  // f(t) = t^2: L = f(w) + 3 w, ∂L/∂w = 2 w + 3 = 2·1.5 + 3 = 6.
  assertClean(run(['given w = 1.5', 'f(t) = t^2', 'L = f(w) + 3 w', '∂L/∂w = 6']));
});

test('follow-through of a wrong gradient into a later step', () => {
  // ∂L/∂w true 6, written 7 (the slip). 2 × ∂L/∂w: true 12, writer 14 → follows, not a second error.
  const c = run(['given w = 1.5', 'L = w^2 + 3 w', '∂L/∂w = 7', 'g = 2 × ∂L/∂w = 14']);
  assert.deepEqual(briefs(c), ['error value.wrong «7»', 'info value.follows «14»']);
  assert.equal(only(c, 'value.follows')[0].related.length, 1);
});

test('a wrong forward value: the loss and gradients computed from it follow, one error in all', () => {
  // W x = [1·2 + 2·1; 3·2 + 4·1] = [4; 10], written [4; 11].
  // Writer: L = 16 + 121 = 137 (true 116); ∂L/∂a = 2a = [8; 22] (true [8; 20]);
  // ∂L/∂W = ∂L/∂a xᵀ = [16, 8; 44, 22] (true [16, 8; 40, 20]).
  const c = run([
    'given x = [2; 1], W = [1, 2; 3, 4]',
    'a = W x = [4; 11]',
    'L = sum(a ⊙ a) = 137',
    '∂L/∂a = 2 a = [8; 22]',
    '∂L/∂W = ∂L/∂a xᵀ = [16, 8; 44, 22]',
  ]);
  assert.deepEqual(briefs(c), [
    'error value.wrong-entry «11»',
    'info value.follows «137»',
    'info value.follows «[8; 22]»',
    'info value.follows «[16, 8; 44, 22]»',
  ]);
  assert.deepEqual(
    only(c, 'value.follows').map((d) => d.expected),
    ['116', '[8; 20]', '[16, 8; 40, 20]'],
  );
  // Stating the writer's gradient directly, with no steps, follows too; the true one is right.
  assert.deepEqual(
    briefs(
      run(['given x = [2; 1], W = [1, 2; 3, 4]', 'a = W x = [4; 11]', 'L = sum(a ⊙ a)', '∂L/∂W = [16, 8; 44, 22]']),
    ),
    ['error value.wrong-entry «11»', 'info value.follows «[16, 8; 44, 22]»'],
  );
  assert.deepEqual(
    briefs(
      run(['given x = [2; 1], W = [1, 2; 3, 4]', 'a = W x = [4; 11]', 'L = sum(a ⊙ a)', '∂L/∂W = [16, 8; 40, 20]']),
    ),
    ['error value.wrong-entry «11»'],
  );
});

test('a loss whose definition failed is reported once, not again by each gradient of it', () => {
  // w [1, 2, 3] multiplies a 2×2 by a 1×3 (not defined); q is undefined; 1e999 overflows:
  // each is one error, where it is written. (`1 / w` was the shape slip here before `/` broadcast.)
  for (const [loss, code] of [
    ['sum(w [1, 2, 3])', 'shape.mismatch'],
    ['sum(w) + q', 'name.undefined'],
    ['1e999 + sum(w)', 'limit.overflow'],
  ] as const) {
    const c = run(['given w = [1, 2; 3, 4]', `L = ${loss}`, '∂L/∂w = ?', 'g = ∂L/∂w']);
    assert.deepEqual(
      c.problems.map((d) => d.code),
      [code],
      `${loss}: ${JSON.stringify(briefs(c))}`,
    );
  }
  // Through an intermediate: a = w + q fails; L = sum(a) and ∂L/∂w add nothing.
  const c = run(['given w = [1, 2; 3, 4]', 'a = w + q', 'L = sum(a)', '∂L/∂w = ?']);
  assert.deepEqual(
    c.problems.map((d) => d.code),
    ['name.undefined'],
  );
});

test('Jacobians: ∂y/∂x of vectors in numerator layout, against the softmax Jacobian diag(s) − s sᵀ by hand', () => {
  const x = [0.3, -1.2, 0.8];
  const e = x.map(Math.exp);
  const total = e.reduce((a, b) => a + b, 0);
  const s = e.map((v) => v / total);
  const jacobian = s.map((si, i) => s.map((sj, j) => (i === j ? si : 0) - si * sj));
  const text = `problem 1 "j"\ngiven x = [${x.join('; ')}]\ns = softmax(x)\n∂s/∂x = ${hw(jacobian)}\n`;
  assertClean(run(text));
  assert.deepEqual(run(text).diagnostics, []);
  // A row vector y and a column x: still J[i, j] = ∂yᵢ/∂xⱼ (y = xᵀ A, so J = Aᵀ).
  assertClean(run('problem 1 "r"\ngiven x = [1; 2], A = [1, 2; 3, 4]\ny = xᵀ A\n∂y/∂x = [1, 3; 2, 4]\n'));
  // The transpose (denominator layout) is wrong entry by entry.
  const wrong = run('problem 1 "w"\ngiven x = [1; 2], W = [1, 2; 3, 4]\ny = W x\n∂y/∂x = [1, 3; 2, 4]\n');
  assert.deepEqual(
    wrong.diagnostics.map((d) => d.code),
    ['value.wrong-entry', 'value.wrong-entry'],
  );
  // A matrix of a vector is still not a Jacobian.
  assert.deepEqual(
    run('problem 1 "m"\ngiven x = [1; 2]\nY = x xᵀ\ng = ∂Y/∂x\n').diagnostics.map((d) => d.code),
    ['gradient.not-scalar'],
  );
});

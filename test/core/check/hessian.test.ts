/**
 * `∂²f/∂x²` and `hessian(f, x)` (hessian.ts, autodiff/secondOrder.ts):
 * hand-derived Hessians, PyTorch's (`test/fixtures/oracles/hessians.py`),
 * and central finite differences of the exact gradient for every operation
 * with a second-order rule. No expected number here comes from the checker.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../fixtures/paths';
import { assertClean, briefs, run, single } from './support';

type Mat = number[][];
const hw = (m: Mat): string => `[${m.map((r) => r.join(', ')).join('; ')}]`;
/** Full precision, so a stated value is the oracle's to the last digit. */
const exact = (m: Mat): string => `[${m.map((r) => r.map((v) => v.toPrecision(17)).join(', ')).join('; ')}]`;

/** The entries of a name's value after checking the text. */
function valueOf(text: string, name: string): number[] {
  const checked = run(text);
  assertClean(checked);
  const symbol = checked.result.document.symbols.find((s) => s.name === name);
  assert.ok(symbol?.value?.entries, `${name} has a value in\n${text}`);
  return [...symbol.value.entries];
}

test('a hand-derived Hessian of a vector x: f = x₁² x₂ + 3 x₂ at (1, 2)', () => {
  // ∂²f/∂x₁² = 2x₂ = 4, ∂²f/∂x₁∂x₂ = 2x₁ = 2, ∂²f/∂x₂² = 0.
  const head = ['given x = [1; 2]', 'a = [1, 0] x', 'b = [0, 1] x', 'f = a^2 * b + 3 b'];
  assertClean(run([...head, '∂²f/∂x² = [4, 2; 2, 0]', 'hessian(f, x) = [4, 2; 2, 0]']));
  const wrong = run([...head, '∂²f/∂x² = [4, 2; 2, 1]']);
  assert.deepEqual(briefs(wrong, 'problems'), ['error value.wrong-entry «1»']);
});

test('a quadratic form xᵀ A x has the Hessian A + Aᵀ', () => {
  assertClean(run(['given x = [1; -2], A = [1, 2; 3, 4]', 'f = xᵀ A x', '∂²f/∂x² = [2, 5; 5, 8]']));
});

test('the Hessian of a matrix x is over its entries in row-major order', () => {
  // f = Σ W⊙W⊙W: ∂²f/∂wᵢ² = 6 wᵢ, no cross terms; W = [1, 2; 3, 4] in order w₁₁, w₁₂, w₂₁, w₂₂.
  assertClean(
    run([
      'given W = [1, 2; 3, 4]',
      'f = sum(W ⊙ W ⊙ W)',
      '∂²f/∂W² = [6, 0, 0, 0; 0, 12, 0, 0; 0, 0, 18, 0; 0, 0, 0, 24]',
    ]),
  );
  // f = w₁₂ w₂₁: the one cross term sits at (2, 3) and (3, 2).
  assertClean(
    run([
      'given W = [1, 2; 3, 4]',
      'f = [1, 0] W [0; 1] * [0, 1] W [1; 0]',
      'H = ∂²f/∂W²',
      'H = [0, 0, 0, 0; 0, 0, 1, 0; 0, 1, 0, 0; 0, 0, 0, 0]',
    ]),
  );
});

test("a scalar x, an f that does not depend on x, and f = x's own linear function", () => {
  assertClean(run(['given t = 3', 'f = t^3 - 2 t', '∂²f/∂t² = 18']));
  assertClean(run(['given x = [1; 2], c = 5', 'f = c^2', '∂²f/∂x² = [0, 0; 0, 0]']));
  assertClean(run(['given x = [1; 2]', 'f = [3, 4] x', '∂²f/∂x² = [0, 0; 0, 0]']));
});

const oracles = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'oracles', 'hessians.json'), 'utf8'),
) as Record<string, { inputs: Record<string, Mat>; loss: number; hessian: Mat }>;

test("softmax cross-entropy's Hessian with respect to the logits equals PyTorch's", () => {
  const { inputs, hessian, loss } = oracles.softmax_cross_entropy;
  assertClean(
    run([
      `given z = ${hw(inputs.z)}, y = ${hw(inputs.y)}`,
      'L = cross_entropy(softmax(z), y)',
      `L = ${loss.toPrecision(17)}`,
      `∂²L/∂z² = ${exact(hessian)}`,
    ]),
  );
});

test("a 2-layer tanh network's Hessian with respect to W1 equals PyTorch's", () => {
  const { inputs, hessian, loss } = oracles.tanh_net;
  const text = [
    `given x = ${hw(inputs.x)}, W1 = ${hw(inputs.W1)}, b1 = ${hw(inputs.b1)}`,
    `given W2 = ${hw(inputs.W2)}, b2 = ${hw(inputs.b2)}, t = ${hw(inputs.t)}`,
    'h = tanh(W1 x + b1)',
    'yhat = W2 h + b2',
    'L = (yhat - t)^2',
    `L = ${loss.toPrecision(17)}`,
    `hessian(L, W1) = ${exact(hessian)}`,
  ];
  assertClean(run(text));
  // One entry off by 1e-4 of its size is found.
  const off = hessian.map((r) => [...r]);
  off[1][4] *= 1.0001;
  const wrong = run([...text.slice(0, -1), `hessian(L, W1) = ${exact(off)}`]);
  assert.deepEqual(
    briefs(wrong, 'problems').map((b) => b.split(' ')[1]),
    ['value.wrong-entry'],
  );
});

/**
 * Every second-order rule, against central differences of the exact
 * (first-order, already tested) gradient: H[i][j] ≈ (gᵢ(x + h eⱼ) − gᵢ(x − h eⱼ)) / 2h.
 */
const FUNCTIONS: { what: string; x: Mat; given?: string; body: string[] }[] = [
  { what: 'sigmoid, ⊙, sum', x: [[0.3], [-0.8], [1.1]], body: ['f = sum(sigmoid(x) ⊙ x)'] },
  { what: 'exp, ln, /', x: [[0.7], [1.9]], body: ['u = exp(x) / (1 + x ⊙ x)', 'f = sum(ln(u + 2))'] },
  { what: 'sqrt, log10, log2, -', x: [[0.4], [2.5]], body: ['f = sum(sqrt(x) - log10(x) ⊙ log2(x + 1))'] },
  { what: 'sin, cos, sinh, cosh', x: [[0.4], [-1.3]], body: ['f = sum(sin(x) ⊙ cos(2 x) + sinh(x) ⊙ cosh(x))'] },
  {
    what: 'softplus, mean, relu, abs',
    x: [[0.4], [-1.3], [2]],
    body: ['f = mean(softplus(x) ⊙ x) + sum(relu(x) ⊙ x ⊙ abs(x))'],
  },
  {
    what: 'matrix products, transposes, powers',
    x: [
      [1.5, -0.5],
      [0.25, 2],
    ],
    given: 'A = [1, 2; -1, 3]',
    body: ['f = sum((A x xᵀ) ⊙ xᵀ) + (sum(x))^3'],
  },
  {
    what: 'softmax over columns, mse, dot',
    x: [
      [0.2, 1],
      [-0.4, 0.5],
      [0.9, -1],
    ],
    body: ['P = softmax(x)', 'f = mse(P, [1, 0; 0, 1; 0, 0]) + dot(P [1; 2], [3; 4; 5])'],
  },
  {
    what: 'a row softmax, leaky_relu, a scalar times a matrix, a scalar quotient',
    x: [[0.3, -0.6, 1.2]],
    body: ['f = sum(softmax(x) ⊙ leaky_relu(x, alpha=0.1)) * sum(x) + sum(x) / (2 + sum(x ⊙ x))'],
  },
  {
    what: 'a matrix literal of entries and blocks',
    x: [[0.5], [1.5]],
    body: ['a = [1, 0] x', 'b = [0, 1] x', 'M = [a, a b; b^2, [3]]', 'v = [x; a]', 'f = sum(M M) + sum(v ⊙ v ⊙ v)'],
  },
  {
    what: 'gelu, silu, elu on both sides of 0',
    x: [[0.7], [-0.4], [1.3]],
    body: ['f = sum(gelu(x) ⊙ x + silu(2 x) ⊙ silu(x) + elu(x, alpha=0.5) ⊙ elu(3 x))'],
  },
  {
    what: 'definitions, a user function, a power of a scalar',
    x: [[0.7], [-0.2]],
    body: ['g(u) = u ⊙ u ⊙ tanh(u)', 'a = g(x)', 'c = sum(a)', 'f = c^3 + 2^c'],
  },
];

test('every second-order rule agrees with central differences of the exact gradient', () => {
  const h = 1e-5;
  for (const { what, x, given, body } of FUNCTIONS) {
    const text = (point: Mat, claim: string) =>
      [`given x = ${hw(point)}`, ...(given ? [`given ${given}`] : []), ...body, claim].join('\n');
    const H = valueOf(text(x, 'H = ∂²f/∂x²'), 'H');
    const flat = x.flat();
    const n = flat.length;
    assert.equal(H.length, n * n, what);
    for (let j = 0; j < n; j++) {
      const at = (delta: number) => {
        const point = x.map((r) => [...r]);
        const cols = x[0].length;
        point[Math.floor(j / cols)][j % cols] += delta;
        return valueOf(text(point, 'G = ∂f/∂x'), 'G');
      };
      const plus = at(h);
      const minus = at(-h);
      for (let i = 0; i < n; i++) {
        const fd = (plus[i] - minus[i]) / (2 * h);
        assert.ok(
          Math.abs(H[i * n + j] - fd) <= 1e-6 * Math.max(1, Math.abs(fd)),
          `${what}: H[${i},${j}] = ${H[i * n + j]}, central difference ${fd}`,
        );
      }
    }
    // And it is symmetric, as a Hessian of a twice continuously differentiable f is.
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++)
        assert.ok(
          Math.abs(H[i * n + j] - H[j * n + i]) <= 1e-9 * Math.max(1, Math.abs(H[i * n + j])),
          `${what}: symmetric`,
        );
  }
});

test('bad input gets a clear diagnostic on the Hessian', () => {
  const notScalar = single(run(['given x = [1; 2]', 'y = x ⊙ x', 'H = ∂²y/∂x²']), 'hessian.not-scalar');
  assert.match(notScalar.message, /y is 2×1: ∂²y\/∂x² needs a scalar y/);
  const unsupported = single(run(['given x = [1; 2]', 'f = sum(layernorm(x))', 'H = ∂²f/∂x²']), 'hessian.unsupported');
  assert.match(unsupported.message, /through layernorm/);
  // A reduction over an axis has no second-order rule: refused, not differentiated as a whole sum.
  const overAxis = single(
    run(['given X = [1, 2; 3, 4]', 'f = sum(sum(X ⊙ X, axis=2))', 'H = ∂²f/∂X²']),
    'hessian.unsupported',
  );
  assert.match(overAxis.message, /sum over an axis/);
  // The whole mean still works: mean(x²) over 4 entries has the Hessian 2/4 I, trace 4 · 0.5 = 2 (by hand).
  assertClean(run(['given X = [1, 2; 3, 4]', 'f = mean(X ⊙ X)', 'H = ∂²f/∂X²', 'trace(H) = 2']));
  const large = single(run(['given x = zeros(401, 1)', 'f = sum(x ⊙ x)', 'H = hessian(f, x)']), 'hessian.unsupported');
  assert.match(large.message, /401 entries: a Hessian is limited to 400 entries of x/);
  // 400 entries is within the limit: 2 I.
  const ok = run(['given x = ones(400, 1)', 'f = sum(x ⊙ x)', 'H = hessian(f, x)', 'trace(H) = 800', 'sum(H) = 800']);
  assertClean(ok);
});

test('∂² needs its ² on both sides, glued', () => {
  assert.deepEqual(
    briefs(run(['given x = 1', 'f = x^3', 'H = ∂²f/∂x'])).map((b) => b.split(' ')[1]),
    ['syntax.unexpected-token'],
  );
  assert.deepEqual(
    briefs(run(['given x = 1', 'f = x^3', 'H = ∂f/∂x²'])).map((b) => b.split(' ')[1]),
    ['syntax.unexpected-token'],
  );
});

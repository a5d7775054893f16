import test from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../../src/core';
import { attention, batchnorm, dropout, layernorm } from '../../../src/core/solvers/layers';
import { DomainError, ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { input, oracle, oracleNumber, rowsOf } from './oracle';

const s = (x: number): Matrix => Matrix.scalar(x);
const EPS = s(1e-5);

test("batchnorm (training mode) and layernorm: torch.nn.functional's values", () => {
  for (const [name, builtin] of [
    ['batchnorm', batchnorm],
    ['layernorm', layernorm],
  ] as const) {
    const c = oracle(name);
    assertMatrixClose(builtin.forward([input(c, 'X'), input(c, 'gamma'), input(c, 'beta'), EPS]), c.output, 1e-12);
  }
});

test("batchnorm backward: PyTorch autograd's gradients for X, gamma and beta", () => {
  const c = oracle('batchnorm');
  const b = oracle('batchnorm_backward');
  const args = [input(c, 'X'), input(c, 'gamma'), input(c, 'beta'), EPS];
  const out = batchnorm.forward(args) as Matrix;
  const [dX, dGamma, dBeta, dEps] = batchnorm.backward!(input(b, 'G'), args, out);
  assertMatrixClose(dX!, b.output, 1e-10);
  assertMatrixClose(dGamma!, rowsOf(b.gamma), 1e-10);
  assertMatrixClose(dBeta!, rowsOf(b.beta), 1e-10);
  assert.equal(dEps, null);
});

test('dropout: with the mask PyTorch drew, its output', () => {
  const c = oracle('dropout');
  assertMatrixClose(dropout.forward([input(c, 'X'), input(c, 'mask'), s(oracleNumber(c, 'p'))]), c.output, 1e-15);
});

test("attention: the formula with torch's softmax, and torch's MultiheadAttention with identity projections", () => {
  const plain = oracle('attention');
  assertMatrixClose(
    attention.forward([input(plain, 'Q'), input(plain, 'K'), input(plain, 'V'), s(1)]),
    plain.output,
    1e-14,
  );
  const causal = oracle('attention_causal');
  const out = attention.forward([input(causal, 'Q'), input(causal, 'K'), input(causal, 'V'), input(causal, 'mask')]);
  assertMatrixClose(out, causal.output, 1e-14);
  assertMatrixClose(out, rowsOf(causal.torch_layer), 1e-12);
});

test('backward against central finite differences', () => {
  const rand = prng(51);
  const x = randomMatrix(rand, 4, 3);
  checkBackward(batchnorm, [x, randomMatrix(rand, 1, 3), randomMatrix(rand, 1, 3), EPS], rand);
  checkBackward(layernorm, [x, randomMatrix(rand, 1, 3), s(0.5), EPS], rand);
  checkBackward(
    dropout,
    [
      x,
      Matrix.fromRows([
        [1, 0, 1],
        [0, 1, 1],
        [1, 1, 0],
        [1, 0, 0],
      ]),
      s(0.3),
    ],
    rand,
  );
  const mask = Matrix.fromRows([
    [1, 0, 0],
    [1, 1, 0],
  ]);
  checkBackward(attention, [randomMatrix(rand, 2, 4), randomMatrix(rand, 3, 4), randomMatrix(rand, 3, 2), mask], rand);
  checkBackward(attention, [randomMatrix(rand, 2, 4), randomMatrix(rand, 3, 4), randomMatrix(rand, 3, 2), s(1)], rand);
});

test('guards: shapes, masks, p, a zero variance with eps = 0', () => {
  const x = Matrix.fromRows([
    [1, 2],
    [3, 4],
  ]);
  assert.throws(() => batchnorm.forward([x, Matrix.fromRows([[1, 2, 3]]), s(0), EPS]), ShapeError);
  assert.throws(
    () =>
      dropout.forward([
        x,
        Matrix.fromRows([
          [1, 0],
          [2, 1],
        ]),
        s(0.5),
      ]),
    DomainError,
  );
  assert.throws(
    () =>
      dropout.forward([
        x,
        Matrix.fromRows([
          [1, 0],
          [0, 1],
        ]),
        s(1),
      ]),
    DomainError,
  );
  assert.throws(
    () =>
      attention.forward([
        x,
        x,
        x,
        Matrix.fromRows([
          [1, 1],
          [0, 0],
        ]),
      ]),
    /blocks every key/,
  );
  assert.throws(() => attention.forward([x, Matrix.fromRows([[1, 2, 3]]), x, s(1)]), ShapeError);
  assert.throws(() => layernorm.forward([Matrix.fromRows([[2, 2]]), s(1), s(0), s(0)]), /layernorm: division by zero/);
});

test('in a homework: a causal attention step with its weights', () => {
  const text =
    'problem 1 "a"\ngiven Q = [1, 0; 0, 1], K = [1, 0; 0, 1], V = [1, 2; 3, 4], M = [1, 0; 1, 1]\n' +
    'attention(Q, K, V, M) ≈ [1, 2; 2.3395, 3.3395]\n';
  // By hand: row 2 attends to both keys with scores 0 and 1/√2, weights w = 1/(1 + e^(1/√2)) and 1 − w,
  // so its output is w·[1, 2] + (1 − w)·[3, 4] = [3 − 2w, 4 − 2w], w = 0.330248.
  const w = 1 / (1 + Math.exp(1 / Math.SQRT2));
  assert.ok(Math.abs(3 - 2 * w - 2.3395) < 5e-5 && Math.abs(4 - 2 * w - 3.3395) < 5e-5);
  assert.deepEqual(check(text).diagnostics, []);
});

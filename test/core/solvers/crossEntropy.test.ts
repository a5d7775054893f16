import test from 'node:test';
import assert from 'node:assert/strict';
import { crossEntropy } from '../../../src/core/solvers/crossEntropy';
import { softmax } from '../../../src/core/solvers/softmax';
import { ArgumentError, DomainError, ShapeError } from '../../../src/core/values/errors';
import { readBatchOracle, resolved, tensor } from './batchOracle';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

const col = (...xs: number[]): Matrix => Matrix.fromRows(xs.map((x) => [x]));

test('cross_entropy: −ln of the true class probability for a one-hot target', () => {
  assertMatrixClose(crossEntropy.forward([col(0.25, 0.75), col(0, 1)]), [[-Math.log(0.75)]]);
  assertMatrixClose(crossEntropy.forward([col(0.5, 0.5), col(1, 0)]), [[Math.LN2]]);
});

test('cross_entropy: a probability target, and p = 0 where y = 0 is fine', () => {
  assertMatrixClose(crossEntropy.forward([col(0.2, 0.8, 0), col(0.5, 0.5, 0)]), [
    [-(0.5 * Math.log(0.2) + 0.5 * Math.log(0.8))],
  ]);
});

test('cross_entropy: DomainError when p ≤ 0 where y > 0; ShapeError on different shapes', () => {
  assert.throws(
    () => crossEntropy.forward([col(0, 1), col(1, 0)]),
    (e: unknown) => e instanceof DomainError && e.code === 'call.domain',
  );
  assert.throws(() => crossEntropy.forward([col(-0.1, 1.1), col(1, 0)]), DomainError);
  assert.throws(() => crossEntropy.forward([col(0.5, 0.5), Matrix.fromRows([[1, 0]])]), ShapeError);
});

test('cross_entropy: backward for p and y against finite differences', () => {
  const rand = prng(11);
  for (const n of [2, 3, 5]) {
    checkBackward(crossEntropy, [randomMatrix(rand, n, 1, 0.1, 1), randomMatrix(rand, n, 1, 0, 1)], rand);
  }
});

const SUM = 0;
const MEAN = 1;

test('cross_entropy with integer labels: the batch mean of −ln P[i, yᵢ], or the sum', () => {
  const P = Matrix.fromRows([
    [0.5, 0.5],
    [0.25, 0.75],
  ]);
  // (−ln 0.5 − ln 0.75) / 2, and the sum of the two.
  const mean = (Math.LN2 - Math.log(0.75)) / 2;
  assertMatrixClose(crossEntropy.forward([P, col(1, 2)]), [[mean]], 1e-15);
  assertMatrixClose(crossEntropy.forward([P, Matrix.fromRows([[1, 2]])]), [[mean]], 1e-15);
  assertMatrixClose(crossEntropy.forward(resolved(crossEntropy, [P, col(1, 2)], { reduction: SUM })), [[2 * mean]]);
  // One sample written as a column of probabilities, with its label: −ln 0.75.
  assertMatrixClose(crossEntropy.forward([col(0.25, 0.75), Matrix.scalar(2)]), [[-Math.log(0.75)]]);
  // A one-hot target of P's shape with reduction=mean divides by the rows.
  const oneHot = Matrix.fromRows([
    [1, 0],
    [0, 1],
  ]);
  assertMatrixClose(crossEntropy.forward(resolved(crossEntropy, [P, oneHot], { reduction: MEAN })), [[mean]], 1e-15);
  assertMatrixClose(crossEntropy.forward([P, oneHot]), [[2 * mean]], 1e-15);
});

test('cross_entropy: labels outside 1…C, and reduction words it does not know', () => {
  const P = Matrix.fromRows([
    [0.5, 0.5],
    [0.25, 0.75],
  ]);
  assert.throws(() => crossEntropy.forward([P, col(1, 3)]), /label 3 of sample 2 is not a class 1…2/);
  assert.throws(() => crossEntropy.forward([P, col(1, 1.5)]), DomainError);
  assert.throws(
    () => crossEntropy.forward(resolved(crossEntropy, [P, col(1, 2)], { reduction: -1 })),
    (e: unknown) => e instanceof ArgumentError && e.parameter === 'reduction',
  );
});

test('batched softmax + cross-entropy against PyTorch: loss and ∂/∂Z, labels and one-hot, mean and sum', () => {
  const c = readBatchOracle().classifier;
  const Z = tensor(c.Z);
  const labels = Matrix.fromRows((c.labels as number[]).map((l) => [l]));
  const oneHot = tensor(c.one_hot);
  const cases: [Matrix, number | undefined, string, string][] = [
    [labels, undefined, 'loss_mean', 'dZ_mean'],
    [labels, MEAN, 'loss_mean', 'dZ_mean'],
    [labels, SUM, 'loss_sum', 'dZ_sum'],
    [oneHot, undefined, 'loss_onehot_sum', 'dZ_onehot_sum'],
  ];
  for (const [y, reduction, lossKey, gradKey] of cases) {
    // L = cross_entropy(softmax(Z, axis=2), y): chain the two backward rules by hand.
    const softmaxArgs = resolved(softmax, [Z], { axis: 2 }) as Matrix[];
    const P = softmax.forward(softmaxArgs) as Matrix;
    const ceArgs = resolved(crossEntropy, [P, y], reduction === undefined ? {} : { reduction }) as Matrix[];
    const L = crossEntropy.forward(ceArgs) as Matrix;
    assertMatrixClose(L, [[c[lossKey] as number]], 1e-13);
    const [dP] = crossEntropy.backward!(Matrix.scalar(1), ceArgs, L);
    const [dZ] = softmax.backward!(dP!, softmaxArgs, P);
    assertMatrixClose(dZ!, tensor(c[gradKey]).toRows(), 1e-13);
  }
});

test('cross_entropy with labels: backward for P against finite differences', () => {
  const rand = prng(23);
  const P = randomMatrix(rand, 3, 4, 0.1, 1);
  checkBackward(crossEntropy, [P, col(2, 4, 1)], rand, { only: [0] });
  checkBackward(crossEntropy, resolved(crossEntropy, [P, col(2, 4, 1)], { reduction: SUM }) as Matrix[], rand, {
    only: [0],
  });
});

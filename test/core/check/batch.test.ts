/**
 * Axis reductions, the batch built-ins, comparisons, `where` and infinity as
 * a student writes them: whole lines checked, with each diagnostic's code
 * and span. Numbers worked by hand beside them, or from the PyTorch oracle.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, briefs, run, single, under } from './support';
import { readBatchOracle } from '../solvers/batchOracle';

test('row sums, column means and keepdims as a student writes them', () => {
  assertClean(
    run([
      'given X = [1, 2, 3; 4, 5, 6]',
      'sum(X, axis=2) = [6; 15]',
      'mean(X, axis=1) = [2.5, 3.5, 4.5]',
      'max(X, axis=-1) = [3; 6]',
      'var(X, axis=1) = [2.25, 2.25, 2.25]',
      'var(X, axis=2, ddof=1) = [1; 1]',
      'argmax(X, axis=2) = [3; 3]',
      'max(1, 5, 2) = 5',
    ]),
  );
});

test('axis=5 on a matrix is call.axis on the argument', () => {
  const c = run(['given X = [1, 2; 3, 4]', 's = sum(X, axis=5)']);
  const d = single(c, 'call.axis');
  assert.equal(under(c, d), 'axis=5');
  assert.match(d.message, /axes 1 to 2/);
});

test('an unknown named argument of a reduction is still call.unknown-parameter', () => {
  const c = run(['given X = [1, 2; 3, 4]', 's = sum(X, axes=2)']);
  assert.deepEqual(
    briefs(c, 'problems').map((b) => b.split(' ')[1]),
    ['call.unknown-parameter'],
  );
});

/** A value in `.hw` syntax, every digit a double has. */
function hw(v: unknown): string {
  if (typeof v === 'number') return String(v);
  const rows = v as number[][];
  return `[${rows.map((r) => r.map(String).join(', ')).join('; ')}]`;
}

test('the mini-batch classifier checks clean against PyTorch: loss, ∂L/∂W and ∂L/∂b (labels and one-hot)', () => {
  const c = readBatchOracle().classifier;
  const y = `[${(c.labels as number[]).join('; ')}]`;
  const lines = [
    `given X = ${hw(c.X)}, W = ${hw(c.W)}, b = ${hw(c.b)}, y = ${y}`,
    'Z = X W + b',
    'P = softmax(Z, axis=2)',
    `L = cross_entropy(P, y) = ${hw(c.loss_mean)}`,
    `∂L/∂W = ${hw(c.dW_mean)}`,
    `∂L/∂b = ${hw(c.db_mean)}`,
    `∂L/∂Z = ${hw(c.dZ_mean)}`,
    `S = cross_entropy(P, y, reduction=sum) = ${hw(c.loss_sum)}`,
    `∂S/∂W = ${hw(c.dW_sum)}`,
    `∂S/∂b = ${hw(c.db_sum)}`,
    `H = cross_entropy(P, one_hot(y, 4)) = ${hw(c.loss_onehot_sum)}`,
    `∂H/∂b = ${hw(c.db_onehot_sum)}`,
    `accuracy(Z, y) = ${hw(c.accuracy)}`,
    `argmax(Z, axis=2) = [1; 3; 2]`,
  ];
  assertClean(run(lines));
  // A wrong bias gradient is caught entry by entry.
  const wrong = lines.slice(0, 5).concat(['∂L/∂b = [0, 0, 0, 0]']);
  assert.ok(run(wrong).problems.length > 0);
});

test('a causal mask: softmax of −inf is 0, and the gradient elsewhere matches PyTorch', () => {
  const o = readBatchOracle().masked_softmax;
  assertClean(
    run([
      `given S = ${hw(o.S)}, G = ${hw(o.weights)}`,
      'M = [0, -inf, -inf; 0, 0, -inf; 0, 0, 0]',
      `A = softmax(S + M, axis=2) = ${hw(o.A)}`,
      'L = sum(A ⊙ G)',
      `∂L/∂S = ${hw(o.dS)}`,
      'exp(-inf) = 0',
      '(M == -inf) = [0, 1, 1; 0, 0, 1; 0, 0, 0]',
    ]),
  );
});

test('reduction=sum is a word, not the function sum; another word is call.domain on the argument', () => {
  assertClean(run(['given P = [0.5, 0.5; 0.25, 0.75], y = [1; 2]', 'cross_entropy(P, y, reduction=sum) ≈ 0.9808']));
  const c = run(['given P = [0.5, 0.5; 0.25, 0.75], y = [1; 2]', 'l = cross_entropy(P, y, reduction=total)']);
  const d = single(c, 'call.domain');
  assert.equal(under(c, d), 'reduction=total');
});

/**
 * ∂L/∂X through `;;` literals, stack, reshape, flatten, permute and unary
 * minus, with X a matrix or a rank-3 value. Every expected gradient is
 * derived by hand in the comment above it; the built-ins' own backward rules
 * are checked against finite differences in test/core/solvers.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, run, single, under } from './support';

test('through a `;;` literal and flatten: L = Σ c ⊙ flatten([W;; −2W])', () => {
  // flatten([W;; −2W]) = [W11, W12, W21, W22, −2W11, −2W12, −2W21, −2W22], c = 1..8:
  // ∂L/∂W = [1 − 2·5, 2 − 2·6; 3 − 2·7, 4 − 2·8] = [−9, −10; −11, −12].
  assertClean(
    run([
      'given W = [1, 2; 3, 4]',
      'c = [1; 2; 3; 4; 5; 6; 7; 8]',
      'T = [W;; -2 W]',
      'L = sum(flatten(T) ⊙ c)',
      '∂L/∂W = [-9, -10; -11, -12]',
    ]),
  );
});

test('with respect to a rank-3 value: the gradient is rank 3, and a wrong entry is named by its full index', () => {
  // M = Σ k·(−X)_k over the entries in row-major order: ∂M/∂X = −[1, 2;; 3, 4].
  const lines = ['given X = [1, 2;; 3, 4]', 'M = sum(flatten(-X) ⊙ [1; 2; 3; 4])'];
  assertClean(run([...lines, '∂M/∂X = [-1, -2;; -3, -4]']));
  const c = run([...lines, '∂M/∂X = [-1, -2;; -3, -5]']);
  const d = single(c, 'value.wrong-entry');
  assert.equal(under(c, d), '-5');
  assert.match(d.message, /^entry \(2,1,2\) of ∂M\/∂X is -4, written -5$/);
});

test('through stack, permute and flatten(…, 2)', () => {
  // S = stack(X, Y) is 2×2×1×2; permute 2,1,3,4 swaps batch and channel, so row c of flatten(…, 2)
  // is [X[c,1,1], X[c,1,2], Y[c,1,1], Y[c,1,2]]: ∂P/∂X[c,1,w] = K[c, w] → [1, 2;; 5, 6].
  assertClean(
    run([
      'given X = [1, 2;; 3, 4]',
      'Y = [2, 2;; 2, 2]',
      'K = [1, 2, 3, 4; 5, 6, 7, 8]',
      'P = sum(flatten(permute(stack(X, Y), 2, 1, 3, 4), 2) ⊙ K)',
      '∂P/∂X = [1, 2;; 5, 6]',
    ]),
  );
});

test('through reshape; a loss that does not read X has the zero gradient of X’s shape', () => {
  // reshape keeps the row-major order: ∂Q/∂X = [1, 2;; 3, 4] laid back into X's shape.
  assertClean(
    run([
      'given X = [1, 2;; 3, 4]',
      'given W = [1, 2]',
      'Q = sum(reshape(X, 2, 2) ⊙ [1, 2; 3, 4])',
      '∂Q/∂X = [1, 2;; 3, 4]',
      'R = sum(W)',
      '∂R/∂X = [0, 0;; 0, 0]',
    ]),
  );
});

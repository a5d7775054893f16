/**
 * Broadcasting, `.^` and comparisons as a student writes them: whole lines
 * checked, with the diagnostic's code and span. Numbers worked by hand.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, briefs, run, single, under } from './support';

test('a bias row adds to every row of X W; gradients sum over the batch', () => {
  // X W = [1, 2; 3, 4] [1, 0; 0, 1] = X; + [10, 20] = [11, 22; 13, 24]; L = sum = 70.
  // ∂L/∂b = column sums of a ones gradient = [2, 2].
  assertClean(
    run([
      'given X = [1, 2; 3, 4], W = [1, 0; 0, 1], b = [10, 20]',
      'Z = X W + b = [11, 22; 13, 24]',
      'L = sum(Z) = 70',
      '∂L/∂b = [2, 2]',
      '∂L/∂W = [4, 4; 6, 6]',
    ]),
  );
});

test('.^ squares entry by entry and differentiates as b aᵇ⁻¹', () => {
  // x .^ 2 = [1, 4, 9]; L = sum = 14; ∂L/∂x = 2x = [2, 4, 6].
  assertClean(run(['given x = [1, 2, 3]', 'y = x.^2 = [1, 4, 9]', 'L = sum(y) = 14', '∂L/∂x = [2, 4, 6]']));
});

test('comparisons inside brackets give 0/1; at the top level they stay relations', () => {
  assertClean(
    run(['given x = [-1, 0, 2]', 'm = (x > 0) = [0, 0, 1]', 'k = [x >= 0] = [0, 1, 1]', 'n = sum(x != 0) = 2']),
  );
  // A chain relation, as before: 3 > 2 holds.
  assertClean(run(['a = 3 > 2']));
});

test('shapes that do not broadcast: shape.broadcast on the operation, naming both shapes and the axis', () => {
  const c = run(['given A = [1, 2, 3; 4, 5, 6], B = [1, 2, 3, 4; 5, 6, 7, 8]', 'C = A + B']);
  const d = single(c, 'shape.broadcast');
  assert.equal(under(c, d), 'A + B');
  assert.match(d.message, /2×3 and 2×4 do not broadcast: axis 2 has 3 and 4/);
});

test('a row plus a column stays shape.mismatch with the transpose that fits', () => {
  const c = run(['given x = [1, 2, 3], y = [1; 2; 3]', 'z = x + y']);
  const d = single(c, 'shape.mismatch');
  assert.equal(under(c, d), 'x + y');
  assert.ok(
    d.fixes.some((f) => f.kind === 'transpose'),
    JSON.stringify(briefs(c)),
  );
});

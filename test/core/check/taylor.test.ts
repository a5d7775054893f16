/**
 * Second-order Taylor claims (taylor.ts): `f(x0 + d) ≈ <expansion in d>`
 * holds when the expansion's value, gradient and Hessian in d at d = 0 are
 * f's at x0, at any step size. Expected coefficients are derived by hand.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, briefs, run, single } from './support';

const exp = ['given x0 = 0, h = 0.5', 'f(u) = exp(u)'];

test('the expansion of eᵘ at 0 holds at a small and a large step, written either way round', () => {
  // e^0.5 = 1.6487 and 1 + 0.5 + 0.125 = 1.625 differ by 1.4%: compared by value, `≈` would fail it.
  assertClean(run([...exp, 'f(x0 + h) ≈ 1 + h + h^2/2']));
  assertClean(run(['given x0 = 0, h = 2', 'f(u) = exp(u)', 'f(x0 + h) ≈ 1 + h + 1/2 h^2']));
  assertClean(run([...exp, '1 + h + h^2/2 ≈ f(x0 + h)']));
  // Rounded coefficients, within 10⁻³: eᵘ at 1 is e (1 + h + h²/2), e = 2.71828…
  assertClean(run(['given x0 = 1, h = 0.1', 'f(u) = exp(u)', 'f(x0 + h) ≈ 2.718 + 2.718 h + 1.359 h^2']));
});

test('a wrong term is reported at its order, on the expansion', () => {
  const second = run([...exp, 'f(x0 + h) ≈ 1 + h + h^2']);
  const d = single(second, 'taylor.wrong');
  assert.equal(second.text.slice(d.span.start, d.span.end), '1 + h + h^2');
  assert.match(d.message, /at h = 0 its Hessian \(the second-order term\) is 2, and that of f\(x0 \+ h\) is 1$/);
  const first = single(run([...exp, 'f(x0 + h) ≈ 1 + 2 h + h^2/2']), 'taylor.wrong');
  assert.match(first.message, /its gradient \(the first-order term\) is 2, and that of f\(x0 \+ h\) is 1$/);
  const zeroth = single(run([...exp, 'f(x0 + h) ≈ 2 + h + h^2/2']), 'taylor.wrong');
  assert.match(zeroth.message, /its value is 2, and that of f\(x0 \+ h\) is 1$/);
  // 2.7 for e is off by 0.7%: over the 10⁻³ of ≈.
  single(run(['given x0 = 1, h = 0.1', 'f(u) = exp(u)', 'f(x0 + h) ≈ 2.7 + 2.718 h + 1.359 h^2']), 'taylor.wrong');
});

test('a vector step: gradient and Hessian by name, or written out', () => {
  // f(u) = Σ uᵢ³ at (1, 2): f = 9, ∇f = 3u² = [3; 12], ∇²f = diag(6u) = diag(6, 12).
  const head = ['given x = [1; 2], d = [0.1; -0.3]', 'f(u) = sum(u ⊙ u ⊙ u)'];
  assertClean(run([...head, 'F = f(x)', 'g = ∂F/∂x', 'H = ∂²F/∂x²', 'f(x + d) ≈ F + gᵀ d + 1/2 dᵀ H d']));
  assertClean(run([...head, 'f(x + d) ≈ 9 + [3, 12] d + 1/2 dᵀ [6, 0; 0, 12] d']));
  const noHalf = run([...head, 'f(x + d) ≈ 9 + [3, 12] d + dᵀ [6, 0; 0, 12] d']);
  assert.match(single(noHalf, 'taylor.wrong').message, /Hessian \(the second-order term\) is \[12, 0; 0, 24\]/);
});

test('grad(f, x0) and hessian(f, x0): a function of one parameter, differentiated at a point', () => {
  // f(u) = Σ uᵢ³ at x0 = (1, 2): ∇f = 3u² = [3; 12], ∇²f = diag(6u) = diag(6, 12).
  const head = ['given x0 = [1; 2], d = [0.1; -0.3]', 'f(u) = sum(u ⊙ u ⊙ u)'];
  assertClean(run([...head, 'grad(f, x0) = [3; 12]', 'hessian(f, x0) = [6, 0; 0, 12]']));
  assertClean(run([...head, 'f(x0 + d) ≈ f(x0) + grad(f, x0)ᵀ d + 1/2 dᵀ hessian(f, x0) d']));
  assert.deepEqual(
    briefs(run([...head, 'grad(f, x0) = [3; 11]']), 'problems').map((b) => b.split(' ')[1]),
    ['value.wrong-entry'],
  );
  // A function of two parameters has no gradient at one point; ∂f/∂x0 of a function stays an error.
  const two = single(run([...head, 'g(a, b) = a b', 'v = grad(g, x0)']), 'gradient.undefined');
  assert.match(two.message, /g is a function of 2 parameters/);
  const partial = single(run([...head, 'v = ∂f/∂x0']), 'gradient.undefined');
  assert.match(partial.message, /its gradient at a point x0 is grad\(f, x0\)/);
});

test('an expansion linear in the step is a first-order claim', () => {
  const head = ['given x = [1; 2], d = [0.1; -0.3]', 'f(u) = sum(u ⊙ u ⊙ u)'];
  assertClean(run([...head, 'f(x + d) ≈ 9 + [3, 12] d']));
  assertClean(run([...exp, 'f(x0 + h) ≈ 1 + h']));
  const wrong = single(run([...head, 'f(x + d) ≈ 9 + [3, 6] d']), 'taylor.wrong');
  assert.match(wrong.message, /is not the first-order Taylor expansion of f\(x \+ d\) in d: at d = 0 its gradient/);
});

test('what is not a Taylor claim is judged as before', () => {
  // No step on the other side: an ordinary ≈ of values (e^0.5 = 1.6487…).
  assertClean(run([...exp, 'f(x0 + h) ≈ 1.649']));
  assert.deepEqual(
    briefs(run([...exp, 'f(x0 + h) ≈ 1.625']), 'problems').map((b) => b.split(' ')[1]),
    ['value.wrong'],
  );
  // `=` claims exact equality, not an expansion.
  assert.deepEqual(
    briefs(run([...exp, 'f(x0 + h) = 1 + h + h^2/2']), 'problems').map((b) => b.split(' ')[1]),
    ['value.wrong'],
  );
});

test('a side that is not a scalar, or cannot be differentiated twice, gets its diagnostic', () => {
  single(run(['given x = [1; 2], d = [0.1; 0.2]', 'f(u) = u ⊙ u', 'f(x + d) ≈ x ⊙ x + 2 x ⊙ d']), 'hessian.not-scalar');
  const atan = run(['given x = 1, d = 0.1', 'f(u) = atan(u)', 'f(x + d) ≈ 0.7854 + 0.5 d - 0.25 d^2']);
  assert.match(single(atan, 'hessian.unsupported').message, /through atan/);
  // A first-order claim needs no second derivative of atan: atan(1) = π/4 = 0.785398, atan'(1) = 1/(1 + 1) = 0.5.
  assertClean(run(['given x = 1, d = 0.1', 'f(u) = atan(u)', 'f(x + d) ≈ 0.7854 + 0.5 d']));
});

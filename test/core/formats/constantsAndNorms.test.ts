/**
 * π, ∞, powers of functions, binomial coefficients and norms written in LaTeX, checked. Values by
 * hand: 2π = 6.28318…; sin(π/6) = 1/2; cos π = −1; e^{−∞} = 0; C(6, 2) =
 * 6·5/2 = 15; for v = (3, −4): ‖v‖₂ = 5, ‖v‖₁ = 7, ‖v‖∞ = 4; for
 * M = [1, 2; 3, 4]: ‖M‖_F = √(1 + 4 + 9 + 16) = √30 = 5.4772….
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../../../src/core';

const GIVEN = '$v = \\begin{pmatrix} 3 \\\\ -4 \\end{pmatrix}$, $M = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$';

function verdicts(math: string): string[] {
  const result = checkSource(`## Problem 1\n\n${GIVEN}\n\n$${math}$\n`, 'markdown');
  const found = result.diagnostics.map((d) => `${d.severity} ${d.code}`);
  return found.length > 0 ? found : [`${result.document.summary.right} right`];
}

test('π and ∞ are the constants every problem knows', () => {
  assert.deepEqual(verdicts('c = 2\\pi \\approx 6.2832'), ['1 right']);
  assert.deepEqual(verdicts('s = \\sin(\\pi / 6) = 0.5'), ['1 right']);
  assert.deepEqual(verdicts('w = \\cos(\\pi) = -2'), ['error value.wrong']);
  assert.deepEqual(verdicts('q = e^{-\\infty} = 0'), ['1 right']);
});

test('a problem that defines π has its own π', () => {
  assert.deepEqual(verdicts('\\pi = 3 \\quad c = 2\\pi = 6'), ['1 right']);
});

test('binomial coefficients', () => {
  assert.deepEqual(verdicts('\\binom{6}{2} = 15'), ['1 right']);
  assert.deepEqual(verdicts('\\dbinom{6}{2} = 12'), ['error value.wrong']);
});

test('norms with their order as a subscript; without one, not read', () => {
  assert.deepEqual(verdicts('\\|v\\|_2 = 5'), ['1 right']);
  assert.deepEqual(verdicts('\\lVert v \\rVert_1 = 7'), ['1 right']);
  assert.deepEqual(verdicts('\\|v\\|_\\infty = 4'), ['1 right']);
  assert.deepEqual(verdicts('\\|M\\|_F = \\sqrt{30} \\approx 5.4772'), ['2 right']);
  assert.deepEqual(verdicts('\\Vert v \\Vert_1 = 6'), ['error value.wrong']);
  assert.deepEqual(verdicts('\\|v\\| = 5'), ['info source.not-checked']);
});

test('a power of a function: sin²(1) + cos²(1) = 1, sin²(π/6) = 1/4; its inverse is not read', () => {
  assert.deepEqual(verdicts('a = \\sin^2(1) + \\cos^2(1) = 1'), ['1 right']);
  assert.deepEqual(verdicts('b = \\sin^2(\\pi / 6) = 0.25'), ['1 right']);
  assert.deepEqual(verdicts('c = \\cos^2(0) = 2'), ['error value.wrong']);
  assert.deepEqual(verdicts('f = \\sin^{-1}(1) = 1.5708'), ['info source.not-checked']);
});

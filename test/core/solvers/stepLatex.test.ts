import test from 'node:test';
import assert from 'node:assert/strict';
import { bmatrix, factor, fnName, formatNumber, matrixLatex } from '../../../src/core/solvers/stepLatex';
import { Matrix } from '../../../src/core/values/value';

test('formatNumber: integers as integers, others to 6 significant digits, tiny and huge in scientific form', () => {
  assert.equal(formatNumber(2), '2');
  assert.equal(formatNumber(-4), '-4');
  assert.equal(formatNumber(-0), '0');
  assert.equal(formatNumber(58.40397481431972), '58.404');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
  assert.equal(formatNumber(5e-6), '0.000005');
  assert.equal(formatNumber(5e-8), '5 \\times 10^{-8}');
  assert.equal(formatNumber(7.257415615307994e306), '7.25742 \\times 10^{306}');
});

test('factor: negatives and scientific forms in parentheses', () => {
  assert.equal(factor(-1), '(-1)');
  assert.equal(factor(3), '3');
  // One number formatter for the product: 1e-8 is written 10^{-8}, 2.5e-8 as 2.5 \times 10^{-8}.
  assert.equal(factor(1e-8), '(10^{-8})');
  assert.equal(factor(2.5e-8), '(2.5 \\times 10^{-8})');
});

test('fnName escapes underscores; matrices as bmatrix, elided past 8', () => {
  assert.equal(fnName('conv_out'), '\\mathrm{conv\\_out}');
  assert.equal(matrixLatex(Matrix.fromRows([[2], [-1]])), '\\begin{bmatrix} 2 \\\\ -1 \\end{bmatrix}');
  assert.equal(matrixLatex(Matrix.scalar(3)), '3');
  const big = bmatrix(20, 20, () => 'x');
  assert.ok(big.includes('\\cdots') && big.includes('\\vdots') && big.includes('\\ddots'));
});

import test from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import {
  channelLines,
  formatEntries,
  formatMatrixAligned,
  formatNumber,
  formatNumberLatex,
  formatValue,
} from '../../../src/core/values/format';
import { mul, div } from '../../../src/core/autodiff/operators';
import { declareCountUnit, unitQuantity } from '../../../src/core/values/units';
import { Matrix, Quantity } from '../../../src/core/values/value';

const M = Matrix.fromRows;

test('formatNumber: integers as integers', () => {
  assert.equal(formatNumber(-96), '-96');
  assert.equal(formatNumber(6000), '6000');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(-0), '0');
  assert.equal(formatNumber(59), '59');
  assert.equal(formatNumber(999999999999999), '999999999999999');
});

test('formatNumber: 12 significant digits, trailing zeros trimmed', () => {
  assert.equal(formatNumber(0.010005), '0.010005');
  assert.equal(formatNumber(58.40397481431972), '58.4039748143');
  assert.equal(formatNumber(103.29454229467456), '103.294542295');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
  assert.equal(formatNumber(1 / 3), '0.333333333333');
  assert.equal(formatNumber(-2.5), '-2.5');
  assert.equal(formatNumber(0.05), '0.05');
});

test('formatNumber: plain for 1e-6 ≤ |x| < 1e15, exponent notation outside', () => {
  assert.equal(formatNumber(5e-6), '0.000005');
  assert.equal(formatNumber(1e-6), '0.000001');
  assert.equal(formatNumber(5e-7), '5e-7');
  assert.equal(formatNumber(-1.25e-9), '-1.25e-9');
  assert.equal(formatNumber(1e15), '1e15');
  assert.equal(formatNumber(2.5e20), '2.5e20');
  assert.equal(formatNumber(1e308), '1e308');
  assert.equal(formatNumber(123456.789), '123456.789');
});

test('formatNumber: the text reads back as the number, to 12 digits', () => {
  for (const x of [Math.PI, -Math.E, 1 / 7, 12345.6789012345, 3e-5, 7.123456789e-12, 6.02214076e23]) {
    const back = Number(formatNumber(x));
    assert.ok(Math.abs(back - x) <= 1e-11 * Math.abs(x), `${x} → ${formatNumber(x)}`);
  }
});

test('formatNumberLatex', () => {
  assert.equal(formatNumberLatex(-96), '-96');
  assert.equal(formatNumberLatex(5e-7), '5 \\times 10^{-7}');
  assert.equal(formatNumberLatex(1e20), '10^{20}');
});

test('formatValue: matrices in .hw syntax and LaTeX', () => {
  const w2 = formatValue(
    M([
      [16, 64, 72],
      [-24, -96, -108],
    ]),
  );
  assert.equal(w2.text, '[16, 64, 72; -24, -96, -108]');
  assert.equal(w2.latex, '\\begin{bmatrix}16 & 64 & 72 \\\\ -24 & -96 & -108\\end{bmatrix}');
  assert.equal(w2.rows, 2);
  assert.equal(w2.cols, 3);
  assert.deepEqual(w2.entries, [16, 64, 72, -24, -96, -108]);
  assert.equal(w2.unit, undefined);
  assert.equal(formatValue(M([[2], [8], [9]])).text, '[2; 8; 9]');
  assert.equal(formatValue(M([[-2, 3]])).text, '[-2, 3]');
  const scalar = formatValue(Matrix.scalar(8));
  assert.equal(scalar.text, '8');
  assert.equal(scalar.latex, '8');
  assert.deepEqual(scalar.entries, [8]);
});

test('formatValue: quantities', () => {
  declareCountUnit('epoch');
  const time = mul.forward(Matrix.scalar(6000), unitQuantity('min')!) as Quantity;
  const view = formatValue(time);
  assert.equal(view.text, '6000 min');
  assert.equal(view.latex, '6000\\,\\mathrm{min}');
  assert.equal(view.unit, 'min');
  assert.equal(view.entries, undefined);
  assert.equal(view.rows, 1);
  assert.equal(view.cols, 1);
  const rate = div.forward(mul.forward(Matrix.scalar(2), unitQuantity('min')!), unitQuantity('epoch')!);
  assert.equal(formatValue(rate).text, '2 min/epoch');
  assert.equal(formatValue(rate).latex, '2\\,\\mathrm{min}/\\mathrm{epoch}');
});

test('formatMatrixAligned: columns right-aligned, still .hw syntax', () => {
  assert.equal(
    formatMatrixAligned(
      M([
        [16, 64, 72],
        [-24, -96, -108],
      ]),
    ),
    '[ 16,  64,   72;\n -24, -96, -108]',
  );
  assert.equal(formatMatrixAligned(M([[2], [8], [9]])), '[2;\n 8;\n 9]');
  assert.equal(formatMatrixAligned(M([[-2, 3]])), '[-2, 3]');
  assert.equal(formatMatrixAligned(Matrix.scalar(0.5)), '0.5');
});

// ------------------------------------------------------------------ tensors

// 2×2×2 by hand: channel 1 is [1, 2; 3, 4], channel 2 is [5, 6; 7, 8].
const T3 = Matrix.fromShape([2, 2, 2], Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
// 2×2×1×2: item 1 has channels [1, 2] and [3, 4], item 2 [5, 6] and [7, 8].
const T4 = Matrix.fromShape([2, 2, 1, 2], Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]));

test('a tensor as .hw text: the `;;` literal for rank 3, `;;;` between the blocks of rank 4', () => {
  assert.equal(formatValue(T3).text, '[1, 2; 3, 4;; 5, 6; 7, 8]');
  assert.equal(formatValue(T4).text, '[1, 2;; 3, 4;;; 5, 6;; 7, 8]');
  assert.equal(formatValue(Matrix.fromShape([2, 1, 1], Float64Array.from([1, -2]))).text, '[1;; -2]');
});

test('formatEntries lays out written entries in any shape', () => {
  assert.equal(formatEntries([2, 1, 2], ['1', '2', '3', '4']), '[1, 2;; 3, 4]');
  assert.equal(formatEntries([2, 3], ['1', '2', '3', '4', '5', '6']), '[1, 2, 3; 4, 5, 6]');
  assert.equal(formatEntries([3, 1], ['1', '2', '3']), '[1; 2; 3]');
  assert.equal(formatEntries([2, 2, 1, 1], ['1', '2', '3', '4']), '[1;; 2;;; 3;; 4]');
});

test('a tensor view: its full shape, rows and cols its last two axes, every entry', () => {
  const view = formatValue(T3);
  assert.deepEqual(view.shape, [2, 2, 2]);
  assert.equal(view.rows, 2);
  assert.equal(view.cols, 2);
  assert.deepEqual(view.entries, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(formatValue(M([[1, 2, 3]])).shape, [1, 3]);
});

test('a tensor as LaTeX: one matrix per channel, each labelled by its index', () => {
  assert.equal(
    formatValue(T3).latex,
    '\\underset{[1,:,:]}{\\begin{bmatrix}1 & 2 \\\\ 3 & 4\\end{bmatrix}} ' +
      '\\underset{[2,:,:]}{\\begin{bmatrix}5 & 6 \\\\ 7 & 8\\end{bmatrix}}',
  );
  const latex4 = formatValue(T4).latex;
  assert.match(latex4, /^\\underset\{\[1,1,:,:\]\}\{\\begin\{bmatrix\}1 & 2\\end\{bmatrix\}\} /);
  assert.match(latex4, /\\qquad \\underset\{\[2,1,:,:\]\}\{\\begin\{bmatrix\}5 & 6\\end\{bmatrix\}\}/);
  assert.doesNotThrow(() => katex.renderToString(latex4, { throwOnError: true, strict: 'error' }));
});

test('many channels: the first and last around \\cdots', () => {
  const many = Matrix.fromShape(
    [20, 1, 1],
    Float64Array.from({ length: 20 }, (_, i) => i + 1),
  );
  const latex = formatValue(many).latex;
  assert.equal((latex.match(/\\underset/g) ?? []).length, 12);
  assert.match(latex, /\[10,:,:\]\}\{1?0\} \\cdots \\underset\{\[19,:,:\]\}\{19\}/);
});

test('hovers and inlay tooltips: a tensor one channel per line', () => {
  assert.deepEqual(channelLines(formatValue(T3)), ['[1,:,:] = [1, 2; 3, 4]', '[2,:,:] = [5, 6; 7, 8]']);
  assert.deepEqual(channelLines(formatValue(T4)), [
    '[1,1,:,:] = [1, 2]',
    '[1,2,:,:] = [3, 4]',
    '[2,1,:,:] = [5, 6]',
    '[2,2,:,:] = [7, 8]',
  ]);
  assert.equal(channelLines(formatValue(M([[1, 2]]))), undefined);
  assert.equal(formatMatrixAligned(T3), '[1,:,:] = [1, 2; 3, 4]\n[2,:,:] = [5, 6; 7, 8]');
});

test('one channel or one batch item ends in `;;` (`;;;`), so the text reads back as the same shape', () => {
  assert.equal(formatValue(Matrix.fromShape([1, 2, 2], Float64Array.from([1, 2, 3, 4]))).text, '[1, 2; 3, 4;;]');
  assert.equal(formatValue(Matrix.fromShape([1, 2, 1, 1], Float64Array.from([1, 2]))).text, '[1;; 2;;;]');
  // Blocks of one channel need no mark: a `;;;` block without `;;` is one channel.
  assert.equal(formatValue(Matrix.fromShape([2, 1, 1, 2], Float64Array.from([1, 2, 3, 4]))).text, '[1, 2;;; 3, 4]');
  assert.equal(formatEntries([1, 1, 2], ['1', '2']), '[1, 2;;]');
});

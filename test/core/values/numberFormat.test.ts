/**
 * The one number formatter (values/numberFormat.ts): exact `.hw` text, a
 * display precision, LaTeX, and a number at the precision a student wrote.
 * Every expected text is worked out by hand beside it.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  DISPLAY_DIGITS,
  formatAtPrecision,
  formatNumber,
  formatNumberLatex,
  precisionOf,
} from '../../../src/core/values/numberFormat';

test('exact text: 12 significant digits; a display asks for 6', () => {
  // ln(0.05)/ln(0.95) = 58.40397481431972…
  assert.equal(formatNumber(58.40397481431972), '58.4039748143');
  assert.equal(formatNumber(58.40397481431972, DISPLAY_DIGITS), '58.404');
  assert.equal(formatNumber(-96), '-96');
  assert.equal(formatNumber(5e-7), '5e-7');
});

test('LaTeX: the same digits, exponent form as powers of ten', () => {
  assert.equal(formatNumberLatex(5e-7), '5 \\times 10^{-7}');
  assert.equal(formatNumberLatex(1e-8), '10^{-8}');
  assert.equal(formatNumberLatex(Infinity), '\\infty');
  assert.equal(formatNumberLatex(0.73105857863, DISPLAY_DIGITS), '0.731059');
});

test('the precision of a written number: decimals, exponent, percent', () => {
  assert.deepEqual(precisionOf('0.7310'), { decimals: 4, percent: false });
  assert.deepEqual(precisionOf('5.2e-6'), { decimals: 1, exponent: -6, percent: false });
  assert.deepEqual(precisionOf('12.3%'), { decimals: 1, percent: true });
  assert.deepEqual(precisionOf('59'), { decimals: 0, percent: false });
});

test('a number at a student’s precision keeps their trailing zeros and rounds a tie away from zero', () => {
  // σ(1) = 0.7310585786… → 0.7311 at 4 decimals; 0.25 at 4 decimals is 0.2500.
  assert.equal(formatAtPrecision(0.7310585786300049, precisionOf('0.7310')), '0.7311');
  assert.equal(formatAtPrecision(0.25, precisionOf('0.1000')), '0.2500');
  // 6.5 → 7 and −6.5 → −7 (half away from zero); 1.005 is 1.00499999… as a double, still a tie: 1.01.
  assert.equal(formatAtPrecision(6.5, precisionOf('6')), '7');
  assert.equal(formatAtPrecision(-6.5, precisionOf('6')), '-7');
  assert.equal(formatAtPrecision(1.005, precisionOf('1.00')), '1.01');
  // 4.87e-6 in the student's e-6 with one decimal: 4.9e-6; 0.0712 as a whole percent: 7%.
  assert.equal(formatAtPrecision(4.87e-6, precisionOf('5.2e-6')), '4.9e-6');
  assert.equal(formatAtPrecision(0.0712, precisionOf('5%')), '7%');
  // −0.00001 at 2 decimals is 0.00, not −0.00.
  assert.equal(formatAtPrecision(-0.00001, precisionOf('0.12')), '0.00');
});

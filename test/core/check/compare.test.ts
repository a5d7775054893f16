/**
 * Tolerance (compare.ts): `=` is relative 1e-9 (or the `tolerance`
 * option); a value right only to its written digits is a `value.rounded`
 * warning with a `use-approx` fix; `≈` allows half a unit of the last digit
 * written; between two expressions `≈` is relative 1e-3; percent literals.
 *
 * Reference values by hand: ln 0.05 / ln 0.95 = 58.40397…, 1/3 = 0.3333…,
 * √2 = 1.41421356…, 99/70 = 1.4142857….
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { decimalsWritten, halfUnitOfLastDigit, numbersEqual } from '../../../src/core/check/compare';
import { assertClean, briefs, run, single, spanOf, under } from './support';

test('half a unit of the last digit written', () => {
  assert.ok(Math.abs(halfUnitOfLastDigit('58.4') - 0.05) < 1e-15);
  assert.equal(halfUnitOfLastDigit('59'), 0.5);
  assert.ok(Math.abs(halfUnitOfLastDigit('5e-6') - 5e-7) < 1e-20);
  assert.ok(Math.abs(halfUnitOfLastDigit('12.3%') - 0.0005) < 1e-15);
  assert.ok(Math.abs(halfUnitOfLastDigit('1.50') - 0.005) < 1e-15);
  assert.equal(decimalsWritten('58.40'), 2);
  assert.equal(decimalsWritten('7'), 0);
});

test('numbersEqual: relative tolerance with a tiny absolute floor', () => {
  // 1 − 0.95 is 0.050000000000000044 in doubles: equal to 0.05 under 1e-9.
  assert.ok(numbersEqual(1 - 0.95, 0.05, 1e-9));
  assert.ok(numbersEqual(1e12, 1e12 + 1, 1e-9)); // relative 1e-12
  assert.ok(!numbersEqual(1, 1 + 2e-9, 1e-9));
  assert.ok(!numbersEqual(NaN, NaN, 1e-9));
  assert.ok(!numbersEqual(Infinity, 1e308, 1e-9));
});

test('= holds within relative 1e-9 and not beyond', () => {
  // 1 − 0.95 = 0.05 despite floating point; 1/3 to 12 digits is within 1e-12.
  assertClean(run(['1 - 0.95 = 0.05', '1/3 = 0.333333333333', 'given v = 1', 'v = 1.0000000005']));
  // 1.000000002 is 2e-9 away: beyond 1e-9 and beyond half its last digit (5e-10): wrong.
  assert.deepEqual(briefs(run(['given v = 1', 'v = 1.000000002'])), ['error value.wrong «1.000000002»']);
});

test('the tolerance option widens or narrows =', () => {
  // 1/3 vs 0.3333333: relative error 1e-7 — right under 1e-6, rounded under the default.
  assertClean(run('1/3 = 0.3333333', { tolerance: 1e-6 }));
  assert.deepEqual(briefs(run('1/3 = 0.3333333')), ['warning value.rounded «0.3333333»']);
  // 1.0000000005 vs 1: 5e-10 — right by default, wrong under 1e-12 (its half unit is 5e-11).
  assert.deepEqual(briefs(run(['given v = 1', 'v = 1.0000000005'], { tolerance: 1e-12 })), [
    'error value.wrong «1.0000000005»',
  ]);
});

test('a value right only to its written digits: value.rounded with use-approx on the relation', () => {
  // 58.40397… = 58.4: right to one decimal.
  const c = run('ln(0.05) / ln(0.95) = 58.4');
  const d = single(c, 'value.rounded');
  assert.equal(d.severity, 'warning');
  assert.equal(under(c, d), '58.4');
  const fix = d.fixes.find((f) => f.kind === 'use-approx');
  assert.ok(fix);
  assert.deepEqual(fix.edits, [{ span: spanOf(c.text, '='), newText: '≈' }]);
  // Applying the fix gives a clean line.
  assertClean(run('ln(0.05) / ln(0.95) ≈ 58.4'));
  // 2/3 = 0.6667 is rounded; 0.6668 is 1.3e-4 away, beyond half a unit (5e-5): wrong.
  assert.deepEqual(briefs(run(['2/3 = 0.6667', '2/3 = 0.6668'])), [
    'warning value.rounded «0.6667»',
    'error value.wrong «0.6668»',
  ]);
});

test('a matrix right only to its digits is rounded as a whole', () => {
  // [1/3, 2/3] to two decimals is [0.33, 0.67].
  const c = run('[1/3, 2/3] = [0.33, 0.67]');
  assert.deepEqual(briefs(c), ['warning value.rounded «[0.33, 0.67]»']);
  assertClean(run('[1/3, 2/3] ≈ [0.33, 0.67]'));
  // One entry off beyond its digits: that entry is wrong.
  const wrong = run('[1/3, 2/3] ≈ [0.33, 0.68]');
  assert.deepEqual(briefs(wrong), ['error value.wrong-entry «0.68»']);
});

test('≈ allows half a unit of the last digit, a tie rounding away from zero: 58.4 covers [58.35, 58.45)', () => {
  // 58.35 rounds (half away from zero) to 58.4; 58.45 rounds to 58.5, so 58.4 is no rounding of it.
  for (const inside of ['58.35', '58.36', '58.4', '58.44', '58.449'])
    assertClean(run([`given v = ${inside}`, 'v ≈ 58.4']), inside);
  for (const outside of ['58.34', '58.45', '58.46', '58.5', '58.3']) {
    assert.deepEqual(briefs(run([`given v = ${outside}`, 'v ≈ 58.4'])), ['error value.wrong «58.4»'], outside);
  }
  // The computed 58.40397…: ≈ 58.4 holds; ≈ 58.46 fails (0.056 away);
  // ≈ 58.40 holds (0.004 ≤ 0.005); ≈ 58.41 fails (0.006).
  assertClean(run(['ln(0.05) / ln(0.95) ≈ 58.4', 'ln(0.05) / ln(0.95) ≈ 58.40', 'ln(0.05) / ln(0.95) ~= 58.4']));
  assert.deepEqual(briefs(run('ln(0.05) / ln(0.95) ≈ 58.46')), ['error value.wrong «58.46»']);
  assert.deepEqual(briefs(run('ln(0.05) / ln(0.95) ≈ 58.41')), ['error value.wrong «58.41»']);
});

test('≈ with integers, negative numbers and scientific notation', () => {
  // 58.6 ≈ 59 (0.4 ≤ 0.5); 58.4 ≈ 59 fails (0.6). −1/3 ≈ −0.33. 5.4e-6 ≈ 5e-6 (4e-7 ≤ 5e-7); 5.6e-6 fails.
  assertClean(run(['58.6 ≈ 59', '-1/3 ≈ -0.33', '0.0000054 ≈ 5e-6']));
  assert.deepEqual(briefs(run('58.4 ≈ 59')), ['error value.wrong «59»']);
  assert.deepEqual(briefs(run('0.0000056 ≈ 5e-6')), ['error value.wrong «5e-6»']);
});

test('≈ between two expressions: relative 1e-3', () => {
  // √2 = 1.41421…, 99/70 = 1.41428…: relative 5e-5, holds. 7/5 = 1.4: relative 1e-2, fails.
  assertClean(run('sqrt(2) ≈ 99/70'));
  assert.deepEqual(briefs(run('sqrt(2) ≈ 7/5')), ['error value.wrong «7/5»']);
});

test('percent literals', () => {
  // 50% = 0.5; 12.3% covers [0.1225, 0.1235] under ≈.
  assertClean(run(['50% = 0.5', '0.5 = 50%', '0.123 ≈ 12.3%', '0.1234 ≈ 12.3%', '0.1225 ≈ 12.3%']));
  assert.deepEqual(briefs(run('0.1236 ≈ 12.3%')), ['error value.wrong «12.3%»']);
  assert.deepEqual(briefs(run('0.2 = 25%')), ['error value.wrong «25%»']);
});

test('quantities keep their written digits', () => {
  // 100 s = 1.6667 min (100/60 = 1.66666…): rounded under =, fine under ≈;
  // 1.7 min ≈ 100 s? 1.7 − 1.6667 = 0.033 ≤ 0.05: holds.
  assert.deepEqual(briefs(run('100 s = 1.6667 min')), ['warning value.rounded «1.6667 min»']);
  assertClean(run(['100 s ≈ 1.6667 min', '100 s ≈ 1.7 min']));
  assert.deepEqual(briefs(run('100 s ≈ 1.8 min')), ['error value.wrong «1.8 min»']);
});

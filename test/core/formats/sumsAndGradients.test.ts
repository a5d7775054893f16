/**
 * `\sum_{i=1}^{4} i^2` with numbers for bounds is the sum written out; `\nabla_w L` is ∂L/∂w. Values by hand.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../../../src/core';

function diagnostics(math: string) {
  const text = `Problem 1\n\n${math}\n`;
  return checkSource(text, 'markdown').diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    at: text.slice(d.span.start, d.span.end),
    expected: d.expected,
  }));
}

test('sums with whole-number bounds: 1 + 4 + 9 + 16 = 30; 2·1 + 2·2 + 2·3 + 1 = 13; 2^0 + … + 2^3 = 15', () => {
  assert.deepEqual(diagnostics('$\\sum_{i=1}^{4} i^2 = 30$ and $\\sum_{i=1}^3 2i + 1 = 13$'), []);
  assert.deepEqual(diagnostics('$\\sum_{k=0}^{3} 2^k = 16$'), [
    { code: 'value.wrong', severity: 'error', at: '16', expected: '15' },
  ]);
});

test('a sum to a name, or without its index, is not read: information, never an error', () => {
  for (const math of [
    '$\\sum_{i=1}^{n} i = 6$',
    '$\\sum_i x_i = 6$',
    '$\\sum_{i=3}^{1} i = 0$',
    // A million terms written out: too long, not read (and no hang).
    '$\\sum_{i=1}^{1000} \\sum_{j=1}^{1000} i j = 250500250000$',
  ]) {
    const found = diagnostics(math);
    assert.ok(found.length > 0, math);
    assert.ok(
      found.every((d) => d.code === 'source.not-checked' && d.severity === 'info'),
      math,
    );
  }
});

test('\\nabla_w L is ∂L/∂w: with w = 3 and L = w^2 it is 2w = 6', () => {
  assert.deepEqual(diagnostics('$$w = 3 \\quad L = w^2$$\n\n$$\\nabla_w L = 2w = 6$$'), []);
  assert.deepEqual(diagnostics('$$w = 3 \\quad L = w^2$$\n\n$$\\nabla_{w} L = 7$$'), [
    { code: 'value.wrong', severity: 'error', at: '7', expected: '6' },
  ]);
});

test('\\nabla without a subscript, or of a function (\\nabla_W L(W)), is not read', () => {
  for (const math of ['$$W = 3$$ $\\nabla L = 6$', '$$W = 3$$ $\\nabla_W L(W) = 6$']) {
    const found = diagnostics(math);
    assert.ok(found.length > 0 && found.every((d) => d.code === 'source.not-checked'), math);
  }
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../../src/core/check/random';

test('seededRandom: the same seed gives the same sequence, another seed another', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const c = seededRandom(43);
  const first = Array.from({ length: 5 }, () => a());
  assert.deepEqual(
    Array.from({ length: 5 }, () => b()),
    first,
  );
  assert.notDeepEqual(
    Array.from({ length: 5 }, () => c()),
    first,
  );
});

test('seededRandom: uniform in [0, 1): every value in range, mean and variance near 1/2 and 1/12', () => {
  const random = seededRandom(7);
  const n = 20000;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = random();
    assert.ok(x >= 0 && x < 1);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  const variance = sumSq / n - mean * mean;
  // Standard error of the mean is sqrt(1/12 / n) ≈ 0.002: 0.01 is five of them.
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 0.01, `variance ${variance}`);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { minTrials } from '../../../src/core/solvers/minTrials';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertStepsRender } from './exampleLine';
import { readOracle } from '../../fixtures/paths';

const s = (x: number): Matrix => Matrix.scalar(x);
const value = (p: number, q: number): number => (minTrials.forward([s(p), s(q)]) as Matrix).data[0];

test('min_trials: the oracle (computed independently): 59 for q = 0.95, 104 for q = 0.995', () => {
  const oracle = readOracle() as Record<string, number>;
  assert.equal(value(0.05, 0.95), oracle.p2_trials_q95);
  assert.equal(value(0.05, 0.995), oracle.p2_trials_q995);
  assert.equal(value(0.05, 0.95), 59);
  assert.equal(value(0.05, 0.995), 104);
});

test('min_trials: exact integer boundaries (1 − (1 − p)^N = q exactly) count as passing', () => {
  // 1 − 0.5² = 0.75 exactly, so N = 2; 1 − 0.9² = 0.19 exactly (0.81 = 0.9·0.9), so N = 2 even though
  // in floating point 1 − 0.9**2 = 0.18999999999999995 < 0.19.
  assert.equal(value(0.5, 0.75), 2);
  assert.equal(value(0.5, 0.875), 3);
  assert.equal(value(0.1, 0.19), 2);
  assert.equal(value(0.1, 0.271), 3);
  assert.equal(value(0.2, 0.2), 1);
  // Just above a boundary needs one more.
  assert.equal(value(0.5, 0.7500001), 3);
});

test('min_trials: N passes and N − 1 fails, on many random (p, q)', () => {
  let seed = 12345;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 500; i++) {
    const p = Number((0.001 + 0.998 * rand()).toFixed(3));
    const q = Number((0.001 + 0.998 * rand()).toFixed(3));
    const n = value(p, q);
    // Checked with logs, well away from boundaries (which the exact test above covers).
    const need = Math.log(1 - q) / Math.log(1 - p);
    if (Math.abs(need - Math.round(need)) > 1e-9) assert.equal(n, Math.max(1, Math.ceil(need)), `p=${p} q=${q}`);
  }
});

test('min_trials: DomainError outside 0 < p < 1, 0 < q < 1', () => {
  for (const [p, q] of [
    [0, 0.5],
    [1, 0.5],
    [0.5, 0],
    [0.5, 1],
    [-0.1, 0.5],
    [0.5, 1.2],
  ]) {
    assert.throws(() => value(p, q), DomainError, `${p}, ${q}`);
  }
});

test('min_trials: steps solve the inequality with the numbers in', () => {
  assert.equal(minTrials.backward, undefined);
  const steps = assertStepsRender(minTrials, [s(0.05), s(0.95)]);
  const text = steps.map((st) => st.latex).join('\n');
  assert.match(text, /0\.95\^N \\le 0\.05/);
  assert.match(text, /\\approx 58\.404 \\;\\Rightarrow\\; N = 59/);
  assert.match(text, /0\.95\^\{58\}/);
});

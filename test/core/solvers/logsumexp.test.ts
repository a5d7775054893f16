/**
 * logsumexp: stable for large scores, −∞ entries count as 0. Along an axis
 * against PyTorch in axes.test.ts; hand-worked values here.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { logsumexp } from '../../../src/core/solvers/logsumexp';
import { Matrix } from '../../../src/core/values/value';
import { call, resolved } from './batchOracle';

const M = Matrix.fromRows;

test('logsumexp is ln Σ exp, without overflow', () => {
  // ln(e⁰ + e⁰) = ln 2; 1000 + ln 2 where exp(1000) alone would overflow.
  assert.ok(Math.abs((call(logsumexp, [M([[0, 0]])]) as Matrix).data[0] - Math.LN2) < 1e-15);
  assert.ok(Math.abs((call(logsumexp, [M([[1000, 1000]])]) as Matrix).data[0] - (1000 + Math.LN2)) < 1e-12);
  // −∞ adds e^−∞ = 0: ln(e⁰ + 0) = 0; all −∞ gives −∞.
  assert.equal((call(logsumexp, [M([[0, -Infinity]])]) as Matrix).data[0], 0);
  assert.equal((call(logsumexp, [M([[-Infinity, -Infinity]])]) as Matrix).data[0], -Infinity);
  // Row by row: [ln 2; 1 + ln 2].
  const rows = call(
    logsumexp,
    [
      M([
        [0, 0],
        [1, 1],
      ]),
    ],
    { axis: 2 },
  ) as Matrix;
  assert.ok(Math.abs(rows.data[0] - Math.LN2) < 1e-15 && Math.abs(rows.data[1] - 1 - Math.LN2) < 1e-15);
});

test('its gradient is the softmax, 0 at −∞', () => {
  // ∂/∂x of ln(e⁰ + e⁰ + e^−∞) = [1/2, 1/2, 0].
  const x = M([[0, 0, -Infinity]]);
  const args = resolved(logsumexp, [x]);
  const out = logsumexp.forward(args) as Matrix;
  const [g] = logsumexp.backward!(Matrix.scalar(1), args as Matrix[], out);
  assert.deepEqual(g!.toRows(), [[0.5, 0.5, 0]]);
});

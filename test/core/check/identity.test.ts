/**
 * `for NAMES: CLAIM` identities (identity.ts): true identities pass on at
 * least 200 sampled points, false ones give identity.false with a
 * counterexample that this test re-evaluates on its own.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, briefs, only, run, single, under } from './support';

/** The point named in an identity.false message: `false for n = 9, k = 2: …`. */
function counterexample(message: string): Record<string, number> {
  const m = /false for (.*?):/.exec(message);
  assert.ok(m, `a point in: ${message}`);
  const point: Record<string, number> = {};
  for (const part of m[1].split(', ')) {
    const [name, value] = part.split(' = ');
    point[name.trim()] = Number(value);
  }
  return point;
}

test('true identities pass (algebra, floor, conv_out, inequalities)', () => {
  assertClean(run('for n, k: (n + k)^2 = n^2 + 2 n k + k^2'));
  assertClean(run('for n: n^2 ≥ 0'));
  assertClean(run('for a, b: abs(a b) = abs(a) abs(b)'));
  assertClean(run('for n, k, P, S: floor((n + 2P - k) / S) + 1 = conv_out(n, k, padding=P, stride=S)'));
  // The sum of the first n odd numbers is n², for n ≥ 1 (1:2:(2n−1) is empty for n ≤ 0: outside the domain).
  assertClean(run('for n: sum(1:2:(2 n - 1)) = n^2'));
});

test('a false identity gives identity.false with a real counterexample', () => {
  const c = run('for n: n^2 = 2n');
  const d = single(c, 'identity.false');
  assert.equal(under(c, d), '= 2n');
  const { n } = counterexample(d.message);
  // Re-evaluated here: n² ≠ 2n except at n = 0 and n = 2.
  assert.notEqual(n * n, 2 * n);
  assert.equal(d.expected, String(n * n));
  assert.equal(d.found, String(2 * n));
  // … and through the checker, as a plain claim.
  assert.equal(run(`given n = ${n}`).problems.length, 0);
  assert.deepEqual(
    briefs(run([`given n = ${n}`, `n^2 = 2n`])).map((b) => b.split(' ')[1]),
    ['value.wrong'],
  );
});

test('a false identity in two variables: the counterexample is one', () => {
  // (n + k)² = n² + k² fails wherever n k ≠ 0.
  const c = run('for n, k: (n + k)^2 = n^2 + k^2');
  const d = single(c, 'identity.false');
  const { n, k } = counterexample(d.message);
  assert.notEqual((n + k) ** 2, n * n + k * k);
  assert.notEqual(n * k, 0);
});

test('a false inequality identity: n^2 > n fails at n = 0 or 1', () => {
  const c = run('for n: n^2 > n');
  const d = single(c, 'identity.false');
  const { n } = counterexample(d.message);
  assert.ok(!(n * n > n), `n = ${n} is a counterexample`);
});

test('an identity true only on part of the integers is caught', () => {
  // floor(n / 2) · 2 = n only for even n.
  const d = single(run('for n: floor(n / 2) × 2 = n'), 'identity.false');
  const { n } = counterexample(d.message);
  assert.notEqual(Math.floor(n / 2) * 2, n);
});

test('points outside the domain are skipped, and too few points are a warning', () => {
  // sqrt(n − 1000) is defined only for n ≥ 1000, beyond the sampled integers (at most 200): too few points.
  const c = run('for n: sqrt(n - 1000) = sqrt(n - 1000)');
  assert.equal(only(c, 'identity.false').length, 0);
  const few = single(c, 'identity.few-samples');
  assert.equal(few.severity, 'warning');
  // ln(a b) = ln a + ln b on positive a, b: enough positive samples, no warning.
  assertClean(run('for a, b: ln(a b) = ln(a) + ln(b)'));
});

test('an identity with an undefined name reports the name, not a counterexample', () => {
  const c = run('for n: n + n = 2 q');
  assert.deepEqual(briefs(c), ['error name.undefined «q»']);
});

test('the identity variables do not leak into the problem', () => {
  const c = run(['for n: n + n = 2 n', 'n = 3', 'n + 1 = 4']);
  assert.deepEqual(briefs(c, 'problems'), []);
  const d = run(['for n: n + n = 2 n', 'n + 1 = 4']);
  assert.deepEqual(briefs(d), ['error name.undefined «n»']);
});

test('an identity with no relation is identity.no-claim', () => {
  const c = run('for n: n + 1');
  assert.ok(briefs(c).length >= 1, JSON.stringify(briefs(c)));
});

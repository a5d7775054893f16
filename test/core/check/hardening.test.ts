/**
 * The repros of issue 8 that the checker itself must survive: each input
 * once froze, crashed or leaked. Every expected figure here is derived by
 * hand in the comment beside it.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { check, solveWithSteps } from '../../../src/core';
import { briefs, run } from './support';

/** Reads every lazy part of the model (hover, view and export read these). */
function readWholeModel(text: string): string {
  return JSON.stringify(check(text));
}

test('item 1: 30 nested sum( in a function body checks in linear time', { timeout: 20_000 }, () => {
  const text = `f(u) = ${'sum('.repeat(30)}u${')'.repeat(30)}\ny = f(2) = 2`;
  const c = run(text);
  assert.deepEqual(briefs(c, 'problems'), []); // sum of a scalar is the scalar: 2
  readWholeModel(text);
});

test('item 2: the lazy LaTeX of 30 nested relu( is read in linear time', { timeout: 20_000 }, () => {
  readWholeModel(`x = ${'relu('.repeat(30)}-1${')'.repeat(30)} = 0`);
});

test('item 3: a for identity with 60 unclosed sum( reports the bracket and returns', { timeout: 20_000 }, () => {
  const c = run(`for n: ${'sum('.repeat(60)}n = n`);
  assert.ok(briefs(c).some((b) => b.startsWith('error syntax.unclosed-bracket')));
  assert.ok(!briefs(c).some((b) => b.includes('internal.error')));
});

test('item 4: a flat sum of 20,000 terms: value, LaTeX and links are read without a stack overflow', () => {
  const terms = 20_000;
  const text = `given x = 1\ny = ${Array.from({ length: terms }, () => 'x').join(' + ')} = ${terms}`;
  const c = run(text);
  assert.deepEqual(briefs(c, 'problems'), []);
  assert.ok(readWholeModel(text).includes('x + x'));
});

test('item 4: a for identity over a flat sum of 6,000 terms is checked, not an internal error', () => {
  // n + n + … (6000 times) is 6000 n for every n.
  const c = run(`for n: ${Array.from({ length: 6000 }, () => 'n').join(' + ')} = 6000 n`);
  assert.deepEqual(briefs(c, 'problems'), []);
});

test('item 5: a unit declared by one homework is not a unit in another, nor after its line is deleted', () => {
  const alone = run('x = 3 quux');
  assert.deepEqual(briefs(alone, 'problems'), ['error name.undefined «quux»']);
  const declaring = run('unit quux\nx = 3 quux\ny = 2 x = 6 quux');
  assert.deepEqual(briefs(declaring, 'problems'), []);
  // The same process, after the declaration has reached mathjs:
  assert.deepEqual(briefs(run('x = 3 quux'), 'problems'), ['error name.undefined «quux»']);
  assert.deepEqual(briefs(run('problem 1\nunit quux\nproblem 2\nx = 3 quux'), 'problems'), [
    'error name.undefined «quux»',
  ]);
});

test('item 6: a quantity past double precision is an overflow, not a value to fill', () => {
  const c = run(['a = 2 g^1e29 = ?', 'b = (2 m)^1e300 = ?', 'c = (1e200 m)^2 = ?']);
  assert.deepEqual(briefs(c, 'problems'), [
    'error limit.overflow «g^1e29»',
    'error limit.overflow «(2 m)^1e300»',
    'error limit.overflow «(1e200 m)^2»',
  ]);
  assert.ok(c.diagnostics.every((d) => d.fixes.length === 0));
});

test('item 8: a negative quantity to a fractional power is a domain error; the model reads', () => {
  const text = 'a = (-1 s)^0.5\nb = (-1 s)^0.5 = ?';
  const c = run(text);
  assert.deepEqual(briefs(c, 'problems'), ['error call.domain «(-1 s)^0.5»', 'error call.domain «(-1 s)^0.5»']);
  readWholeModel(text);
  // An integer power of a negative quantity is real: (-2 s)^3 = -8 s^3.
  assert.deepEqual(briefs(run('c = (-2 s)^3 = -8 s^3'), 'problems'), []);
});

test('item 9: 130,000 wrong lines give 1,000 diagnostics and one saying how many more', () => {
  const c = run('1 = 2\n'.repeat(130_000));
  assert.equal(c.diagnostics.length, 1001);
  const last = c.diagnostics[1000];
  assert.equal(last.code, 'limit.diagnostics');
  assert.equal(last.severity, 'error');
  assert.match(last.message, /^129000 more diagnostics in this problem are not shown/);
  assert.equal(last.span.start, 1000 * 6 + 4); // the `2` of the 1001st line
});

test('rule of item 4: the backward pass and Solve with Steps of a flat chain of 9,000 terms', () => {
  const sum = `given x = 2\nL = ${Array.from({ length: 9000 }, () => 'x').join(' + ')}\n∂L/∂x = ?`;
  const c = run(sum);
  // L = 9000 x, so ∂L/∂x = 9000.
  assert.deepEqual(briefs(c), ['info value.unknown «?»']);
  assert.match(c.diagnostics[0].message, /is 9000$/);
  readWholeModel(sum);
  assert.ok(solveWithSteps(sum, sum.indexOf('∂L')) !== undefined);

  const quotient = `q = ${Array.from({ length: 9000 }, () => '2').join(' / ')} = ?`;
  const steps = solveWithSteps(quotient, 2);
  // Innermost first, skipping 2 / 2 (both sides written): (2 / 2) / 2 = 1 / 2 = 0.5, then 0.5 / 2 = 0.25, …;
  // twelve lines at most.
  assert.equal(steps?.text.split('\n').filter((l) => l !== '').length, 12);
  assert.match(steps!.text, /^\n2 \/ 2 \/ 2 = 1 \/ 2 = 0\.5\n2 \/ 2 \/ 2 \/ 2 = 0\.5 \/ 2 = 0\.25\n/);
});

/**
 * The size and nesting limits hold for tensors: a value over 10⁶ entries is
 * refused from its shape (before it is allocated), on the literal or call
 * that would build it; a value of rank 5 is `shape.rank`; deep brackets
 * around `;;` are `limit.nesting`, not a crash.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../../src/core/syntax/parser';
import { briefs, run, under } from './support';

test('zeros(1e4, 1e4, 1e4) and a 100×100×100×100 ones: limit.matrix-size on the call', () => {
  const c = run(['Z = zeros(1e4, 1e4, 1e4)', 'O = ones(100, 100, 100, 100)']);
  assert.deepEqual(briefs(c, 'problems'), [
    'error limit.matrix-size «zeros(1e4, 1e4, 1e4)»',
    'error limit.matrix-size «ones(100, 100, 100, 100)»',
  ]);
  assert.match(c.problems[1].message, /100×100×100×100, 100000000 entries, over the limit of 1000000/);
});

test('a literal stacking values past the limit: limit.matrix-size on the literal', () => {
  // 100×100×100 is exactly the limit (10⁶ entries); two of them are not.
  const c = run(['Z = zeros(100, 100, 100)', 'B = [Z;;; Z]', 'S = stack(Z, Z)', 'R = reshape(Z, 100, 100, 100, 2)']);
  assert.deepEqual(briefs(c, 'problems'), [
    'error limit.matrix-size «[Z;;; Z]»',
    'error limit.matrix-size «stack(Z, Z)»',
    'error limit.matrix-size «reshape(Z, 100, 100, 100, 2)»',
  ]);
  assert.match(c.problems[0].message, /the rank-4 literal would be 2×100×100×100, 2000000 entries/);
});

test('a written literal of many slices checks, and its size is the file limit’s to bound', () => {
  // 200 slices of 10×10: 20,000 entries, every slice the same shape.
  const slice = Array.from({ length: 10 }, () => Array.from({ length: 10 }, () => '1').join(', ')).join('; ');
  const literal = `[${Array.from({ length: 200 }, () => slice).join(';; ')}]`;
  const c = run([`T = ${literal}`, 'shape(T) = [200, 10, 10]', 'numel(T) = 20000']);
  assert.deepEqual(briefs(c, 'problems'), []);
});

test('rank 5 is shape.rank: `;;;;` in a literal, five sizes, a stack of rank-4 values', () => {
  const c = run(['A = [1;;;; 2]', 'Z = zeros(1, 1, 1, 1, 2)', 'T = [1;; 2;;; 3;; 4]', 'S = stack(T, T)']);
  assert.deepEqual(briefs(c, 'problems'), [
    'error shape.rank «;;;;»',
    'error shape.rank «zeros(1, 1, 1, 1, 2)»',
    'error shape.rank «stack(T, T)»',
  ]);
  assert.match(c.problems[2].message, /rank 5/);
});

test('deep brackets around `;;` hit the nesting limit, not the stack', () => {
  const depth = 5000;
  const text = `x = ${'['.repeat(depth)}1;; 2${']'.repeat(depth)}`;
  const file = parse(text);
  assert.ok(file.errors.some((e) => e.code === 'limit.nesting'));
  const c = run(text);
  assert.ok(c.problems.some((d) => d.code === 'limit.nesting'));
  const inner = under(c, c.problems[0]);
  assert.ok(inner.length > 0);
});

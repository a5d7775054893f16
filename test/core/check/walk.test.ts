/**
 * The shared walk (walk.ts): names collected with their roles in source
 * order, and the evaluation depth limit turned into a located diagnostic.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../../src/core/syntax/parser';
import type { Expr } from '../../../src/core/syntax/ast';
import { collectNames, MAX_EVAL_DEPTH } from '../../../src/core/check/walk';
import { briefs, only, run } from './support';

function firstExpr(text: string): Expr {
  const s = parse(text).statements[0];
  assert.ok(s.kind === 'chain', s.kind);
  return s.links[0].expr;
}

test('collectNames: values, callees and derivative parts, in source order', () => {
  const uses = collectNames(firstExpr('relu(W1 z0) + ∂L/∂x ⊙ b + f(a)'));
  assert.deepEqual(
    uses.map((u) => `${u.role}:${u.ref.name}`),
    ['callee:relu', 'value:W1', 'value:z0', 'derivative:L', 'derivative:x', 'value:b', 'callee:f', 'value:a'],
  );
});

test('a long flat sum is not mistaken for deep nesting', () => {
  // 1 + 1 + … (2,000 terms) = 2000.
  const c = run(`${Array(2000).fill('1').join(' + ')} = 2000`);
  assert.deepEqual(briefs(c), []);
});

test('nesting just past the evaluation limit is limit.nesting on the statement, not a throw', () => {
  const depth = MAX_EVAL_DEPTH + 50;
  const c = run(`x = ${'('.repeat(depth)}1${')'.repeat(depth)} = 1`);
  assert.ok(only(c, 'limit.nesting').length >= 1, JSON.stringify(briefs(c).map((b) => b.slice(0, 60))));
  // Nested function calls count too.
  const calls = run(`x = ${'abs('.repeat(depth)}1${')'.repeat(depth)}`);
  assert.ok(only(calls, 'limit.nesting').length >= 1);
});

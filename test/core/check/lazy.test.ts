/**
 * Lazy parts of the model (lazy.ts): computed on first read and once,
 * visible to JSON and spread like any own property, each object's own.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { defineLazy } from '../../../src/core/check/lazy';
import { check } from '../../../src/core';

test('a lazy part is computed on first read, once, and reads like a plain property', () => {
  let calls = 0;
  const a: Record<string, unknown> = { kind: 'statement' };
  defineLazy(a, 'latex', () => {
    calls++;
    return 'x^2';
  });
  a.errors = 0;
  assert.equal(calls, 0);
  assert.equal(JSON.stringify(a), '{"kind":"statement","latex":"x^2","errors":0}');
  assert.deepEqual({ ...a }, { kind: 'statement', latex: 'x^2', errors: 0 });
  assert.equal(a.latex, 'x^2');
  assert.equal(calls, 1);
});

test('objects sharing the getter keep their own parts', () => {
  const a: Record<string, unknown> = {};
  const b: Record<string, unknown> = {};
  defineLazy(a, 'value', () => 'a');
  defineLazy(b, 'value', () => 'b');
  defineLazy(b, 'latex', () => 'B');
  assert.deepEqual([b.latex, b.value, a.value], ['B', 'b', 'a']);
  assert.deepEqual(Object.keys(b), ['value', 'latex']);
});

test("a statement's model keeps its keys in the documented order", () => {
  const item = check('x = 2 + 3 = 5').document.problems[0].questions[0].items[0];
  assert.deepEqual(Object.keys(item), [
    'kind',
    'id',
    'statementKind',
    'isAnswer',
    'span',
    'latex',
    'defines',
    'links',
    'backward',
    'solvers',
    'errors',
    'warnings',
    'value',
  ]);
});

test('once read, a lazy part lets go of its computation and what it holds', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const target: Record<string, unknown> = {};
  const ref = lazyTotalOfNewArray(target);
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  assert.ok(ref.deref() !== undefined, 'unread, the computation keeps its array');
  assert.equal(target.total, 1000);
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  assert.equal(ref.deref(), undefined);
  assert.equal(target.total, 1000);
});

/** Defines `target.total` over an array only its computation holds (made here, out of the async test's frame). */
function lazyTotalOfNewArray(target: Record<string, unknown>): WeakRef<number[]> {
  const big = new Array(1000).fill(1);
  defineLazy(target, 'total', () => big.length);
  return new WeakRef(big);
}

/**
 * Problem scopes (scope.ts): lookups through parents, derivative keys,
 * divergence tracking, and, through check(), which names a problem sees.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { derivativeKey, ProblemScope, type Binding } from '../../../src/core/check/scope';
import { Matrix } from '../../../src/core/values/value';
import { assertClean, briefs, run } from './support';

function binding(key: string, truth: number, writer = truth): Binding {
  const t = Matrix.scalar(truth);
  return {
    key,
    kind: 'definition',
    nameSpan: { start: 0, end: 1 },
    statementId: 0,
    truth: t,
    writer: writer === truth ? t : Matrix.scalar(writer),
    references: [],
  };
}

test('a child scope sees its parent; the parent does not see the child', () => {
  const parent = new ProblemScope();
  parent.define(binding('a', 1));
  const child = parent.child();
  child.define(binding('n', 2));
  assert.equal(child.lookup('a')?.key, 'a');
  assert.equal(parent.lookup('n'), undefined);
  assert.deepEqual(child.visibleNames().sort(), ['a', 'n']);
});

test('derivative keys are not offered as names', () => {
  const s = new ProblemScope();
  s.define(binding(derivativeKey('L', 'z2'), 0.01));
  s.define(binding('z2', 3));
  assert.equal(derivativeKey('L', 'z2'), '∂L/∂z2');
  assert.deepEqual(s.visibleNames(), ['z2']);
  assert.ok(s.has('∂L/∂z2'));
});

test('divergence: a binding whose writer value differs, or a stated gradient', () => {
  const s = new ProblemScope();
  s.define(binding('a', 1));
  assert.equal(s.hasDivergence(), false);
  s.define(binding('b', 1, 2));
  assert.equal(s.hasDivergence(), true);
  const t = new ProblemScope();
  const before = t.version;
  t.setWriterDerivative('∂L/∂w', { value: Matrix.scalar(7), mistake: { start: 0, end: 1 } });
  assert.ok(t.version > before, 'a stated gradient invalidates cached gradients');
  assert.equal(t.hasDivergence(), true);
  const stated = t.child().writerDerivative('∂L/∂w')?.value;
  assert.ok(stated?.kind === 'matrix');
  assert.equal(stated.scalarValue, 7);
});

test('names defined in one question are visible in later questions of the same problem', () => {
  assertClean(run(['problem 1', 'question 1', 'given a = 2', 'question 2', 'b = a + 1 = 3']));
});

test('a name used before its definition is undefined there', () => {
  assert.deepEqual(briefs(run(['b = a + 1', 'a = 2'])), ['error name.undefined «a»']);
});

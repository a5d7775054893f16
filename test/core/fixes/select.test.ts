import test from 'node:test';
import assert from 'node:assert/strict';
import { HomeworkChecker, type Fix } from '../../../src/core';
import {
  addsError,
  applyEdits,
  fillFixes,
  safeFixCandidates,
  selectSafeFixes,
  selectVerified,
  verifyFix,
} from '../../../src/core/fixes';

function checked(text: string) {
  const checker = new HomeworkChecker();
  const result = checker.check(text);
  return { text, result, recheck: (variant: string) => checker.checkVariant(variant) };
}

function replace(text: string, written: string, by: string, occurrence = 0): Fix {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(written, at + 1);
  return {
    kind: 'replace-value',
    title: `Change to ${by}`,
    edits: [{ span: { start: at, end: at + written.length }, newText: by }],
    isPreferred: true,
    safe: true,
  };
}

test('Fix All never fills ?: a ? has no safe-fix candidate', () => {
  const c = checked('x = 2 + 2 = 5\ny = x ⊙ 3 = ?');
  const candidates = safeFixCandidates(c.result.diagnostics);
  assert.deepEqual(
    candidates.map((f) => f.kind),
    ['replace-value'],
  );
  const selection = selectSafeFixes(c.text, c.result, c.recheck);
  assert.equal(selection.text, 'x = 2 + 2 = 4\ny = x ⊙ 3 = ?'); // 2 + 2 = 4 by hand
  assert.equal(selection.refused, 0);
});

test('item 7: a fill that reads as something else in place is refused (v = 2 L with L = 3)', () => {
  const c = checked('v = 2 L\nL = 3\nv = ?');
  const fills = fillFixes(c.result.diagnostics);
  assert.equal(fills.length, 1);
  assert.equal(fills[0].edits[0].newText, '2 L');
  assert.equal(verifyFix(c.text, c.result, fills[0], c.recheck), false);
  const selection = selectVerified(c.text, c.result, fills, c.recheck);
  assert.deepEqual(selection.fixes, []);
  assert.equal(selection.refused, 1);
  assert.equal(selection.text, c.text);
});

test('a fill that reads back as its value is kept', () => {
  const c = checked('given a = 3\nb = 2 a = ?');
  const selection = selectVerified(c.text, c.result, fillFixes(c.result.diagnostics), c.recheck);
  assert.equal(selection.text, 'given a = 3\nb = 2 a = 6'); // 2 · 3
});

test('of a batch, the fix that adds an error is left out and the others are applied', () => {
  const text = 'x = 2 + 2 = 5\ny = 3 + 3 = 6\nz = 1 + 1 = 3';
  const c = checked(text);
  const good1 = replace(text, '5', '4');
  const bad = replace(text, '6', '7'); // 3 + 3 is 6: writing 7 makes a new error
  const good2 = replace(text, '3', '2', 2);
  const selection = selectVerified(text, c.result, [good1, bad, good2], c.recheck);
  assert.deepEqual(selection.fixes, [good1, good2]);
  assert.equal(selection.refused, 1);
  assert.equal(selection.text, 'x = 2 + 2 = 4\ny = 3 + 3 = 6\nz = 1 + 1 = 2');
  assert.deepEqual(
    selection.result.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
});

test('fixing a value turns the step that followed from it into the error it is: not a new error', () => {
  // a = 2 × 3 is 6, written 7; b = a + 1 is 8 from the writer's 7 (follows), 7 in truth.
  const text = 'a = 2 × 3 = 7\nb = a + 1 = 8';
  const c = checked(text);
  assert.deepEqual(
    c.result.diagnostics.map((d) => d.code),
    ['value.wrong', 'value.follows'],
  );
  const selection = selectSafeFixes(text, c.result, c.recheck);
  assert.equal(selection.text, 'a = 2 × 3 = 6\nb = a + 1 = 8');
  assert.deepEqual(
    selection.result.diagnostics.map((d) => `${d.severity} ${d.code}`),
    ['error value.wrong'],
  );
});

test('colliding fixes: the first by position is kept, one rule for every adapter', () => {
  const text = 'x = 2 + 2 = 55';
  const c = checked(text);
  const whole = replace(text, '55', '4');
  const part: Fix = { ...replace(text, '55', '4'), edits: [{ span: { start: 13, end: 14 }, newText: '' }] };
  const selection = selectVerified(text, c.result, [part, whole], c.recheck);
  assert.deepEqual(selection.fixes, [whole]);
  assert.equal(selection.refused, 1);
});

test('addsError maps spans of the edited text back before comparing', () => {
  const before = checked('x = 1\ny = 2 = 3').result; // error at `3`
  const edits = [{ span: { start: 4, end: 5 }, newText: '1000' }];
  const after = checked(applyEdits('x = 1\ny = 2 = 3', edits)).result; // the same error, 3 characters later
  assert.equal(addsError(before, after, edits), false);
});

/**
 * Diagnostic messages and their fixes (messages.ts): shape mismatches name
 * both shapes and the operator and offer a transpose that fits — applying
 * the fix must give a text that evaluates; did-you-mean picks the name
 * meant.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from '../../../src/core';
import { closestName, editDistance } from '../../../src/core/check/messages';
import { briefs, only, run, single, under } from './support';

/** Applies non-overlapping edits (latest first, so earlier offsets stay valid). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.span.start - a.span.start)
    .reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

test('W1 g with W1 3×2 and g 3×1: names both shapes and the operator, suggests W1ᵀ g (2×1)', () => {
  const c = run(['given W1 = [1, 0; 3, 4; 1, 2], g = [1; 2; 3]', 'W1 g = ?']);
  const d = single(c, 'shape.mismatch');
  assert.equal(under(c, d), 'W1 g');
  assert.match(d.message, /W1 is 3×2/);
  assert.match(d.message, /g is 3×1/);
  assert.match(d.message, /cannot be multiplied/);
  assert.match(d.message, /W1ᵀ g would be 2×1/);
  const fix = d.fixes.find((f) => f.kind === 'transpose');
  assert.ok(fix);
  const fixed = applyEdits(c.text, fix.edits);
  assert.ok(fixed.endsWith('W1ᵀ g = ?'), fixed);
  // W1ᵀ g = [1·1 + 3·2 + 1·3; 0·1 + 4·2 + 2·3] = [10; 14].
  assert.equal(single(run(fixed), 'value.unknown').expected, '[10; 14]');
  assert.equal(c.problems.length, 1, 'the ? behind it is no second error');
});

test('two columns g z: the outer product g zᵀ is suggested', () => {
  // g zᵀ = [1; 2] [1, 2, 3] = [1, 2, 3; 2, 4, 6].
  const c = run(['given g = [1; 2], z = [1; 2; 3]', 'g z = ?']);
  const d = single(c, 'shape.mismatch');
  assert.match(d.message, /g is 2×1 and z is 3×1/);
  assert.match(d.message, /g zᵀ would be 2×3/);
  const fixed = applyEdits(c.text, d.fixes[0].edits);
  assert.equal(single(run(fixed), 'value.unknown').expected, '[1, 2, 3; 2, 4, 6]');
});

test('a compound factor is wrapped in parentheses before the ᵀ', () => {
  // (2 W1) g with W1 3×2 and g 3×1: the fix makes (2 W1)ᵀ g = 2 W1ᵀ g = [20; 28].
  const c = run(['given W1 = [1, 0; 3, 4; 1, 2], g = [1; 2; 3]', 'x = 2 W1 g']);
  const d = single(c, 'shape.mismatch');
  const fix = d.fixes.find((f) => f.kind === 'transpose');
  assert.ok(fix, d.message);
  const fixed = applyEdits(c.text, fix.edits);
  assert.match(fixed, /\(2 W1\)ᵀ g/);
  assert.equal(single(run(`${fixed} = ?`), 'value.unknown').expected, '[20; 28]');
});

test('sums and ⊙ of a row and a column suggest transposing the right operand', () => {
  // [1, 2, 3] + [1; 2; 3]ᵀ = [2, 4, 6]; [1, 2, 3] ⊙ [1; 2; 3]ᵀ = [1, 4, 9].
  for (const [op, word, want] of [
    ['+', 'added', '[2, 4, 6]'],
    ['-', 'subtracted', '[0, 0, 0]'],
    ['⊙', 'multiplied entry by entry', '[1, 4, 9]'],
  ] as const) {
    const c = run(['given a = [1, 2, 3], b = [1; 2; 3]', `a ${op} b = ?`]);
    const d = single(c, 'shape.mismatch');
    assert.match(d.message, /a is 1×3 and b is 3×1/);
    assert.ok(d.message.includes(`cannot be ${word}`), d.message);
    const fixed = applyEdits(c.text, d.fixes[0].edits);
    assert.ok(fixed.endsWith(`a ${op} bᵀ = ?`), fixed);
    assert.equal(single(run(fixed), 'value.unknown').expected, want);
  }
});

test('no transpose fits: the message says why and offers no fix', () => {
  const c = run(['given A = [1, 2; 3, 4], B = [1, 2, 3]', 'A B = ?']);
  const d = single(c, 'shape.mismatch');
  assert.match(d.message, /A is 2×2 and B is 1×3/);
  assert.equal(d.fixes.length, 0);
  // Two columns of different lengths do not broadcast either: no transpose fits.
  const e = single(run(['given g = [1; 2], z = [1; 2; 3]', 'g ⊙ z = ?']), 'shape.broadcast');
  assert.match(e.message, /2×1 and 3×1 do not broadcast: axis 1 has 2 and 3/);
  assert.equal(e.fixes?.length ?? 0, 0);
});

test('the seed’s shape slip: W3ᵀ-style repair for a 2×1 times a 3×1', () => {
  // (W3ᵀ ⊙ relu'(a2)) z2 with both 2×1: the transpose on z2 (outer product) is what backprop writes.
  const c = run(['given d = [8; -12], z1 = [2; 8; 9]', 'g = d z1']);
  const d = single(c, 'shape.mismatch');
  assert.match(d.message, /d z1ᵀ would be 2×3/);
});

test('a non-square matrix power explains itself', () => {
  const d = single(run(['given A = [1, 2, 3; 4, 5, 6]', 'x = A^2']), 'shape.mismatch');
  assert.match(d.message, /2×3/);
  assert.match(d.message, /square/);
});

test('did-you-mean: a swapped pair of letters, a wrong digit, a wrong case', () => {
  // rleu → relu is one swap; a0 → a1 (same first letter and length) rather than z0.
  assert.equal(editDistance('rleu', 'relu'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(closestName('a0', ['z0', 'a1', 'W1']), 'a1');
  assert.equal(closestName('W0', ['z0', 'a1', 'W1']), 'W1');
  assert.equal(closestName('yHat', ['yhat', 'y']), 'yhat');
  assert.equal(closestName('completely', ['a1', 'b2']), undefined);
  const c = run('x = rleu(3) = 3');
  const d = single(c, 'call.unknown-function');
  assert.match(d.message, /did you mean relu\?/);
  assert.deepEqual(d.fixes[0].edits, [{ span: d.span, newText: 'relu' }]);
});

test('the seed’s undefined a0 and W0 suggest a1 and W1', () => {
  const c = run(['given a1 = [1; 2], W1 = [1, 2; 3, 4], z0 = [1; 1]', "v = relu'(a0) W0 z0"]);
  const undefinedNames = only(c, 'name.undefined');
  assert.deepEqual(
    undefinedNames.map((d) => under(c, d)),
    ['a0', 'W0'],
  );
  assert.match(undefinedNames[0].message, /did you mean a1\?/);
  assert.match(undefinedNames[1].message, /did you mean W1\?/);
  assert.deepEqual(briefs(c), ['error name.undefined «a0»', 'error name.undefined «W0»']);
});

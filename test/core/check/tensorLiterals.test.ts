/**
 * `;;` and `;;;` literals through the checker: their values, claims about
 * them entry by entry (a wrong entry named by its full index, a fix that
 * replaces exactly it), a shape difference, and a broken literal reported
 * on the slice that breaks it. Every expected value is written by hand.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/fixes';
import { assertClean, briefs, run, single, spanOf, under } from './support';

test('a `;;` literal is a rank-3 value: equal literals check clean, and `[A;; B]` stacks A and B', () => {
  assertClean(
    run([
      'X = [1, 2; 3, 4;;',
      '     5, 6; 7, 8]',
      'X = [1, 2; 3, 4;; 5, 6; 7, 8]',
      'A = [1, 2; 3, 4]',
      'B = [5, 6; 7, 8]',
      '[A;; B] = X',
      '[A;; B;;; B;; A] = [1, 2; 3, 4;; 5, 6; 7, 8;;; 5, 6; 7, 8;; 1, 2; 3, 4]',
      'Y = [X;;; X]',
      'Y = [1, 2; 3, 4;; 5, 6; 7, 8;;; 1, 2; 3, 4;; 5, 6; 7, 8]',
      '-X = [-1, -2; -3, -4;; -5, -6; -7, -8]',
    ]),
  );
});

test('a wrong entry is named by its full index, and its fix replaces exactly it; the fixed file checks clean', () => {
  const c = run(['A = [1, 2; 3, 4]', 'Y = [A;; 2 A]', 'Y = [1, 2; 3, 4;; 2, 4; 6, 9]']);
  const d = single(c, 'value.wrong-entry');
  assert.equal(under(c, d), '9');
  assert.deepEqual(d.span, spanOf(c.text, '9'));
  assert.match(d.message, /^entry \(2,2,2\) of Y is 8, written 9$/);
  const fix = d.fixes.find((f) => f.isPreferred)!;
  assert.deepEqual(fix.edits, [{ span: spanOf(c.text, '9'), newText: '8' }]);
  const fixed = applyEdits(c.text, fix.edits);
  assert.equal(fixed.split('\n')[2], 'Y = [1, 2; 3, 4;; 2, 4; 6, 8]');
  assertClean(run(fixed), 'the fixed file');
});

test('a rank-4 entry: (2,1,1,2) counts batch item, channel, row, column', () => {
  const c = run(['T = [1, 2;; 3, 4;;; 5, 6;; 7, 8]', 'T = [1, 2;; 3, 4;;; 5, 0;; 7, 8]']);
  const d = single(c, 'value.wrong-entry');
  assert.equal(under(c, d), '0');
  assert.match(d.message, /^entry \(2,1,1,2\) of T is 6, written 0$/);
});

test('≈ on a tensor: each entry to its own digits; the fix writes the digits used', () => {
  const c = run(['X = [1/3, 2/3;; 1, 4/3]', 'X ≈ [0.333, 0.667;; 1, 1.34]']);
  const d = single(c, 'value.wrong-entry');
  assert.equal(under(c, d), '1.34');
  assert.match(d.message, /^entry \(2,1,2\) of X is 1\.33, written 1\.34$/);
  assert.equal(briefs(c, 'problems').length, 1);
});

test('another shape is `value.shape`, and the fix writes the true value in `;;` syntax', () => {
  const c = run([
    'A = [1, 0; 0, 1]',
    'Y = [A;; 2 A]',
    'Y = [1, 0; 0, 1]',
    'Y = [1, 0; 0, 1;; 2, 0; 0, 2;; 0, 0; 0, 0]',
  ]);
  const shapes = c.diagnostics.filter((d) => d.code === 'value.shape');
  assert.equal(shapes.length, 2);
  assert.match(shapes[0].message, /^this is 2×2 .*, but Y is 2×2×2 \(\[1, 0; 0, 1;; 2, 0; 0, 2\]\)$/);
  assert.match(shapes[1].message, /^this is 3×2×2 /);
  for (const d of shapes) {
    const fix = d.fixes.find((f) => f.isPreferred)!;
    assert.equal(fix.edits[0].newText, '[1, 0; 0, 1;; 2, 0; 0, 2]');
  }
});

test('slices of another shape: `shape.block` on the slice, named by its index', () => {
  const c = run(['A = [1, 2; 3, 4]', 'C = [1, 2, 3]', 'W = [A;; A;; C]']);
  const d = single(c, 'shape.block');
  assert.equal(under(c, d), 'C');
  assert.match(d.message, /^slice \[3,:,:\] is 1×3, but slice \[1,:,:\] is 2×2/);
  const blocks = run(['A = [1;; 2]', 'B = [1;; 2;; 3]', 'W = [A;;; B]']);
  const b = single(blocks, 'shape.block');
  assert.equal(under(blocks, b), 'B');
  assert.match(b.message, /^slice \[2,:,:,:\] is 3×1×1, but slice \[1,:,:,:\] is 2×1×1/);
  const inner = run(['A = [1, 2]', 'B = [3; 4]', 'W = [A;; A;;; A;; B]']);
  const i = single(inner, 'shape.block');
  assert.equal(under(inner, i), 'B');
  assert.match(i.message, /^slice \[2,2,:,:\] is 2×1, but slice \[2,1,:,:\] is 1×2/);
});

test('written slices of two shapes are reported once (by the parser), not again by the checker', () => {
  const c = run(['X = [1, 2; 3, 4;; 5, 6]']);
  assert.deepEqual(briefs(c, 'problems'), ['error syntax.ragged-matrix «5, 6»']);
});

test('`;;` between rank-3 values, `;;;` between rank-4 ones: `shape.rank` on the slice, with the separator to use', () => {
  const c = run(['X = [1;; 2]', 'T = [X;;; X]', 'V = [X;; X]', 'U = [T;;; T]']);
  const [v, u] = c.diagnostics.filter((d) => d.code === 'shape.rank');
  assert.equal(under(c, v), 'X');
  assert.match(v.message, /slice \[1,:,:\] is 2×1×1: write `;;;` between batch items/);
  assert.equal(under(c, u), 'T');
  assert.match(u.message, /block \[1,:,:,:\] is 2×2×1×1/);
});

test('a `;;;` block without `;;` is one channel, and a trailing `;;` makes one channel', () => {
  assertClean(
    run([
      'A = [1, 2]',
      '[A;;; A] = [1, 2;;; 1, 2]',
      'shape([A;;; A]) = [2, 1, 1, 2]',
      'shape([1, 2; 3, 4;;]) = [1, 2, 2]',
      'shape([1;; 2;;;]) = [1, 2, 1, 1]',
    ]),
  );
});

test('a tensor inside a block matrix is `shape.rank`; `[X]` alone is X', () => {
  const c = run(['X = [1;; 2]', 'Z = [X, X]', '[X] = [1;; 2]']);
  assert.deepEqual(briefs(c, 'problems'), ['error shape.rank «[X, X]»']);
  assert.match(single(c, 'shape.rank').message, /one block is 2×1×1/);
});

test('the literal stays a value with units refused, and a half-typed one is a syntax error only', () => {
  assert.deepEqual(briefs(run(['x = [1, 2;;']), 'problems'), ['error syntax.unclosed-bracket «[»']);
  const units = run(['x = [2 min;; 3]']);
  assert.equal(units.problems.length, 1);
  assert.equal(units.problems[0].code, 'unit.mismatch');
});

test('a literal mixing a name and written slices: the wrong entry is named, but no fix guesses a span', () => {
  const c = run(['A = [1, 2; 3, 4]', 'Y = [A;; 2 A]', 'Y = [A;; 2, 4; 6, 9]']);
  const d = single(c, 'value.wrong');
  assert.equal(under(c, d), '[A;; 2, 4; 6, 9]');
  assert.match(d.message, /wrong in 1 entry of Y: \(2,2,2\) is 8, this gives 9/);
  assert.deepEqual(d.fixes, []);
});

/**
 * Indexing through the checker: values of `W[2,3]`, `X[:,1]`, `X[2:3,:]`
 * inside expressions, claims about entries (never definitions), their
 * quick fixes and follow-through, `∂L/∂W[2,3]` in every spelling, a loss
 * built from entries, and a bad index reported on the index itself.
 * Every expected number is worked out by hand in the comment beside it.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { StatementModel } from '../../../src/core';
import { assertClean, briefs, run, single, under } from './support';

// W = [1, 2, 3; 4, 5, 6], x = [1; 1; 2]
const GIVEN = 'given W = [1, 2, 3; 4, 5, 6], x = [1; 1; 2]';

function statements(text: string): StatementModel[] {
  return run(text)
    .result.document.problems.flatMap((p) => p.questions.flatMap((q) => q.items))
    .filter((i): i is StatementModel => i.kind === 'statement');
}

test('entries, columns, rows and slices inside expressions', () => {
  assertClean(
    run([
      GIVEN,
      'W[2,3] = 6',
      'W[:,2] = [2; 5]',
      'W[2,:] = [4, 5, 6]',
      'W[1:2,2:3] = [2, 3; 5, 6]',
      // A missing trailing index means `:`.
      'W[1] = [1, 2, 3]',
      // x is a 3×1 column: x[3] is its third entry.
      'x[3] = 2',
      // W x = [1 + 2 + 6; 4 + 5 + 12] = [9; 21].
      '(W x)[2,1] = 21',
      'W[1,:] x = 9',
      '2 W[1,2] + W[2,3]^2 = 40',
      'W[1, 1 + 1] = 2',
      'W[:,1]ᵀ = [1, 4]',
      '[1, 2; 3, 4][2,1] = 3',
      'W [1; 1; 1] = [6; 15]',
    ]),
  );
});

test('a wrong entry: value.wrong on the written value, naming the entry, with the fix', () => {
  const c = run([GIVEN, 'W[2,3] = 5']);
  const d = single(c, 'value.wrong');
  assert.equal(under(c, d), '5');
  assert.equal(d.message, 'W[2,3] is 6, not 5');
  assert.deepEqual(
    d.fixes.map((f) => f.edits.map((e) => [c.text.slice(e.span.start, e.span.end), e.newText])),
    [[['5', '6']]],
  );
});

test('a wrong entry of a column: value.wrong-entry at the entry written', () => {
  const c = run([GIVEN, 'W[:,3] = [3; 7]']);
  const d = single(c, 'value.wrong-entry');
  assert.equal(under(c, d), '7');
  assert.match(d.message, /entry \(2,1\) of W\[:,3\] is 6, written 7/);
  assert.deepEqual(
    d.fixes.map((f) => f.edits.map((e) => [c.text.slice(e.span.start, e.span.end), e.newText])),
    [[['7', '6']]],
  );
});

test('`W[2,3] = 5` is never a definition: where Q is not defined it is name.undefined, and Q stays free', () => {
  const c = run(['Q[2,3] = 5', 'Q = [1, 2]', 'Q[1,2] = 2']);
  assert.deepEqual(briefs(c, 'problems'), ['error name.undefined «Q»']);
  const kinds = statements(c.text).map((s) => s.statementKind);
  assert.deepEqual(kinds.slice(0, 2), ['claim', 'definition']);
});

test('`W[2,3] = ?` is filled with the entry', () => {
  const c = run([GIVEN, 'W[2,3] = ?', 'W[:,1] = ?']);
  assert.deepEqual(
    c.diagnostics.filter((d) => d.code === 'value.unknown').map((d) => d.expected),
    ['6', '[1; 4]'],
  );
});

test('follow-through: a later step computed from a wrong entry follows from it', () => {
  const c = run([
    GIVEN,
    // h = W x = [9; 21]; the writer takes h[2,1] as 20.
    'h = W x = [9; 21]',
    'h[2,1] = 20',
    // 2 h[2,1] is 42; the writer's 20 gives 40.
    'y = 2 h[2,1] = 40',
    // h[1,1] was not restated: 3 · 9 = 27 is simply right.
    'z = 3 h[1,1] = 27',
  ]);
  assert.deepEqual(briefs(c, 'all'), ['error value.wrong «20»', 'info value.follows «40»']);
  const follows = single(c, 'value.follows');
  assert.equal(c.text.slice(follows.related[0]?.span.start, follows.related[0]?.span.end), '20');
});

test('follow-through of a restated entry of a name stated wrong earlier', () => {
  const c = run([
    GIVEN,
    // The writer states h wrong in its second entry, then restates that entry rightly: h is right again there.
    'h = W x = [9; 20]',
    'h[2,1] = 21',
    'y = 2 h[2,1] = 42',
  ]);
  assert.deepEqual(briefs(c, 'all'), ['error value.wrong-entry «20»']);
});

test('a bad index: index.out-of-range on the index, naming the axis and its size', () => {
  const cases: [string, string, string, RegExp][] = [
    ['W[3,1] = 1', 'index.out-of-range', '3', /axis 1 of W \(2×3, rows\) has size 2/],
    ['W[1,4] = 1', 'index.out-of-range', '4', /axis 2 of W \(2×3, columns\) has size 3/],
    ['W[0,1] = 1', 'index.out-of-range', '0', /indices start at 1/],
    ['W[1.5,1] = 1', 'index.out-of-range', '1.5', /not a whole number/],
    ['W[1,2:5] = 1', 'index.out-of-range', '5', /axis 2 of W \(2×3, columns\) has size 3/],
    ['W[1,3:2] = 1', 'index.out-of-range', '2', /the slice 3:2 is empty/],
    ['W[1,x] = 1', 'index.out-of-range', 'x', /this is a 3×1 value/],
    ['W[1,1,1] = 1', 'shape.rank', '1', /W is 2×3, of rank 2: it takes at most 2 indices, and 3 are given/],
    ['W[1,1,1,2] = 1', 'shape.rank', '1,2', /and 4 are given/],
    ['(W x)[3,1] = 1', 'index.out-of-range', '3', /axis 1 of the value \(2×1, rows\) has size 2/],
  ];
  for (const [line, code, text, message] of cases) {
    const c = run([GIVEN, line]);
    const d = single(c, code);
    assert.equal(under(c, d), text, line);
    assert.match(d.message, message, line);
    assert.equal(c.problems.length, 1, `${line}: ${JSON.stringify(briefs(c))}`);
  }
});

// L = W[1,2]^3 + sum(W ⊙ W): ∂L/∂W = 2W + 3 W[1,2]² at (1,2) = [2, 4 + 12, 6; 8, 10, 12] = [2, 16, 6; 8, 10, 12].
const LOSS = [GIVEN, 'L = W[1,2]^3 + sum(W ⊙ W)'];

test('a gradient through entries: ∂L/∂W by hand', () => {
  assertClean(run([...LOSS, '∂L/∂W = [2, 16, 6; 8, 10, 12]']));
});

test('∂L/∂W[2,3] checks one entry of the gradient, in every spelling; ∂L/∂W[:,2] a column', () => {
  assertClean(
    run([
      ...LOSS,
      '∂L/∂W[1,2] = 16',
      'd(L)/d(W)[2,3] = 12',
      'grad(L, W)[2,1] = 8',
      '∂L/∂W[:,2] = [16; 10]',
      '∂L/∂W[2,:] = [8, 10, 12]',
      '∂L/∂W[1,2] ≈ 16.0',
    ]),
  );
  const c = run([...LOSS, '∂L/∂W[1,2] = 15']);
  const d = single(c, 'value.wrong');
  assert.equal(under(c, d), '15');
  assert.equal(d.message, '∂L/∂W[1,2] is 16, not 15');
});

test('a wrong entry of a gradient is followed through', () => {
  const c = run([
    ...LOSS,
    '∂L/∂W[1,2] = 15',
    // A step of gradient descent with rate 0.1 from the writer's 15: 2 − 0.1 · 15 = 0.5 (truly 0.4).
    'W1new = W[1,2] - 0.1 ∂L/∂W[1,2] = 0.5',
  ]);
  assert.deepEqual(briefs(c, 'all'), ['error value.wrong «15»', 'info value.follows «0.5»']);
});

test('a gradient with respect to a name used through a slice: ∂L/∂x', () => {
  // L = (W x)[2,1]^2 = 21² with W x = [9; 21]: ∂L/∂x = Wᵀ [0; 2 · 21] = [4; 5; 6] · 42 = [168; 210; 252].
  assertClean(run([GIVEN, 'L = (W x)[2,1]^2', '∂L/∂x = [168; 210; 252]', '∂L/∂x[3] = 252']));
});

test('the derivations view and hovers read indexed links like any other', () => {
  const [, claim] = statements([GIVEN, 'W[2,3] = 5'].join('\n'));
  assert.equal(claim.statementKind, 'claim');
  assert.equal(claim.latex, 'W_{2,3} = 5');
  assert.equal(claim.links[0].value?.text, '6');
  assert.equal(claim.links[1].verdict, 'wrong');
  assert.equal(claim.links[1].expected?.text, '6');
  const c = run([GIVEN, 'W[:,1] = [1; 4]']);
  const symbols = c.result.document.symbols;
  const w = symbols.find((s) => s.name === 'W')!;
  assert.deepEqual(
    w.references.map((r) => c.text.slice(r.start, r.end)),
    ['W'],
  );
  const gradient = statements([...LOSS, '∂L/∂W[1,2] = 16'].join('\n')).pop()!;
  assert.equal(gradient.latex, '{\\left(\\frac{\\partial L}{\\partial W}\\right)}_{1,2} = 16');
  assert.equal(gradient.backward.length, 1);
  assert.equal(gradient.backward[0].value.text, '[2, 16, 6; 8, 10, 12]');
});

test('a backward pass through an entry: every row is a statement that checks clean', () => {
  // a = W x = [9; 21]; L = a[2,1]^2 = 441: ∂L/∂a = [0; 42], ∂L/∂W = ∂L/∂a xᵀ = [0, 0, 0; 42, 42, 84].
  const lines = [GIVEN, 'a = W x', 'L = a[2,1]^2'];
  const [statement] = statements([...lines, '∂L/∂W = [0, 0, 0; 42, 42, 84]'].join('\n')).slice(-1);
  const pass = statement.backward[0];
  const rows = new Map(pass.steps.map((s) => [s.node, s.value.text]));
  assert.equal(rows.get('a'), '[0; 42]');
  assert.equal(rows.get('W'), '[0, 0, 0; 42, 42, 84]');
  assertClean(run([...lines, ...pass.steps.map((s) => s.hw)]), 'the rows of ∂L/∂W');
});

test('a product written without its space: the index diagnostic says how to multiply', () => {
  // W is 2×1 here: W[1, 2] reads column 2, which does not exist; W [1, 2] is the 2×2 outer product.
  const c = run(['given W = [1; 2]', 'W[1, 2] = [1, 2; 2, 4]']);
  const d = single(c, 'index.out-of-range');
  assert.equal(under(c, d), '2');
  assert.match(d.message, /leave a space before the `\[`/);
  assertClean(run(['given W = [1; 2]', 'W [1, 2] = [1, 2; 2, 4]']));
  const rows = run(['given W = [1; 2]', 'W[1; 2] = 5']);
  assert.match(single(rows, 'syntax.unexpected-token').message, /leave a space: `W \[1; 2\]`/);
});

test('a vector takes one index whichever way it is written: b[4] of a row, p[3] of a column', () => {
  // By hand: b ⊙ b summed has the gradient 2b, whose 4th entry is 8. Found by a new user's batch sheet.
  assertClean(
    run([
      'given b = [1, 2, 3, 4], p = [5; 6; 7]',
      'b[4] = 4',
      'b[2:3] = [2, 3]',
      'p[3] = 7',
      'L = sum(b ⊙ b)',
      '∂L/∂b[4] = 8',
    ]),
  );
  const bad = single(run(['given b = [1, 2, 3, 4]', 'b[5] = 1']), 'index.out-of-range');
  assert.match(bad.message, /has size 4/);
});

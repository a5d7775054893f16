/**
 * The judge (judge.ts): follow-through under rounding, one slip one error,
 * verdict precedence, what messages and fixes keep of what the student
 * wrote, and the derivation model marking exactly the entries the
 * diagnostics call wrong (issue 7, points 1, 2, 4, 5 and 6).
 *
 * True values come from test/fixtures/judge-oracle.json (NumPy and
 * PyTorch, test/fixtures/judge-oracle.py) or from the hand arithmetic
 * beside each test.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StatementModel } from '../../../src/core';
import { check, selectSafeFixes } from '../../../src/core';
import { namedWrongEntries } from '../../../src/derivations/render';
import { REPO_ROOT } from '../../fixtures/paths';
import { assertClean, briefs, only, run, single, spanOf, type Checked } from './support';

const oracle = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'judge-oracle.json'), 'utf8')) as {
  [key: string]: number | number[];
};

/** The statements of a one-problem check, in order. */
function statements(c: Checked): StatementModel[] {
  return c.result.document.problems
    .flatMap((p) => p.questions)
    .flatMap((q) => q.items)
    .filter((i): i is StatementModel => i.kind === 'statement');
}

/** True when `written` is `x` rounded to the digits written (half a unit of the last digit). */
function roundsTo(x: number, written: string): boolean {
  const decimals = written.includes('.') ? written.length - written.indexOf('.') - 1 : 0;
  return Math.abs(x - Number(written)) < 0.5 * 10 ** -decimals;
}

// ------------------------------------------------------------------ point 1: follow-through under ≈

const RESIDUAL = [
  'problem 1 "Residual"',
  'given g4 = 0.3, d = 0.8',
  'block = 1 + d^2 = 1.46        # the slip: 1 + 0.64 is 1.64',
  'g0 = g4 block^4 ≈ 1.3631      # 0.3 × 1.46^4 = 1.36312',
  'y = block^4 ≈ 4.5437',
];

test('issue 7 repro: one error on the 1.46 line, and the two ≈ steps from it follow', () => {
  // The oracle: 0.3 × 1.46^4 = 1.3631155…, 1.46^4 = 4.5437185…: both round to what is written;
  // the true values 2.1701844… and 7.2339481… do not.
  assert.ok(roundsTo(oracle['g0_from_1.46'] as number, '1.3631'));
  assert.ok(roundsTo(oracle['y_from_1.46'] as number, '4.5437'));
  assert.ok(!roundsTo(oracle.g0 as number, '1.3631'));
  const c = run(RESIDUAL);
  assert.deepEqual(briefs(c), [
    'error value.wrong «1.46»',
    'info value.follows «1.3631»',
    'info value.follows «4.5437»',
  ]);
  const slip = spanOf(c.text, '1.46');
  for (const d of only(c, 'value.follows')) {
    assert.deepEqual(
      d.related.map((r) => r.span),
      [slip],
    );
    assert.match(d.message, /right, to the digits written, for the value written there/);
  }
  assert.equal(single(c, 'value.wrong').message, 'block is 1.64, not 1.46');
  assert.equal(only(c, 'value.follows')[0].expected, '2.170184448'); // 0.3 × 1.64^4
  assert.equal(c.result.document.summary.wrong, 1);
  assert.equal(c.result.document.summary.followed, 2);
});

test('a value written with ≈ is carried at the digits written, and before its rounding too', () => {
  // g0 ≈ 1.3631 (from the slip). 2 g0: 2.7262 from the digits written, 2.7262311… from 1.3631155…;
  // both 2.7262 and 2.72623 follow. 2.7264 is neither (error).
  const c = run([...RESIDUAL, 'a = 2 g0 ≈ 2.7262', 'b = 2 g0 ≈ 2.72623', 'e = 2 g0 ≈ 2.7264']);
  assert.deepEqual(briefs(c).slice(3), [
    'info value.follows «2.7262»',
    'info value.follows «2.72623»',
    'error value.wrong «2.7264»',
  ]);
});

test('entry by entry: one rounded entry does not fail a matrix’s follow-through', () => {
  // W x = [3; 7], written [3; 8] (the slip). h / 3: true [1; 2.3333…], from the slip [1; 2.6666…]:
  // [1; 2.6667] is right in entry 1 and follows in entry 2 (to the 4 decimals written).
  assert.deepEqual(oracle['[1,2;3,4][1;1]'], [3, 7]);
  assert.ok(roundsTo((oracle['[3;8]/3 (from the slip)'] as number[])[1], '2.6667'));
  const c = run(['given W = [1, 2; 3, 4], x = [1; 1]', 'h = W x = [3; 8]', 'p = h / 3 ≈ [1; 2.6667]']);
  assert.deepEqual(briefs(c), ['error value.wrong-entry «8»', 'info value.follows «[1; 2.6667]»']);
  assert.deepEqual(single(c, 'value.follows').related[0].span, spanOf(c.text, '8'));
});

test('within a chain: a formula with the wrong value put in, then its rounded result, both follow', () => {
  // block / 3: true 1.64 / 3 = 0.54667; the writer's 1.46 / 3 = 0.486667, which ≈ 0.4867 rounds.
  const c = run([...RESIDUAL.slice(0, 3), 'r = block / 3 ≈ 1.46 / 3 ≈ 0.4867']);
  assert.deepEqual(briefs(c), [
    'error value.wrong «1.46»',
    'info value.follows «1.46 / 3»',
    'info value.follows «0.4867»',
  ]);
  for (const d of only(c, 'value.follows')) assert.deepEqual(d.related[0].span, spanOf(c.text, '1.46'));
});

test('a step right for the truth to its digits stays right after a slip elsewhere', () => {
  // 1.64^4 = 7.2339481…, which 7.234 rounds: right, though block was written 1.46.
  const c = run([...RESIDUAL.slice(0, 3), 'w = block^4 ≈ 7.234']);
  assert.deepEqual(briefs(c), ['error value.wrong «1.46»']);
});

// ------------------------------------------------------------------ point 2: one slip, one error

const TRANSPOSE = [
  'given W = [0.5, -1; 2, 0.25], x = [1.5; -2], y = [0.2; -0.4]',
  'h = W x = [2.75; 2.5]',
  'L = sum(y ⊙ h) = -0.45',
  '∂L/∂h = y = [0.2; -0.4]',
  '∂L/∂x = W ∂L/∂h = [0.5; 0.3]      # the slip: Wᵀ ∂L/∂h',
  's = sum(∂L/∂x) = 0.8',
  'q = ∂L/∂x / 3 ≈ [0.1667; 0.1]',
];

test('a missing transpose is one error; the links and statements that carry it follow, pointing at it', () => {
  // The oracle (autograd): ∂L/∂x = [-0.7; -0.3]; the slip W ∂L/∂h = [0.5; 0.3]; sum -1 vs 0.8;
  // ∂L/∂x / 3 = [-0.2333; -0.1] vs the writer's [0.16667; 0.1], which ≈ [0.1667; 0.1] rounds.
  assert.deepEqual(oracle['h'], [2.75, 2.5]);
  assert.ok(Math.abs((oracle.L as number) + 0.45) < 1e-12);
  const [s0, s1] = oracle['W dL/dh (the slip)'] as number[];
  assert.ok(Math.abs(s0 - 0.5) < 1e-12 && Math.abs(s1 - 0.3) < 1e-12);
  const [q0, q1] = oracle['W dL/dh / 3 (from the slip)'] as number[];
  assert.ok(roundsTo(q0, '0.1667') && roundsTo(q1, '0.1'));
  const c = run(TRANSPOSE);
  assert.deepEqual(briefs(c), [
    'error value.wrong «W ∂L/∂h»',
    'info value.follows «[0.5; 0.3]»',
    'info value.follows «0.8»',
    'info value.follows «[0.1667; 0.1]»',
  ]);
  const slip = spanOf(c.text, 'W ∂L/∂h');
  for (const d of only(c, 'value.follows')) assert.deepEqual(d.related[0].span, slip, d.message);
  const [t0, t1] = oracle['dL/dx'] as number[];
  assert.equal(single(c, 'value.wrong').expected, `[${Math.round(t0 * 10) / 10}; ${Math.round(t1 * 10) / 10}]`);
});

// ------------------------------------------------------------------ point 4: verdict precedence

test('[6, 5] for [6.5, 5] is a wrong entry, never a rounding; no fix writes ≈', () => {
  // [13, 10] / 2 = [6.5, 5]. Under =: the fix writes 6.5 exactly. Under ≈: 6.5 rounds (away from zero) to 7.
  const eq = run(['given a = [13, 10]', 'v = a / 2 = [6, 5]']);
  assert.deepEqual(briefs(eq), ['error value.wrong-entry «6»']);
  assert.equal(single(eq, 'value.wrong-entry').expected, '6.5');
  const fixed = selectSafeFixes(eq.text, check(eq.text), (variant) => check(variant)).text;
  assert.equal(fixed.split('\n')[1], 'v = a / 2 = [6.5, 5]');
  assertClean(run(fixed));
  const approx = run(['given a = [13, 10]', 'v = a / 2 ≈ [6, 5]']);
  assert.deepEqual(briefs(approx), ['error value.wrong-entry «6»']);
  assert.equal(single(approx, 'value.wrong-entry').expected, '7');
  assertClean(run(['given a = [13, 10]', 'v = a / 2 ≈ [7, 5]']));
});

test('rounded for the truth but exactly what the slip gives: it follows (no ≈ warning)', () => {
  // b = a + 0.6 = 2.6, written 2.5. 2 b: true 5.2 (and 5 is within half a unit of it),
  // the writer's 2 × 2.5 = 5 exactly.
  const c = run(['given a = 2', 'b = a + 0.6 = 2.5', 'c = 2 b = 5']);
  assert.deepEqual(briefs(c), ['error value.wrong «2.5»', 'info value.follows «5»']);
});

test('rounded and wrong in one matrix: one error on the wrong entry, the rounded one is not flagged', () => {
  // [1/3, 2/3] = [0.33, 0.7]: 0.33 is 1/3 to 2 decimals; 0.7 is 2/3 to 1 decimal
  // (|0.7 − 0.6667| = 0.033 < 0.05: rounded).
  // So use 0.8 for the wrong entry: |0.8 − 0.6667| = 0.13 > 0.05.
  const c = run('[1/3, 2/3] = [0.33, 0.8]');
  assert.deepEqual(briefs(c), ['error value.wrong-entry «0.8»']);
  assert.equal(single(c, 'value.wrong-entry').expected, '0.666666666667'); // exact under =
});

// ------------------------------------------------------------------ point 5: messages

test('messages keep the digits written, fixes use the student’s precision under ≈ and the exact value under =', () => {
  const [s1, s2] = oracle['sigmoid([1;-1])'] as number[];
  // σ(1) = 0.7310585…: 0.7310 is 0.0000586 away (> 0.00005): wrong; σ(−1) = 0.2689414…: 0.2689 rounds.
  assert.ok(!roundsTo(s1, '0.7310') && roundsTo(s1, '0.7311') && roundsTo(s2, '0.2689'));
  const approx = run(['given z = [1; -1]', 's = sigmoid(z) ≈ [0.7310; 0.2689]']);
  const d = single(approx, 'value.wrong-entry');
  assert.equal(d.message, 'entry (1,1) of s is 0.7311, written 0.7310');
  assert.equal(d.found, '0.7310');
  assert.deepEqual(d.fixes[0].edits, [{ span: spanOf(approx.text, '0.7310'), newText: '0.7311' }]);
  const exact = run(['given z = [1; -1]', 's = sigmoid(z) = [0.7310; 0.2689]']);
  const e = single(exact, 'value.wrong-entry');
  assert.equal(e.expected, Number(s1.toPrecision(12)).toString());
  assert.equal(exact.diagnostics.length, 1, 'the rounded 0.2689 is not a second finding on a wrong line');
});

test('a scalar fix keeps the student’s decimals; a quantity keeps its unit as written', () => {
  // 2/3 ≈ 0.6700: wrong (0.0033 away); at 4 decimals 2/3 is 0.6667. 100 s in min is 1.6667 (to 4 decimals).
  const c = run(['2/3 ≈ 0.6700', '100 s ≈ 1.8000 min']);
  assert.deepEqual(
    c.diagnostics.map((d) => d.fixes[0]?.edits[0]?.newText),
    ['0.6667', '1.6667 min'],
  );
  assert.equal(c.diagnostics[0].message, '2/3 is 0.6667, not 0.6700');
});

test('messages name the quantity: the defined name, or the expression shortened', () => {
  const named = run(['given W = [1, 2; 3, 4], x = [1; 1]', 'h = W x = [3; 8]']);
  assert.match(single(named, 'value.wrong-entry').message, /^entry \(2,1\) of h is 7, written 8$/);
  const long = run('[1, 2; 3, 4] [1; 1] + [0; 0] + [0; 0] = [3; 8]');
  assert.match(
    single(long, 'value.wrong-entry').message,
    /^entry \(2,1\) of \[1, 2; 3, 4\] \[1; 1\] \+ \[0;… is 7, written 8$/,
  );
});

// ------------------------------------------------------------------ point 6: the view reads the judgement

test('the derivation model marks exactly the entries the diagnostics call wrong', () => {
  // Under ≈ only σ(1) is wrong; σ(−1) = 0.26894… rounds to 0.2689 and must not be marked.
  const c = run(['given z = [1; -1]', 's = sigmoid(z) ≈ [0.7310; 0.2689]']);
  const link = statements(c)[1].links[2];
  assert.equal(link.verdict, 'wrong');
  assert.deepEqual(link.wrongEntries, [{ row: 0, col: 0 }]);
  assert.equal(only(c, 'value.wrong-entry').length, link.wrongEntries!.length);
  // The derivations view names (and marks) the entries the model gives it, nothing of its own.
  assert.deepEqual(namedWrongEntries(link), [{ row: 0, col: 0 }]);
  // A link that follows marks nothing wrong; it points at the mistake.
  const f = run(['given W = [1, 2; 3, 4], x = [1; 1]', 'h = W x = [3; 8]', 'p = h / 3 ≈ [1; 2.6667]']);
  const follows = statements(f)[2].links[2];
  assert.equal(follows.verdict, 'follows');
  assert.equal(follows.wrongEntries, undefined);
  assert.deepEqual(follows.followsFrom, spanOf(f.text, '8'));
});

test('a literal rounding a wrong step leaves the step exact value as the writer unrounded one', () => {
  // Found by a new user's batch-classifier sheet. The true ∂L/∂x is 2x; the wrong step `x` is exactly
  // [0.123456; 0.234567; -0.3], written rounded. Their sum is 0.058023 (≈ 0.05802) exactly and
  // 0.1235 + 0.2346 - 0.3 = 0.0581 as written: both follow from the one mistake (by hand).
  const text = [
    'given x = [0.123456; 0.234567; -0.3]',
    'L = sum(x ⊙ x)',
    '∂L/∂x = x ≈ [0.1235; 0.2346; -0.3]',
    'sum(∂L/∂x) ≈ 0.05802',
    'sum(∂L/∂x) ≈ 0.0581',
  ].join('\n');
  const found = check(text).diagnostics.map((d) => `${d.code}@${text.slice(d.span.start, d.span.end)}`);
  assert.deepEqual(found, [
    'value.wrong@x',
    'value.follows@[0.1235; 0.2346; -0.3]',
    'value.follows@0.05802',
    'value.follows@0.0581',
  ]);
});

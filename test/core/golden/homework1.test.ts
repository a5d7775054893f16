/**
 * The golden test: checking the seed sheet (examples/homework1.hw) reports
 * exactly the sheet's mistakes, and no other error or warning.
 *
 * The expected values come from the PyTorch oracle (test/fixtures/
 * homework1-oracle.json) and from hand arithmetic: 1 + 3 + … + 39 = 20² =
 * 400; (39 + 1) / 2 × 39 = 780; ∂L/∂W2 entry (2,2) = -12 · 8 = -96.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { check, LineIndex, type Diagnostic } from '../../../src/core';
import { EXAMPLE_HOMEWORK_PATH, readOracle } from '../../fixtures/paths';

const text = fs.readFileSync(EXAMPLE_HOMEWORK_PATH, 'utf8');
const lines = new LineIndex(text);
const result = check(text);

/** The 1-based line of the first line containing `needle` (after `after`). */
function lineOf(needle: string, after = 0): number {
  const at = text.indexOf(needle, after);
  assert.ok(at >= 0, `the example contains ${needle}`);
  return lines.positionAt(at).line + 1;
}

function describe(d: Diagnostic): string {
  return `${lines.positionAt(d.span.start).line + 1} ${d.code} ${text.slice(d.span.start, d.span.end)}`;
}

test('homework1: exactly the sheet’s mistakes, no other error or warning', () => {
  const q3 = text.indexOf('question 3 "The gradients with numbers"');
  const step14 = text.indexOf('# ⑭');
  const step15 = text.indexOf('# ⑮');
  const expected = [
    // Problem 1, Question 2, steps ⑭ and ⑮: a0 and W0 do not exist.
    `${lineOf("relu'(a0) W0 relu'(a1) W1")} name.undefined a0`,
    `${lineOf("relu'(a0) W0 relu'(a1) W1")} name.undefined W0`,
    `${lineOf("relu'(a2) W2 relu'(a0) W0")} name.undefined a0`,
    `${lineOf("relu'(a2) W2 relu'(a0) W0")} name.undefined W0`,
    // Problem 1, Question 3: the formula ending in z3 (z2ᵀ belongs there).
    `${lineOf("= 2 (yhat - y) relu'(a3) z3", q3)} value.shape 2 (yhat - y) relu'(a3) z3`,
    // … ending in z2 (z1ᵀ belongs there).
    `${lineOf("relu'(a2)) z2", q3)} shape.mismatch (2 (yhat - y) relu'(a3) W3ᵀ ⊙ relu'(a2)) z2`,
    // -46 where -96 belongs.
    `${lineOf('-46')} value.wrong-entry -46`,
    // … ending in z1 (z0ᵀ belongs there).
    `${lineOf("relu'(a1)) z1", q3)} shape.mismatch (W2ᵀ (2 (yhat - y) relu'(a3) W3ᵀ ⊙ relu'(a2)) ⊙ relu'(a1)) z1`,
    // Problem 4, Question 2: 1 + 3 + … + 39 is 400 and (39 + 1)/2 · 39 is 780; neither is 800.
    `${lineOf('sum(1:2:39)')} value.wrong (39 + 1) / 2 × 39`,
    `${lineOf('sum(1:2:39)')} value.wrong 800`,
  ];
  assert.ok(step14 > 0 && step15 > step14);
  const actual = result.diagnostics.filter((d) => d.severity !== 'info').map(describe);
  assert.deepEqual(actual, expected);
  assert.ok(result.diagnostics.filter((d) => d.severity !== 'info').every((d) => d.severity === 'error'));
});

test('homework1: the wrong entry says what it should be, with a fix to -96', () => {
  const oracle = readOracle() as { 'dL/dW2': number[][] };
  const trueEntry = oracle['dL/dW2'][1][1];
  assert.equal(trueEntry, -96);
  const d = result.diagnostics.find((x) => x.code === 'value.wrong-entry')!;
  assert.equal(d.expected, '-96');
  assert.equal(d.found, '-46');
  assert.match(d.message, /entry \(2,2\) .* is -96, written -46/);
  const fix = d.fixes.find((f) => f.isPreferred)!;
  assert.equal(fix.kind, 'replace-value');
  assert.deepEqual(fix.edits, [{ span: d.span, newText: String(trueEntry) }]);
});

test('homework1: the convolution sum mistakes state 400 and 780', () => {
  const oracle = readOracle() as Record<string, number>;
  const wrong = result.diagnostics.filter((d) => d.code === 'value.wrong');
  assert.equal(wrong.length, 2);
  for (const d of wrong) assert.equal(d.expected, String(oracle.p4_sum_odd_1_39));
  assert.equal(wrong[0].found, String(oracle['p4_(39+1)/2*39']));
  assert.equal(wrong[1].found, '800');
});

test('homework1: undefined names suggest the names the writer meant', () => {
  const undefinedNames = result.diagnostics.filter((d) => d.code === 'name.undefined');
  assert.deepEqual(
    undefinedNames.map((d) => d.fixes[0]?.edits[0].newText),
    ['a1', 'W1', 'a1', 'W1'],
  );
});

test('homework1: the model has the five problems and every problem is checked', () => {
  const problems = result.document.problems;
  assert.deepEqual(
    problems.map((p) => p.number),
    ['1', '2', '3', '4', '5'],
  );
  assert.equal(result.document.title, 'Homework 1');
  // Four wrong links: -46's matrix, the z3 formula, 780 and 800.
  assert.equal(result.document.summary.wrong, 4);
  assert.ok(result.document.summary.right > 80);
});

test('homework1: every true value the oracle has is what the checker computed', () => {
  const oracle = readOracle() as Record<string, number[][]>;
  const statements = result.document.problems[0].questions
    .flatMap((q) => q.items)
    .filter((i) => i.kind === 'statement');
  const valueOf = (name: string) => statements.find((s) => s.kind === 'statement' && s.defines?.includes(name));
  for (const name of ['a1', 'a2', 'a3', 'yhat', 'L']) {
    const s = valueOf(name);
    assert.ok(s && s.kind === 'statement' && s.value, name);
    assert.deepEqual(s.value.entries, oracle[name].flat(), name);
  }
  // The gradients the sheet states, by their statements' first link.
  const gradient = (key: string) => {
    const s = statements.find((x) => x.kind === 'statement' && x.links[0]?.latex.includes(key));
    return s && s.kind === 'statement' ? s.value?.entries : undefined;
  };
  assert.deepEqual(gradient('\\partial W_{1}'), oracle['dL/dW1'].flat());
  assert.deepEqual(gradient('\\partial W_{2}'), oracle['dL/dW2'].flat());
  assert.deepEqual(gradient('\\partial b_{1}'), oracle['dL/db1'].flat());
  assert.deepEqual(gradient('\\partial x}'), oracle['dL/dx'].flat());
});

test('homework1: the gradient ∂L/∂W1 carries its backward pass, node by node', () => {
  const oracle = readOracle() as Record<string, number[][]>;
  const statements = result.document.problems[0].questions.flatMap((q) => q.items);
  const s = statements.find((x) => x.kind === 'statement' && x.backward.some((b) => b.wrt === 'W1'));
  assert.ok(s && s.kind === 'statement');
  const pass = s.backward.find((b) => b.wrt === 'W1')!;
  assert.deepEqual(
    pass.steps.map((step) => step.node),
    ['yhat', 'z3', 'a3', 'z2', 'a2', 'z1', 'a1', 'W1'],
  );
  const row = (node: string) => pass.steps.find((step) => step.node === node)!.value.entries;
  assert.deepEqual(row('a2'), oracle['dL/da2'].flat());
  assert.deepEqual(row('z1'), oracle['dL/dz1'].flat());
  assert.deepEqual(row('W1'), oracle['dL/dW1'].flat());
});

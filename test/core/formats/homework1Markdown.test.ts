/**
 * The golden test for Markdown: the reference sheet, unmodified
 * (test/fixtures/homework1-solution.md), reports as errors exactly its real
 * mistakes and no other error or warning.
 *
 * The expected values come from the PyTorch oracle (test/fixtures/
 * homework1-oracle.json) and from hand arithmetic: 1 + 3 + … + 39 = 20² = 400;
 * (39 + 1) / 2 × 39 = 780; ∂L/∂W2 entry (2,2) = -12 · 8 = -96.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { checkSource, LineIndex, numbersCheckedFigure, type Diagnostic, type LinkModel } from '../../../src/core';
import { readOracle, SEED_SHEET_PATH } from '../../fixtures/paths';

const text = fs.readFileSync(SEED_SHEET_PATH, 'utf8');
const lines = new LineIndex(text);
const result = checkSource(text, 'markdown');

/** 1-based line and column of `needle` (the n-th occurrence after `after`). */
function at(needle: string, after = 0): string {
  const offset = text.indexOf(needle, after);
  assert.ok(offset >= 0, `the sheet contains ${needle}`);
  const p = lines.positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

function describe(d: Diagnostic): string {
  const p = lines.positionAt(d.span.start);
  return `${p.line + 1}:${p.character + 1} ${d.code} ${text.slice(d.span.start, d.span.end)}`;
}

test('reference sheet in Markdown: exactly its mistakes, no other error or warning', () => {
  const step14 = text.indexOf('\\textcircled{14}');
  const step15 = text.indexOf('\\textcircled{15}');
  const q3 = text.indexOf('\\textcircled{1} \\ell=3');
  const l2 = text.indexOf('\\textcircled{2} \\ell=2');
  const formula3 = "2(\\hat{y} - y) \\cdot \\text{ReLU}'(a^{(3)}) \\cdot z^{(3)}";
  const formula2 = "2(\\hat{y} - y) \\text{ReLU}'(a^{(3)}) w^{(3)} \\text{ReLU}'(a^{(2)}) \\cdot z^{(2)}";
  const expected = [
    // Problem 1, Question 2, ⑭ and ⑮: a^(0) and w^(0) do not exist.
    `${at('a^{(0)}', step14)} name.undefined a^{(0)}`,
    `${at('w^{(0)}', step14)} name.undefined w^{(0)}`,
    `${at('a^{(0)}', step15)} name.undefined a^{(0)}`,
    `${at('w^{(0)}', step15)} name.undefined w^{(0)}`,
    // Question 3, ℓ=3: the formula ends in z^(3), a scalar, where the 2-vector z^(2) belongs.
    `${at(formula3, q3)} value.shape ${formula3}`,
    // ℓ=2: the formula gives a 2-vector where the 2×3 matrix the sheet computes belongs.
    `${at(formula2, l2)} value.shape ${formula2}`,
    // -46 where -96 belongs.
    `${at('-46')} value.wrong-entry -46`,
    // Problem 4, Question 2: 1 + 3 + … + 39 is 400; (39 + 1)/2 × 39 is 780; neither is 800.
    `${at('\\frac{39+1}{2} \\times 39')} value.wrong \\frac{39+1}{2} \\times 39`,
    `${at('800$ steps')} value.wrong 800`,
  ];
  const actual = result.diagnostics.filter((d) => d.severity !== 'info').map(describe);
  assert.deepEqual(actual, expected);
  assert.ok(result.diagnostics.filter((d) => d.severity !== 'info').every((d) => d.severity === 'error'));
});

test('reference sheet: the -46 says -96 and its fix replaces exactly that entry with -96', () => {
  const oracle = readOracle() as { 'dL/dW2': number[][] };
  const d = result.diagnostics.find((x) => x.code === 'value.wrong-entry')!;
  assert.equal(d.expected, String(oracle['dL/dW2'][1][1]));
  assert.equal(d.found, '-46');
  const fix = d.fixes.find((f) => f.isPreferred)!;
  assert.deepEqual(fix.edits, [{ span: d.span, newText: '-96' }]);
  const fixed = text.slice(0, d.span.start) + fix.edits[0].newText + text.slice(d.span.end);
  assert.equal(fixed.replace('-96 & -108', '-46 & -108'), text);
});

test('reference sheet: the convolution sum mistakes state 400 and 780', () => {
  const oracle = readOracle() as Record<string, number>;
  const wrong = result.diagnostics.filter((d) => d.code === 'value.wrong');
  assert.equal(wrong.length, 2);
  for (const d of wrong) assert.equal(d.expected, String(oracle.p4_sum_odd_1_39));
  assert.equal(wrong[0].found, String(oracle['p4_(39+1)/2*39']));
  assert.equal(wrong[1].found, '800');
});

test('reference sheet: what is not read is information with a reason, and the figures add up', () => {
  const infos = result.diagnostics.filter((d) => d.code === 'source.not-checked');
  assert.ok(infos.length > 0);
  for (const d of infos) {
    assert.equal(d.severity, 'info');
    assert.match(d.message, /^Not checked: .+\.$/);
  }
  const s = result.source;
  assert.equal(s.mathBlocks, 100, 'the sheet has 100 math spans ($…$ and $$…$$)');
  // Blocks whose math has a digit anywhere: all 100 but `$n \times n \times c$`, `$k \times k \times c$`, `$= P$`,
  // `$= S$`, `$n_{out} \times n_{out} \times \ell$` and `$g_j = \frac{\partial L}{\partial y_j}$` (counted by hand).
  assert.equal(s.withNumbers, 94);
  assert.ok(s.checked + s.notChecked - s.partly <= s.mathBlocks);
  // Blocks with an expression of numbers alone (something to compute): at least 80% checked.
  assert.ok(s.numericChecked / s.numeric >= 0.8, `${s.numericChecked} of ${s.numeric}`);
});

test('reference sheet: the units in 3000 epoch × 2 min = 6000 min are set aside, not an error', () => {
  const line = text.indexOf('3000 \\text{ epoch}');
  const near = result.diagnostics.filter((d) => d.span.start >= line && d.span.start < line + 60);
  assert.deepEqual(near, []);
});

test('reference sheet: at least 80% of the math blocks with numbers are checked, and the summary says how many', () => {
  // The 18 of the 94 not checked, by hand: ⑧ and ⑫ (∂a/∂W of a vector by a matrix has no 2-D layout); the two
  // P(\text{…}) lines; SGD, minibatch and momentum (\nabla, \sum to a free b, \begin{cases} of them); the
  // lists and bounds in free C, S, m, n, k, P (Problem 4 Question 3: `(C, C+1, \dots)`, `1, 1+S, …`,
  // `m \leq …`, `n_{out} = …`); Problem 5's `\dots` product, `\ll 1`, `\rightarrow 0`, Question 3's chain
  // (∂z_2/∂z_1 belongs to Question 2), `y_j = z_{2j} + y_{j-1}`, `g_B = …` and `g_{j-1} = …`.
  const s = result.source;
  assert.equal(s.withNumbers - s.withNumbersChecked, 18);
  assert.equal(numbersCheckedFigure(s), '76 of 94 math blocks with numbers checked (80%)');
  assert.ok(s.withNumbersChecked / s.withNumbers >= 0.8);
});

/** The link of the sheet that holds `written`, the n-th block after `after`. */
function linkAt(written: string, after: number): LinkModel {
  const start = text.indexOf(written, after);
  assert.ok(start >= 0, `the sheet contains ${written}`);
  const links = result.document.problems.flatMap((p) =>
    p.questions.flatMap((q) => q.items.flatMap((i) => (i.kind === 'statement' ? i.links : []))),
  );
  const link = links.find((l) => l.span.start <= start && l.span.end >= start + written.length);
  assert.ok(link, `a checked link holds ${written}`);
  return link;
}

test('reference sheet: the chain rules read in numerator layout are right, with PyTorch values', () => {
  const oracle = readOracle() as Record<string, number[][]>;
  const flat = (m: number[][]) => m.flat();
  const product = (a: string, b: string, c: string) =>
    `\\frac{\\partial L}{\\partial ${a}} \\cdot \\frac{\\partial ${b}}{\\partial ${c}}`;
  const implicit = (a: string, b: string, c: string) =>
    `\\frac{\\partial L}{\\partial ${a}} \\frac{\\partial ${b}}{\\partial ${c}}`;
  // ∂a^(1)/∂b^(1) is the identity, so ∂L/∂a^(1) = ∂L/∂b^(1); z^(0) = x, so ∂L/∂z^(0) = ∂L/∂x.
  const cases: [string, string, number[][]][] = [
    ['⑦', product('z^{(2)}', 'z^{(2)}', 'a^{(2)}'), oracle['dL/da2']],
    ['⑨', product('a^{(2)}', 'a^{(2)}', 'b^{(2)}'), oracle['dL/db2']],
    ['⑩', product('a^{(2)}', 'a^{(2)}', 'z^{(1)}'), oracle['dL/dz1']],
    ['⑪', product('z^{(1)}', 'z^{(1)}', 'a^{(1)}'), oracle['dL/db1']],
    ['⑬', product('a^{(1)}', 'a^{(1)}', 'b^{(1)}'), oracle['dL/db1']],
    ['\\textcircled{14}', implicit('a^{(1)}', 'a^{(1)}', 'z^{(0)}'), oracle['dL/dx']],
    ['\\textcircled{15}', implicit('z^{(0)}', 'z^{(0)}', 'x'), oracle['dL/dx']],
  ];
  for (const [label, written, truth] of cases) {
    const link = linkAt(written, text.indexOf(label));
    assert.equal(link.verdict, 'right', label);
    assert.deepEqual(link.value?.shape, [truth.length, 1], label);
    assert.deepEqual(link.value?.entries, flat(truth), label);
  }
});

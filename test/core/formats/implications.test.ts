/**
 * An implication between inequalities in free names is checked for every value (sampled integers); where it
 * fails it is not checked, with the counterexample, never an error: the student may rely on a condition the
 * math leaves unsaid.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, type LinkModel } from '../../../src/core';

function check(math: string) {
  const text = `Problem 1\n\n${math}\n`;
  const result = checkSource(text, 'markdown');
  const links: LinkModel[] = result.document.problems.flatMap((p) =>
    p.questions.flatMap((q) => q.items.flatMap((i) => (i.kind === 'statement' ? i.links : []))),
  );
  return { text, result, links };
}

test('c + 2 ≤ 36 ⇒ c ≤ 34 holds for every c: checked, right, nothing set aside', () => {
  const { result, links } = check('$c+2 \\leq 36 \\Rightarrow c \\leq 34$');
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    links.map((l) => l.verdict),
    ['truth', 'right'],
  );
  assert.equal(result.source.withNumbersChecked, 1);
});

test('a chain of implications checks each step: 1 - 0.95^N ≥ q ⇒ 0.95^N ≤ 1 - q ⇒ N ln 0.95 ≤ ln(1 - q)', () => {
  const { result, links } = check(
    '$$1 - 0.95^N \\geq q \\Rightarrow 0.95^N \\leq 1 - q \\Rightarrow N \\cdot \\ln 0.95 \\leq \\ln(1 - q)$$',
  );
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    links.map((l) => l.verdict),
    ['truth', 'right', 'truth', 'right'],
  );
});

test('c + 2 ≤ 36 ⇒ c ≤ 30 fails exactly for c = 31 … 34: not checked, with such a c, and no error', () => {
  const { text, result } = check('$c+2 \\leq 36 \\Rightarrow c \\leq 30$');
  assert.equal(result.diagnostics.length, 1);
  const [d] = result.diagnostics;
  assert.equal(d.code, 'source.not-checked');
  assert.equal(d.severity, 'info');
  assert.equal(text.slice(d.span.start, d.span.end), '\\Rightarrow c \\leq 30');
  const c = Number(/false for c = (-?\d+)/.exec(d.message)?.[1]);
  assert.ok(c >= 31 && c <= 34, d.message);
  assert.equal(result.source.withNumbersChecked, 0);
});

test('x² ≥ 4 ⇒ x ≥ 2 holds only for x ≥ 0, a condition left unsaid: not checked, not an error', () => {
  const { result } = check('$x^2 \\geq 4 \\Rightarrow x \\geq 2$');
  assert.deepEqual(
    result.diagnostics.map((d) => d.severity),
    ['info'],
  );
  const x = Number(/false for x = (-?\d+)/.exec(result.diagnostics[0].message)?.[1]);
  assert.ok(x <= -2, result.diagnostics[0].message);
});

test('with c defined, the sides are no implication in free names: 3 + 2 ≤ 36 is a claim about its value', () => {
  const text = 'Problem 1\n\n$c = 3$ and $c+2 \\leq 36 \\Rightarrow c \\leq 30$\n';
  const result = checkSource(text, 'markdown');
  assert.deepEqual(result.diagnostics, []);
  const statements = result.document.problems.flatMap((p) =>
    p.questions.flatMap((q) => q.items.flatMap((i) => (i.kind === 'statement' ? [i] : []))),
  );
  assert.ok(statements.every((s) => s.statementKind !== 'identity'));
  const claim = statements.find((s) => text.slice(s.span.start, s.span.end) === 'c+2 \\leq 36');
  assert.deepEqual(
    claim?.links.map((l) => l.verdict),
    ['truth', 'right'],
  );
});

test('equalities on both sides are definitions, not an implication to sample: n = 2 ⇒ B = 1', () => {
  const { result, links } = check('$n=2 \\Rightarrow B=1$ and $B + n = 3$');
  assert.deepEqual(result.diagnostics, []);
  assert.equal(links[links.length - 1].verdict, 'right');
});

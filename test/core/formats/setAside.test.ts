/**
 * What Markdown and LaTeX homework set aside as informal is "not checked" on
 * every surface: a link the model marks ✗ has an error or warning in the
 * Problems panel's list, and every summary counts that list.
 *
 * The reference sheet's wrong links, by hand from its known mistakes (see
 * homework1Markdown.test.ts): the `-46` of ∂L/∂W2, the `800` and the 780 of
 * `\frac{39+1}{2} \times 39`, and the ℓ=3 and ℓ=2 formulas whose value is a
 * scalar where a 2-vector follows: five. Its other four errors are the
 * undefined `a^{(0)}`/`w^{(0)}`, which are no wrong values.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkSource, type Diagnostic, type DocumentModel, type Summary } from '../../../src/core';
import { problemSymbols } from '../../../src/core/check/problemSymbols';
import { REPO_ROOT, SEED_SHEET_PATH } from '../../fixtures/paths';

const SHEETS: { name: string; file: string; format: 'markdown' | 'latex' }[] = [
  { name: 'the reference sheet', file: SEED_SHEET_PATH, format: 'markdown' },
  { name: 'md-backprop', file: path.join(REPO_ROOT, 'test/corpus/md-backprop/sheet.md'), format: 'markdown' },
  { name: 'tex-linalg', file: path.join(REPO_ROOT, 'test/corpus/tex-linalg/sheet.tex'), format: 'latex' },
];

const listed = (d: Diagnostic) => d.code !== 'value.unknown';

function countsWithin(diagnostics: readonly Diagnostic[], start: number, end: number) {
  const inside = diagnostics.filter((d) => listed(d) && d.span.start >= start && d.span.start < end);
  return {
    errors: inside.filter((d) => d.severity === 'error').length,
    warnings: inside.filter((d) => d.severity === 'warning').length,
    notes: inside.filter((d) => d.severity === 'info').length,
  };
}

const countsOf = (s: Summary) => ({ errors: s.errors, warnings: s.warnings, notes: s.notes });

function wrongLinks(document: DocumentModel) {
  return document.problems.flatMap((p) =>
    p.questions.flatMap((q) =>
      q.items.flatMap((item) => (item.kind === 'statement' ? item.links.filter((l) => l.verdict === 'wrong') : [])),
    ),
  );
}

for (const sheet of SHEETS) {
  test(`${sheet.name}: the model, the summaries and the Problems panel's list agree`, () => {
    const result = checkSource(fs.readFileSync(sheet.file, 'utf8'), sheet.format);
    const serious = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
    for (const link of wrongLinks(result.document))
      assert.ok(
        serious.some((d) => d.span.start >= link.span.start && d.span.end <= link.span.end),
        `the wrong link at ${link.span.start} has an error or warning`,
      );
    assert.deepEqual(countsOf(result.document.summary), countsWithin(result.diagnostics, 0, Infinity));
    for (const problem of result.document.problems) {
      assert.deepEqual(
        countsOf(problem.summary),
        countsWithin(result.diagnostics, problem.span.start, problem.span.end),
        `problem ${problem.number}`,
      );
      for (const question of problem.questions)
        assert.deepEqual(
          countsOf(question.summary),
          countsWithin(result.diagnostics, question.span.start, question.span.end),
          `problem ${problem.number} question ${question.number}`,
        );
    }
  });
}

test('the reference sheet: five wrong links, each a real mistake; what was set aside is no wrong link', () => {
  const result = checkSource(fs.readFileSync(SEED_SHEET_PATH, 'utf8'), 'markdown');
  assert.equal(wrongLinks(result.document).length, 5);
  assert.equal(result.document.summary.wrong, 5);
  const setAside = result.diagnostics.filter(
    (d) => d.code === 'source.not-checked' && /shapes do not fit|implication|derivative differs/.test(d.message),
  );
  assert.ok(setAside.length > 0, 'the sheet has judgements set aside');
  for (const d of setAside)
    for (const link of wrongLinks(result.document))
      assert.ok(d.span.start >= link.span.end || d.span.end <= link.span.start, 'a set-aside note lies in no ✗ link');
});

test('the set-aside model keeps the names unbuilt until read, and per problem as the checker recorded them', () => {
  const text = '## Problem 1\n\n$a = 2 + 3 = 5$\n\n## Problem 2\n\n$b = a \\times 2 = 10$\n';
  const { document } = checkSource(text, 'markdown');
  // Still a getter: nothing on the way from the check to the result read the whole table.
  assert.equal(typeof Object.getOwnPropertyDescriptor(document, 'symbols')?.get, 'function');
  assert.deepEqual(
    problemSymbols(document, 1).map((s) => s.name),
    ['b'],
  );
  assert.deepEqual(
    document.symbols.map((s) => [s.name, s.problemIndex]),
    [
      ['a', 0],
      ['b', 1],
    ],
  );
});

/**
 * One set of counts (issue 12): the view's problem and question headers, the
 * status bar and the Problems panel count the same diagnostics. The panel's
 * count is made here from the diagnostics themselves (countProblems, as the
 * publisher does); the headers read the core's summaries.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { generateHomework } from '../../../bench/generate';
import { check, type CheckResult, type Span } from '../../../src/core';
import { summaryText } from '../../../src/derivations';
import { countProblems, isInvitation } from '../../../src/extension/pure/problemCounts';
import { statusText } from '../../../src/extension/pure/statusText';
import { EXAMPLE_HOMEWORK_PATH } from '../../fixtures/paths';

/** What the Problems panel lists inside `span` (all of it without one), counted. */
function panelCounts(result: CheckResult, span?: Span) {
  return countProblems(
    result.diagnostics.filter(
      (d) => !isInvitation(d) && (!span || (d.span.start >= span.start && d.span.start < span.end)),
    ),
  );
}

function headerCounts(summary: { errors: number; warnings: number; notes: number }) {
  return { errors: summary.errors, warnings: summary.warnings, notes: summary.notes };
}

test('on the example homework, the status bar, the view headers and the Problems panel count the same', () => {
  const text = fs.readFileSync(EXAMPLE_HOMEWORK_PATH, 'utf8');
  const result = check(text);
  const panel = panelCounts(result);
  // `hwcheck examples/homework1.hw` and the language reference: 10 errors, no warning.
  assert.equal(panel.errors, 10);
  assert.equal(panel.warnings, 0);
  assert.deepEqual(headerCounts(result.document.summary), panel);
  assert.equal(statusText(panel), '✗ 10 errors ⚠ 0 warnings');
  assert.match(summaryText(result.document.summary), /^✗ 10 errors · /);
  let problemErrors = 0;
  for (const problem of result.document.problems) {
    assert.deepEqual(headerCounts(problem.summary), panelCounts(result, problem.span), problem.title);
    problemErrors += problem.summary.errors;
    for (const question of problem.questions)
      assert.deepEqual(headerCounts(question.summary), panelCounts(result, question.span), question.title);
  }
  assert.equal(problemErrors, panel.errors);
});

test('on a generated homework, the headers count exactly the errors the generator planted', () => {
  const generated = generateHomework(400);
  const result = check(generated.text);
  // The generator plants each mistake and records it; verifyHomework checks there is one diagnostic per mistake.
  assert.equal(result.document.summary.errors, generated.planted.length);
  const total = result.document.problems.reduce((sum, problem) => sum + problem.summary.errors, 0);
  assert.equal(total, generated.planted.length);
});

test('a syntax error is counted in its question header, as the Problems panel lists it', () => {
  const text = ['problem 1', 'question 1', 'x = 2 + 2 = 4', 'question 2', 'y = [5; = 5', ''].join('\n');
  const result = check(text);
  const [first, second] = result.document.problems[0].questions;
  assert.equal(first.summary.errors, 0);
  assert.deepEqual(headerCounts(second.summary), panelCounts(result, second.span));
  assert.ok(second.summary.errors >= 1);
  assert.match(summaryText(second.summary), /^✗ \d+ errors? · ✓ 0 right$/);
});

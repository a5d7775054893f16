import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, checkSourceInSteps, checkSource, HomeworkChecker, runSteps } from '../../../src/core';

const TWO_PROBLEMS = [
  'problem 1',
  'x = 2 + 2 = 5', // wrong: 4
  'y = x * 3',
  'problem 2',
  'z = 7 - 1 = 6',
  'w = z / 2 = 3',
  '',
].join('\n');

/** A signal that asks to stop once it has been read `reads` times. */
function stopAfter(reads: number): { readonly isCancellationRequested: boolean; readonly asked: number } {
  let asked = 0;
  return {
    get isCancellationRequested() {
      asked++;
      return asked > reads;
    },
    get asked() {
      return asked;
    },
  };
}

test('a check yields once per problem parsed and per statement evaluated, and run to the end is the one-run check', () => {
  const steps = new HomeworkChecker().checkInSteps(TWO_PROBLEMS);
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      assert.deepEqual(step.value.diagnostics, check(TWO_PROBLEMS).diagnostics);
      break;
    }
    yields++;
  }
  // Two problems parsed, then six statements: two problem headings and four chains.
  assert.equal(yields, 8);
});

test('a signal that asks to stop ends the check between statements, with no result', () => {
  const signal = stopAfter(3);
  assert.equal(runSteps(new HomeworkChecker().checkInSteps(TWO_PROBLEMS), signal), undefined);
  // Read before each of three steps, then once more: the fourth step never ran.
  assert.equal(signal.asked, 4);
});

test('a stopped check keeps the problems it finished; a later check gives the same verdicts', () => {
  const checker = new HomeworkChecker();
  // Both problems parsed, problem 1 (3 statements) finished, problem 2 stopped after its heading.
  assert.equal(runSteps(checker.checkInSteps(TWO_PROBLEMS), stopAfter(6)), undefined);
  const steps = checker.checkInSteps(TWO_PROBLEMS);
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  // Nothing parsed again, and only problem 2's three statements evaluated again.
  assert.equal(yields, 3);
  assert.deepEqual(step.value.diagnostics, check(TWO_PROBLEMS).diagnostics);
});

test('of two overlapping checks, the one started last is remembered', () => {
  const checker = new HomeworkChecker();
  const older = checker.checkInSteps(TWO_PROBLEMS);
  older.next();
  const newerText = TWO_PROBLEMS.replace('= 5', '= 4');
  const newer = checker.check(newerText);
  assert.equal(newer.diagnostics.length, 0);
  const olderResult = runSteps(older);
  assert.equal(olderResult.diagnostics.length, 1);
  // The newer text is still what the checker holds: checking it again is the remembered result itself.
  assert.equal(checker.check(newerText), newer);
});

test('Markdown is checked in steps too, with the same result', () => {
  const markdown = 'Problem 1\n\n$x = 2 + 2 = 5$\n\n$y = 3 \\cdot 3 = 9$\n';
  const steps = checkSourceInSteps(markdown, 'markdown');
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  assert.ok(yields >= 3, `${yields} steps`);
  assert.deepEqual(step.value.diagnostics, checkSource(markdown, 'markdown').diagnostics);
  assert.equal(step.value.diagnostics.filter((d) => d.severity === 'error').length, 1);
});

test('a sliced re-check after an edit above every problem shifts them a batch per step, with the one-run verdicts', async () => {
  const { generateHomework } = await import('../../../bench/generate');
  const text = generateHomework(2000).text;
  const edited = text.replace('\nproblem 1', '\n# a comment above every problem\nproblem 1');
  assert.notEqual(edited, text);
  const checker = new HomeworkChecker();
  runSteps(checker.checkInSteps(text));
  const steps = checker.checkInSteps(edited);
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  const problems = step.value.document.problems.length;
  // No problem changed: none is parsed or evaluated again, but every one moved, 16 per step (and the lookups).
  assert.ok(problems > 40, `${problems} problems`);
  assert.ok(yields >= Math.floor(problems / 16), `${yields} steps for ${problems} problems shifted`);
  assert.deepEqual(step.value.diagnostics, new HomeworkChecker().check(edited).diagnostics);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HomeworkChecker } from '../../../src/core';
import {
  fillEdits,
  findCoreDiagnostics,
  fixAllEdits,
  offerAsPreferred,
  orderedFixes,
  PreferredFixes,
} from '../../../src/extension/pure/fixes';
import { FILL_B, RESULT, spanOf, WRONG_ENTRY } from './fixture';

test('the preferred fix is offered first', () => {
  assert.deepEqual(
    orderedFixes(WRONG_ENTRY).map((fix) => fix.kind),
    ['replace-value', 'use-approx'],
  );
});

function checked(text: string) {
  const checker = new HomeworkChecker();
  return {
    text,
    result: checker.check(text),
    recheck: (variant: string) => checker.checkVariant(variant),
    recheckInSteps: (variant: string) => checker.checkVariantInSteps(variant),
  };
}

const HOMEWORK = ['problem 1', 'question 1', 'x = 2 + 2 = 5', 'question 2', 'y = x ⊙ 3 = ?', ''].join('\n');

test('fix all takes the verified safe fixes and leaves every ? alone (issue 12, item 3)', async () => {
  const c = checked(HOMEWORK);
  const five = HOMEWORK.indexOf('5');
  // 2 + 2 is 4; the ? stays for Solve or Fill All Unknowns.
  assert.deepEqual(await fixAllEdits(c.text, c.result, c.recheckInSteps), [
    { span: { start: five, end: five + 1 }, newText: '4' },
  ]);
});

test('fix all stops, with no edits, once its request is cancelled', async () => {
  const c = checked(HOMEWORK);
  assert.equal(await fixAllEdits(c.text, c.result, c.recheckInSteps, { isCancellationRequested: true }), undefined);
});

test('fill edits are limited to the given span, and each reads back as its value', async () => {
  const c = checked(HOMEWORK);
  const [questionOne, questionTwo] = c.result.document.problems[0].questions;
  const mark = HOMEWORK.indexOf('?');
  // 4 ⊙ 3 in truth is 12.
  assert.deepEqual(await fillEdits(c.text, c.result, c.recheckInSteps, questionTwo.span), {
    edits: [{ span: { start: mark, end: mark + 1 }, newText: '12' }],
    refused: 0,
  });
  assert.deepEqual(await fillEdits(c.text, c.result, c.recheckInSteps, questionOne.span), { edits: [], refused: 0 });
  const shadowed = checked('v = 2 L\nL = 3\nv = ?');
  assert.deepEqual(await fillEdits(shadowed.text, shadowed.result, shadowed.recheckInSteps), {
    edits: [],
    refused: 1,
  });
});

test('Fill All stops, with no fills, once its request is cancelled', async () => {
  const c = checked(HOMEWORK);
  assert.equal(
    await fillEdits(c.text, c.result, c.recheckInSteps, undefined, { isCancellationRequested: true }),
    undefined,
  );
});

test('the light bulb marks a fix preferred only when a re-check with it shows no new error', () => {
  const c = checked('v = 2 L\nL = 3\nv = ?');
  const fill = c.result.diagnostics.flatMap((d) => d.fixes).find((f) => f.kind === 'fill-unknown')!;
  assert.equal(fill.isPreferred, true);
  assert.equal(offerAsPreferred(c.text, c.result, fill, c.recheck), false);
  const right = checked(HOMEWORK);
  const value = right.result.diagnostics.flatMap((d) => d.fixes).find((f) => f.kind === 'replace-value')!;
  assert.equal(offerAsPreferred(right.text, right.result, value, right.recheck), true);
});

test('the light bulb re-checks once per fix and document version, not on every cursor move (issue 12)', async () => {
  const checker = new HomeworkChecker();
  const text = ['problem 1', 'x = 2 + 2 = 5', 'y = 3 * 3 = 10', ''].join('\n');
  const result = checker.check(text);
  let rechecks = 0;
  const recheck = (variant: string) => {
    rechecks++;
    return checker.checkVariantInSteps(variant);
  };
  const fixes = result.diagnostics.flatMap((d) => d.fixes).filter((f) => f.isPreferred);
  // 2 + 2 is 4 and 3 * 3 is 9: one preferred fix on each wrong value.
  assert.equal(fixes.length, 2);
  const preferred = new PreferredFixes();
  // The cursor moves over both lines three times; VS Code asks for the light bulb at each move.
  for (let move = 0; move < 3; move++)
    for (const fix of fixes) assert.equal(await preferred.offer(text, result, fix, recheck), true);
  assert.equal(rechecks, 2);
  // The next version is a new result: its fixes are verified again.
  const edited = text.replace('= 5', '= 6');
  const next = checker.check(edited);
  for (const fix of next.diagnostics.flatMap((d) => d.fixes).filter((f) => f.isPreferred))
    await preferred.offer(edited, next, fix, recheck);
  assert.equal(rechecks, 4);
});

test('an editor diagnostic is re-found by code and span, not by message', () => {
  assert.deepEqual(findCoreDiagnostics(RESULT, 'value.wrong-entry', spanOf('-46')), [WRONG_ENTRY]);
  assert.deepEqual(findCoreDiagnostics(RESULT, 'value.unknown', spanOf('-46')), []);
  assert.deepEqual(findCoreDiagnostics(RESULT, 'value.unknown', spanOf('?')), [FILL_B]);
});

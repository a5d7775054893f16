/**
 * Fix verification in slices (issue 12): the light bulb's and Fix All's re-checks run as steps with a turn of
 * the event loop between slices, and must choose exactly what the one-go verification (`hwcheck --fix`) does.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { generateHomework } from '../../../bench/generate';
import {
  checkSource,
  checkSourceInSteps,
  fillFixes,
  HomeworkChecker,
  safeFixCandidates,
  selectSafeFixes,
  selectSafeFixesInSteps,
  selectVerified,
  selectVerifiedInSteps,
  verifyFix,
  verifyFixInSteps,
  type CheckResult,
  type Recheck,
  type RecheckInSteps,
  type Selection,
} from '../../../src/core';
import { fixAllEdits, PreferredFixes } from '../../../src/extension/pure/fixes';
import { NODE_SLICE_HOST, runInSlices, type SliceHost } from '../../../src/extension/pure/slicedRuns';
import { EXAMPLE_HOMEWORK_PATH, SEED_SHEET_PATH } from '../../fixtures/paths';

/** A slice of no time at all: a pause after every step, each a real turn of the event loop. */
function pausingHost(): SliceHost & { pauses: number } {
  const host = {
    pauses: 0,
    now: NODE_SLICE_HOST.now,
    pause: () => {
      host.pauses++;
      return NODE_SLICE_HOST.pause();
    },
  };
  return host;
}

interface Checked {
  readonly text: string;
  readonly result: CheckResult;
  readonly recheck: Recheck;
  readonly recheckInSteps: RecheckInSteps;
}

function checkedHw(text: string): Checked {
  const checker = new HomeworkChecker();
  return {
    text,
    result: checker.check(text),
    recheck: (variant) => checker.checkVariant(variant),
    recheckInSteps: (variant) => checker.checkVariantInSteps(variant),
  };
}

function checkedMarkdown(text: string): Checked {
  return {
    text,
    result: checkSource(text, 'markdown'),
    recheck: (variant) => checkSource(variant, 'markdown'),
    recheckInSteps: (variant) => checkSourceInSteps(variant, 'markdown'),
  };
}

/** What a selection chose, comparable across two checks of the same text. */
function chosen(selection: Selection) {
  return {
    edits: selection.edits,
    fixes: selection.fixes.map((fix) => fix.edits),
    text: selection.text,
    refused: selection.refused,
    diagnostics: selection.result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.span.start}-${d.span.end}`),
  };
}

const THREE_WRONG = ['problem 1', 'x = 2 + 2 = 5', 'y = 3 * 3 = 10', 'z = 1 + 1 = 3', ''].join('\n');

const HOMEWORKS: readonly (readonly [string, () => Checked])[] = [
  ['the example homework', () => checkedHw(fs.readFileSync(EXAMPLE_HOMEWORK_PATH, 'utf8'))],
  ['a generated 2,000-statement homework', () => checkedHw(generateHomework(2000).text)],
  ['the seed sheet in Markdown', () => checkedMarkdown(fs.readFileSync(SEED_SHEET_PATH, 'utf8'))],
  ['three wrong values', () => checkedHw(THREE_WRONG)],
];

for (const [name, checkIt] of HOMEWORKS) {
  test(`${name}: Fix All and the fills verified in slices choose exactly what one go chooses`, async () => {
    const c = checkIt();
    const host = pausingHost();
    const oneGo = selectSafeFixes(c.text, c.result, c.recheck);
    const sliced = await runInSlices(selectSafeFixesInSteps(c.text, c.result, c.recheckInSteps), undefined, host, 0);
    assert.ok(sliced);
    assert.deepEqual(chosen(sliced), chosen(oneGo));
    assert.ok(host.pauses > 0);
    assert.deepEqual(await fixAllEdits(c.text, c.result, c.recheckInSteps, undefined, host), oneGo.edits);

    const fills = fillFixes(c.result.diagnostics);
    const fillsSliced = await runInSlices(
      selectVerifiedInSteps(c.text, c.result, fills, c.recheckInSteps),
      undefined,
      host,
      0,
    );
    assert.deepEqual(chosen(fillsSliced!), chosen(selectVerified(c.text, c.result, fills, c.recheck)));

    for (const fix of safeFixCandidates(c.result.diagnostics).slice(0, 8)) {
      const verdict = await runInSlices(verifyFixInSteps(c.text, c.result, fix, c.recheckInSteps), undefined, host, 0);
      assert.equal(verdict, verifyFix(c.text, c.result, fix, c.recheck));
    }
  });
}

test('a batch with a fix that adds an error: each fix tried alone, in slices as in one go', async () => {
  const text = 'x = 2 + 2 = 5\ny = 3 + 3 = 6\nz = 1 + 1 = 3';
  const c = checkedHw(text);
  const replace = (written: string, by: string, from: number) => {
    const at = text.indexOf(written, from);
    const edits = [{ span: { start: at, end: at + written.length }, newText: by }];
    return { kind: 'replace-value' as const, title: `Change to ${by}`, edits, isPreferred: true, safe: true };
  };
  // 2 + 2 is 4 and 1 + 1 is 2; 3 + 3 is 6, so writing 7 makes a new error.
  const candidates = [replace('5', '4', 0), replace('6', '7', 0), replace('3', '2', text.indexOf('z'))];
  const oneGo = selectVerified(text, c.result, candidates, c.recheck);
  assert.equal(oneGo.refused, 1);
  const sliced = await runInSlices(
    selectVerifiedInSteps(text, c.result, candidates, c.recheckInSteps),
    undefined,
    pausingHost(),
    0,
  );
  assert.deepEqual(chosen(sliced!), chosen(oneGo));
});

test('600 wrong values, each with its fix: all applied, in slices as in one go', async () => {
  const written: string[] = [];
  const right: string[] = [];
  for (let problem = 1; problem <= 20; problem++) {
    written.push(`problem ${problem}`);
    right.push(`problem ${problem}`);
    for (let i = 0; i < 30; i++) {
      // i + 1, written one too many.
      written.push(`x${i} = ${i} + 1 = ${i + 2}`);
      right.push(`x${i} = ${i} + 1 = ${i + 1}`);
    }
  }
  const c = checkedHw(written.join('\n') + '\n');
  const oneGo = selectSafeFixes(c.text, c.result, c.recheck);
  assert.equal(oneGo.text, right.join('\n') + '\n');
  assert.equal(oneGo.edits.length, 600);
  const sliced = await runInSlices(
    selectSafeFixesInSteps(c.text, c.result, c.recheckInSteps),
    undefined,
    pausingHost(),
    0,
  );
  assert.deepEqual(chosen(sliced!), chosen(oneGo));
});

test('the generated homework and the example have fixes to verify (the comparison above is not empty)', () => {
  assert.ok(checkIt('the example homework').result.diagnostics.some((d) => d.fixes.length > 0));
  const generated = checkIt('a generated 2,000-statement homework');
  assert.ok(selectSafeFixes(generated.text, generated.result, generated.recheck).edits.length > 0);
});

function checkIt(name: string): Checked {
  return HOMEWORKS.find(([n]) => n === name)![1]();
}

test('a verification in slices stops when its request is cancelled, and gives no verdict', async () => {
  const c = checkedHw(generateHomework(2000).text);
  const signal = { isCancellationRequested: false };
  let pauses = 0;
  // A clock that passes a whole slice per reading: every step ends a slice, however fast the machine is.
  let clock = 0;
  const host: SliceHost = {
    now: () => (clock += 1000),
    pause: () => {
      if (++pauses === 3) signal.isCancellationRequested = true;
      return NODE_SLICE_HOST.pause();
    },
  };
  assert.equal(await fixAllEdits(c.text, c.result, c.recheckInSteps, signal, host), undefined);
  assert.equal(pauses, 3);
});

test('the light bulb: a cancelled asker gets no verdict, and the next asker gets the one-go verdict', async () => {
  const c = checkedHw(THREE_WRONG);
  const fix = safeFixCandidates(c.result.diagnostics)[0];
  const preferred = new PreferredFixes();
  const cancelled = {
    isCancellationRequested: true,
    onCancellationRequested: () => ({ dispose: () => undefined }),
  };
  assert.equal(await preferred.offer(c.text, c.result, fix, c.recheckInSteps, cancelled), undefined);
  assert.equal(
    await preferred.offer(c.text, c.result, fix, c.recheckInSteps),
    verifyFix(c.text, c.result, fix, c.recheck),
  );
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { generateHomework } from '../../../bench/generate';
import { check, HomeworkChecker, type CheckResult, type Steps } from '../../../src/core';
import {
  NODE_SLICE_HOST,
  SlicedRuns,
  type CancellationToken,
  type SliceHost,
} from '../../../src/extension/pure/slicedRuns';
import { EXAMPLE_HOMEWORK_PATH } from '../../fixtures/paths';

/** A CancellationToken as VS Code's behaves: listeners are told once, when it is cancelled. */
class FakeToken implements CancellationToken {
  isCancellationRequested = false;
  private listeners: (() => void)[] = [];

  onCancellationRequested(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  cancel(): void {
    this.isCancellationRequested = true;
    for (const listener of this.listeners) listener();
  }
}

/** A clock that moves one millisecond per reading, and a pause that counts and may act. */
function fakeHost(onPause: (pauses: number) => void = () => undefined): SliceHost & { pauses: number } {
  let now = 0;
  const host = {
    pauses: 0,
    now: () => now++,
    pause: async () => {
      host.pauses++;
      onPause(host.pauses);
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
  return host;
}

/** The check's steps, counting the statements evaluated and calling `publish` with the result at the end. */
function counted(
  steps: Steps<CheckResult>,
  publish: (result: CheckResult) => void,
): { steps: Steps<CheckResult>; statements: () => number } {
  let statements = 0;
  function* run(): Steps<CheckResult> {
    for (;;) {
      const step = steps.next();
      if (step.done) {
        publish(step.value);
        return step.value;
      }
      statements++;
      yield;
    }
  }
  return { steps: run(), statements: () => statements };
}

const LONG = generateHomework(2000).text;

test('cancelling mid-check of a long file answers at once, stops the work, publishes nothing (issue 12, item 7)', async () => {
  const token = new FakeToken();
  const host = fakeHost((pauses) => {
    if (pauses === 3) token.cancel();
  });
  const published: CheckResult[] = [];
  const work = counted(new HomeworkChecker().checkInSteps(LONG), (result) => published.push(result));
  const runs = new SlicedRuns<CheckResult>(undefined, host, 5);
  const answer = await runs.request('long.hw', 1, () => work.steps, token);
  assert.equal(answer, undefined);
  const evaluated = work.statements();
  // The clock moves 1 per reading: a slice is read at its start and after each statement, and ends when
  // it has moved 5, so a slice is 5 statements; the token is cancelled in the third pause: 3 slices of 5.
  assert.equal(evaluated, 15);
  // Given time, the stopped run takes no further step.
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal(work.statements(), evaluated);
  assert.deepEqual(published, []);
  assert.equal(runs.isRunning('long.hw'), false);
});

test('a run goes on while someone still waits for it, and stops when the last one cancels', async () => {
  const first = new FakeToken();
  const second = new FakeToken();
  const host = fakeHost((pauses) => {
    if (pauses === 2) first.cancel();
    if (pauses === 4) second.cancel();
  });
  const work = counted(new HomeworkChecker().checkInSteps(LONG), () => assert.fail('published'));
  const runs = new SlicedRuns<CheckResult>(undefined, host, 5);
  const answers = [
    runs.request('long.hw', 1, () => work.steps, first),
    runs.request('long.hw', 1, () => assert.fail('a second run of the same version'), second),
  ];
  assert.deepEqual(await Promise.all(answers), [undefined, undefined]);
  // Both askers have cancelled: the run stopped after the fourth pause (4 slices of 5 statements).
  assert.equal(runs.isRunning('long.hw'), false);
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal(work.statements(), 20);

  // An asker without a token keeps its run going after another asker cancels, until a newer version is asked for.
  const third = new FakeToken();
  const kept = runs.request('kept.hw', 1, () => new HomeworkChecker().checkInSteps(LONG));
  const cancelled = runs.request('kept.hw', 1, () => assert.fail('a second run of the same version'), third);
  third.cancel();
  assert.equal(await cancelled, undefined);
  await new Promise<void>((resolve) => setImmediate(resolve));
  assert.equal(runs.isRunning('kept.hw'), true);
  const newer = runs.request('kept.hw', 2, () => new HomeworkChecker().checkInSteps('x = 1 + 1 = 2\n'));
  assert.equal(await kept, undefined);
  assert.equal((await newer)?.diagnostics.length, 0);
  assert.equal(runs.isRunning('kept.hw'), false);
});

test('a check of a newer version stops the older run; the older one answers undefined', async () => {
  const runs = new SlicedRuns<CheckResult>(undefined, fakeHost(), 5);
  const older = runs.request('a.hw', 1, () => new HomeworkChecker().checkInSteps(LONG));
  const newer = runs.request('a.hw', 2, () => new HomeworkChecker().checkInSteps('x = 2 * 3 = 5\n'));
  assert.equal(await older, undefined);
  assert.equal((await newer)?.diagnostics.length, 1);
});

test('a version checked at once answers the askers of its sliced run', async () => {
  const runs = new SlicedRuns<CheckResult>(undefined, fakeHost(), 5);
  const asked = runs.request('a.hw', 3, () => new HomeworkChecker().checkInSteps(LONG));
  const now = check('x = 1\n');
  runs.settle('a.hw', 3, now);
  assert.equal(await asked, now);
});

async function sliced(text: string): Promise<{ result: CheckResult; pauses: number }> {
  let pauses = 0;
  const host: SliceHost = {
    now: NODE_SLICE_HOST.now,
    pause: () => {
      pauses++;
      return NODE_SLICE_HOST.pause();
    },
  };
  const runs = new SlicedRuns<CheckResult>((error) => assert.fail(String(error)), host, 2);
  const result = await runs.request('x.hw', 1, () => new HomeworkChecker().checkInSteps(text));
  assert.ok(result);
  return { result, pauses };
}

for (const [name, text] of [
  ['the example homework', fs.readFileSync(EXAMPLE_HOMEWORK_PATH, 'utf8')],
  ['a generated 2,000-statement homework', LONG],
  ['a generated 10,000-statement homework', generateHomework(10000).text],
] as const) {
  test(`checked in slices, ${name} gets exactly the diagnostics and counts of one run`, async () => {
    const whole = check(text);
    const { result, pauses } = await sliced(text);
    // Slices of 2 ms: a long file pauses many times (the example at least once on any machine's clock).
    assert.ok(pauses >= (text === LONG ? 20 : 1), `${pauses} pauses`);
    assert.deepEqual(result.diagnostics, whole.diagnostics);
    assert.deepEqual(result.document.summary, whole.document.summary);
    assert.deepEqual(
      result.document.problems.map((p) => p.summary),
      whole.document.problems.map((p) => p.summary),
    );
  });
}

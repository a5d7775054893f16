import assert from 'node:assert/strict';
import { test } from 'node:test';
import { longestTasks, type CpuProfile } from '../../bench/profileBlocks';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 9, columnNumber: 0 });

/** Root › idle, timers › work, GC, immediates › other, native: samples 1 ms apart. */
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5, 6] },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('processTimers', 'node:timers'), children: [7] },
    { id: 4, callFrame: frame('(garbage collector)') },
    { id: 5, callFrame: frame('processImmediate', 'node:timers'), children: [8] },
    { id: 6, callFrame: frame('(program)') },
    { id: 7, callFrame: frame('work', 'file:///x/extension.js') },
    { id: 8, callFrame: frame('other', 'file:///x/extension.js') },
  ],
  startTime: 0,
  // idle, a timer's work (with a GC in it), an immediate's work straight after, idle, native then work, idle.
  samples: [2, 7, 7, 4, 7, 8, 8, 2, 6, 8, 2],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

test("a profile's tasks are runs of busy samples, split where the outermost frame changes, longest first", () => {
  const tasks = longestTasks(PROFILE, 5);
  assert.deepEqual(
    tasks.map((task) => [task.startMs, task.durationMs]),
    [
      [1, 4],
      [5, 2],
      [8, 2],
    ],
  );
  // The garbage collector's sample belongs to the timer's task it interrupted.
  assert.deepEqual(tasks[0].self, [
    ['work extension.js:10', 3],
    ['(garbage collector)', 1],
  ]);
  // Ties keep the order first seen, from the leaf up.
  assert.deepEqual(tasks[0].inclusive.slice(0, 3), [
    ['(root)', 4],
    ['work extension.js:10', 3],
    ['processTimers node:timers:10', 3],
  ]);
  assert.equal(longestTasks(PROFILE, 1).length, 1);
  assert.deepEqual(
    tasks.map((task) => task.silentMs),
    [0, 0, 0],
  );
});

test('a long silence after a sample is counted as time the thread did not run', () => {
  // The second sample of the timer's work is followed by 30 ms without a sample.
  const deltas = [...PROFILE.timeDeltas];
  deltas[3] = 30_000;
  const [task] = longestTasks({ ...PROFILE, timeDeltas: deltas }, 1);
  assert.deepEqual([task.durationMs, task.silentMs], [33, 30]);
});

/**
 * `node out/bench/profileBlocks.js <file.cpuprofile> [tasks] [frames]`: the longest tasks of a CPU
 * profile (Chrome DevTools' format, as `HW_BENCH_PROFILE` of `npm run bench:editor` writes them) and what
 * each spent its time in. A task is a run of samples with no idle sample between them and the same
 * outermost frame (a turn of the event loop that goes straight on to the next, as a sliced run's
 * `setImmediate` does, starts a new one; the garbage collector's and native samples belong to the task
 * they interrupt): what blocked the thread in one go, near enough. For each, the functions with the most
 * time inclusive of what they called, so that the frame that starts the work (a message handler, a timer)
 * and the one that does it both show.
 *
 * A sample followed by a long silence (more than {@link SILENCE_MS}) is a thread that was not running: on a
 * loaded machine the OS did not schedule it (or the profiler), and the profile pins the whole gap on whatever
 * was on the stack. Each task says how much of it was such silence.
 */
import * as fs from 'fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileTask {
  /** Start, in ms from the profile's start. */
  readonly startMs: number;
  readonly durationMs: number;
  /** Of which in silences between samples: time the thread did not run (see above). */
  readonly silentMs: number;
  /** Function (`name url:line`) → ms inclusive, most first. */
  readonly inclusive: readonly (readonly [string, number])[];
  /** Function → ms of its own, most first. */
  readonly self: readonly (readonly [string, number])[];
}

const IDLE = '(idle)';
/** A gap between two samples this long is no work of the thread's: samples come every 0.25-1 ms. */
export const SILENCE_MS = 10;
/** Samples that belong to whatever task they interrupt. */
const NEUTRAL = new Set(['(garbage collector)', '(program)']);

function frameName(frame: CallFrame): string {
  const file = frame.url ? frame.url.slice(frame.url.lastIndexOf('/') + 1) : '';
  return `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
}

/** The profile's tasks, longest first. */
export function longestTasks(profile: CpuProfile, count: number): ProfileTask[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  /** The frame just under the root: which turn of the event loop a sample is in. */
  const outermost = (id: number): number => {
    let at = id;
    for (let up = parent.get(at); up !== undefined && parent.has(up); up = parent.get(at)) at = up;
    return at;
  };

  // Sample i lasts until the next one: its duration is the next delta.
  const runs: { from: number; to: number; startMs: number; durationMs: number; silentMs: number }[] = [];
  let elapsed = 0;
  let open: (typeof runs)[number] | undefined;
  let openFrame: number | undefined;
  for (let i = 0; i < profile.samples.length; i++) {
    elapsed += profile.timeDeltas[i] / 1000;
    const duration = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = byId.get(profile.samples[i])?.callFrame.functionName;
    if (name === IDLE) {
      open = undefined;
      openFrame = undefined;
      continue;
    }
    if (!NEUTRAL.has(name ?? '')) {
      const frame = outermost(profile.samples[i]);
      if (openFrame !== undefined && frame !== openFrame) open = undefined;
      openFrame = frame;
    }
    if (!open) {
      open = { from: i, to: i + 1, startMs: elapsed, durationMs: 0, silentMs: 0 };
      runs.push(open);
    }
    open.to = i + 1;
    open.durationMs += duration;
    if (duration > SILENCE_MS) open.silentMs += duration;
  }
  runs.sort((a, b) => b.durationMs - a.durationMs);
  return runs.slice(0, count).map((run) => {
    const inclusive = new Map<string, number>();
    const self = new Map<string, number>();
    for (let i = run.from; i < run.to; i++) {
      const duration = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const leaf = byId.get(profile.samples[i]);
      if (!leaf) continue;
      const leafName = frameName(leaf.callFrame);
      self.set(leafName, (self.get(leafName) ?? 0) + duration);
      const seen = new Set<string>();
      for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
        const name = frameName(byId.get(id)!.callFrame);
        if (seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + duration);
      }
    }
    const mostFirst = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
    return {
      startMs: run.startMs,
      durationMs: run.durationMs,
      silentMs: run.silentMs,
      inclusive: mostFirst(inclusive),
      self: mostFirst(self),
    };
  });
}

function main(): void {
  const [file, tasks = '5', frames = '25'] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node out/bench/profileBlocks.js <file.cpuprofile> [tasks] [frames]\n');
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  for (const task of longestTasks(profile, Number(tasks))) {
    const silent = task.silentMs > 0 ? ` (${task.silentMs.toFixed(1)} ms of it not running: machine load)` : '';
    process.stdout.write(`task at ${task.startMs.toFixed(0)} ms: ${task.durationMs.toFixed(1)} ms${silent}\n`);
    process.stdout.write('  inclusive:\n');
    for (const [name, ms] of task.inclusive.slice(0, Number(frames)))
      process.stdout.write(`    ${ms.toFixed(1).padStart(7)} ms  ${name}\n`);
    process.stdout.write('  self:\n');
    for (const [name, ms] of task.self.slice(0, 8))
      process.stdout.write(`    ${ms.toFixed(1).padStart(7)} ms  ${name}\n`);
  }
}

if (require.main === module) main();

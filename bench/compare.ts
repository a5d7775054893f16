/**
 * This checkout's checker against another built checkout's, on the same
 * generated 2-D homework: the full check and the re-check after one edited
 * line, at 1,000 and 10,000 statements. A regression budget ("within 10% of
 * release X") needs the two timed side by side, since absolute times on a
 * shared machine move more than that between runs.
 *
 * Each measurement runs in a fresh process (one checker per process, so
 * neither warms or pollutes the other's JIT and heap), the two alternating,
 * several processes each; a process reports the median of its rounds and the
 * figure is the median over processes. The homework comes from this
 * checkout's generator for both sides. Both sides warm up on the same
 * amount of work before they are timed.
 *
 * Usage: npm run bench:compare -- <other checkout>   (its `out/` built with tsc -p tsconfig.test.json)
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { editMiddleProblem, generateHomework } from './generate';

type Mode = 'full' | 'recheck';

interface CoreModule {
  check(text: string): unknown;
  HomeworkChecker: new () => { check(text: string): unknown };
}

const ROUNDS: Record<number, number> = { 1000: 25, 10000: 6 };
const PROCESSES = 6;
const WARMUP_STATEMENTS = 30_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** In the child: time one checkout's checker and print the median in ms. */
function child(root: string, statements: number, mode: Mode): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(path.join(root, 'out', 'src', 'core')) as CoreModule;
  const homework = generateHomework(statements);
  let run: () => void;
  if (mode === 'full') run = () => core.check(homework.text);
  else {
    const checker = new core.HomeworkChecker();
    checker.check(homework.text);
    const texts = [editMiddleProblem(homework), homework.text];
    let i = 0;
    run = () => checker.check(texts[i++ % 2]);
  }
  const rounds = ROUNDS[statements] ?? 5;
  // A re-check is short: several per round, so that one round is not mostly timer and GC noise.
  const perRound = mode === 'recheck' ? 8 : 1;
  // Warm-up by work, not by count: every size first checks about 30,000 statements, so the 1k row is
  // not timed while the JIT is still compiling what the 10k row's warm-up already compiled.
  const warmups = Math.max(3, Math.ceil(WARMUP_STATEMENTS / statements));
  for (let i = 0; i < warmups * perRound; i++) run();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) run();
    times.push((performance.now() - start) / perRound);
  }
  process.stdout.write(`${median(times)}\n`);
}

function timeIn(root: string, statements: number, mode: Mode): number {
  const result = spawnSync(process.execPath, [__filename, '--child', root, String(statements), mode], {
    encoding: 'utf8',
  });
  const ms = Number(result.stdout.trim());
  if (result.status !== 0 || !Number.isFinite(ms))
    throw new Error(`timing ${root} failed: ${result.stderr || result.stdout}`);
  return ms;
}

function main(): void {
  const [flag, ...rest] = process.argv.slice(2);
  if (flag === '--child') return child(rest[0], Number(rest[1]), rest[2] as Mode);
  if (!flag) {
    process.stderr.write('usage: npm run bench:compare -- <other checkout, built with tsc -p tsconfig.test.json>\n');
    process.exitCode = 2;
    return;
  }
  const here = path.resolve(__dirname, '..', '..');
  const other = path.resolve(flag);
  const load = () => os.loadavg()[0].toFixed(1);
  console.log(`this checkout against ${other} · node ${process.version} · load ${load()} (1-min avg)`);
  console.log(`medians over ${PROCESSES} alternating processes of each; a process reports the median of its rounds\n`);
  console.log('statements  check       other       this    this/other');
  for (const statements of [1000, 10000]) {
    for (const mode of ['full', 'recheck'] as const) {
      const mine: number[] = [];
      const theirs: number[] = [];
      for (let p = 0; p < PROCESSES; p++) {
        theirs.push(timeIn(other, statements, mode));
        mine.push(timeIn(here, statements, mode));
      }
      const a = median(theirs);
      const b = median(mine);
      const label = mode === 'full' ? 'full' : 're-check';
      console.log(
        `${statements.toLocaleString('en-US').padStart(10)}  ${label.padEnd(9)} ${a.toFixed(2).padStart(8)} ms ${b
          .toFixed(2)
          .padStart(8)} ms ${(b / a).toFixed(3).padStart(9)}`,
      );
    }
  }
  console.log(`\nload at the end ${load()}`);
}

main();

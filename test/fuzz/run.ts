/**
 * `npm run fuzz`: the long run. Checks `--inputs` inputs (default 100,000)
 * of a seed against the properties, in one long-lived process; then a
 * second process checks a sample of them in reverse order (every input a
 * different history) and the diagnostics must match. Each failing input is
 * written to test/fuzz/regressions/, where `npm test` replays it.
 *
 *   npm run fuzz -- --inputs 100000 --seed 8
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../fixtures/paths';
import { inputs } from './inputs';
import { checkProperties, digestOf } from './properties';
import { check } from '../../src/core';

const REGRESSIONS = path.join(REPO_ROOT, 'test', 'fuzz', 'regressions');
/** Slow inputs kept as regression files per run (each costs its seconds in every `npm test`). */
const MAX_SLOW_FILES = 3;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Child mode: check the texts of a JSON file in reverse order and print their digests in input order. */
function historyCheck(file: string): void {
  const texts = JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
  const digests: string[] = new Array(texts.length);
  for (let i = texts.length - 1; i >= 0; i--) digests[i] = digestOf(check(texts[i]));
  process.stdout.write(JSON.stringify(digests));
}

function save(property: string, text: string): string {
  const name = `${property}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.hw`;
  fs.mkdirSync(REGRESSIONS, { recursive: true });
  fs.writeFileSync(path.join(REGRESSIONS, name), text);
  return name;
}

function main(): void {
  const historyFile = process.argv.indexOf('--history');
  if (historyFile >= 0) return historyCheck(process.argv[historyFile + 1]);

  const count = flag('inputs', 100_000);
  const seed = flag('seed', 8);
  const sampleEvery = flag('sample-every', 20);
  const input = inputs(seed);
  const counts = { throws: 0, slow: 0, span: 0, message: 0, fix: 0 };
  const saved = new Set<string>();
  let slowest = { ms: 0, index: -1, chars: 0 };
  const sample: { index: number; text: string; digest: string }[] = [];
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    const text = input(i);
    const outcome = checkProperties(text);
    if (outcome.ms > slowest.ms) slowest = { ms: outcome.ms, index: i, chars: text.length };
    for (const f of outcome.failures) {
      counts[f.property]++;
      // A slow input's detail is its time: keep the first few, not one file per millisecond figure.
      const key =
        f.property === 'slow'
          ? `slow:${Math.min(counts.slow, MAX_SLOW_FILES)}`
          : `${f.property}:${f.detail.split('\n')[0].slice(0, 80)}`;
      if (!saved.has(key)) {
        saved.add(key);
        console.log(
          `input ${i}: ${f.property}: ${f.detail.split('\n').slice(0, 4).join(' | ')} → ${save(f.property, text)}`,
        );
      }
    }
    if (i % sampleEvery === 0 && outcome.failures.length === 0) sample.push({ index: i, text, digest: outcome.digest });
    if ((i + 1) % 5000 === 0) console.log(`${i + 1} inputs, ${Math.round((Date.now() - started) / 1000)} s`);
  }

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hwfuzz-')), 'sample.json');
  fs.writeFileSync(file, JSON.stringify(sample.map((s) => s.text)));
  const digests = JSON.parse(
    execFileSync(process.execPath, [__filename, '--history', file], { maxBuffer: 1 << 30 }).toString(),
  ) as string[];
  let history = 0;
  sample.forEach((s, k) => {
    if (digests[k] !== s.digest) {
      history++;
      console.log(`input ${s.index}: history: another process gives other diagnostics → ${save('history', s.text)}`);
    }
  });

  console.log(
    [
      `inputs: ${count} (seed ${seed}) in ${Math.round((Date.now() - started) / 1000)} s`,
      `throws: ${counts.throws}`,
      `hangs (over 2 s): ${counts.slow}`,
      `spans outside the text: ${counts.span}`,
      `messages with undefined/NaN/[object: ${counts.message}`,
      `safe fixes adding an error: ${counts.fix}`,
      `history-dependent diagnostics: ${history} of ${sample.length} re-checked in another process`,
      `slowest input: #${slowest.index}, ${Math.round(slowest.ms)} ms, ${slowest.chars} characters`,
    ].join('\n'),
  );
  if (Object.values(counts).some((n) => n > 0) || history > 0) process.exitCode = 1;
}

main();

/**
 * The fuzzer's fixed-seed slice (`npm run fuzz` is the long run), and every
 * input it has ever failed on, replayed. See properties.ts for what must
 * hold on each input.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, SEED_SHEET_PATH } from '../fixtures/paths';
import { seededRandom } from '../../src/core/check/random';
import { check, checkSource } from '../../src/core';
import { inputs } from './inputs';
import { mutate } from './mutate';
import { checkProperties, digestOf } from './properties';

const REGRESSIONS = path.join(REPO_ROOT, 'test', 'fuzz', 'regressions');
const SLICE = 300;
const SEED = 20261130;
/**
 * Here only a hang fails (speed targets belong to benchmarks, and this
 * machine's load varies); the long run holds every input to 2 s.
 */
const HANG_MS = 10_000;
/** One in this many inputs of the slice is also checked by a fresh copy of the core (it costs a module load). */
const FRESH_EVERY = 30;

function failuresOf(text: string): string[] {
  return checkProperties(text, HANG_MS).failures.map((f) => `${f.property}: ${f.detail.split('\n')[0]}`);
}

test('fuzz regressions: every input the fuzzer once failed on now passes', () => {
  const files = fs.readdirSync(REGRESSIONS).filter((f) => f.endsWith('.hw'));
  assert.ok(files.length > 0);
  for (const file of files) {
    assert.deepEqual(failuresOf(fs.readFileSync(path.join(REGRESSIONS, file), 'utf8')), [], file);
  }
});

test(`fuzz: ${SLICE} inputs of seed ${SEED}, generated from the grammar and mutated from the examples`, () => {
  const input = inputs(SEED);
  const sample: { text: string; digest: string }[] = [];
  for (let i = 0; i < SLICE; i++) {
    const text = input(i);
    const outcome = checkProperties(text, HANG_MS);
    assert.deepEqual(
      outcome.failures.map((f) => `${f.property}: ${f.detail.split('\n')[0]}`),
      [],
      `input ${i}:\n${text}`,
    );
    if (i % FRESH_EVERY === 0) sample.push({ text, digest: outcome.digest });
  }
  // This process has checked the whole slice; a fresh copy of the core has checked nothing.
  const fresh = freshCore();
  for (const s of sample) assert.equal(digestOf(fresh.check(s.text)), s.digest, s.text);
});

/** The Markdown and LaTeX homework the repository holds: the reference sheet and the corpus sheets. */
function sourceSheets(): { text: string; format: 'markdown' | 'latex' }[] {
  const corpus = path.join(REPO_ROOT, 'test', 'corpus');
  // The reference sheet writes `3000 \text{ epoch}`, which examples/homework1.hw declares a unit.
  const sheets: { text: string; format: 'markdown' | 'latex' }[] = [
    { text: fs.readFileSync(SEED_SHEET_PATH, 'utf8'), format: 'markdown' },
  ];
  for (const dir of fs.readdirSync(corpus)) {
    for (const [file, format] of [
      ['sheet.md', 'markdown'],
      ['sheet.tex', 'latex'],
    ] as const) {
      const full = path.join(corpus, dir, file);
      if (fs.existsSync(full)) sheets.push({ text: fs.readFileSync(full, 'utf8'), format });
    }
  }
  return sheets;
}

test('fuzz: Markdown and LaTeX homework check the same in a long-lived process as in a fresh one', () => {
  // The long-lived process has checked .hw homework that declares units (`unit epoch`); a fresh core has not.
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'examples')))
    if (f.endsWith('.hw')) check(fs.readFileSync(path.join(REPO_ROOT, 'examples', f), 'utf8'));
  const random = seededRandom(SEED);
  const sheets = sourceSheets();
  assert.ok(sheets.length >= 2, 'the corpus has a Markdown and a LaTeX sheet');
  const cases: { text: string; format: 'markdown' | 'latex'; digest: string }[] = [];
  for (const sheet of sheets) {
    const variants = [sheet.text, mutate(random, sheet.text), mutate(random, sheet.text)];
    for (const text of variants) cases.push({ ...sheet, text, digest: digestOf(checkSource(text, sheet.format)) });
  }
  const fresh = freshCore();
  for (const c of cases) assert.equal(digestOf(fresh.checkSource(c.text, c.format)), c.digest, c.text.slice(0, 200));
});

/** The core loaded anew: module state (mathjs's units among it) as in a new process. */
function freshCore(): typeof import('../../src/core') {
  const compiled = path.dirname(require.resolve('../../src/core'));
  const root = path.dirname(compiled);
  const saved = new Map<string, NodeJS.Module>();
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(root + path.sep)) {
      saved.set(key, require.cache[key]!);
      delete require.cache[key];
    }
  }
  try {
    // A fresh copy of the core's modules: require (not import) is the point here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../../src/core') as typeof import('../../src/core');
  } finally {
    for (const [key, module] of saved) require.cache[key] = module;
  }
}

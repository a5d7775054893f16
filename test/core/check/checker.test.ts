/**
 * The entry points (checker.ts): `HomeworkChecker` re-checks only what
 * changed and must give exactly what a fresh `check` gives, spans shifted
 * for the problems below an edit; and `check()` never throws, whatever the
 * text (a fuzz of 2,000 strings from the language's own tokens and odd
 * unicode, fixed seed).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { check, HomeworkChecker, type CheckResult } from '../../../src/core';
import { EXAMPLE_HOMEWORK_PATH } from '../../fixtures/paths';
import { prng } from './support';

const seed = fs.readFileSync(EXAMPLE_HOMEWORK_PATH, 'utf8');

/** Everything the adapters read, as plain data (so deepEqual compares it all). */
function plain(r: CheckResult): unknown {
  return JSON.parse(JSON.stringify(r));
}

function insertAfter(text: string, anchor: string, insertion: string): string {
  const at = text.indexOf(anchor);
  assert.ok(at >= 0, anchor);
  const end = at + anchor.length;
  return text.slice(0, end) + insertion + text.slice(end);
}

test('HomeworkChecker after inserting a line in problem 1 gives what a fresh check gives', () => {
  const checker = new HomeworkChecker();
  const before = checker.check(seed);
  // A new wrong claim in problem 1: 1 + 1 is 2.
  const inserted = '\nq = 1 + 1 = 3';
  const edited = insertAfter(seed, 'z0 = x = [2; 1]', inserted);
  const incremental = checker.check(edited);
  const fresh = check(edited);
  assert.deepEqual(plain(incremental), plain(fresh));
  // The new error is there, and every diagnostic below the edit moved by the inserted length.
  assert.ok(
    incremental.diagnostics.some((d) => d.code === 'value.wrong' && edited.slice(d.span.start, d.span.end) === '3'),
  );
  const editAt = seed.indexOf('z0 = x = [2; 1]');
  const p4 = seed.indexOf('problem 4');
  const laterBefore = before.diagnostics.filter((d) => d.span.start > p4);
  const laterAfter = incremental.diagnostics.filter((d) => d.span.start > p4 + inserted.length);
  assert.equal(laterBefore.length, 2, 'the two 800 mistakes of problem 4');
  assert.deepEqual(
    laterAfter.map((d) => d.span),
    laterBefore.map((d) => ({ start: d.span.start + inserted.length, end: d.span.end + inserted.length })),
  );
  for (const d of laterAfter)
    assert.equal(
      edited.slice(d.span.start, d.span.end),
      seed.slice(d.span.start - inserted.length, d.span.end - inserted.length),
    );
  assert.ok(editAt < p4);
  // The model's spans moved too: problem 4's heading still points at "problem 4".
  const heading = incremental.document.problems[3].headingSpan;
  assert.ok(heading);
  assert.ok(edited.slice(heading.start, heading.end).startsWith('problem 4'));
});

test('HomeworkChecker after changing a number in problem 4 gives what a fresh check gives', () => {
  const checker = new HomeworkChecker();
  checker.check(seed);
  // n + P + P = 36 + 3 + 3 = 42; writing 43 is a new error.
  const edited = seed.replace('n + P + P = 42', 'n + P + P = 43');
  assert.notEqual(edited, seed);
  const incremental = checker.check(edited);
  assert.deepEqual(plain(incremental), plain(check(edited)));
  const d = incremental.diagnostics.find((x) => edited.slice(x.span.start, x.span.end) === '43');
  assert.ok(d);
  assert.equal(d.expected, '42');
  // Undoing the edit returns to the seed's own result.
  assert.deepEqual(plain(checker.check(seed)), plain(check(seed)));
});

test('HomeworkChecker: a new problem at the top renumbers the rest and still matches a fresh check', () => {
  const checker = new HomeworkChecker();
  checker.check(seed);
  const edited = insertAfter(seed, 'homework "Homework 1"\n', '\nproblem 0 "Warm-up"\nx = 2 + 2 = 5\n');
  assert.deepEqual(plain(checker.check(edited)), plain(check(edited)));
});

test('HomeworkChecker: a unit declared in an edit changes the problems that use it', () => {
  const a = ['problem 1', 'unit trial', 'x = 3 trial = 3 trial', 'problem 2', 'y = 2 + 2 = 4'].join('\n');
  const b = a.replace('unit trial', '# no unit');
  const checker = new HomeworkChecker();
  checker.check(a);
  assert.deepEqual(plain(checker.check(b)), plain(check(b)));
  assert.deepEqual(plain(checker.check(a)), plain(check(a)));
});

test('HomeworkChecker: random edits of the seed always match a fresh check', () => {
  const random = prng(17);
  const snippets = [
    '\nq = 2 × 3 = 7',
    '\nz9 = W1 z0 = ?',
    ' ',
    '\n# note',
    '\nquestion 9',
    '\nproblem 7\nx = 1 = 2',
    '0',
    ')',
    '\ngiven k2 = 3',
  ];
  const checker = new HomeworkChecker();
  let text = seed;
  for (let step = 0; step < 25; step++) {
    const at = Math.floor(random() * text.length);
    if (random() < 0.7) text = text.slice(0, at) + snippets[Math.floor(random() * snippets.length)] + text.slice(at);
    else text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 5)));
    assert.deepEqual(plain(checker.check(text)), plain(check(text)), `step ${step}`);
  }
});

// ------------------------------------------------------------------ fuzz

const TOKENS = [
  'given',
  'answer',
  'for',
  'unit',
  'problem',
  'question',
  'homework',
  '"t"',
  '>',
  '#',
  '\n',
  '\n',
  ' ',
  ' ',
  ' ',
  'x',
  'y',
  'L',
  'W1',
  'z0',
  'a1',
  'epoch',
  'min',
  'h',
  'm',
  '1',
  '2',
  '0',
  '-3',
  '2.5',
  '5e-6',
  '1e308',
  '1e999',
  '5%',
  '?',
  '=',
  '≈',
  '~=',
  '<',
  '<=',
  '≤',
  '>=',
  '≥',
  '≠',
  '!=',
  '+',
  '-',
  '*',
  '/',
  '^',
  '·',
  '×',
  '⊙',
  '.*',
  'ᵀ',
  '^T',
  "'",
  '(',
  ')',
  '[',
  ']',
  ',',
  ';',
  ':',
  '∂L/∂x',
  '∂',
  'd(L)/d(x)',
  'grad(',
  'relu(',
  "relu'(",
  'sigmoid(',
  'softmax(',
  'conv2d(',
  'sum(',
  'zeros(',
  'ones(',
  'conv_out(',
  'min_trials(',
  'padding=',
  'stride=',
  'f(',
  '$',
  '\\',
  '…',
  '\u0000',
  '\u200b',
  '😀',
  '\ud800',
  'é',
  'ℓ',
  '∑',
  '\t',
  '\r\n',
  '{',
  '}',
  '@',
  '&',
  '|',
  '`',
];

test('check() never throws on 2,000 random strings of tokens and odd unicode', () => {
  const random = prng(0xf022);
  let internal = 0;
  const internalSamples: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const length = 1 + Math.floor(random() * 40);
    let text = '';
    for (let k = 0; k < length; k++) text += TOKENS[Math.floor(random() * TOKENS.length)];
    let result: CheckResult;
    try {
      result = check(text);
    } catch (e) {
      assert.fail(`check threw on ${JSON.stringify(text)}: ${e instanceof Error ? e.stack : String(e)}`);
    }
    for (const d of result.diagnostics) {
      assert.ok(
        d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end,
        `span in range for ${JSON.stringify(text)}`,
      );
      for (const f of d.fixes)
        for (const e of f.edits)
          assert.ok(e.span.start >= 0 && e.span.end <= text.length, `fix span in range for ${JSON.stringify(text)}`);
      if (d.code === 'internal.error' || d.code === 'syntax.internal') {
        internal++;
        if (internalSamples.length < 5) internalSamples.push(`${JSON.stringify(text)} → ${d.message}`);
      }
    }
  }
  // A checker crash caught on a statement is still a bug: none expected.
  assert.equal(internal, 0, internalSamples.join('\n'));
});

test('check() of random valid-looking lines never throws and never reports an internal error', () => {
  const random = prng(99);
  const names = ['a', 'b', 'W', 'v', 'L'];
  const exprs = ['a + b', 'W v', 'relu(v)', 'sum(v)', 'a b', 'Wᵀ', 'v ⊙ v', 'W^2', '∂L/∂a', '∂L/∂W', 'softmax(v)', 'L'];
  for (let i = 0; i < 300; i++) {
    const lines = ['given a = 2, b = -1, W = [1, 2; 3, 4], v = [1; -1]', 'L = sum(W v) + a b'];
    for (let k = 0; k < 6; k++) {
      const e = exprs[Math.floor(random() * exprs.length)];
      const roll = random();
      if (roll < 0.3) lines.push(`${names[Math.floor(random() * names.length)]}${k} = ${e} = ?`);
      else if (roll < 0.6) lines.push(`${e} = ${Math.round(random() * 10 - 5)}`);
      else lines.push(`${e} ${['<', '≥', '≠', '≈'][Math.floor(random() * 4)]} ${Math.round(random() * 10)}`);
    }
    const text = lines.join('\n');
    const result = check(text);
    const internal = result.diagnostics.filter((d) => d.code === 'internal.error');
    assert.deepEqual(
      internal.map((d) => d.message),
      [],
      text,
    );
  }
});

test('a problem that merely moved keeps its summary object, counts included (the view lays out only what changed)', () => {
  const checker = new HomeworkChecker();
  const text = ['problem 1', 'x = 2 + 2 = 5', 'problem 2', 'y = 3 * 3 = 10', ''].join('\n');
  const before = checker.check(text).document.problems[1].summary;
  // 2 + 2 = 4 written longer: problem 2 moves by one character and is not checked again.
  const after = checker.check(text.replace('= 5', '= 4.0')).document.problems[1].summary;
  assert.equal(after, before);
  // 3 * 3 is 9: one error, counted.
  assert.equal(after.errors, 1);
});

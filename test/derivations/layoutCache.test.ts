import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { HomeworkChecker } from '../../src/core';
import { layoutDocument, layoutDocumentInSteps, LayoutCache, placements } from '../../src/derivations';

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'homework1.hw'), 'utf8');

test('a layout cache across re-checks gives the page a fresh layout gives, after edits above, inside and below', () => {
  const checker = new HomeworkChecker();
  const layouts = new LayoutCache();
  const problem2 = SEED.indexOf('\nproblem 2');
  assert.ok(problem2 > 0);
  const versions = [
    SEED,
    SEED.slice(0, problem2) + '\n# a comment that moves every later problem' + SEED.slice(problem2),
    SEED.slice(0, problem2) + '\ntk1 = 2 + 3 = 6' + SEED.slice(problem2),
    SEED + '\ntk2 = 1 + 1 = 2\n',
    '\n' + SEED,
  ];
  for (const text of versions) {
    const model = checker.check(text).document;
    const cached = placements(layoutDocument(model, { layouts }));
    const fresh = placements(layoutDocument(model));
    assert.deepEqual(cached, fresh);
    const parts = layoutDocument(model, { layouts });
    const freshParts = layoutDocument(model);
    for (let i = 0; i < parts.length; i += 7) assert.equal(parts[i].render(), freshParts[i].render());
  }
});

test('laid out in steps, a problem and a statement fingerprinted per step, the page is the one laid out at once', () => {
  const checker = new HomeworkChecker();
  const model = checker.check(SEED).document;
  const steps = layoutDocumentInSteps(model);
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  const statements = model.problems
    .flatMap((problem) => problem.questions.flatMap((question) => question.items))
    .filter((item) => item.kind === 'statement').length;
  assert.equal(yields, model.problems.length + statements);
  assert.deepEqual(placements(step.value), placements(layoutDocument(model)));
});

test('a problem that merely moved is not laid out again: the cache keeps its entries (summary objects kept)', () => {
  const checker = new HomeworkChecker();
  const layouts = new LayoutCache();
  const problem2 = SEED.indexOf('\nproblem 2');
  const before = checker.check(SEED).document;
  for (const problem of before.problems) layouts.prepare(problem);
  const moved = checker.check(SEED.slice(0, problem2) + '\n# a comment' + SEED.slice(problem2)).document;
  // The comment ends the problem before `problem 2`: that one is checked again; every later one merely moved and
  // is the same checked problem, with the same summary object, which the cache is keyed by.
  const edited = moved.problems.findIndex((problem) => problem.span.start <= problem2 && problem2 < problem.span.end);
  assert.ok(edited >= 0 && edited < moved.problems.length - 1);
  assert.notEqual(moved.problems[edited].summary, before.problems[edited].summary);
  for (let i = 0; i < moved.problems.length; i++) {
    if (i === edited) continue;
    assert.equal(moved.problems[i].summary, before.problems[i].summary, `problem ${i}`);
    assert.ok(layouts.problems.has(moved.problems[i].summary));
  }
});

test('keyed by identity (a fresh page of a long file), no statement model is read, and the page is the same', () => {
  const checker = new HomeworkChecker();
  const model = checker.check(SEED).document;
  const layouts = new LayoutCache();
  const steps = layoutDocumentInSteps(model, { layouts, fingerprintLimit: 0 });
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  assert.equal(yields, model.problems.length, 'no step per statement: none is fingerprinted');
  const byIdentity = step.value;
  const byContent = layoutDocument(model);
  assert.deepEqual(
    byIdentity.map((part) => [part.kind, part.span]),
    byContent.map((part) => [part.kind, part.span]),
  );
  assert.equal(new Set(byIdentity.map((part) => part.key)).size, byIdentity.length, 'keys are unique');
});

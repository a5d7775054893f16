/**
 * Solve with Steps (solveSteps.ts): the inserted lines are `.hw` that the
 * checker checks too, so inserting them must add no error or warning —
 * after a gradient statement (the backward pass) and after a plain
 * definition (the substitutions), for every statement of the seed.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { check, solveWithSteps, type Diagnostic } from '../../../src/core';
import { parse } from '../../../src/core/syntax/parser';
import { EXAMPLE_HOMEWORK_PATH } from '../../fixtures/paths';

const seed = fs.readFileSync(EXAMPLE_HOMEWORK_PATH, 'utf8');

/** Errors and warnings as `code «text»`, independent of where they sit. */
function problemsOf(text: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) => `${d.code} «${text.slice(d.span.start, d.span.end)}»`)
    .sort();
}

function assertInsertionClean(text: string, offset: number, what: string): string | undefined {
  const insertion = solveWithSteps(text, offset);
  if (!insertion) return undefined;
  const after = text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset);
  const before = problemsOf(text, check(text).diagnostics);
  const now = problemsOf(after, check(after).diagnostics);
  assert.deepEqual(now, before, `${what}: inserting\n${insertion.text}\nadds no error or warning`);
  return insertion.text;
}

test('after a gradient statement: the backward pass of ∂L/∂W1 in the seed, row by row, checks clean', () => {
  const at = seed.indexOf('∂L/∂W1 = ∂L/∂a1 z0ᵀ');
  const text = assertInsertionClean(seed, at + 2, '∂L/∂W1');
  assert.ok(text);
  // The last row is the gradient itself: [32, 16; 24, 12; −8, −4] (the PyTorch oracle's ∂L/∂W1).
  assert.match(text, /∂L\/∂W1 = .*\[32, 16; 24, 12; -8, -4\]$/);
  // Rows from L back to W1: yhat, z3, a3, z2, a2, z1, a1, W1.
  const rows = text
    .trim()
    .split('\n')
    .map((l) => l.trim().split(' = ')[0]);
  assert.deepEqual(rows, ['∂L/∂yhat', '∂L/∂z3', '∂L/∂a3', '∂L/∂z2', '∂L/∂a2', '∂L/∂z1', '∂L/∂a1', '∂L/∂W1']);
});

test('after a plain definition: substitutions of a2 = W2 z1 + b2 check clean', () => {
  const at = seed.indexOf('a2 = W2 z1 + b2');
  const text = assertInsertionClean(seed, at + 1, 'a2');
  assert.ok(text);
  // W2 z1 = [2·2 + 6·8 + 1·9; 0·2 + 3·8 + 1·9] = [61; 33]; + b2 = [38; 22].
  assert.match(text, /= \[61; 33\]/);
  assert.match(text, /= \[38; 22\]$/);
});

test('every statement of the seed: Solve with Steps adds no error or warning', () => {
  const statements = parse(seed).statements.filter(
    (s) => s.kind === 'chain' || s.kind === 'answer' || s.kind === 'given',
  );
  assert.ok(statements.length > 50);
  let inserted = 0;
  for (const s of statements) {
    const line = seed.slice(s.span.start, s.span.end).split('\n')[0];
    if (assertInsertionClean(seed, s.span.start, line) !== undefined) inserted++;
  }
  assert.ok(inserted >= 30, `${inserted} statements had steps`);
});

test('steps for a small network of sigmoids and a gradient w.r.t. an intermediate', () => {
  const text = [
    'given x = [0.5; -1], y = 0.25',
    'given W1 = [0.1, -0.2; 0.3, 0.4], b1 = [0; 0.1]',
    'given W2 = [0.7, -0.5], b2 = 0.2',
    'a1 = W1 x + b1',
    'z1 = sigmoid(a1)',
    'a2 = W2 z1 + b2',
    'L = (a2 - y)^2',
    '∂L/∂z1 = ?',
    '∂L/∂W1 = ?',
    'h = tanh(a2) + 2 sum(z1)',
  ].join('\n');
  assert.ok(assertInsertionClean(text, text.indexOf('∂L/∂z1'), '∂L/∂z1'));
  assert.ok(assertInsertionClean(text, text.indexOf('∂L/∂W1'), '∂L/∂W1'));
  assert.ok(assertInsertionClean(text, text.indexOf('a1 = W1'), 'a1'));
  assert.ok(assertInsertionClean(text, text.indexOf('h = tanh'), 'h'));
});

test('steps with units and with negative intermediate values check clean', () => {
  const text = [
    'unit epoch',
    'given e = 30 epoch, r = 2 min/epoch, c = -3',
    'total = e r = 60 min',
    'k = c (c - 4) + c^2 = ?',
  ].join('\n');
  assertInsertionClean(text, text.indexOf('total'), 'total');
  assertInsertionClean(text, text.indexOf('k = c'), 'k');
});

test('nothing to solve: prose and blank places give no insertion', () => {
  const text = '> just words\n\nx = 1';
  assert.equal(solveWithSteps(text, 3), undefined);
});

test('Solve with Steps on a Jacobian inserts its chain-rule rows, which check clean', () => {
  const text = ['given x = [1; 2], W = [1, 2; 3, 4]', 'a = W x - 6', 'y = relu(a)', 'J = ∂y/∂x'].join('\n');
  const inserted = assertInsertionClean(text, text.indexOf('∂y/∂x') + 1, '∂y/∂x');
  // a = [−1; 5]: ∂y/∂a = diag(0, 1), ∂y/∂x = diag(0, 1) W = [0, 0; 3, 4].
  assert.deepEqual(inserted?.trim().split('\n'), ['∂y/∂a = [0, 0; 0, 1]', '∂y/∂x = ∂y/∂a ∂a/∂x = [0, 0; 3, 4]']);
});

test('Solve with Steps evaluates a Hessian inside an expression as a Hessian', () => {
  // f = x₁² x₂ at (1, 2): H = [2x₂, 2x₁; 2x₁, 0] = [4, 2; 2, 0]; 2H = [8, 4; 4, 0].
  const text = ['given x = [1; 2]', 'f = ([1, 0] x)^2 * [0, 1] x', 'K = 2 ∂²f/∂x²'].join('\n');
  const inserted = assertInsertionClean(text, text.indexOf('K =') + 1, 'K');
  assert.match(inserted ?? '', /= \[8, 4; 4, 0\]$/);
});

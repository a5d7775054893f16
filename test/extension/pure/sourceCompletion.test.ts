/**
 * Completion in Markdown and LaTeX math: names as written, before the
 * cursor, across problems; nothing outside math.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource } from '../../../src/core';
import { insideMath, sourceNameCompletions, typedNameStart } from '../../../src/extension/pure/sourceCompletion';

const TEXT = [
  '## Problem 1',
  '',
  'Let $w^{(1)} = 3$ and $\\hat{y} = 2$.',
  '',
  '## Problem 2',
  '',
  '$$2 w$$',
  '',
  'Later, $b = 1$.',
  '',
].join('\n');

test('names defined before the cursor, as the student wrote them, also from an earlier problem', () => {
  const result = checkSource(TEXT, 'markdown');
  const offset = TEXT.indexOf('2 w$$') + 3;
  const labels = sourceNameCompletions(result, TEXT, offset).map((c) => c.label);
  assert.deepEqual(labels.sort(), ['\\hat{y}', 'w^{(1)}']);
});

test('a name defined after the cursor is not offered', () => {
  const result = checkSource(TEXT, 'markdown');
  const labels = sourceNameCompletions(result, TEXT, TEXT.indexOf('2 w$$') + 3).map((c) => c.label);
  assert.ok(!labels.includes('b'));
  const atEnd = sourceNameCompletions(result, TEXT, TEXT.length).map((c) => c.label);
  assert.ok(atEnd.includes('b'));
});

test('inside math only: between the delimiters, not in prose or on a dollar', () => {
  const blocks = checkSource(TEXT, 'markdown').mathSpans;
  const display = TEXT.indexOf('$$2 w$$');
  assert.ok(insideMath(blocks, display + 4));
  assert.ok(!insideMath(blocks, display));
  assert.ok(!insideMath(blocks, TEXT.indexOf('Let')));
  assert.ok(!insideMath(blocks, TEXT.indexOf('Later') + 2));
});

test('the name being typed starts at its letter or backslash', () => {
  assert.equal(typedNameStart('$$2 w'), 4);
  assert.equal(typedNameStart('$$2 \\hat{y'), 4);
  assert.equal(typedNameStart('$$2 w^{(1'), 4);
  assert.equal(typedNameStart('$$2 '), 4);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  editsOfKind,
  findCoreDiagnostics,
  nonOverlappingEdits,
  orderedFixes,
  safeFixEdits,
} from '../../../src/extension/pure/fixes';
import { FILL_B, RESULT, spanOf, WRONG_ENTRY } from './fixture';

test('the preferred fix is offered first', () => {
  assert.deepEqual(
    orderedFixes(WRONG_ENTRY).map((fix) => fix.kind),
    ['replace-value', 'use-approx'],
  );
});

test('fix all takes the safe fix of each diagnostic, in text order', () => {
  assert.deepEqual(safeFixEdits(RESULT), [
    { span: spanOf('-46'), newText: '10' },
    { span: spanOf('?'), newText: '12' },
  ]);
});

test('fill-unknown edits are limited to the given span', () => {
  const questionTwo = RESULT.document.problems[0].questions[1].span;
  assert.deepEqual(editsOfKind(RESULT, 'fill-unknown', questionTwo), [{ span: spanOf('?'), newText: '12' }]);
  const questionOne = RESULT.document.problems[0].questions[0].span;
  assert.deepEqual(editsOfKind(RESULT, 'fill-unknown', questionOne), []);
});

test('overlapping and duplicate edits are dropped, the first kept', () => {
  const edits = nonOverlappingEdits([
    { span: { start: 10, end: 14 }, newText: 'b' },
    { span: { start: 2, end: 5 }, newText: 'a' },
    { span: { start: 12, end: 16 }, newText: 'c' },
    { span: { start: 2, end: 5 }, newText: 'a' },
    { span: { start: 16, end: 16 }, newText: 'd' },
  ]);
  assert.deepEqual(
    edits.map((edit) => edit.newText),
    ['a', 'b', 'd'],
  );
});

test('an editor diagnostic is re-found by code and span, not by message', () => {
  assert.deepEqual(findCoreDiagnostics(RESULT, 'value.wrong-entry', spanOf('-46')), [WRONG_ENTRY]);
  assert.deepEqual(findCoreDiagnostics(RESULT, 'value.unknown', spanOf('-46')), []);
  assert.deepEqual(findCoreDiagnostics(RESULT, 'value.unknown', spanOf('?')), [FILL_B]);
});

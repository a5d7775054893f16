import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namesInScope, questionAt, statementAt, symbolAt } from '../../../src/extension/pure/modelQueries';
import { renameEdits } from '../../../src/extension/pure/rename';
import { RESULT, spanOf } from './fixture';

test('the name under the cursor is found at its definition and at its uses', () => {
  const atDefinition = symbolAt(RESULT, spanOf('W1').start + 1);
  assert.equal(atDefinition?.symbol.name, 'W1');
  assert.equal(atDefinition?.isDefinition, true);
  const atUse = symbolAt(RESULT, spanOf('W1', 1).end);
  assert.equal(atUse?.symbol.name, 'W1');
  assert.equal(atUse?.isDefinition, false);
  assert.equal(symbolAt(RESULT, spanOf('relu').start + 1), undefined);
});

test('the question and statement around the cursor', () => {
  assert.equal(questionAt(RESULT, spanOf('?').start)?.question.number, '2');
  assert.equal(questionAt(RESULT, spanOf('c = 3').start)?.problemIndex, 1);
  assert.deepEqual(statementAt(RESULT, spanOf('relu').start)?.defines, ['z2']);
});

test('names in scope: the problem’s names defined before the cursor', () => {
  const names = (offset: number): string[] => namesInScope(RESULT, offset).map((symbol) => symbol.name);
  assert.deepEqual(names(spanOf('relu').start), ['W1', 'y_hat', 'a1', 'z2']);
  assert.deepEqual(names(spanOf('W1', 1).start), ['W1', 'y_hat', 'a1']);
  assert.deepEqual(names(spanOf('c = 3').end), ['c']);
});

test('rename edits the definition and every use, within the problem', () => {
  const outcome = renameEdits(RESULT, spanOf('a1', 1).start, 'pre1');
  assert.ok('edits' in outcome);
  assert.deepEqual(outcome.edits, [
    { span: spanOf('a1'), newText: 'pre1' },
    { span: spanOf('a1', 1), newText: 'pre1' },
  ]);
});

test('rename refuses a name that is not one, or that is taken in the problem', () => {
  assert.ok('error' in renameEdits(RESULT, spanOf('a1').start, '1a'));
  assert.ok('error' in renameEdits(RESULT, spanOf('a1').start, 'z2'));
  assert.ok('edits' in renameEdits(RESULT, spanOf('a1').start, 'c'), 'c lives in another problem');
  assert.ok('error' in renameEdits(RESULT, spanOf('relu').start, 'x'));
});

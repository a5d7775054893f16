import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, LineIndex } from '../../../src/core';
import { countProblems, isInvitation, problemCountsText } from '../../../src/extension/pure/problemCounts';
import {
  heldBackRegion,
  isTypingEdit,
  lineSpanAt,
  shownDiagnostics,
  statementSpanAt,
} from '../../../src/extension/pure/quietWhileTyping';

const TEXT = [
  'problem 1 "Typing"',
  'given x = 2',
  'y = x + 3 = 6', // wrong: a finished statement elsewhere
  'z = x * 4',
  '  = 8', // a statement over two lines
  'h =', // being typed
  '',
].join('\n');

function at(snippet: string, nth = 0): number {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = TEXT.indexOf(snippet, offset + 1);
  assert.ok(offset >= 0, snippet);
  return offset;
}

const result = check(TEXT);
const lines = new LineIndex(TEXT);
const lineOf = (offset: number): number => lines.positionAt(offset).line;
const regionAt = (offset: number) => heldBackRegion(result, offset, (o) => lineSpanAt(lines, o));

test('a half-typed statement is held back, a finished one elsewhere is shown', () => {
  const typing = at('h =') + 3;
  const held = regionAt(typing);
  assert.equal(lineOf(held.start), 5);
  assert.equal(lineOf(held.end), 5);
  const before = result.diagnostics.filter((d) => d.severity === 'error').map((d) => lineOf(d.span.start));
  // The checker flags both lines: the incomplete `h =` (line 5) and the wrong 6 (line 2).
  assert.deepEqual([...new Set(before)].sort(), [2, 5]);
  const shown = shownDiagnostics(result.diagnostics, held).map((d) => lineOf(d.span.start));
  assert.deepEqual([...new Set(shown)], [2]);
  assert.equal(shownDiagnostics(result.diagnostics, undefined).length, result.diagnostics.length);
});

test('the held region covers every line of the statement under the cursor', () => {
  const onContinuation = at('= 8') + 3;
  const held = regionAt(onContinuation);
  assert.equal(lineOf(held.start), 3);
  assert.equal(lineOf(held.end), 4);
  const statement = statementSpanAt(result, at('z = x'));
  assert.ok(statement);
  assert.equal(TEXT.slice(statement.start, statement.end).trim(), 'z = x * 4\n  = 8');
});

test('a diagnostic at the very end of the held line counts as on it', () => {
  const line = lineSpanAt(lines, at('h ='));
  assert.equal(TEXT.slice(line.start, line.end), 'h =');
  const atEnd = shownDiagnostics(
    [
      {
        code: 'syntax.expected-expression',
        severity: 'error',
        span: { start: line.end, end: line.end },
        message: '',
        related: [],
        fixes: [],
      },
    ],
    line,
  );
  assert.equal(atEnd.length, 0);
});

test('counts name errors, warnings and notes; a `?` is an invitation, not a problem', () => {
  const counts = countProblems([{ severity: 'error' }, { severity: 'error' }, { severity: 'warning' }]);
  assert.deepEqual(counts, { errors: 2, warnings: 1, notes: 0 });
  assert.equal(problemCountsText(counts), '2 errors, 1 warning');
  assert.equal(problemCountsText({ errors: 1, warnings: 0, notes: 3 }), '1 error, 0 warnings, 3 notes');
  const unknown = check('problem 1 "A"\nq = 2 + 3 = ?\n').diagnostics;
  assert.equal(unknown.length, 1);
  assert.ok(isInvitation(unknown[0]));
});

test('typing is one small change at the cursor; fixes, renames, undo and replaced text are not', () => {
  const change = (line: number, start: number, end: number, text: string) => ({
    startLine: line,
    startCharacter: start,
    endLine: line,
    endCharacter: end,
    text,
  });
  assert.ok(isTypingEdit([change(4, 7, 7, 'g')], { line: 4, character: 7 }, false), 'a key');
  assert.ok(isTypingEdit([change(4, 8, 8, 'g')], { line: 4, character: 9 }, false), 'the cursor already moved');
  assert.ok(isTypingEdit([change(4, 7, 7, '[]')], { line: 4, character: 7 }, false), 'an auto-closed pair');
  assert.ok(isTypingEdit([change(4, 7, 8, '')], { line: 4, character: 8 }, false), 'Backspace');
  assert.ok(isTypingEdit([change(4, 12, 12, '\n   ')], { line: 4, character: 12 }, false), 'Enter');
  assert.ok(!isTypingEdit([change(4, 7, 7, 'g')], { line: 4, character: 7 }, true), 'undo');
  assert.ok(!isTypingEdit([change(4, 7, 10, '-96')], { line: 4, character: 8 }, false), 'a fix of three characters');
  assert.ok(!isTypingEdit([change(9, 7, 8, '9')], { line: 4, character: 8 }, false), 'an edit away from the cursor');
  assert.ok(!isTypingEdit([change(4, 1, 3, 'zz'), change(6, 1, 3, 'zz')], { line: 4, character: 1 }, false), 'rename');
  assert.ok(!isTypingEdit([change(4, 7, 7, 'g')], undefined, false), 'no editor shows the document');
});

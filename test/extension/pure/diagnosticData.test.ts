import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { diagnosticDocsAnchor } from '../../../src/core';
import { codeDocumentationUrl, toDiagnosticData } from '../../../src/extension/pure/diagnosticData';
import { spanToLineRange } from '../../../src/extension/pure/ranges';
import { TEXT, WRONG_ENTRY } from './fixture';

test('a code links to its GitHub heading anchor in docs/language.md', () => {
  assert.equal(diagnosticDocsAnchor('value.wrong-entry'), 'valuewrong-entry');
  assert.equal(diagnosticDocsAnchor('name.undefined'), 'nameundefined');
  assert.equal(
    codeDocumentationUrl('shape.mismatch'),
    'https://github.com/homework-checker/homework-checker/blob/main/docs/language.md#shapemismatch',
  );
});

test('offsets become 0-based lines and UTF-16 columns', () => {
  const lines = new LineIndex('ab\n∂L/∂x = 1\r\nz');
  assert.deepEqual(spanToLineRange(lines, { start: 3, end: 8 }), {
    start: { line: 1, character: 0 },
    end: { line: 1, character: 5 },
  });
  assert.deepEqual(spanToLineRange(lines, { start: 14, end: 15 }), {
    start: { line: 2, character: 0 },
    end: { line: 2, character: 1 },
  });
});

test('a diagnostic keeps its code, severity, message, and related information as ranges', () => {
  const data = toDiagnosticData(WRONG_ENTRY, new LineIndex(TEXT));
  assert.equal(data.severity, 'error');
  assert.equal(data.code.value, 'value.wrong-entry');
  assert.match(data.code.target, /#valuewrong-entry$/);
  assert.equal(data.message, 'entry (2,1) is 10, written -46');
  const line = TEXT.split('\n').findIndex((text) => text.includes('-46'));
  const column = TEXT.split('\n')[line].indexOf('-46');
  assert.deepEqual(data.range, { start: { line, character: column }, end: { line, character: column + 3 } });
  assert.equal(data.related.length, 1);
  assert.equal(data.related[0].range.start.line, line);
});

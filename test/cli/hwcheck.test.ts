import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { run, applyEdits, type Io } from '../../src/cli/hwcheck';
import { EXAMPLE_HOMEWORK_PATH } from '../fixtures/paths';

function fakeIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: Io = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return files[p];
    },
    writeFile: (p, t) => {
      written[p] = t;
    },
    color: false,
  };
  return { io, out, err, written };
}

const seed = fs.readFileSync(EXAMPLE_HOMEWORK_PATH, 'utf8');

test('hwcheck: compiler-style lines for the seed, exit 1, nothing written', () => {
  const { io, out, written } = fakeIo({ 'homework1.hw': seed });
  const code = run(['homework1.hw'], io);
  assert.equal(code, 1);
  const text = out.join('\n');
  // -46 sits on the line of the ∂L/∂W2 matrix; its column is where "-46" starts (1-based).
  const lineNo = seed.slice(0, seed.indexOf('-46')).split('\n').length;
  const column = seed.indexOf('-46') - seed.lastIndexOf('\n', seed.indexOf('-46'));
  assert.ok(
    text.includes(
      `homework1.hw:${lineNo}:${column}: error value.wrong-entry: entry (2,2) of ∂L/∂W2 is -96, written -46`,
    ),
    text,
  );
  assert.match(text, /1 file: \d+ results checked, \d+ right, 10 errors, 0 warnings$/);
  assert.deepEqual(written, {});
});

test('hwcheck: a clean file exits 0', () => {
  const { io, out } = fakeIo({ 'ok.hw': 'given x = [2; 1]\ny = [1, 2] x = 4\n' });
  assert.equal(run(['ok.hw'], io), 0);
  assert.match(out.join('\n'), /1 result checked, 1 right, 0 errors, 0 warnings/);
});

test('hwcheck: --format json has 1-based positions, expected and found', () => {
  const { io, out } = fakeIo({ 'a.hw': 'x = 2 + 2 = 5\n' });
  assert.equal(run(['--format', 'json', 'a.hw'], io), 1);
  const doc = JSON.parse(out.join('\n'));
  assert.equal(doc.files.length, 1);
  const [d] = doc.files[0].diagnostics;
  assert.deepEqual(
    {
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      severity: d.severity,
      code: d.code,
      expected: d.expected,
      found: d.found,
    },
    // "5" is the 13th character of line 1.
    {
      line: 1,
      column: 13,
      endLine: 1,
      endColumn: 14,
      severity: 'error',
      code: 'value.wrong',
      expected: '4',
      found: '5',
    },
  );
});

test('hwcheck: a step that follows from a mistake says where the mistake is, in text and JSON', () => {
  // Issue 7's repro: 1.46 (line 3, column 19) is the slip; lines 4 and 5 follow from it.
  const sheet = [
    'problem 1 "Residual"',
    'given g4 = 0.3, d = 0.8',
    'block = 1 + d^2 = 1.46',
    'g0 = g4 block^4 ≈ 1.3631',
    'y = block^4 ≈ 4.5437',
  ].join('\n');
  const text = fakeIo({ 'r.hw': sheet });
  assert.equal(run(['r.hw'], text.io), 1);
  const lines = text.out.join('\n').split('\n');
  assert.equal(lines[0], 'r.hw:3:19: error value.wrong: block is 1.64, not 1.46');
  assert.match(lines[1], /^r\.hw:4:19: info value\.follows: .*; the mistake this step follows from: r\.hw:3:19$/);
  assert.match(lines[2], /^r\.hw:5:15: info value\.follows: .*: r\.hw:3:19$/);
  assert.equal(lines[3], '1 file: 3 results checked, 0 right, 1 error, 0 warnings');
  const json = fakeIo({ 'r.hw': sheet });
  run(['--format', 'json', 'r.hw'], json.io);
  const follows = JSON.parse(json.out.join('\n')).files[0].diagnostics.filter(
    (d: { code: string }) => d.code === 'value.follows',
  );
  assert.equal(follows.length, 2);
  for (const d of follows)
    assert.deepEqual(d.related, [
      { line: 3, column: 19, endLine: 3, endColumn: 23, message: 'the mistake this step follows from' },
    ]);
});

test('hwcheck: --fix writes the corrected file; without it nothing is written', () => {
  const files = { 'a.hw': 'x = 2 + 2 = 5\ny = x ⊙ 3 = ?\n' };
  const plain = fakeIo(files);
  run(['a.hw'], plain.io);
  assert.deepEqual(plain.written, {});
  const fixing = fakeIo(files);
  const code = run(['--fix', 'a.hw'], fixing.io);
  // 2 + 2 is 4 and 4 ⊙ 3 is 12, worked out by hand.
  assert.equal(fixing.written['a.hw'], 'x = 2 + 2 = 4\ny = x ⊙ 3 = 12\n');
  assert.equal(code, 0);
});

test('hwcheck: usage and I/O errors exit 2', () => {
  assert.equal(run([], fakeIo({}).io), 2);
  assert.equal(run(['--format', 'xml', 'a.hw'], fakeIo({ 'a.hw': '' }).io), 2);
  assert.equal(run(['--bogus', 'a.hw'], fakeIo({ 'a.hw': '' }).io), 2);
  const missing = fakeIo({});
  assert.equal(run(['missing.hw'], missing.io), 2);
  assert.match(missing.err.join('\n'), /cannot read missing.hw: ENOENT/);
});

test('applyEdits: applies from the end and skips overlaps', () => {
  const r = applyEdits('abcdef', [
    { span: { start: 1, end: 2 }, newText: 'X' },
    { span: { start: 4, end: 6 }, newText: 'YZ!' },
    { span: { start: 5, end: 6 }, newText: 'overlap' },
  ]);
  assert.equal(r.text, 'aXcdYZ!');
  assert.equal(r.applied, 2);
});

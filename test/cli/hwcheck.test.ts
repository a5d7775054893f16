import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { run, type Io } from '../../src/cli/hwcheck';
import { FileError } from '../../src/cli/nodeIo';
import { EXAMPLE_HOMEWORK_PATH } from '../fixtures/paths';

function fakeIo(files: Record<string, string | Uint8Array>, options: { failWrites?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const writtenBytes: Record<string, Uint8Array> = {};
  const io: Io = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readBytes: (p) => {
      if (!(p in files)) throw new FileError('cannot read: ENOENT');
      const content = files[p];
      return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    },
    writeBytes: (p, bytes) => {
      if (options.failWrites) throw new FileError(`cannot write: ${options.failWrites}`);
      writtenBytes[p] = bytes;
      written[p] = Buffer.from(bytes).toString('utf8');
    },
    color: false,
  };
  return { io, out, err, written, writtenBytes };
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

test('hwcheck: --fix writes the corrected file, never fills ?; without it nothing is written', () => {
  const files = { 'a.hw': 'x = 2 + 2 = 5\ny = x ⊙ 3 = ?\n' };
  const plain = fakeIo(files);
  run(['a.hw'], plain.io);
  assert.deepEqual(plain.written, {});
  const fixing = fakeIo(files);
  const code = run(['--fix', 'a.hw'], fixing.io);
  // 2 + 2 is 4, worked out by hand; the ? is the student's to ask for (Solve, Fill All Unknowns).
  assert.equal(fixing.written['a.hw'], 'x = 2 + 2 = 4\ny = x ⊙ 3 = ?\n');
  assert.match(fixing.out.join('\n'), /a\.hw: applied 1 fix$/m);
  assert.equal(code, 0);
});

test('hwcheck: usage and I/O errors exit 2', () => {
  assert.equal(run([], fakeIo({}).io), 2);
  assert.equal(run(['--format', 'xml', 'a.hw'], fakeIo({ 'a.hw': '' }).io), 2);
  assert.equal(run(['--bogus', 'a.hw'], fakeIo({ 'a.hw': '' }).io), 2);
  assert.equal(run(['--fix', '-'], fakeIo({ '-': 'x = 1' }).io), 2);
  const missing = fakeIo({});
  assert.equal(run(['missing.hw'], missing.io), 2);
  assert.match(missing.err.join('\n'), /missing.hw: cannot read: ENOENT/);
});

// Issue 8, items 10 to 13: files that are not homework text.

test('hwcheck: a binary or UTF-16 file is "not a text file", exit 2, no diagnostics', () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x = 1 = 2\n', 'utf16le')]);
  const utf16NoMark = Buffer.from('x = 1 = 2\n', 'utf16le');
  const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]);
  for (const [name, bytes, why] of [
    ['u16.hw', utf16, /u16\.hw: not a text file \(UTF-16\)/],
    ['u16b.hw', utf16NoMark, /u16b\.hw: not a text file/],
    ['a.out', binary, /a\.out: not a text file/],
  ] as const) {
    const io = fakeIo({ [name]: bytes });
    assert.equal(run([name], io.io), 2, name);
    assert.match(io.err.join('\n'), why);
    assert.match(io.out.join('\n'), /^0 files?: 0 results checked/);
  }
});

test('hwcheck: a file over the size limit is refused with the limit, exit 2', () => {
  const io = fakeIo({ 'big.hw': Buffer.alloc(1024 * 1024 + 1, 0x20) });
  assert.equal(run(['big.hw'], io.io), 2);
  assert.match(io.err.join('\n'), /big\.hw: too large \(1048577 bytes; the limit is 1048576 bytes\)/);
});

test('hwcheck: a UTF-8 byte-order mark does not shift columns, and --fix keeps it', () => {
  const io = fakeIo({ 'bom.hw': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x = 2 + 2 = 5\n')]) });
  assert.equal(run(['bom.hw'], io.io), 1);
  assert.match(io.out.join('\n'), /^bom\.hw:1:13: error value\.wrong/m); // `5` is the 13th character
  const fixing = fakeIo({ 'bom.hw': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x = 2 + 2 = 5\n')]) });
  assert.equal(run(['--fix', 'bom.hw'], fixing.io), 0);
  assert.deepEqual([...fixing.writtenBytes['bom.hw'].subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(Buffer.from(fixing.writtenBytes['bom.hw'].subarray(3)).toString(), 'x = 2 + 2 = 4\n');
});

test('hwcheck: - reads standard input', () => {
  const io = fakeIo({ '-': 'x = 2 + 2 = 5\n' });
  assert.equal(run(['-'], io.io), 1);
  assert.match(io.out.join('\n'), /^-:1:13: error value\.wrong/m);
});

test('hwcheck: --fix refuses a file that is not valid UTF-8 and writes nothing', () => {
  // Latin-1 `é` (0xE9) in a comment: checkable, but rewriting would turn it into U+FFFD.
  const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nx = 2 + 2 = 5\n')]);
  const io = fakeIo({ 'l1.hw': latin1 });
  assert.equal(run(['--fix', 'l1.hw'], io.io), 2);
  assert.deepEqual(io.written, {});
  assert.match(io.err.join('\n'), /l1\.hw: not valid UTF-8; not fixed/);
  assert.match(io.out.join('\n'), /l1\.hw:2:13: error value\.wrong/);
});

test('hwcheck: a failed write is a failure (exit 2), not "applied 1 fix"', () => {
  const io = fakeIo({ 'ro.hw': 'x = 2 + 2 = 5\n' }, { failWrites: 'EACCES' });
  assert.equal(run(['--fix', 'ro.hw'], io.io), 2);
  assert.match(io.err.join('\n'), /ro\.hw: cannot write: EACCES/);
  assert.doesNotMatch(io.out.join('\n'), /applied/);
  assert.match(io.out.join('\n'), /ro\.hw:1:13: error value\.wrong/); // the file as it stands
});

test('hwcheck: --fix applies the ≈ of a value right only to the digits written', () => {
  const io = fakeIo({ 'a.hw': 'x = 2/3 = 0.667\n' });
  assert.equal(run(['--fix', 'a.hw'], io.io), 0);
  assert.equal(io.written['a.hw'], 'x = 2/3 ≈ 0.667\n');
});

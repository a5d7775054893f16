import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { FileError, readBytes, writeAtomically } from '../../src/cli/nodeIo';

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hwcheck-io-'));
}

test('readBytes: a FIFO is refused at once instead of blocking', { timeout: 10_000 }, () => {
  const dir = scratch();
  const fifo = path.join(dir, 'pipe.hw');
  execFileSync('mkfifo', [fifo]);
  assert.throws(
    () => readBytes(fifo, 1024),
    (e: unknown) => e instanceof FileError && /not a regular file/.test(e.message),
  );
  fs.rmSync(dir, { recursive: true });
});

test('readBytes: a directory and a missing file are refused with the reason', () => {
  const dir = scratch();
  assert.throws(() => readBytes(dir, 1024), /is a directory/);
  assert.throws(() => readBytes(path.join(dir, 'none.hw'), 1024), /cannot read: ENOENT/);
  fs.rmSync(dir, { recursive: true });
});

test('readBytes: a file over the limit is refused before it is read', () => {
  const dir = scratch();
  const big = path.join(dir, 'big.hw');
  fs.writeFileSync(big, Buffer.alloc(2000, 0x20));
  assert.throws(() => readBytes(big, 1000), /too large \(2000 bytes; the limit is 1048576 bytes\)/);
  assert.equal(readBytes(big, 4000).length, 2000);
  fs.rmSync(dir, { recursive: true });
});

test('writeAtomically: replaces the content, keeps the mode, leaves no temporary file', () => {
  const dir = scratch();
  const file = path.join(dir, 'a.hw');
  fs.writeFileSync(file, 'old');
  fs.chmodSync(file, 0o640);
  writeAtomically(file, Buffer.from('new'), false);
  assert.equal(fs.readFileSync(file, 'utf8'), 'new');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(dir), ['a.hw']);
  fs.rmSync(dir, { recursive: true });
});

test('writeAtomically: a symbolic link is not written unless asked; asked, its target is', () => {
  const dir = scratch();
  const target = path.join(dir, 'target.hw');
  const link = path.join(dir, 'link.hw');
  fs.writeFileSync(target, 'old');
  fs.symlinkSync(target, link);
  assert.throws(() => writeAtomically(link, Buffer.from('new'), false), /is a symbolic link; not written/);
  assert.equal(fs.readFileSync(target, 'utf8'), 'old');
  writeAtomically(link, Buffer.from('new'), true);
  assert.equal(fs.readFileSync(target, 'utf8'), 'new');
  assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
  fs.rmSync(dir, { recursive: true });
});

test('writeAtomically: a write into a missing folder fails with the reason', () => {
  const dir = scratch();
  assert.throws(() => writeAtomically(path.join(dir, 'no', 'a.hw'), Buffer.from('x'), false), /cannot write: ENOENT/);
  fs.rmSync(dir, { recursive: true });
});

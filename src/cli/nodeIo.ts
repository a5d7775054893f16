/**
 * The file system as `hwcheck` uses it: reads that refuse what is not a
 * regular file before they could block (a FIFO, a device) and stop at the
 * size limit; writes that are atomic (a temporary file renamed over the
 * original, its mode kept) and do not follow a symbolic link unless asked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tooLarge } from './decode';

/** A read or write that failed, with the reason to print after the path. */
export class FileError extends Error {}

/** The bytes of `file` (`-`: standard input), at most `limit + 1` of them (one more says "too large"). */
export function readBytes(file: string, limit: number): Uint8Array {
  if (file === '-') return readFd(0, limit);
  let fd: number;
  try {
    // Non-blocking: opening a FIFO must not wait for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw new FileError(`cannot read: ${reason(e)}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new FileError('is a directory');
    if (!stat.isFile()) throw new FileError('not a regular file (to check standard input, give -)');
    if (stat.size > limit) throw new FileError(tooLarge(stat.size));
    return readFd(fd, limit);
  } finally {
    fs.closeSync(fd);
  }
}

function readFd(fd: number, limit: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        // Standard input not ready yet: wait a little rather than spin.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw new FileError(`cannot read: ${reason(e)}`);
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    if (total > limit) break;
  }
  return Buffer.concat(chunks);
}

/**
 * Replaces `file`'s content atomically. A symbolic link is refused unless
 * `followSymlinks`, and then its target is replaced.
 */
export function writeAtomically(file: string, bytes: Uint8Array, followSymlinks: boolean): void {
  let target = file;
  try {
    if (fs.lstatSync(file).isSymbolicLink()) {
      if (!followSymlinks) throw new FileError('is a symbolic link; not written (--follow-symlinks writes its target)');
      target = fs.realpathSync(file);
    }
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(`cannot write: ${reason(e)}`);
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.hwcheck-${process.pid}.tmp`);
  try {
    // The rename would replace a read-only file too: refuse as a plain write would.
    fs.accessSync(target, fs.constants.W_OK);
    const mode = fs.statSync(target).mode & 0o7777;
    const fd = fs.openSync(temporary, 'wx', mode);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
  } catch (e) {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Not created, or already renamed: nothing to clean up.
    }
    throw new FileError(`cannot write: ${reason(e)}`);
  }
}

function reason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * hwcheck says on stderr when the checker caught a bug of its own, so it
 * does not pass unseen. The bug is injected into a built-in for one run.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { run, type Io } from '../../src/cli/hwcheck';
import type { Builtin } from '../../src/core/solvers/builtin';
import { BUILTINS } from '../../src/core/solvers/registry';

test('hwcheck: a bug the checker caught is an internal.error finding and a line on stderr', () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readBytes: () => Buffer.from('a = 1 + 1 = 2\nb = factorial(3) = 6\n', 'utf8'),
    writeBytes: () => assert.fail('nothing is written without --fix'),
    color: false,
  };
  const factorial = BUILTINS.get('factorial') as Builtin;
  const forward = factorial.forward;
  (factorial as { forward: Builtin['forward'] }).forward = () => {
    throw new TypeError('injected bug');
  };
  let code: number;
  try {
    code = run(['sheet.hw'], io);
  } finally {
    (factorial as { forward: Builtin['forward'] }).forward = forward;
  }
  assert.equal(code, 1);
  assert.match(out.join('\n'), /sheet\.hw:2:1: error internal\.error: /);
  assert.deepEqual(err, ['hwcheck: internal error in sheet.hw (checking a statement): injected bug']);
});

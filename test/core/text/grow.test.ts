import test from 'node:test';
import assert from 'node:assert/strict';
import { grown } from '../../../src/core/text/grow';

test('a grown array keeps its type and entries, and has room for more', () => {
  const kinds = grown(new Uint8Array([7, 255]), 4);
  assert.ok(kinds instanceof Uint8Array);
  assert.deepEqual([...kinds], [7, 255, 0, 0]);
  const offsets = grown(new Uint32Array([70_000]), 2);
  assert.ok(offsets instanceof Uint32Array);
  assert.deepEqual([...offsets], [70_000, 0]);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { allocateShape, entryIndex, sliceSteps } from '../../../src/core/solvers/channels';
import { LimitError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';

test('channels: entryIndex counts row-major, 1-based, over every axis', () => {
  assert.deepEqual(entryIndex([2, 3, 3], 0), [1, 1, 1]);
  assert.deepEqual(entryIndex([2, 3, 3], 10), [2, 1, 2]); // 9 entries per channel, then row 1, column 2
  assert.deepEqual(entryIndex([2, 2, 2, 2], 15), [2, 2, 2, 2]);
  assert.deepEqual(entryIndex([3, 4], 5), [2, 2]);
});

test('channels: allocateShape refuses a result over the entry limit before building it', () => {
  assert.deepEqual(allocateShape('f', [2, 3, 4]).shape, [2, 3, 4]);
  assert.throws(
    () => allocateShape('f', [100, 100, 100, 2]),
    (e: unknown) =>
      e instanceof LimitError &&
      e.code === 'limit.matrix-size' &&
      /f: the result would be 100×100×100×2 = 2000000/.test(e.message),
  );
});

test('channels: sliceSteps shows a matrix whole and a tensor one labelled H×W slice per step, the first 8', () => {
  assert.deepEqual(sliceSteps('O', Matrix.fromRows([[1, 2]])), [
    { latex: 'O = \\begin{bmatrix} 1 & 2 \\end{bmatrix}' },
  ]);
  const t = Matrix.fromShape([2, 1, 2], Float64Array.from([1, 2, 3, 4]));
  assert.deepEqual(
    sliceSteps('O', t).map((s) => s.latex),
    ['O_{1,:,:} = \\begin{bmatrix} 1 & 2 \\end{bmatrix}', 'O_{2,:,:} = \\begin{bmatrix} 3 & 4 \\end{bmatrix}'],
  );
  const batch = sliceSteps('O', Matrix.fromShape([3, 4, 1, 1]));
  assert.equal(batch.length, 9);
  assert.equal(batch[4].latex, 'O_{2,1,:,:} = 0');
  assert.match(batch[8].note ?? '', /the other 4 of the 12 slices/);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { MAX_POOL_CELLS, readPoolArgs, windowCells, windowIndices } from '../../../src/core/solvers/pooling';
import { DomainError, LimitError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';

test('pooling: size 2 and stride = size by default; output ⌊(n − size)/stride⌋ + 1 per side', () => {
  const a = readPoolArgs('maxpool', [Matrix.zeros(5, 7)]);
  assert.deepEqual([a.size, a.stride, a.outRows, a.outCols], [2, 2, 2, 3]);
  const b = readPoolArgs('maxpool', [Matrix.zeros(5, 7), Matrix.scalar(3)]);
  assert.deepEqual([b.size, b.stride, b.outRows, b.outCols], [3, 3, 1, 2]);
  const c = readPoolArgs('maxpool', [Matrix.zeros(5, 7), Matrix.scalar(3), Matrix.scalar(1)]);
  assert.deepEqual([c.outRows, c.outCols], [3, 5]);
});

test('pooling: windows are row-major index lists into the input', () => {
  const a = readPoolArgs('avgpool', [Matrix.zeros(4, 4), Matrix.scalar(2), Matrix.scalar(2)]);
  assert.deepEqual(windowIndices(a, 0, 1, 1), [10, 11, 14, 15]);
});

test('pooling: padding shifts the windows; padded cells are -1 in windowCells and left out of windowIndices', () => {
  const a = readPoolArgs('avgpool', [Matrix.zeros(3, 3), Matrix.scalar(2), Matrix.scalar(2), Matrix.scalar(1)]);
  assert.deepEqual([a.outRows, a.outCols, a.planes], [2, 2, 1]);
  assert.deepEqual(windowCells(a, 0, 0, 0), [-1, -1, -1, 0]);
  assert.deepEqual(windowCells(a, 0, 1, 1), [4, 5, 7, 8]);
  assert.deepEqual(windowIndices(a, 0, 0, 1), [1, 2]);
});

test('pooling: a C×H×W or N×C×H×W input is pooled slice by slice, keeping its leading axes', () => {
  const a = readPoolArgs('maxpool', [Matrix.fromShape([2, 3, 4, 4])]);
  assert.deepEqual([a.planes, a.outShape], [6, [2, 3, 2, 2]]);
  // Slice 5 (from 0) starts at 5·16 = 80.
  assert.deepEqual(windowIndices(a, 5, 0, 0), [80, 81, 84, 85]);
});

test('pooling: size and stride are positive integers', () => {
  assert.throws(() => readPoolArgs('maxpool', [Matrix.zeros(4, 4), Matrix.scalar(0)]), DomainError);
  assert.throws(() => readPoolArgs('maxpool', [Matrix.zeros(4, 4), Matrix.scalar(2), Matrix.scalar(1.5)]), DomainError);
  assert.throws(
    () => readPoolArgs('maxpool', [Matrix.zeros(4, 4), Matrix.scalar(2), Matrix.scalar(2), Matrix.scalar(-1)]),
    DomainError,
  );
});

test('pooling: a call visiting too many window cells is refused before it starts (limit.time)', () => {
  // 1000×1000, window 500, stride 1: 501² outputs of 250 000 cells each, about 6.3e10.
  const started = Date.now();
  assert.throws(
    () => readPoolArgs('maxpool', [Matrix.zeros(1000, 1000), Matrix.scalar(500), Matrix.scalar(1)]),
    (e: unknown) =>
      e instanceof LimitError && e.code === 'limit.time' && /about 6\.3e\+10 window cells/.test(e.message),
  );
  assert.ok(Date.now() - started < 1000, 'refused without pooling');
  // A 16-channel 224×224 feature map (under the entry limit), 2×2 windows: 16·112²·4 ≈ 8e5 cells, well under.
  assert.ok(16 * 112 * 112 * 4 < MAX_POOL_CELLS);
  assert.doesNotThrow(() => readPoolArgs('maxpool', [Matrix.fromShape([16, 224, 224])]));
});

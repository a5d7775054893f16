import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIRST_ESTIMATE_PX, RowHeights } from '../../src/webview/rowHeights';

test('rows never measured take the first estimate, then the mean of the measured ones', () => {
  const rows = new RowHeights();
  rows.reset(4);
  assert.equal(rows.total, 4 * FIRST_ESTIMATE_PX);
  rows.set(0, 20);
  rows.set(1, 40);
  // Rows 2 and 3 take the mean of 20 and 40: 20 + 40 + 30 + 30.
  assert.equal(rows.total, 120);
  assert.equal(rows.topOf(2), 60);
  assert.equal(rows.topOf(3), 90);
  rows.set(1, 10);
  // Measured again: 20 + 10 + 15 + 15.
  assert.equal(rows.total, 60);
});

test('the row at a height is the last whose top is at or above it, clamped to the rows', () => {
  const rows = new RowHeights();
  rows.reset(3);
  rows.set(0, 10);
  rows.set(1, 20);
  rows.set(2, 30);
  // Tops 0, 10, 30; bottom 60.
  assert.deepEqual(
    [-5, 0, 9.9, 10, 29, 30, 59, 60, 1000].map((y) => rows.indexAt(y)),
    [0, 0, 0, 1, 1, 2, 2, 2, 2],
  );
  assert.equal(new RowHeights().indexAt(0), -1);
});

test('a patch keeps the heights of the rows outside it and forgets those it removes', () => {
  const rows = new RowHeights();
  rows.reset(5);
  [10, 20, 30, 40, 50].forEach((height, index) => rows.set(index, height));
  // Rows 1 and 2 (20, 30) replaced by three new ones, not measured: they take the mean of 10, 40, 50.
  rows.splice(1, 2, [NaN, NaN, NaN]);
  assert.equal(rows.length, 6);
  assert.equal(rows.measured(0), 10);
  assert.equal(rows.measured(4), 40);
  assert.equal(rows.measured(5), 50);
  assert.equal(rows.topOf(4), 10 + 3 * (100 / 3));
  assert.equal(rows.total, 10 + 100 + 40 + 50);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { firstIndexWhere } from '../../../src/core/text/sorted';

test('firstIndexWhere finds the first index where a sorted condition holds, as a scan does', () => {
  const values = [1, 3, 3, 5, 7, 9];
  for (let x = 0; x <= 10; x++) {
    const scan = values.findIndex((v) => v >= x);
    assert.equal(
      firstIndexWhere(values.length, (k) => values[k] >= x),
      scan < 0 ? values.length : scan,
      `first value ≥ ${x}`,
    );
  }
  assert.equal(
    firstIndexWhere(0, () => true),
    0,
  );
});

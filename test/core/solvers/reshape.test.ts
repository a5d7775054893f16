import test from 'node:test';
import assert from 'node:assert/strict';
import { reshape } from '../../../src/core/solvers/reshape';
import { EvalError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { asMatrix, checkBackward, prng, randomMatrix } from './finiteDifference';

const s = Matrix.scalar;
const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof EvalError ? e.code : 'not an EvalError';
  }
  return undefined;
};

test('reshape: row-major, as NumPy (np.arange(1, 7).reshape(2, 3) is [[1, 2, 3], [4, 5, 6]])', () => {
  const x = Matrix.fromRows([[1, 2, 3, 4, 5, 6]]);
  const out = asMatrix(reshape.forward([x, s(2), s(3)]));
  assert.deepEqual(out.toRows(), [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const t = asMatrix(reshape.forward([x, s(3), s(1), s(2)]));
  assert.deepEqual(t.shape, [3, 1, 2]);
  assert.deepEqual(Array.from(t.slice(2).data), [5, 6]);
  // One size: a column.
  assert.deepEqual(asMatrix(reshape.forward([x, s(6)])).shape, [6, 1]);
});

test('reshape: a size count that does not match, a zero, a fraction or five sizes are refused', () => {
  const x = Matrix.fromRows([[1, 2, 3, 4, 5, 6]]);
  assert.equal(
    code(() => reshape.forward([x, s(4), s(2)])),
    'call.domain',
  );
  assert.equal(
    code(() => reshape.forward([x, s(0), s(6)])),
    'call.domain',
  );
  assert.equal(
    code(() => reshape.forward([x, s(1.5), s(4)])),
    'call.domain',
  );
  assert.equal(
    code(() => reshape.forward([x, s(1), s(1), s(1), s(2), s(3)])),
    'shape.rank',
  );
  assert.equal(
    code(() => reshape.forward([x])),
    'call.arity',
  );
});

test('reshape: backward against finite differences', () => {
  const rand = prng(12);
  checkBackward(reshape, [randomMatrix(rand, 2, 6), s(3), s(2), s(2)], rand, { only: [0] });
  const t = Matrix.fromShape([2, 3, 2]);
  for (let i = 0; i < t.size; i++) t.data[i] = rand();
  checkBackward(reshape, [t, s(4), s(3)], rand, { only: [0] });
});

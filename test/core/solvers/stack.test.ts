import test from 'node:test';
import assert from 'node:assert/strict';
import { stack } from '../../../src/core/solvers/stack';
import { EvalError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { asMatrix, checkBackward, prng, randomMatrix } from './finiteDifference';

const M = Matrix.fromRows;

test('stack: matrices become channels, slice k is part k (row-major, by hand)', () => {
  const out = asMatrix(
    stack.forward([
      M([
        [1, 2],
        [3, 4],
      ]),
      M([
        [5, 6],
        [7, 8],
      ]),
      M([
        [9, 10],
        [11, 12],
      ]),
    ]),
  );
  assert.deepEqual(out.shape, [3, 2, 2]);
  assert.deepEqual(Array.from(out.data), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
});

test('stack: rank-3 values become a batch; a column stays n×1 inside', () => {
  const c = Matrix.fromShape([2, 1, 3], Float64Array.from([1, 2, 3, 4, 5, 6]));
  assert.deepEqual(asMatrix(stack.forward([c, c])).shape, [2, 2, 1, 3]);
  assert.deepEqual(asMatrix(stack.forward([M([[1], [2]]), M([[3], [4]])])).shape, [2, 2, 1]);
});

test('stack: parts of two shapes, or a fifth axis, are refused', () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return e instanceof EvalError ? e.code : 'not an EvalError';
    }
    return undefined;
  };
  assert.equal(
    code(() => stack.forward([M([[1, 2]]), M([[1], [2]])])),
    'shape.block',
  );
  const r4 = Matrix.fromShape([1, 1, 1, 1]);
  assert.equal(
    code(() => stack.forward([r4, r4])),
    'shape.rank',
  );
});

test('stack: backward against finite differences', () => {
  const rand = prng(11);
  checkBackward(stack, [randomMatrix(rand, 2, 3), randomMatrix(rand, 2, 3)], rand);
  const t = (): Matrix => {
    const m = Matrix.fromShape([2, 2, 2]);
    for (let i = 0; i < m.size; i++) m.data[i] = rand() * 4 - 2;
    return m;
  };
  checkBackward(stack, [t(), t(), t()], rand);
});

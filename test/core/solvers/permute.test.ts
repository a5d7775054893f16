import test from 'node:test';
import assert from 'node:assert/strict';
import { permute } from '../../../src/core/solvers/permute';
import { EvalError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { asMatrix, checkBackward, prng } from './finiteDifference';

const s = Matrix.scalar;
// 2×2×3: X[c, h, w] = 100c + 10h + w (1-based), so every entry names its own index.
const X = Matrix.fromShape([2, 2, 3], Float64Array.from([111, 112, 113, 121, 122, 123, 211, 212, 213, 221, 222, 223]));

test('permute(X, 2, 3, 1): C×H×W → H×W×C, Y[h, w, c] = X[c, h, w]', () => {
  const y = asMatrix(permute.forward([X, s(2), s(3), s(1)]));
  assert.deepEqual(y.shape, [2, 3, 2]);
  // Y[1, :, :] is h = 1: rows w = 1..3, columns c = 1, 2.
  assert.deepEqual(y.slice(0).toRows(), [
    [111, 211],
    [112, 212],
    [113, 213],
  ]);
  assert.deepEqual(y.slice(1).toRows(), [
    [121, 221],
    [122, 222],
    [123, 223],
  ]);
});

test('permute of a matrix with 2, 1 is its transpose; the identity order changes nothing', () => {
  const a = Matrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.deepEqual(asMatrix(permute.forward([a, s(2), s(1)])).toRows(), [
    [1, 4],
    [2, 5],
    [3, 6],
  ]);
  assert.deepEqual(Array.from(asMatrix(permute.forward([X, s(1), s(2), s(3)])).data), Array.from(X.data));
});

test('permute of a rank-4 value: N×C×H×W → N×H×W×C', () => {
  const b = Matrix.fromShape([2, 3, 1, 2]);
  for (let i = 0; i < b.size; i++) b.data[i] = i;
  const y = asMatrix(permute.forward([b, s(1), s(3), s(4), s(2)]));
  assert.deepEqual(y.shape, [2, 1, 2, 3]);
  // Y[n, 0, w, c] = B[n, c, 0, w] = n·6 + c·2 + w (0-based).
  for (let n = 0; n < 2; n++)
    for (let w = 0; w < 2; w++) for (let c = 0; c < 3; c++) assert.equal(y.data[n * 6 + w * 3 + c], n * 6 + c * 2 + w);
});

test('permute: a wrong count is call.arity; a repeated or missing axis is call.axis', () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return e instanceof EvalError ? e.code : 'not an EvalError';
    }
    return undefined;
  };
  assert.equal(
    code(() => permute.forward([X, s(2), s(1)])),
    'call.arity',
  );
  assert.equal(
    code(() => permute.forward([X, s(1), s(1), s(2)])),
    'call.axis',
  );
  assert.equal(
    code(() => permute.forward([X, s(1), s(2), s(4)])),
    'call.axis',
  );
});

test('permute: backward against finite differences', () => {
  const rand = prng(14);
  const x = Matrix.fromShape([2, 3, 2, 2]);
  for (let i = 0; i < x.size; i++) x.data[i] = rand() * 2 - 1;
  checkBackward(permute, [x, s(2), s(4), s(1), s(3)], rand, { only: [0] });
  checkBackward(permute, [X, s(3), s(1), s(2)], rand, { only: [0] });
});

/**
 * log_softmax against PyTorch's (the classifier of the batch oracle), by
 * hand for the stable cases, and its backward against finite differences.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { logSoftmax } from '../../../src/core/solvers/logSoftmax';
import { Matrix } from '../../../src/core/values/value';
import { call, readBatchOracle, resolved, tensor } from './batchOracle';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

test('log_softmax: ln ½ for two equal scores, without overflow for large ones', () => {
  assertMatrixClose(logSoftmax.forward([Matrix.fromRows([[0], [0]])]), [[-Math.LN2], [-Math.LN2]], 1e-15);
  // 1000 − (1000 + ln 2): the doubles near 1000 are 1.1e-13 apart.
  assertMatrixClose(call(logSoftmax, [Matrix.fromRows([[1000, 1000]])]), [[-Math.LN2, -Math.LN2]], 1e-12);
  // A −∞ score: ln 0 = −∞ there, and the rest normalise alone (ln 1 = 0).
  const masked = call(logSoftmax, [Matrix.fromRows([[0, -Infinity]])], { axis: 2 }) as Matrix;
  assert.deepEqual(masked.toRows(), [[0, -Infinity]]);
});

test('log_softmax(Z, axis=2) of the batch matches PyTorch', () => {
  const c = readBatchOracle().classifier;
  assertMatrixClose(call(logSoftmax, [tensor(c.Z)], { axis: 2 }), tensor(c.log_softmax).toRows(), 1e-14);
});

test('log_softmax backward against finite differences, by column and by row', () => {
  const rand = prng(17);
  checkBackward(logSoftmax, [randomMatrix(rand, 3, 4)], rand);
  checkBackward(logSoftmax, resolved(logSoftmax, [randomMatrix(rand, 3, 4)], { axis: 2 }) as Matrix[], rand);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { l2Penalty, multiclassHinge } from '../../../src/core/solvers/marginLosses';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng } from './finiteDifference';
import { input, oracle, oracleNumber } from './oracle';

test("multiclass_hinge: PyTorch's multi_margin_loss times the number of classes; l2_penalty", () => {
  const c = oracle('multiclass_hinge');
  assertMatrixClose(multiclassHinge.forward([input(c, 'S'), input(c, 'labels'), Matrix.scalar(1)]), c.output, 1e-14);
  const l = oracle('l2_penalty');
  assertMatrixClose(l2Penalty.forward([input(l, 'W'), Matrix.scalar(oracleNumber(l, 'lam'))]), l.output, 1e-15);
});

test('backward against central finite differences (away from the kinks)', () => {
  const rand = prng(81);
  const S = Matrix.fromRows([
    [3.2, 5.1, -1.7],
    [1.3, 4.9, 2.0],
  ]);
  checkBackward(multiclassHinge, [S, Matrix.fromRows([[1], [2]]), Matrix.scalar(1)], rand);
  checkBackward(
    l2Penalty,
    [
      Matrix.fromRows([
        [0.5, -1],
        [2, 0.25],
      ]),
      Matrix.scalar(0.3),
    ],
    rand,
  );
});

test('labels that are no class are refused', () => {
  assert.throws(() => multiclassHinge.forward([Matrix.fromRows([[1, 2]]), Matrix.scalar(3)]), DomainError);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { gruCell, lstmCell, rnnCell } from '../../../src/core/solvers/recurrent';
import { ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { input, oracle } from './oracle';

test("rnn_cell, lstm_cell, gru_cell: torch.nn's RNNCell, LSTMCell ([h′, c′]) and GRUCell", () => {
  const r = oracle('rnn_cell');
  const tail = (c: ReturnType<typeof oracle>) => ['W_ih', 'W_hh', 'b_ih', 'b_hh'].map((k) => input(c, k));
  assertMatrixClose(rnnCell.forward([input(r, 'x'), input(r, 'h'), ...tail(r)]), r.output, 1e-14);
  const l = oracle('lstm_cell');
  assertMatrixClose(lstmCell.forward([input(l, 'x'), input(l, 'h'), input(l, 'c'), ...tail(l)]), l.output, 1e-14);
  const g = oracle('gru_cell');
  assertMatrixClose(gruCell.forward([input(g, 'x'), input(g, 'h'), ...tail(g)]), g.output, 1e-14);
});

test('backward against central finite differences, for every argument', () => {
  const rand = prng(61);
  const [n, i, h] = [2, 3, 2];
  const m = (r: number, c: number) => randomMatrix(rand, r, c, -1, 1);
  checkBackward(rnnCell, [m(n, i), m(n, h), m(h, i), m(h, h), m(1, h), m(1, h)], rand);
  checkBackward(lstmCell, [m(n, i), m(n, h), m(n, h), m(4 * h, i), m(4 * h, h), m(1, 4 * h), m(1, 4 * h)], rand);
  checkBackward(gruCell, [m(n, i), m(n, h), m(3 * h, i), m(3 * h, h), m(1, 3 * h), m(1, 3 * h)], rand);
});

test('a weight of the wrong shape names the parameter and the shape it needs', () => {
  const z = (r: number, c: number) => Matrix.zeros(r, c);
  assert.throws(
    () => lstmCell.forward([z(1, 3), z(1, 2), z(1, 2), z(6, 3), z(8, 2), Matrix.scalar(0), Matrix.scalar(0)]),
    (e: unknown) => e instanceof ShapeError && /W_ih is 6×3 but must be 8×3/.test(e.message),
  );
});

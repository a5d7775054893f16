import test from 'node:test';
import assert from 'node:assert/strict';
import { diag, kron, outer } from '../../../src/core/solvers/products';
import { ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { input, oracle } from './oracle';

test("outer, kron, diag: NumPy's values", () => {
  const o = oracle('outer');
  assertMatrixClose(outer.forward([input(o, 'a'), input(o, 'b')]), o.output, 0);
  // Either orientation of a vector.
  assertMatrixClose(outer.forward([input(o, 'a'), Matrix.fromRows([[0.5, 4]])]), o.output, 0);
  const k = oracle('kron');
  assertMatrixClose(kron.forward([input(k, 'A'), input(k, 'B')]), k.output, 0);
  for (const name of ['diag_vector', 'diag_matrix']) {
    const c = oracle(name);
    assertMatrixClose(diag.forward([input(c, 'x')]), c.output, 0);
  }
});

test('outer takes vectors only', () => {
  assert.throws(() => outer.forward([Matrix.zeros(2, 2), Matrix.zeros(2, 1)]), ShapeError);
});

test('backward against central finite differences', () => {
  const rand = prng(8);
  checkBackward(outer, [randomMatrix(rand, 3, 1), randomMatrix(rand, 1, 2)], rand);
  checkBackward(kron, [randomMatrix(rand, 2, 3), randomMatrix(rand, 2, 2)], rand);
  checkBackward(diag, [randomMatrix(rand, 3, 1)], rand);
  checkBackward(diag, [randomMatrix(rand, 3, 3)], rand);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { compositeBuiltin } from '../../../src/core/solvers/composite';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { tanh } from '../../../src/core/solvers/tanh';
import { assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';

/** Every Graph operation in one layer: tanh(X Wᵀ + b) beside its row-softmax, centred by column and row means. */
const everything = compositeBuiltin({
  name: 'everything',
  signature: 'everything(X, W, b, mask)',
  summary: 'A test layer using every graph operation.',
  example: '',
  params: [{ name: 'X' }, { name: 'W' }, { name: 'b' }, { name: 'mask' }],
  differentiable: [true, true, true, false],
  validate() {},
  build(g, [x, w, b, mask]) {
    const h = g.call(tanh, g.addRow(g.matmul(x, g.t(w)), b));
    const both = g.beside(h, g.rowSoftmax(g.hadamard(h, mask)));
    const centred = g.sub(both, g.rows(g.columnMeans(both), both.value.rows));
    const scaled = g.div(centred, g.add(g.cols(g.rowMeans(g.hadamard(both, both)), both.value.cols), g.scalar(1)));
    return g.columns(g.scale(scaled, 2), 1, 4);
  },
  steps: () => [],
});

test('forward: each operation as written by hand for a small case', () => {
  const x = Matrix.fromRows([[1, 2]]);
  const w = Matrix.fromRows([
    [0, 0],
    [0, 0],
  ]);
  const out = compositeBuiltin({
    name: 'plain',
    signature: 'plain(X, W)',
    summary: 'x',
    example: '',
    params: [{ name: 'X' }, { name: 'W' }],
    differentiable: [true, true],
    validate() {},
    build: (g, [a, b]) => g.beside(g.call(tanh, g.matmul(a, g.t(b))), g.rowSoftmax(a)),
    steps: () => [],
  }).forward([x, w]);
  // tanh([0, 0]) beside softmax([1, 2]) = [1/(1 + e), e/(1 + e)].
  assertMatrixClose(out, [[0, 0, 1 / (1 + Math.E), Math.E / (1 + Math.E)]], 1e-15);
});

test('backward: the autodiff of the forward code agrees with central finite differences', () => {
  const rand = prng(91);
  const mask = Matrix.fromRows([
    [1, 0, 1],
    [0, 1, 1],
    [1, 1, 0],
  ]);
  checkBackward(everything, [randomMatrix(rand, 3, 2), randomMatrix(rand, 3, 2), randomMatrix(rand, 1, 3), mask], rand);
});

test('a failing operation inside a layer is reported under the layer’s name', () => {
  const divides = compositeBuiltin({
    name: 'divides',
    signature: 'divides(X)',
    summary: 'x',
    example: '',
    params: [{ name: 'X' }],
    differentiable: [true],
    validate() {},
    build: (g, [x]) => g.div(g.scalar(1), x),
    steps: () => [],
  });
  assert.throws(
    () => divides.forward([Matrix.scalar(0)]),
    (e: unknown) => e instanceof DomainError && /^divides: /.test(e.message),
  );
});

/**
 * The tensor value model: a rank-3/4 value is a Matrix with leading axes,
 * row-major over all of them, and an operator or built-in not taught tensors
 * refuses one (`shape.rank`) instead of computing on its first slice.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { OPERATORS, UNARY_OPERATORS } from '../../../src/core/autodiff/operators';
import { Tape } from '../../../src/core/autodiff/tape';
import { findBuiltin, resolveArguments } from '../../../src/core/solvers/registry';
import { EvalError } from '../../../src/core/values/errors';
import { Matrix, shapeSize } from '../../../src/core/values/value';

// 2×2×3: channel 1 holds 1..6, channel 2 holds 7..12 (row-major by hand).
const T = Matrix.fromShape([2, 2, 3], Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));

test('a rank-3 value: its axes, its size, its slices', () => {
  assert.deepEqual(T.shape, [2, 2, 3]);
  assert.equal(T.rank, 3);
  assert.equal(T.isTensor, true);
  assert.equal(T.rows, 2);
  assert.equal(T.cols, 3);
  assert.equal(T.size, 12);
  assert.equal(T.shapeText(), '2×2×3');
  assert.deepEqual(T.slice(1).toRows(), [
    [7, 8, 9],
    [10, 11, 12],
  ]);
  assert.equal(T.slice(1).isTensor, false);
});

test('a rank-4 value: slicing the batch axis gives a rank-3 value', () => {
  const B = Matrix.fromShape([2, 3, 1, 2]);
  assert.equal(B.size, shapeSize([2, 3, 1, 2]));
  assert.equal(B.size, 12);
  assert.deepEqual(B.slice(0).shape, [3, 1, 2]);
  assert.equal(B.shapeText(), '2×3×1×2');
});

test('matrices keep their shape text and rank', () => {
  const A = Matrix.fromRows([
    [1, 2],
    [3, 4],
  ]);
  assert.equal(A.rank, 2);
  assert.equal(A.isTensor, false);
  assert.deepEqual(A.shape, [2, 2]);
  assert.equal(A.shapeText(), '2×2');
  assert.equal(Matrix.fromShape([3]).shapeText(), '3×1');
  assert.equal(A.sameShape(Matrix.fromShape([2, 2])), true);
  assert.equal(T.sameShape(Matrix.fromShape([2, 3])), false);
  assert.equal(T.sameShape(Matrix.fromShape([3, 2, 3])), false);
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    return e instanceof EvalError ? e.code : 'not an EvalError';
  }
  return undefined;
}

test('operators not taught tensors refuse them with shape.rank', () => {
  const A = Matrix.fromShape([3, 2]);
  assert.equal(
    codeOf(() => OPERATORS.mul.forward(T, A)),
    'shape.rank',
  );
  assert.equal(
    codeOf(() => UNARY_OPERATORS.transpose.forward(T)),
    'shape.rank',
  );
  assert.match(
    String(
      (() => {
        try {
          OPERATORS.mul.forward(T, A);
        } catch (e) {
          return (e as Error).message;
        }
      })(),
    ),
    /2×2×3/,
  );
});

test('a built-in not taught tensors refuses one, naming the parameter', () => {
  const det = findBuiltin('det')!;
  let message = '';
  try {
    resolveArguments(det, [T], []);
  } catch (e) {
    assert.ok(e instanceof EvalError);
    assert.equal(e.code, 'shape.rank');
    message = e.message;
  }
  assert.match(message, /det works on matrices/);
  assert.match(message, /2×2×3 value of rank 3/);
});

test('the tape accumulates a tensor gradient over every axis and checks its full shape', () => {
  const tape = new Tape();
  const x = tape.variable(T);
  // Two uses of x, each passing back ones of x's shape: the gradient is 2 everywhere.
  const ones = () => Matrix.fromShape([2, 2, 3], new Float64Array(12).fill(1));
  const a = tape.record(Matrix.scalar(0), [x], () => [ones()]);
  const b = tape.record(Matrix.scalar(0), [x], () => [ones()]);
  const root = tape.record(Matrix.scalar(0), [a, b], (g) => [g, g]);
  const grad = tape.gradients(root).get(x.id)!;
  assert.deepEqual(grad.shape, [2, 2, 3]);
  assert.deepEqual(Array.from(grad.data), new Array(12).fill(2));
  // A 2×3 gradient for a 2×2×3 input is a backward rule's bug, not a silent slice.
  const tape2 = new Tape();
  const y = tape2.variable(T);
  const bad = tape2.record(Matrix.scalar(0), [y], () => [Matrix.fromShape([2, 3])]);
  assert.equal(
    codeOf(() => tape2.gradients(bad)),
    'gradient.shape',
  );
});

/**
 * Reductions along an axis (`axis=`, `keepdims=`) against NumPy
 * (`test/fixtures/oracles/batch.py`), their shapes, their backward rules
 * against central finite differences, and `call.axis` for an axis the value
 * does not have.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { findBuiltin } from '../../../src/core/solvers/registry';
import { ArgumentError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { reducedShape } from '../../../src/core/solvers/axes';
import { assertMatrixApprox, finiteDifference, prng } from '../autodiff/finiteDifference';
import { call, readBatchOracle, resolved, tensor } from './batchOracle';

const oracle = readBatchOracle();

/** NumPy drops a reduced axis of a matrix; the language keeps matrices 2-D (the keepdims shape). */
function expectedShape(c: { input: string; axis: number; keepdims: number; shape: number[] }): number[] {
  const input = c.input === 'X2' ? [2, 3] : [2, 3, 4];
  return reducedShape(input, c.axis - 1, c.keepdims === 1);
}

test('sum mean max min prod var std argmax argmin logsumexp along every axis match NumPy', () => {
  const names: [string, string, Record<string, number>][] = [
    ['sum', 'sum', {}],
    ['mean', 'mean', {}],
    ['max', 'max', {}],
    ['min', 'min', {}],
    ['prod', 'prod', {}],
    ['var', 'var', {}],
    ['var_ddof1', 'var', { ddof: 1 }],
    ['std', 'std', {}],
    ['argmax', 'argmax', {}],
    ['argmin', 'argmin', {}],
    ['logsumexp', 'logsumexp', {}],
  ];
  assert.equal(oracle.reductions.length, 2 * 2 + 3 * 2);
  for (const c of oracle.reductions) {
    const x = tensor(c.input === 'X2' ? oracle.X2 : oracle.X3);
    for (const [key, fn, extra] of names) {
      const out = call(findBuiltin(fn)!, [x], { axis: c.axis, keepdims: c.keepdims, ...extra }) as Matrix;
      const expected = Matrix.fromShape(expectedShape(c), tensor(c[key] as number[]).data);
      assertMatrixApprox(out, expected, 1e-12, `${fn}(${c.input}, axis=${c.axis}, keepdims=${c.keepdims}) ${key}`);
    }
    // Counted from the end: axis=-1 is the last axis.
    const rank = c.input === 'X2' ? 2 : 3;
    const fromEnd = call(findBuiltin('sum')!, [x], { axis: c.axis - rank - 1, keepdims: c.keepdims }) as Matrix;
    assertMatrixApprox(fromEnd, Matrix.fromShape(expectedShape(c), tensor(c.sum as number[]).data), 1e-12, 'axis<0');
  }
});

test('shapes: a matrix stays 2-D, a tensor loses the axis unless keepdims', () => {
  // Hand-worked: row sums of [1, 2; 3, 4] are [3; 7], column sums [4, 6].
  const m = Matrix.fromRows([
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual((call(findBuiltin('sum')!, [m], { axis: 2 }) as Matrix).toRows(), [[3], [7]]);
  assert.deepEqual((call(findBuiltin('sum')!, [m], { axis: 1 }) as Matrix).toRows(), [[4, 6]]);
  assert.deepEqual(reducedShape([2, 3, 4], 0, false), [3, 4]);
  assert.deepEqual(reducedShape([2, 3, 4], 0, true), [1, 3, 4]);
  assert.deepEqual(reducedShape([5, 2, 3, 4], 1, false), [5, 3, 4]);
  // Without axis, as before: everything, and several scalars still work.
  assert.equal(
    (call(findBuiltin('max')!, [Matrix.scalar(2), Matrix.scalar(7), Matrix.scalar(3)]) as Matrix).data[0],
    7,
  );
  // X3 is 0.5 k − 3 for k = 0…23 (sum 0.5·276 − 72 = 66), with entry k = 7 (0.5) set to −9: 66 − 9.5.
  assert.equal((call(findBuiltin('sum')!, [tensor(oracle.X3)]) as Matrix).data[0], 56.5);
});

test('an axis the value does not have is call.axis on the axis argument', () => {
  const m = Matrix.fromRows([[1, 2]]);
  for (const axis of [5, 3, -3, 0, 1.5]) {
    assert.throws(
      () => call(findBuiltin('sum')!, [m], { axis }),
      (e: unknown) => e instanceof ArgumentError && e.code === 'call.axis' && e.parameter === 'axis',
      `axis=${axis}`,
    );
  }
  assert.throws(() => call(findBuiltin('argmax')!, [m], { axis: 3 }), /axes 1 to 2/);
  assert.throws(() => call(findBuiltin('sum')!, [m], { axis: 0 }), /axes count from 1/);
  assert.throws(() => call(findBuiltin('sum')!, [m], { keepdims: 2 }), /keepdims is 0 or 1/);
  // Several scalars and an axis: which one would it reduce?
  assert.throws(
    () => call(findBuiltin('max')!, [Matrix.scalar(1), Matrix.scalar(2)], { axis: 1 }),
    (e: unknown) => e instanceof ArgumentError && e.code === 'call.axis',
  );
});

test('backward along an axis matches central finite differences', () => {
  const random = prng(7);
  const x = Matrix.fromShape([2, 3, 4]);
  for (let i = 0; i < x.data.length; i++) x.data[i] = -2 + 4 * random();
  for (const fn of ['sum', 'mean', 'max', 'min', 'prod', 'var', 'std', 'logsumexp']) {
    const builtin = findBuiltin(fn)!;
    for (const axis of [1, 2, 3, -1]) {
      for (const keepdims of [0, 1]) {
        const named = { axis, keepdims, ...(fn === 'var' || fn === 'std' ? { ddof: 1 } : {}) };
        const args = resolved(builtin, [x], named);
        const out = builtin.forward(args) as Matrix;
        const w = Matrix.zerosLike(out);
        for (let i = 0; i < w.data.length; i++) w.data[i] = -1 + 2 * random();
        const loss = (v: Matrix) => {
          const o = builtin.forward(resolved(builtin, [v], named)) as Matrix;
          let s = 0;
          for (let i = 0; i < o.data.length; i++) s += o.data[i] * w.data[i];
          return s;
        };
        const [g] = builtin.backward!(w, args as Matrix[], out);
        assertMatrixApprox(g!, finiteDifference(loss, x), 1e-5, `${fn} axis=${axis} keepdims=${keepdims}`);
      }
    }
  }
});

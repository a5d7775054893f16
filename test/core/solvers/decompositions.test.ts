import test from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../../src/core';
import {
  eig,
  eigvecs,
  lstsq,
  MAX_DECOMPOSITION_SIDE,
  pinv,
  rank,
  solve,
  svd,
  svdU,
  svdV,
} from '../../../src/core/solvers/decompositions';
import { DomainError, LimitError, ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { asMatrix, assertClose, assertMatrixClose, checkBackward, prng, randomMatrix } from './finiteDifference';
import { input, oracle, rowsOf } from './oracle';

/** Columns of `actual` equal those of `expected` up to one sign each. */
function assertColumnsUpToSign(actual: Matrix, expected: readonly (readonly number[])[], tolerance = 1e-10): void {
  const e = Matrix.fromRows(expected);
  assert.deepEqual([actual.rows, actual.cols], [e.rows, e.cols]);
  for (let j = 0; j < e.cols; j++) {
    let dot = 0;
    for (let i = 0; i < e.rows; i++) dot += actual.get(i, j) * e.get(i, j);
    const sign = dot < 0 ? -1 : 1;
    for (let i = 0; i < e.rows; i++) assertClose(actual.get(i, j), sign * e.get(i, j), tolerance, `(${i},${j})`);
  }
}

function findings(text: string): string[] {
  return check(text).diagnostics.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
}

for (const name of ['nonsym', 'sym', 'three']) {
  test(`eig and eigvecs (${name}): NumPy's eigenvalues, largest first, and its eigenvectors up to sign`, () => {
    const c = oracle(`eig_${name}`);
    const a = input(c, 'A');
    assertMatrixClose(eig.forward([a]), c.output, 1e-10);
    const v = asMatrix(eigvecs.forward([a]));
    // NumPy normalises to unit length too: the columns agree up to sign.
    assertColumnsUpToSign(v, rowsOf(c.vectors));
  });
}

for (const name of ['wide', 'tall']) {
  test(`svd, svd_u, svd_v, pinv (${name}): NumPy's values, U and V up to sign`, () => {
    const c = oracle(`svd_${name}`);
    const a = input(c, 'A');
    assertMatrixClose(svd.forward([a]), c.output, 1e-12);
    assertColumnsUpToSign(asMatrix(svdU.forward([a])), rowsOf(c.U));
    assertColumnsUpToSign(asMatrix(svdV.forward([a])), rowsOf(c.V));
    assertMatrixClose(pinv.forward([a]), oracle(`pinv_${name}`).output, 1e-12);
  });
}

test("rank: NumPy's matrix_rank, and an explicit tolerance", () => {
  for (const name of ['one', 'two', 'full']) {
    const c = oracle(`rank_${name}`);
    assertMatrixClose(rank.forward([input(c, 'A')]), c.output, 0);
  }
  // σ of [1, 0; 0, 1e-6] are 1 and 1e-6: a tolerance of 1e-3 drops the second.
  const nearlySingular = Matrix.fromRows([
    [1, 0],
    [0, 1e-6],
  ]);
  assertMatrixClose(rank.forward([nearlySingular]), [[2]], 0);
  assertMatrixClose(rank.forward([nearlySingular, Matrix.scalar(1e-3)]), [[1]], 0);
});

test("solve and lstsq: NumPy's solutions", () => {
  for (const name of ['solve', 'solve_matrix']) {
    const c = oracle(name);
    assertMatrixClose(solve.forward([input(c, 'A'), input(c, 'b')]), c.output, 1e-12);
  }
  const c = oracle('lstsq');
  assertMatrixClose(lstsq.forward([input(c, 'A'), input(c, 'b')]), c.output, 1e-12);
});

test('solve: backward against central finite differences', () => {
  const rand = prng(5);
  const a = randomMatrix(rand, 3, 3);
  for (let i = 0; i < 3; i++) a.data[i * 4] += 4; // diagonally dominant: well away from singular
  checkBackward(solve, [a, randomMatrix(rand, 3, 2)], rand);
});

test('guards: non-square, complex eigenvalues, singular solve, repeated eigenvalues, size limit', () => {
  assert.throws(() => eig.forward([Matrix.fromRows([[1, 2, 3]])]), ShapeError);
  assert.throws(
    () =>
      eig.forward([
        Matrix.fromRows([
          [0, -1],
          [1, 0],
        ]),
      ]),
    (e: unknown) => e instanceof DomainError && /complex eigenvalues \(0 ± 1i\)/.test(e.message),
  );
  assert.throws(
    () =>
      solve.forward([
        Matrix.fromRows([
          [1, 2],
          [2, 4],
        ]),
        Matrix.fromRows([[1], [2]]),
      ]),
    (e: unknown) => e instanceof DomainError && /singular/.test(e.message),
  );
  assert.throws(
    () =>
      solve.forward([
        Matrix.fromRows([
          [1, 0],
          [0, 1],
        ]),
        Matrix.fromRows([[1], [2], [3]]),
      ]),
    ShapeError,
  );
  assert.throws(
    () =>
      eigvecs.forward([
        Matrix.fromRows([
          [2, 0],
          [0, 2],
        ]),
      ]),
    /repeated/,
  );
  const big = Matrix.zeros(MAX_DECOMPOSITION_SIDE + 1, 2);
  assert.throws(() => svd.forward([big]), LimitError);
});

test('in a homework: each guard is a diagnostic at the call', () => {
  const text =
    'problem 1 "g"\ngiven A = [0, -1; 1, 0], B = [1, 2; 2, 4], R = [1, 2, 3]\n' +
    'a = eig(A)\nb = solve(B, [1; 2])\nc = eig(R)\nd = svd(zeros(201, 2))\n';
  assert.deepEqual(findings(text), [
    'call.domain eig(A)',
    'call.domain solve(B, [1; 2])',
    'shape.mismatch eig(R)',
    'limit.matrix-size svd(zeros(201, 2))',
  ]);
});

test('a claim about eigenvalues holds in any order; a wrong one names the right value', () => {
  const header = 'problem 1 "e"\ngiven A = [4, 1; 2, 3]\n';
  assert.deepEqual(findings(`${header}eig(A) = [5; 2]\neig(A) = [2; 5]\nlam = eig(A)\nlam = [2; 5]\n`), []);
  const wrong = check(`${header}eig(A) = [7; 1]\n`).diagnostics;
  assert.deepEqual(
    wrong.map((d) => d.code),
    ['value.wrong-entry', 'value.wrong-entry'],
  );
  // Paired by size: the 7 should be 5, the 1 should be 2.
  assert.deepEqual(
    wrong.map((d) => d.expected),
    ['5', '2'],
  );
  assert.deepEqual(
    check(`${header}eig(A) = [2; 6]\n`).diagnostics.map((d) => d.expected),
    ['5'],
  );
});

test('eigenvectors compare up to scale, sign and order; a vector that is none is wrong', () => {
  const header = 'problem 1 "v"\ngiven A = [4, 1; 2, 3]\n';
  // λ = 5: v ∥ [1; 1]; λ = 2: v ∥ [1; -2] (by hand: (A − 2I) v = [2, 1; 2, 1] v = 0).
  assert.deepEqual(findings(`${header}eigvecs(A) = [1, 1; 1, -2]\n`), []);
  assert.deepEqual(findings(`${header}eigvecs(A) = [-1, 2; 2, 2]\n`), []);
  assert.deepEqual(findings(`${header}eigvecs(A) ≈ [0.7071, -0.4472; 0.7071, 0.8944]\n`), []);
  // The second column is no multiple of [1; -2]: both its entries are wrong, the first column is right.
  assert.deepEqual(findings(`${header}eigvecs(A) = [1, 1; 1, 2]\n`), ['value.wrong-entry 1', 'value.wrong-entry 2']);
  const spans = check(`${header}eigvecs(A) = [1, 1; 1, 2]\n`).diagnostics.map((d) => d.span.start);
  const text = `${header}eigvecs(A) = [1, 1; 1, 2]\n`;
  assert.deepEqual(spans, [text.indexOf('1; 1, 2]'), text.indexOf('2]')]);
  // A zero column is no eigenvector.
  assert.ok(check(`${header}eigvecs(A) = [0, 1; 0, -2]\n`).diagnostics.length > 0);
});

test('singular vectors compare up to sign', () => {
  const header = 'problem 1 "s"\ngiven M = [3, 0; 0, -2]\n';
  assert.deepEqual(findings(`${header}svd(M) = [3; 2]\nsvd_u(M) = [-1, 0; 0, 1]\nsvd_v(M) = [1, 0; 0, -1]\n`), []);
});

test('a gradient through eig is reported, not silently zero; through rank it is zero', () => {
  const text = 'problem 1 "g"\ngiven A = [2, 1; 1, 3]\nL = sum(eig(A))\n∂L/∂A = [1, 0; 0, 1]\n';
  assert.deepEqual(
    check(text).diagnostics.map((d) => d.code),
    ['gradient.unsupported'],
  );
});

test('eig of a matrix with entries near 1e300 ends, with the eigenvalues of a triangular matrix', () => {
  // Upper triangular: the eigenvalues are its diagonal, 1e300 and 2 (by hand). Unscaled, the QR iteration
  // overflowed to NaN and never ended (found by the fuzzer: eigvecs of [0.5, 1e300, 1; …]).
  const a = Matrix.fromRows([
    [1e300, 1e300],
    [0, 2],
  ]);
  assertMatrixClose(eig.forward([a]), Matrix.fromRows([[1e300], [2]]), 1e-12);
  // The fuzzer's matrix: the call ends (with a value or a clear diagnostic), it does not hang.
  const fuzz = check(
    'x = eigvecs([0.5, 1e300, 1; 2.000, 1e-6, 58.4; 1e29, 7, 0])\ny = eig([0.5, 1e300, 1; 2, 1e-6, 58.4; 1e29, 7, 0])',
  );
  for (const d of fuzz.diagnostics) assert.notEqual(d.code, 'internal.error', d.message);
});

/**
 * Values that are right up to an order or a scale: the eigenvalues of a
 * matrix (a multiset: any order), eigenvectors (each column up to scale and
 * sign, the columns in any order) and singular vectors (each column up to
 * sign). The built-in that computes such a value marks it; the comparison
 * first aligns the expected value to the stated one (reorders, rescales),
 * then compares entry by entry as usual, so a wrong entry is still reported
 * against the right partner.
 *
 * Example: eig([4, 1; 2, 3]) is [5; 2], marked a multiset; stated [2; 5],
 * the expected value is aligned to [2; 5] and the claim holds.
 */
import { Matrix } from './value';

export type Equivalence =
  { readonly kind: 'multiset' } | { readonly kind: 'column-directions'; readonly anyOrder: boolean };

const MARKS = new WeakMap<Matrix, Equivalence>();

export function markEquivalence<T extends Matrix>(m: T, equivalence: Equivalence): T {
  MARKS.set(m, equivalence);
  return m;
}

/**
 * The expected value rearranged to best match the stated one, within its
 * equivalence; the expected value itself when it has none or the shapes do
 * not fit (the comparison then reports the shape).
 */
export function alignExpected(stated: Matrix, expected: Matrix): Matrix {
  const mark = MARKS.get(expected);
  if (!mark) return expected;
  if (mark.kind === 'multiset') {
    if (stated.size !== expected.size) return expected;
    return alignMultiset(stated, expected);
  }
  if (stated.rows !== expected.rows || stated.cols !== expected.cols) return expected;
  return alignColumns(stated, expected, mark.anyOrder);
}

/** Pairs the k-th smallest stated entry with the k-th smallest expected one (the best pairing on a line). */
function alignMultiset(stated: Matrix, expected: Matrix): Matrix {
  const byValue = (data: Float64Array) => Array.from(data.keys()).sort((i, j) => data[i] - data[j] || i - j);
  const statedOrder = byValue(stated.data);
  const expectedSorted = byValue(expected.data).map((i) => expected.data[i]);
  const out = new Float64Array(expected.size);
  statedOrder.forEach((index, rank) => {
    out[index] = expectedSorted[rank];
  });
  return new Matrix(expected.rows, expected.cols, out);
}

function column(m: Matrix, j: number): number[] {
  return Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]);
}

function dotOf(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Each stated column paired with an expected one (the same index, or the
 * unused one most parallel to it), which is then scaled to it: α e with
 * α = (s·e)/(e·e). A zero stated column is no direction and is left unmatched.
 */
function alignColumns(stated: Matrix, expected: Matrix, anyOrder: boolean): Matrix {
  const out = new Float64Array(expected.size);
  const used = new Set<number>();
  for (let j = 0; j < stated.cols; j++) {
    const s = column(stated, j);
    const sNorm = Math.sqrt(dotOf(s, s));
    let partner = j;
    if (anyOrder && sNorm > 0) {
      let best = -1;
      for (let k = 0; k < expected.cols; k++) {
        if (used.has(k)) continue;
        const e = column(expected, k);
        const cosine = Math.abs(dotOf(s, e)) / (sNorm * Math.sqrt(dotOf(e, e)) || 1);
        if (cosine > best) {
          best = cosine;
          partner = k;
        }
      }
    }
    used.add(partner);
    const e = column(expected, partner);
    const ee = dotOf(e, e);
    const scale = sNorm > 0 && ee > 0 ? dotOf(s, e) / ee : 1;
    for (let i = 0; i < expected.rows; i++) out[i * expected.cols + j] = scale * e[i];
  }
  return new Matrix(expected.rows, expected.cols, out);
}

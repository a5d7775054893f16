/**
 * How two values are judged equal.
 *
 * - `=` uses a relative tolerance (default 1e-9) with a tiny absolute floor,
 *   so that `1 - 0.95 = 0.05` holds although 1 − 0.95 is 0.050000000000000044.
 * - `≈` allows half a unit of the last digit written: `58.4` stands for
 *   anything in [58.35, 58.45]. When neither side is a written number, `≈`
 *   falls back to a relative tolerance of 1e-3.
 * - A written number that is right only once rounded to its digits is
 *   "rounded" (a warning under `=`).
 *
 * Example: `ln(0.05) / ln(0.95) ≈ 58.4` holds (58.40397… is within 0.05 of
 * 58.4); `ln(0.05) / ln(0.95) = 58.4` is rounded; `= 58.5` is wrong.
 */
import type { Expr } from '../syntax/ast';
import { alignExpected } from '../values/equivalence';
import { Matrix, type Value } from '../values/value';
import { compareQuantities, inUnitsOf, quantityNumber, unitsCompatible } from '../values/units';

/** Absolute floor under the relative tolerance: a value this close to a written 0 counts as 0. */
const ABSOLUTE_FLOOR = 1e-12;
/** `≈` between two computed expressions (no digits written to go by). */
export const APPROX_RELATIVE = 1e-3;

export function numbersEqual(a: number, b: number, relTol: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(a - b);
  // The floor is for a written 0 against rounding noise (0.1 + 0.2 - 0.3); two
  // non-zero tiny values still compare relatively (1e-13 is not 2e-13).
  return diff <= relTol * Math.max(Math.abs(a), Math.abs(b)) || ((a === 0 || b === 0) && diff <= ABSOLUTE_FLOOR);
}

/** Half a unit of the last digit of a written number: `58.4` → 0.05, `59` → 0.5, `5e-6` → 5e-7. */
export function halfUnitOfLastDigit(text: string): number {
  let body = text.trim();
  let scale = 1;
  if (body.endsWith('%')) {
    body = body.slice(0, -1);
    scale = 0.01;
  }
  let exponent = 0;
  const e = body.search(/[eE]/);
  if (e >= 0) {
    exponent = Number(body.slice(e + 1));
    body = body.slice(0, e);
  }
  const dot = body.indexOf('.');
  const decimals = dot < 0 ? 0 : body.length - dot - 1;
  return 0.5 * Math.pow(10, exponent - decimals) * scale;
}

/** Decimals written after the point (for messages: "correct to 1 decimal"). */
export function decimalsWritten(text: string): number {
  const body = text.replace(/%$/, '').split(/[eE]/)[0];
  const dot = body.indexOf('.');
  return dot < 0 ? 0 : body.length - dot - 1;
}

/**
 * For each entry of a written value, the half-unit tolerance its digits
 * allow, or undefined where the entry is not a plain written number.
 */
export function writtenTolerances(
  expr: Expr,
  isUnitName: (name: string) => boolean = () => false,
): (number | undefined)[] | undefined {
  const e = unwrap(expr);
  if (e.kind === 'number') return [halfUnitOfLastDigit(e.text)];
  if (e.kind === 'unary' && e.op === '-' && unwrap(e.operand).kind === 'number') {
    return [halfUnitOfLastDigit((unwrap(e.operand) as { text: string }).text)];
  }
  if (e.kind === 'matrix') {
    const out: (number | undefined)[] = [];
    for (const row of e.rows) for (const entry of row) out.push(writtenTolerances(entry)?.[0]);
    return out;
  }
  const quantity = quantityLiteralNumber(e, isUnitName);
  if (quantity) return [halfUnitOfLastDigit(quantity.text)];
  return undefined;
}

/**
 * The number of a written quantity — `1.7 min`, `-2 min/epoch`, `6000 min` —
 * or undefined when `e` is not a number followed by units only.
 */
export function quantityLiteralNumber(e: Expr, isUnitName: (name: string) => boolean): { text: string } | undefined {
  e = unwrap(e);
  if (e.kind !== 'binary' || (e.op !== 'mul' && e.op !== 'div')) return undefined;
  // `2 min/epoch` is (2 min) / epoch: walk down the left side to the number.
  let left: Expr = e;
  const unitParts: Expr[] = [];
  while (left.kind === 'binary' && (left.op === 'mul' || left.op === 'div')) {
    unitParts.push(left.right);
    left = unwrap(left.left);
  }
  const number =
    left.kind === 'number'
      ? left
      : left.kind === 'unary' && left.op === '-' && unwrap(left.operand).kind === 'number'
        ? (unwrap(left.operand) as { text: string })
        : undefined;
  if (!number) return undefined;
  return unitParts.every((p) => isUnitExpression(p, isUnitName)) ? number : undefined;
}

function isUnitExpression(e: Expr, isUnitName: (name: string) => boolean): boolean {
  e = unwrap(e);
  if (e.kind === 'name') return isUnitName(e.name);
  if (e.kind === 'binary' && (e.op === 'mul' || e.op === 'div'))
    return isUnitExpression(e.left, isUnitName) && isUnitExpression(e.right, isUnitName);
  if (e.kind === 'binary' && e.op === 'pow')
    return isUnitExpression(e.left, isUnitName) && unwrap(e.right).kind === 'number';
  return false;
}

/** A value written out: a number, a negated number, or a matrix of them. */
export function isWrittenValue(e: Expr): boolean {
  e = unwrap(e);
  if (e.kind === 'number') return true;
  if (e.kind === 'unary') return isWrittenValue(e.operand);
  if (e.kind === 'matrix') return e.rows.every((r) => r.every(isWrittenValue));
  return false;
}

function unwrap(e: Expr): Expr {
  while (e.kind === 'paren') e = e.inner;
  return e;
}

export type Comparison =
  | { kind: 'equal'; transposed: boolean }
  | { kind: 'rounded'; decimals: number }
  /** `aligned`: the expected value reordered or rescaled to the stated one (eigenvalues, eigenvectors). */
  | { kind: 'entries'; wrong: { row: number; col: number }[]; aligned?: Matrix }
  | { kind: 'shape' }
  | { kind: 'unequal' }
  | { kind: 'units' };

export interface CompareOptions {
  readonly relTol: number;
  /** `≈`: per-entry half-units of the written digits (or APPROX_RELATIVE where none). */
  readonly approx: boolean;
  readonly writtenTolerance?: readonly (number | undefined)[];
}

/**
 * Compares a stated value with the expected one. Distinguishes a vector in
 * the other orientation, a matrix wrong in some entries, a wrong shape, and
 * a number right only to its written digits.
 */
export function compareValues(stated: Value, expected: Value, opts: CompareOptions): Comparison {
  if (stated.kind === 'quantity' || expected.kind === 'quantity') {
    if (stated.kind !== 'quantity' || expected.kind !== 'quantity' || !unitsCompatible(stated, expected)) {
      return { kind: 'units' };
    }
    // Compare in the stated value's unit, so written digits keep their meaning.
    const s = quantityNumber(stated);
    const x = inUnitsOf(expected, stated);
    const written = opts.writtenTolerance?.[0];
    if (opts.approx) {
      const ok = written !== undefined ? Math.abs(s - x) <= written * (1 + 1e-9) : numbersEqual(s, x, APPROX_RELATIVE);
      return ok ? { kind: 'equal', transposed: false } : { kind: 'unequal' };
    }
    if (numbersEqual(s, x, opts.relTol)) return { kind: 'equal', transposed: false };
    if (written !== undefined && Math.abs(s - x) <= written * (1 + 1e-9)) {
      return { kind: 'rounded', decimals: decimalsFromHalfUnit(written) };
    }
    return { kind: 'unequal' };
  }
  // Eigenvalues in any order, eigenvectors up to scale: see values/equivalence.ts.
  const aligned = alignExpected(stated, expected);
  if (aligned !== expected) {
    const c = compareValues(stated, aligned, opts);
    return c.kind === 'entries' ? { ...c, aligned } : c;
  }
  if (stated.rows === expected.rows && stated.cols === expected.cols) {
    return compareSameShape(stated, expected, opts, false);
  }
  const isVector = (m: Matrix) => m.rows === 1 || m.cols === 1;
  if (isVector(stated) && isVector(expected) && stated.rows === expected.cols && stated.cols === expected.rows) {
    const c = compareSameShape(stated, expected, opts, true);
    if (c.kind === 'equal') return { kind: 'equal', transposed: true };
    return { kind: 'shape' };
  }
  return { kind: 'shape' };
}

function compareSameShape(stated: Matrix, expected: Matrix, opts: CompareOptions, transposed: boolean): Comparison {
  const wrong: { row: number; col: number }[] = [];
  let rounded = false;
  let roundedDecimals = 0;
  for (let i = 0; i < stated.rows; i++) {
    for (let j = 0; j < stated.cols; j++) {
      const index = i * stated.cols + j;
      const s = stated.data[index];
      // Same flat index works for both orientations of a vector.
      const x = expected.data[index];
      const written = opts.writtenTolerance?.[index];
      if (opts.approx) {
        const ok =
          written !== undefined
            ? Math.abs(s - x) <= written * (1 + 1e-9) + ABSOLUTE_FLOOR
            : numbersEqual(s, x, APPROX_RELATIVE);
        if (!ok) wrong.push({ row: i, col: j });
        continue;
      }
      if (numbersEqual(s, x, opts.relTol)) continue;
      if (written !== undefined && Math.abs(s - x) <= written * (1 + 1e-9)) {
        rounded = true;
        roundedDecimals = Math.max(roundedDecimals, decimalsFromHalfUnit(written));
        continue;
      }
      wrong.push({ row: i, col: j });
    }
  }
  if (wrong.length > 0) {
    const total = stated.rows * stated.cols;
    return total === 1 ? { kind: 'unequal' } : { kind: 'entries', wrong };
  }
  if (rounded) return { kind: 'rounded', decimals: roundedDecimals };
  return { kind: 'equal', transposed };
}

function decimalsFromHalfUnit(h: number): number {
  return Math.max(0, Math.round(-Math.log10(h * 2)));
}

/** True when the two values are equal under `=`'s tolerance, orientation aside. */
export function sameValue(a: Value, b: Value, relTol: number): boolean {
  const c = compareValues(a, b, { relTol, approx: false });
  return c.kind === 'equal';
}

/** Orders two scalars (or quantities) for `<`, `≤`, `>`, `≥`; undefined when not comparable. */
export function orderOf(a: Value, b: Value, relTol: number): -1 | 0 | 1 | undefined {
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    if (!a.isScalar || !b.isScalar) return undefined;
    const x = a.scalarValue;
    const y = b.scalarValue;
    if (numbersEqual(x, y, relTol)) return 0;
    return x < y ? -1 : 1;
  }
  if (a.kind === 'quantity' && b.kind === 'quantity') {
    if (!unitsCompatible(a, b)) return undefined;
    const x = inUnitsOf(a, b);
    const y = quantityNumber(b);
    if (numbersEqual(x, y, relTol)) return 0;
    return compareQuantities(a, b) < 0 ? -1 : 1;
  }
  return undefined;
}

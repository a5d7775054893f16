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
import type { Span } from '../text/span';
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

/** A number as written in the source: its text (`0.7310`, `5e-6`, `12.3%`), its span, and its sign. */
export interface WrittenNumber {
  readonly text: string;
  readonly span: Span;
  readonly negative: boolean;
}

/**
 * For each entry of a written value (a number, a negated number, a quantity
 * or a matrix of numbers), the number as written; undefined where an entry
 * is not a plain written number, or when the value is not written out.
 */
export function writtenNumbers(
  expr: Expr,
  isUnitName: (name: string) => boolean = () => false,
): (WrittenNumber | undefined)[] | undefined {
  const e = unwrap(expr);
  const single = writtenNumber(e);
  if (single) return [single];
  const entries = literalEntries(e);
  if (entries) return entries.map((entry) => writtenNumber(unwrap(entry)));
  const quantity = quantityLiteralNumber(e, isUnitName);
  if (quantity) return [{ text: quantity.text, span: quantity.span, negative: quantity.negative }];
  return undefined;
}

function writtenNumber(e: Expr): WrittenNumber | undefined {
  if (e.kind === 'number') return { text: e.text, span: e.span, negative: false };
  if (e.kind === 'unary' && e.op === '-') {
    const operand = unwrap(e.operand);
    if (operand.kind === 'number') return { text: operand.text, span: e.span, negative: true };
  }
  return undefined;
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
  const single = writtenNumberText(e);
  if (single !== undefined) return [halfUnitOfLastDigit(single)];
  const entries = literalEntries(e);
  if (entries) {
    return entries.map((entry) => {
      const text = writtenNumberText(unwrap(entry));
      return text === undefined ? undefined : halfUnitOfLastDigit(text);
    });
  }
  const quantity = quantityLiteralNumber(e, isUnitName);
  return quantity ? [halfUnitOfLastDigit(quantity.text)] : undefined;
}

/** The text of a written number (`0.7310` of `-0.7310`), without making a record of it. */
function writtenNumberText(e: Expr): string | undefined {
  if (e.kind === 'number') return e.text;
  if (e.kind === 'unary' && e.op === '-') {
    const operand = unwrap(e.operand);
    if (operand.kind === 'number') return operand.text;
  }
  return undefined;
}

/**
 * The number of a written quantity — `1.7 min`, `-2 min/epoch`, `6000 min` —
 * or undefined when `e` is not a number followed by units only.
 */
export function quantityLiteralNumber(
  e: Expr,
  isUnitName: (name: string) => boolean,
): { text: string; span: Span; negative: boolean } | undefined {
  e = unwrap(e);
  if (e.kind !== 'binary' || (e.op !== 'mul' && e.op !== 'div')) return undefined;
  // `2 min/epoch` is (2 min) / epoch: walk down the left side to the number.
  let left: Expr = e;
  const unitParts: Expr[] = [];
  while (left.kind === 'binary' && (left.op === 'mul' || left.op === 'div')) {
    unitParts.push(left.right);
    left = unwrap(left.left);
  }
  const number = writtenNumber(left);
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
  if (e.kind === 'tensor') return e.slices.every(isWrittenValue);
  return false;
}

/**
 * The entries of a bracketed literal in row-major order over all its axes
 * (slice by slice for `;;`), the order of its value's data; undefined for
 * anything else.
 */
export function literalEntries(e: Expr): Expr[] | undefined {
  if (e.kind !== 'matrix' && e.kind !== 'tensor') return undefined;
  // A slice may be a name (`[A;; 1, 2]`): its entries then do not line up with the value's.
  if (e.kind === 'tensor' && !isWrittenValue(e)) return undefined;
  const out: Expr[] = [];
  const pending: Expr[] = [e];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.kind === 'tensor') for (let k = node.slices.length - 1; k >= 0; k--) pending.push(node.slices[k]);
    else if (node.kind === 'matrix') for (const row of node.rows) for (const entry of row) out.push(entry);
  }
  return out;
}

function unwrap(e: Expr): Expr {
  while (e.kind === 'paren') e = e.inner;
  return e;
}

export type Comparison =
  | { kind: 'equal'; transposed: boolean }
  | { kind: 'rounded'; decimals: number }
  | { kind: 'entries'; wrong: { row: number; col: number }[] }
  | { kind: 'shape' }
  | { kind: 'unequal' }
  | { kind: 'units' };

export interface CompareOptions {
  readonly relTol: number;
  /** `≈`: per-entry half-units of the written digits (or APPROX_RELATIVE where none). */
  readonly approx: boolean;
  readonly writtenTolerance?: readonly (number | undefined)[];
}

/** How one stated number compares with the expected one. */
export type EntryMatch = 'equal' | 'rounded' | 'unequal';

/**
 * True when `stated` is what `expected` gives rounded to the digits written
 * (`half` is half a unit of the last digit). A tie rounds away from zero, as
 * taught: 6.5 is written 7, never 6, so `6` is no rounding of 6.5.
 */
export function withinDigits(stated: number, expected: number, half: number): boolean {
  const diff = Math.abs(stated - expected);
  // Floating-point noise on either side of a tie (6.499999999999999 is a tie).
  const slack = 1e-9 * half + 1e-12 * Math.max(Math.abs(stated), Math.abs(expected));
  if (diff < half - slack) return true;
  if (diff > half + slack) return false;
  return Math.abs(stated) > Math.abs(expected);
}

/** One entry: `=` within the relative tolerance, else rounded to its digits; `≈` to its digits (or 1e-3 relative). */
export function matchNumber(
  stated: number,
  expected: number,
  approx: boolean,
  relTol: number,
  half?: number,
): EntryMatch {
  if (approx) {
    const ok =
      half !== undefined ? withinDigits(stated, expected, half) : numbersEqual(stated, expected, APPROX_RELATIVE);
    return ok ? 'equal' : 'unequal';
  }
  if (numbersEqual(stated, expected, relTol)) return 'equal';
  if (half !== undefined && withinDigits(stated, expected, half)) return 'rounded';
  return 'unequal';
}

/**
 * Two values as numbers side by side, entry by entry: the stated value's
 * entries and the expected value's (in the stated unit for quantities; the
 * same flat index serves a vector in the other orientation).
 */
export type Paired =
  | {
      readonly layout: 'same' | 'transposed';
      readonly rows: number;
      readonly cols: number;
      /** Every axis, for a value of rank 3 or 4 (its entries are then named by a full index). */
      readonly shape?: readonly number[];
      readonly stated: ArrayLike<number>;
      readonly expected: ArrayLike<number>;
    }
  | { readonly layout: 'shape' | 'units' };

export function pairEntries(stated: Value, expected: Value): Paired {
  if (stated.kind === 'quantity' || expected.kind === 'quantity') {
    if (stated.kind !== 'quantity' || expected.kind !== 'quantity' || !unitsCompatible(stated, expected))
      return { layout: 'units' };
    return {
      layout: 'same',
      rows: 1,
      cols: 1,
      stated: [quantityNumber(stated)],
      expected: [inUnitsOf(expected, stated)],
    };
  }
  if (stated.isTensor || expected.isTensor) {
    if (!stated.sameShape(expected)) return { layout: 'shape' };
    const shape = stated.shape;
    return {
      layout: 'same',
      rows: stated.rows,
      cols: stated.cols,
      shape,
      stated: stated.data,
      expected: expected.data,
    };
  }
  if (stated.rows === expected.rows && stated.cols === expected.cols)
    return { layout: 'same', rows: stated.rows, cols: stated.cols, stated: stated.data, expected: expected.data };
  const isVector = (m: Matrix) => m.rows === 1 || m.cols === 1;
  if (isVector(stated) && isVector(expected) && stated.rows === expected.cols && stated.cols === expected.rows)
    return { layout: 'transposed', rows: stated.rows, cols: stated.cols, stated: stated.data, expected: expected.data };
  return { layout: 'shape' };
}

/**
 * Compares a stated value with the expected one. Distinguishes a vector in
 * the other orientation, a matrix wrong in some entries, a wrong shape, and
 * a number right only to its written digits.
 */
function compareValues(stated: Value, expected: Value, opts: CompareOptions): Comparison {
  const paired = pairEntries(stated, expected);
  if (!('stated' in paired)) return { kind: paired.layout };
  const wrong: { row: number; col: number }[] = [];
  let rounded = false;
  let roundedDecimals = 0;
  for (let index = 0; index < paired.stated.length; index++) {
    const half = opts.writtenTolerance?.[index];
    const match = matchNumber(paired.stated[index], paired.expected[index], opts.approx, opts.relTol, half);
    if (match === 'unequal') wrong.push({ row: Math.floor(index / paired.cols), col: index % paired.cols });
    else if (match === 'rounded') {
      rounded = true;
      roundedDecimals = Math.max(roundedDecimals, decimalsFromHalfUnit(half!));
    }
  }
  if (paired.layout === 'transposed')
    return wrong.length === 0 && !rounded ? { kind: 'equal', transposed: true } : { kind: 'shape' };
  if (wrong.length > 0) return paired.stated.length === 1 ? { kind: 'unequal' } : { kind: 'entries', wrong };
  if (rounded) return { kind: 'rounded', decimals: roundedDecimals };
  return { kind: 'equal', transposed: false };
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

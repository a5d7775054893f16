/**
 * Every number the product shows is written here, so that a message, a fix,
 * a hover, the derivations view and a built-in's steps agree on its digits.
 *
 * - `formatNumber`: `.hw` syntax, exact enough to paste back: integers as
 *   integers (`-96`), others to 12 significant digits without trailing
 *   zeros (`58.4039748143`), exponent form (`5e-7`) only outside
 *   1e-6 ≤ |x| < 1e15. A display may ask for fewer digits (hovers and
 *   built-ins' steps use 6).
 * - `formatNumberLatex`: the same digits as LaTeX (`5 \times 10^{-7}`).
 * - `formatAtPrecision`: a number at the precision of one the student wrote
 *   (`0.7310` → 4 decimals, `5e-6`, `12.3%`), for a fix beside their digits.
 *
 * No imports: the webview bundles this file.
 *
 *     formatNumber(58.40397481431972)          // '58.4039748143'
 *     formatNumber(58.40397481431972, 6)       // '58.404'
 *     formatAtPrecision(0.73105857863, '0.7000') // '0.7311'
 */

/** Significant digits of a value in `.hw` syntax: what `=` needs to hold with its 1e-9 tolerance. */
const EXACT_DIGITS = 12;
/** Significant digits for a display beside the math (hovers, built-ins' steps). */
export const DISPLAY_DIGITS = 6;
/** Plain notation inside [PLAIN_MIN, PLAIN_MAX); exponent notation outside. */
const PLAIN_MIN = 1e-6;
const PLAIN_MAX = 1e15;

export function formatNumber(x: number, significant: number = EXACT_DIGITS): string {
  // `inf` and `-inf` are the language's own spelling, so a fix can write them back.
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (Number.isInteger(x) && magnitude < PLAIN_MAX) return String(x);
  // Rounding first, then printing the double, trims trailing zeros for free.
  const rounded = Number(x.toPrecision(significant));
  const roundedMagnitude = Math.abs(rounded);
  if (roundedMagnitude >= PLAIN_MIN && roundedMagnitude < PLAIN_MAX) {
    // String() is plain for 1e-7 ≤ |x| < 1e21, which covers this range.
    return String(rounded);
  }
  return rounded.toExponential().replace('e+', 'e');
}

/** A number as LaTeX: `-96`, `5 \times 10^{-7}`, `\infty`. */
export function formatNumberLatex(x: number, significant: number = EXACT_DIGITS): string {
  if (Number.isNaN(x)) return '\\mathrm{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  const text = formatNumber(x, significant);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const mantissa = text.slice(0, e);
  const exponent = text.slice(e + 1);
  return mantissa === '1'
    ? `10^{${exponent}}`
    : mantissa === '-1'
      ? `-10^{${exponent}}`
      : `${mantissa} \\times 10^{${exponent}}`;
}

/** How a written number is written: decimals after the point, exponent, percent. */
export interface WrittenPrecision {
  readonly decimals: number;
  readonly exponent?: number;
  readonly percent: boolean;
}

/** The precision of a number as written: `0.7310` → 4 decimals, `5.2e-6` → 1 decimal of e-6, `12.3%`. */
export function precisionOf(text: string): WrittenPrecision {
  let body = text.trim();
  const percent = body.endsWith('%');
  if (percent) body = body.slice(0, -1);
  const e = body.search(/[eE]/);
  const exponent = e >= 0 ? Number(body.slice(e + 1).replace('−', '-')) : undefined;
  if (e >= 0) body = body.slice(0, e);
  const dot = body.indexOf('.');
  return { decimals: dot < 0 ? 0 : body.length - dot - 1, ...(exponent !== undefined ? { exponent } : {}), percent };
}

/**
 * `x` written at a student's precision (`0.7310` → `0.7311`, `5e-6` →
 * `7e-6`, `12%` → `13%`), a tie rounded away from zero. Outside the range
 * where that reads well (no finite value, a huge one), the exact text.
 */
export function formatAtPrecision(x: number, precision: WrittenPrecision): string {
  if (!Number.isFinite(x) || precision.decimals > 20) return formatNumber(x);
  let scaled = x;
  if (precision.percent) scaled *= 100;
  if (precision.exponent !== undefined) scaled /= Math.pow(10, precision.exponent);
  if (Math.abs(scaled) >= 1e21) return formatNumber(x);
  let text = roundedFixed(scaled, precision.decimals);
  if (/^-[0.]*$/.test(text)) text = text.slice(1);
  if (precision.exponent !== undefined) text += `e${precision.exponent}`;
  if (precision.percent) text += '%';
  return text;
}

/** `toFixed`, with a tie that the double's binary value hides (1.005 is 1.00499999…) still away from zero. */
function roundedFixed(x: number, decimals: number): string {
  const factor = Math.pow(10, decimals);
  const shifted = Math.abs(x) * factor;
  const nearest = Math.round(shifted);
  const tie = Math.abs(shifted - Math.trunc(shifted) - 0.5) < 1e-9 * Math.max(1, shifted);
  const magnitude = tie ? Math.trunc(shifted) + 1 : nearest;
  const digits = (magnitude / factor).toFixed(decimals);
  return x < 0 ? `-${digits}` : digits;
}

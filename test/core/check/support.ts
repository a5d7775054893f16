/**
 * Helpers for the checker tests: run `check()` and look at its diagnostics
 * by code and by the source text under their spans, so a test reads like
 * the homework it checks. No expected number here comes from the checker.
 */
import assert from 'node:assert/strict';
import { check, type CheckOptions, type CheckResult, type Diagnostic } from '../../../src/core';
import { seededRandom } from '../../../src/core/check/random';

export interface Checked {
  readonly text: string;
  readonly result: CheckResult;
  readonly diagnostics: readonly Diagnostic[];
  /** Errors and warnings only (what makes a sheet "not clean"). */
  readonly problems: readonly Diagnostic[];
}

export function run(lines: string | readonly string[], options: CheckOptions = {}): Checked {
  const text = typeof lines === 'string' ? lines : lines.join('\n');
  const result = check(text, options);
  return {
    text,
    result,
    diagnostics: result.diagnostics,
    problems: result.diagnostics.filter((d) => d.severity !== 'info'),
  };
}

/** The source text a diagnostic points at. */
export function under(c: Checked, d: Diagnostic): string {
  return c.text.slice(d.span.start, d.span.end);
}

/** `severity code «text under the span»`, the compact form tests compare. */
export function brief(c: Checked, d: Diagnostic): string {
  return `${d.severity} ${d.code} «${under(c, d)}»`;
}

export function briefs(c: Checked, which: 'all' | 'problems' = 'all'): string[] {
  return (which === 'all' ? c.diagnostics : c.problems).map((d) => brief(c, d));
}

export function assertClean(c: Checked, what = 'the text'): void {
  assert.deepEqual(briefs(c, 'problems'), [], `${what} checks clean:\n${c.text}`);
}

export function only(c: Checked, code: string): Diagnostic[] {
  return c.diagnostics.filter((d) => d.code === code);
}

export function single(c: Checked, code: string): Diagnostic {
  const found = only(c, code);
  assert.equal(found.length, 1, `exactly one ${code} in ${JSON.stringify(briefs(c))}`);
  return found[0];
}

/** The span of the n-th (0-based) occurrence of `needle` in the text. */
export function spanOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} occurs ${occurrence + 1} times`);
  }
  return { start: at, end: at + needle.length };
}

/** The core's seeded generator, so every random test is reproducible. */
export const prng = seededRandom;

/** Parses a `.hw` matrix or number as the checker prints it (`[1, 2; 3, 4]`, `-4`). */
export function parseValueText(text: string): number[][] {
  const t = text.trim();
  if (!t.startsWith('[')) return [[Number(t)]];
  return t
    .slice(1, -1)
    .split(';')
    .map((row) => row.split(',').map((x) => Number(x.trim())));
}

export function assertClose(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected} (tol ${tol})`,
  );
}

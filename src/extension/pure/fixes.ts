/**
 * Quick fixes are read from the diagnostics' `fixes` payload, never from the
 * text: each becomes one edit of exactly its spans.
 */
import {
  fillFixes,
  selectSafeFixes,
  selectVerified,
  verifyFix,
  type CheckResult,
  type Diagnostic,
  type Fix,
  type Recheck,
  type Span,
  type TextEdit,
} from '../../core';

/** What `source.fixAll.homework` applies: the core's verified safe fixes, by the rule `hwcheck --fix` follows too. */
export function fixAllEdits(text: string, result: CheckResult, recheck: Recheck): readonly TextEdit[] {
  return selectSafeFixes(text, result, recheck).edits;
}

/** The fills of every `?` inside `within` (the whole file when absent) that read back as their value. */
export function fillEdits(
  text: string,
  result: CheckResult,
  recheck: Recheck,
  within?: Span,
): { edits: readonly TextEdit[]; refused: number } {
  const selection = selectVerified(text, result, fillFixes(result.diagnostics, within), recheck);
  return { edits: selection.edits, refused: selection.refused };
}

/** Whether the light bulb may mark `fix` preferred: it says so, and a re-check with it applied shows no new error. */
export function offerAsPreferred(text: string, result: CheckResult, fix: Fix, recheck: Recheck): boolean {
  return fix.isPreferred && verifyFix(text, result, fix, recheck);
}

/**
 * `offerAsPreferred`, remembered per check result (one per document
 * version): VS Code asks for the light bulb on every cursor move, and each
 * answer would re-check the file with the fix applied. Results no longer
 * held are forgotten with them.
 */
export class PreferredFixes {
  private readonly verdicts = new WeakMap<CheckResult, Map<Fix, boolean>>();

  offer(text: string, result: CheckResult, fix: Fix, recheck: Recheck): boolean {
    let known = this.verdicts.get(result);
    if (!known) {
      known = new Map();
      this.verdicts.set(result, known);
    }
    let preferred = known.get(fix);
    if (preferred === undefined) {
      preferred = offerAsPreferred(text, result, fix, recheck);
      known.set(fix, preferred);
    }
    return preferred;
  }
}

function preferredFirst(a: Fix, b: Fix): number {
  return Number(b.isPreferred) - Number(a.isPreferred);
}

/** The fixes of one diagnostic in the order to offer them (preferred first). */
export function orderedFixes(diagnostic: Diagnostic): Fix[] {
  return [...diagnostic.fixes].sort(preferredFirst);
}

/** The core diagnostics whose code and span match an editor diagnostic's (re-found in the latest result). */
export function findCoreDiagnostics(result: CheckResult, code: string, span: Span): Diagnostic[] {
  return result.diagnostics.filter(
    (diagnostic) =>
      diagnostic.code === code && diagnostic.span.start === span.start && diagnostic.span.end === span.end,
  );
}

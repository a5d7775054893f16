/**
 * Counts of verdicts for a question, a problem and the document, and of the
 * diagnostics inside each: the status bar, the CLI's summary line and the
 * derivations view's headers read these. They count the judges' verdicts
 * and the diagnostics, and decide nothing themselves.
 *
 * Example: `x = 1 + 1 = 2 = 3` counts 2 checked links, 1 right, 1 wrong,
 * and 1 error (the diagnostic on `3`).
 */
import type { Diagnostic, ItemModel, StatementModel, Summary, Verdict } from '../model';
import type { Span } from '../text/span';

export const EMPTY_SUMMARY: Summary = {
  statements: 0,
  errors: 0,
  warnings: 0,
  notes: 0,
  checked: 0,
  right: 0,
  wrong: 0,
  followed: 0,
  filled: 0,
  approx: 0,
};

/** Counts of verdicts; `verdicts` (kept by the run) spares building the statements' link models. */
export function summarize(
  items: readonly ItemModel[],
  verdicts?: ReadonlyMap<StatementModel, readonly Verdict[]>,
): Summary {
  const s = { ...EMPTY_SUMMARY };
  for (const item of items) {
    if (item.kind !== 'statement') continue;
    s.statements++;
    for (const verdict of verdicts?.get(item) ?? item.links.map((l) => l.verdict)) {
      switch (verdict) {
        case 'right':
          s.right++;
          break;
        case 'wrong':
          s.wrong++;
          break;
        case 'follows':
          s.followed++;
          break;
        case 'filled':
          s.filled++;
          break;
        case 'approx':
          s.approx++;
          break;
        default:
          continue;
      }
      s.checked++;
    }
  }
  return s;
}

export function addSummaries(parts: readonly Summary[]): Summary {
  const total = { ...EMPTY_SUMMARY };
  for (const p of parts) {
    total.statements += p.statements;
    total.errors += p.errors;
    total.warnings += p.warnings;
    total.notes += p.notes;
    total.checked += p.checked;
    total.right += p.right;
    total.wrong += p.wrong;
    total.followed += p.followed;
    total.filled += p.filled;
    total.approx += p.approx;
  }
  return total;
}

/** Codes that invite an action rather than report a problem: a `?` is offered a "Solve" code lens, never listed. */
const INVITATION_CODES: ReadonlySet<string> = new Set(['value.unknown']);

export function isInvitation(diagnostic: Diagnostic): boolean {
  return INVITATION_CODES.has(diagnostic.code);
}

/** `summary` with the diagnostics that lie inside `within` counted by severity (invitations are not counted). */
export function withDiagnosticCounts(summary: Summary, diagnostics: readonly Diagnostic[], within: Span): Summary {
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const diagnostic of diagnostics) {
    if (isInvitation(diagnostic) || diagnostic.span.start < within.start || diagnostic.span.start >= within.end)
      continue;
    if (diagnostic.severity === 'error') errors++;
    else if (diagnostic.severity === 'warning') warnings++;
    else notes++;
  }
  return { ...summary, errors, warnings, notes };
}

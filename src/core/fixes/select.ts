/**
 * Which fixes may be applied without looking: the one rule that Fix All
 * (`source.fixAll.homework`), `hwcheck --fix` and Fill All Unknowns follow.
 *
 * A fix is safe only if the file re-checked with it applied has no new
 * error. The checker marks fixes `safe` by kind (the true value for a wrong
 * one, `≈` for a rounded one); that is a claim about the fix alone, so
 * every batch is re-checked before it is offered or applied, and a fix
 * that adds an error is refused. Example: with `L = 3` in scope, filling
 * `v = ?` with `2 L` (2 litres) would read as 2·3 there: refused.
 *
 * Fix All never fills `?`: answering the homework belongs to Solve and
 * Fill All Unknowns, which ask for it by name (`fillFixes`).
 *
 * Each selection is also written as steps (`…InSteps`): a re-check of a
 * 10,000-statement file with the fixes applied is a long one, and the
 * editor runs it in slices, as it runs its checks (see check/steps.ts). The
 * functions that answer at once run the same steps to the end, so both
 * choose the same fixes by the same rule.
 */
import type { CheckResult, Diagnostic, Fix, TextEdit } from '../model';
import { runSteps, type Steps } from '../check/steps';
import type { Span } from '../text/span';
import { applyEdits, editsOf, nonCollidingGroupsInSteps, originalSpan } from './edits';

/** Checks a variant of the text (`HomeworkChecker.checkVariant`: only the problems it changed). */
export type Recheck = (text: string) => CheckResult;

/** A re-check as steps (`HomeworkChecker.checkVariantInSteps`, `checkSourceInSteps`), for a host that slices it. */
export type RecheckInSteps = (text: string) => Steps<CheckResult>;

/** A re-check that answers at once, as one step. */
function inOneStep(recheck: Recheck): RecheckInSteps {
  return function* (text) {
    const result = recheck(text);
    yield;
    return result;
  };
}

/** A batch re-checks once; when it adds an error, each fix is tried on its own, up to this many re-checks in all. */
export const MAX_RECHECKS = 64;

export interface Selection {
  /** The fixes to apply: verified together, none colliding with another, in text order. */
  readonly fixes: readonly Fix[];
  /** Their edits, in text order. */
  readonly edits: readonly TextEdit[];
  /** The text with the edits applied, and its check. */
  readonly text: string;
  readonly result: CheckResult;
  /** Candidates left out: a re-check showed a new error, or the re-check budget ran out first. */
  readonly refused: number;
}

/** Each diagnostic's safe fix (its preferred one when that is safe), never a fill of `?`: the candidates of Fix All. */
export function safeFixCandidates(diagnostics: readonly Diagnostic[]): Fix[] {
  const out: Fix[] = [];
  for (const d of diagnostics) {
    const usable = d.fixes.filter((f) => f.safe && f.kind !== 'fill-unknown');
    const fix = usable.find((f) => f.isPreferred) ?? usable[0];
    if (fix) out.push(fix);
  }
  return byPosition(out);
}

/** The fill of each `?` whose diagnostic lies inside `within` (the whole file when absent). */
export function fillFixes(diagnostics: readonly Diagnostic[], within?: Span): Fix[] {
  const out: Fix[] = [];
  for (const d of diagnostics) {
    if (within && !(d.span.start >= within.start && d.span.end <= within.end)) continue;
    const fix = d.fixes.find((f) => f.kind === 'fill-unknown');
    if (fix) out.push(fix);
  }
  return byPosition(out);
}

/** The safe fixes of a checked text, verified: what Fix All and `hwcheck --fix` apply. */
export function selectSafeFixes(text: string, result: CheckResult, recheck: Recheck): Selection {
  return runSteps(selectSafeFixesInSteps(text, result, inOneStep(recheck)));
}

/** `selectSafeFixes` as steps: the editor's Fix All, run in slices. */
export function selectSafeFixesInSteps(text: string, result: CheckResult, recheck: RecheckInSteps): Steps<Selection> {
  return selectVerifiedInSteps(text, result, safeFixCandidates(result.diagnostics), recheck);
}

/**
 * Of `candidates`, those that can be applied together without a collision
 * and without adding an error: all of them when one re-check says so, else
 * as many as one-by-one re-checks accept, in text order.
 */
export function selectVerified(
  text: string,
  before: CheckResult,
  candidates: readonly Fix[],
  recheck: Recheck,
): Selection {
  return runSteps(selectVerifiedInSteps(text, before, candidates, inOneStep(recheck)));
}

/** `selectVerified` as steps: those of each re-check, and one per diagnostic compared. */
export function* selectVerifiedInSteps(
  text: string,
  before: CheckResult,
  candidates: readonly Fix[],
  recheck: RecheckInSteps,
): Steps<Selection> {
  const groups = yield* nonCollidingGroupsInSteps(byPosition(candidates));
  let refused = candidates.length - groups.length;
  if (groups.length === 0) return { fixes: [], edits: [], text, result: before, refused };

  const allEdits = editsOf(groups);
  const allText = applyEdits(text, allEdits);
  const all = yield* recheck(allText);
  if (!(yield* addsErrorInSteps(before, all, allEdits)))
    return { fixes: groups, edits: allEdits, text: allText, result: all, refused };

  let accepted: Fix[] = [];
  let selection: Selection = { fixes: [], edits: [], text, result: before, refused: 0 };
  let rechecks = 1;
  for (const fix of groups) {
    if (rechecks >= MAX_RECHECKS) {
      refused++;
      continue;
    }
    const trial = [...accepted, fix];
    const edits = editsOf(trial);
    const trialText = applyEdits(text, edits);
    const trialResult = yield* recheck(trialText);
    rechecks++;
    if (yield* addsErrorInSteps(before, trialResult, edits)) {
      refused++;
      continue;
    }
    accepted = trial;
    selection = { fixes: accepted, edits, text: trialText, result: trialResult, refused: 0 };
  }
  return { ...selection, refused };
}

/** True when `fix`, applied alone, adds no error: the condition for offering it as the preferred fix. */
export function verifyFix(text: string, before: CheckResult, fix: Fix, recheck: Recheck): boolean {
  return runSteps(verifyFixInSteps(text, before, fix, inOneStep(recheck)));
}

/** `verifyFix` as steps: the light bulb's verification, run in slices. */
export function* verifyFixInSteps(
  text: string,
  before: CheckResult,
  fix: Fix,
  recheck: RecheckInSteps,
): Steps<boolean> {
  const edits = editsOf([fix]);
  const after = yield* recheck(applyEdits(text, edits));
  return !(yield* addsErrorInSteps(before, after, edits));
}

/**
 * True when `after` (the text with `edits` applied) has an error that
 * `before` did not: an error where an edit wrote (a fix must leave its own
 * place clean), or one elsewhere at a place nothing was reported before.
 * An error at a place reported before is not new: fixing a value turns the
 * later steps that followed from it (information) into the errors they are.
 */
export function addsError(before: CheckResult, after: CheckResult, edits: readonly TextEdit[]): boolean {
  return runSteps(addsErrorInSteps(before, after, edits));
}

/** `addsError` as steps, one per error compared: a file with thousands of errors and fixes is a long comparison. */
function* addsErrorInSteps(before: CheckResult, after: CheckResult, edits: readonly TextEdit[]): Steps<boolean> {
  for (const d of after.diagnostics) {
    if (d.severity !== 'error') continue;
    const span = originalSpan(edits, d.span);
    if (edits.some((e) => touches(e.span, span))) return true;
    if (!before.diagnostics.some((b) => touches(b.span, span))) return true;
    yield;
  }
  return false;
}

/** Overlap, counting shared end points (an insertion touches what it is next to). */
function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function byPosition(fixes: readonly Fix[]): Fix[] {
  const start = (f: Fix) => f.edits.reduce((min, e) => Math.min(min, e.span.start), Infinity);
  return [...fixes].sort((a, b) => start(a) - start(b));
}

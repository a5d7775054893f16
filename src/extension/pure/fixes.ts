/**
 * Quick fixes are read from the diagnostics' `fixes` payload, never from the
 * text: each becomes one edit of exactly its spans.
 */
import {
  fillFixes,
  selectSafeFixesInSteps,
  selectVerifiedInSteps,
  verifyFix,
  verifyFixInSteps,
  type CancellationSignal,
  type CheckResult,
  type Diagnostic,
  type Fix,
  type Recheck,
  type RecheckInSteps,
  type Span,
  type TextEdit,
} from '../../core';
import { NODE_SLICE_HOST, runInSlices, SlicedRuns, type CancellationToken, type SliceHost } from './slicedRuns';

/**
 * What `source.fixAll.homework` applies: the core's verified safe fixes, by the rule `hwcheck --fix` follows
 * too, verified in slices (a re-check of a long file must not block the host); `undefined` once `signal` asks
 * to stop.
 */
export function fixAllEdits(
  text: string,
  result: CheckResult,
  recheck: RecheckInSteps,
  signal?: CancellationSignal,
  host: SliceHost = NODE_SLICE_HOST,
): Promise<readonly TextEdit[] | undefined> {
  return runInSlices(selectSafeFixesInSteps(text, result, recheck), signal, host).then((selection) => selection?.edits);
}

/**
 * The fills of every `?` inside `within` (the whole file when absent) that read back as their value,
 * verified in slices as Fix All's are; `undefined` once `signal` asks to stop.
 */
export function fillEdits(
  text: string,
  result: CheckResult,
  recheck: RecheckInSteps,
  within?: Span,
  signal?: CancellationSignal,
  host: SliceHost = NODE_SLICE_HOST,
): Promise<{ edits: readonly TextEdit[]; refused: number } | undefined> {
  const steps = selectVerifiedInSteps(text, result, fillFixes(result.diagnostics, within), recheck);
  return runInSlices(steps, signal, host).then((selection) =>
    selection ? { edits: selection.edits, refused: selection.refused } : undefined,
  );
}

/** Whether the light bulb may mark `fix` preferred: it says so, and a re-check with it applied shows no new error. */
export function offerAsPreferred(text: string, result: CheckResult, fix: Fix, recheck: Recheck): boolean {
  return fix.isPreferred && verifyFix(text, result, fix, recheck);
}

/**
 * `offerAsPreferred`, remembered per check result (one per document
 * version): VS Code asks for the light bulb on every cursor move, and each
 * answer would re-check the file with the fix applied. The re-check runs in
 * slices, once for every asker of the same fix, and stops when all of them
 * have cancelled. Results no longer held are forgotten with them.
 */
export class PreferredFixes {
  private readonly verdicts = new WeakMap<CheckResult, Map<Fix, boolean>>();
  private readonly runs: SlicedRuns<boolean>;
  private readonly keys = new WeakMap<Fix, string>();
  private keyCount = 0;

  constructor(host: SliceHost = NODE_SLICE_HOST) {
    this.runs = new SlicedRuns<boolean>(undefined, host);
  }

  /** Whether to mark `fix` preferred; `undefined` when `token` is cancelled first. */
  async offer(
    text: string,
    result: CheckResult,
    fix: Fix,
    recheck: RecheckInSteps,
    token?: CancellationToken,
  ): Promise<boolean | undefined> {
    if (!fix.isPreferred) return false;
    let known = this.verdicts.get(result);
    if (!known) {
      known = new Map();
      this.verdicts.set(result, known);
    }
    const remembered = known.get(fix);
    if (remembered !== undefined) return remembered;
    const verdict = await this.runs.request(
      this.keyOf(fix),
      0,
      () => verifyFixInSteps(text, result, fix, recheck),
      token,
    );
    if (verdict !== undefined) known.set(fix, verdict);
    return verdict;
  }

  /** A fix belongs to one result: its own key, so that askers of the same fix share one run. */
  private keyOf(fix: Fix): string {
    let key = this.keys.get(fix);
    if (key === undefined) {
      key = String(this.keyCount++);
      this.keys.set(fix, key);
    }
    return key;
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

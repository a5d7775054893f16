/**
 * Quick fixes are read from the diagnostics' `fixes` payload, never from the
 * text: each becomes one edit of exactly its spans.
 */
import type { CheckResult, Diagnostic, Fix, FixKind, Span, TextEdit } from '../../core';
import { spanInside, spansOverlap } from './ranges';

/**
 * Orders edits by position and drops any that overlaps one kept before it,
 * so that a batch (fix all, fill all) is a valid single workspace edit.
 */
export function nonOverlappingEdits(edits: Iterable<TextEdit>): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const kept: TextEdit[] = [];
  for (const edit of sorted) {
    const previous = kept[kept.length - 1];
    if (previous && sameEdit(previous, edit)) continue;
    if (
      previous &&
      (spansOverlap(previous.span, edit.span) ||
        (isInsertion(edit) && edit.span.start === previous.span.start && isInsertion(previous)))
    )
      continue;
    kept.push(edit);
  }
  return kept;
}

function isInsertion(edit: TextEdit): boolean {
  return edit.span.start === edit.span.end;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.span.start === b.span.start && a.span.end === b.span.end && a.newText === b.newText;
}

/** Every fix marked safe, one per diagnostic (its preferred one first): what `source.fixAll.homework` applies. */
export function safeFixEdits(result: CheckResult): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const diagnostic of result.diagnostics) {
    const fix = [...diagnostic.fixes].sort(preferredFirst).find((candidate) => candidate.safe);
    if (fix) edits.push(...fix.edits);
  }
  return nonOverlappingEdits(edits);
}

/** The edits of every fix of `kind` whose diagnostic lies inside `within` (the whole file when absent). */
export function editsOfKind(result: CheckResult, kind: FixKind, within?: Span): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const diagnostic of result.diagnostics) {
    if (within && !spanInside(diagnostic.span, within)) continue;
    const fix = diagnostic.fixes.find((candidate) => candidate.kind === kind);
    if (fix) edits.push(...fix.edits);
  }
  return nonOverlappingEdits(edits);
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

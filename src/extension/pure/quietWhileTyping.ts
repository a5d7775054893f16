/**
 * Quiet while typing: the diagnostics of the statement being edited are held
 * back until the cursor leaves it or the text has been idle for a while, as a
 * spell checker waits for the end of a word. A half-typed `giv`, a trailing
 * `h =` or a `[5;]` that auto-closed brackets made look complete is not a
 * mistake yet, and must not be shown or counted as one.
 *
 * Pure: offsets in the checked text, no `vscode`.
 */
import type { CheckResult, Diagnostic, LineIndex, Span } from '../../core';

/**
 * The region held back for an edit at `offset`: the lines of the statement
 * the model places there (a statement may run over continuation lines), and
 * always the edit's own line, where an unparsed fragment may sit.
 *
 * @param lineSpanAt the span `[start, end]` of the line holding an offset (end before its line break)
 */
export function heldBackRegion(result: CheckResult, offset: number, lineSpanAt: (offset: number) => Span): Span {
  const line = lineSpanAt(offset);
  let start = line.start;
  let end = line.end;
  const statement = statementSpanAt(result, offset);
  if (statement) {
    start = Math.min(start, lineSpanAt(statement.start).start);
    end = Math.max(end, lineSpanAt(Math.max(statement.start, statement.end - 1)).end);
  }
  return { start, end };
}

/** The span of the statement containing `offset` (its end included: the cursor sits there while typing). */
export function statementSpanAt(result: CheckResult, offset: number): Span | undefined {
  for (const problem of result.document.problems) {
    if (offset < problem.span.start || offset > problem.span.end) continue;
    for (const question of problem.questions) {
      if (offset < question.span.start || offset > question.span.end) continue;
      for (const item of question.items)
        if (item.kind === 'statement' && item.span.start <= offset && offset <= item.span.end) return item.span;
    }
  }
  return undefined;
}

/** Whether a diagnostic touches the region (a zero-width one at its end counts). */
function touchesRegion(span: Span, region: Span): boolean {
  return span.start <= region.end && span.end >= region.start;
}

/** The diagnostics to show now: all of them but those on the held-back region. */
export function shownDiagnostics(diagnostics: readonly Diagnostic[], held: Span | undefined): readonly Diagnostic[] {
  if (!held) return diagnostics;
  return diagnostics.filter((diagnostic) => !touchesRegion(diagnostic.span, held));
}

/** The line holding `offset`, as a span from its first character to its end (before the line break). */
export function lineSpanAt(lines: LineIndex, offset: number): Span {
  const line = lines.positionAt(offset).line;
  const start = lines.lineStart(line);
  const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) - 1 : lines.text.length;
  return { start, end: Math.max(start, end) };
}

/** One change of a document edit, as the editor reports it (0-based lines and characters). */
export interface EditChange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly text: string;
}

/**
 * Whether an edit is a person typing: one small change on one line, at the cursor of an editor showing the
 * document (a key, an auto-closed pair, Enter and its indentation, a deleted character or word). A quick fix, a
 * rename, Solve, undo or a replaced document is not typing: its diagnostics show at once.
 */
export function isTypingEdit(
  changes: readonly EditChange[],
  cursor: { readonly line: number; readonly character: number } | undefined,
  isUndoOrRedo: boolean,
): boolean {
  if (isUndoOrRedo || changes.length !== 1 || !cursor) return false;
  const change = changes[0];
  if (change.startLine !== change.endLine || cursor.line !== change.startLine) return false;
  const typed = change.text.replace(/^\r?\n[ \t]*/, '');
  if (typed.length > 2 || typed.includes('\n')) return false;
  // The cursor may be reported before or after the change: near it either way.
  const reach = change.endCharacter - change.startCharacter + change.text.length + 1;
  return Math.abs(cursor.character - change.startCharacter) <= reach;
}

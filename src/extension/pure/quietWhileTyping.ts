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
export function touchesRegion(span: Span, region: Span): boolean {
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

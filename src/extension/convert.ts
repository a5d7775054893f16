/** The edge between the core's offsets and VS Code's ranges and edits. */
import * as vscode from 'vscode';
import type { LineIndex, Span, TextEdit } from '../core';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './pure/diagnosticData';
import type { LineRange } from './pure/ranges';
import { spanToLineRange } from './pure/ranges';

function toVscodeRange(range: LineRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function spanToRange(lines: LineIndex, span: Span): vscode.Range {
  return toVscodeRange(spanToLineRange(lines, span));
}

export function rangeToSpan(lines: LineIndex, range: vscode.Range): Span {
  return {
    start: lines.offsetAt(range.start.line, range.start.character),
    end: lines.offsetAt(range.end.line, range.end.character),
  };
}

const SEVERITIES = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

export function toVscodeDiagnostic(uri: vscode.Uri, data: DiagnosticData): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVscodeRange(data.range), data.message, SEVERITIES[data.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: data.code.value, target: vscode.Uri.parse(data.code.target) };
  if (data.related.length > 0) {
    diagnostic.relatedInformation = data.related.map(
      (related) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(uri, toVscodeRange(related.range)),
          related.message,
        ),
    );
  }
  return diagnostic;
}

/** The string value of a diagnostic's code, however VS Code hands it back. */
export function diagnosticCodeValue(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

/** One workspace edit of exactly these spans (so one undo step). */
export function toWorkspaceEdit(uri: vscode.Uri, lines: LineIndex, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) workspaceEdit.replace(uri, spanToRange(lines, edit.span), edit.newText);
  return workspaceEdit;
}

/**
 * What the in-VS Code tests share: the fixture homework, polling (never a
 * fixed sleep), and finding expected places by the text they contain.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'homework-checker.homework-checker';

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  await extension.activate();
}

/** The fixture's copy of examples/homework1.hw (the workspace is in HW_FIXTURE_WORKSPACE). */
export async function fixtureHomeworkUri(): Promise<vscode.Uri> {
  const workspace = process.env.HW_FIXTURE_WORKSPACE;
  if (workspace) return vscode.Uri.file(path.join(workspace, 'homework1.hw'));
  const found = await vscode.workspace.findFiles('**/homework1.hw', undefined, 1);
  assert.ok(found.length > 0, 'no HW_FIXTURE_WORKSPACE and no homework1.hw in the workspace');
  return found[0];
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  description: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${description}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function homeworkDiagnostics(uri: vscode.Uri, severity?: vscode.DiagnosticSeverity): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter(
      (diagnostic) => diagnostic.source === 'homework' && (severity === undefined || diagnostic.severity === severity),
    );
}

export function errorsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return homeworkDiagnostics(uri, vscode.DiagnosticSeverity.Error);
}

export function describeDiagnostics(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics
    .map(
      (diagnostic) =>
        `  ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} [${document.getText(diagnostic.range)}] ${diagnostic.message}`,
    )
    .join('\n');
}

/** 0-based lines of the text whose content matches. */
export function linesMatching(text: string, pattern: RegExp, within?: LineRegion): number[] {
  const lines = text.split(/\r?\n/);
  const found: number[] = [];
  const from = within?.start ?? 0;
  const to = within?.end ?? lines.length;
  for (let line = from; line < to; line++) if (pattern.test(lines[line])) found.push(line);
  return found;
}

/** Lines [start, end) of a region of the file. */
export interface LineRegion {
  readonly start: number;
  readonly end: number;
}

/** The lines of `problem P` (and of its `question Q`), found by their heading lines. */
export function regionOf(text: string, problem: number, question?: number): LineRegion {
  const lines = text.split(/\r?\n/);
  const problemStart = lines.findIndex((line) => new RegExp(`^\\s*problem\\s+${problem}\\b`).test(line));
  assert.ok(problemStart >= 0, `no 'problem ${problem}' heading in the fixture`);
  let problemEnd = lines.findIndex((line, index) => index > problemStart && /^\s*problem\b/.test(line));
  if (problemEnd < 0) problemEnd = lines.length;
  if (question === undefined) return { start: problemStart, end: problemEnd };
  const questionStart = lines.findIndex(
    (line, index) =>
      index > problemStart && index < problemEnd && new RegExp(`^\\s*question\\s+${question}\\b`).test(line),
  );
  assert.ok(questionStart >= 0, `no 'question ${question}' in problem ${problem}`);
  let questionEnd = lines.findIndex(
    (line, index) => index > questionStart && index < problemEnd && /^\s*question\b/.test(line),
  );
  if (questionEnd < 0) questionEnd = problemEnd;
  return { start: questionStart, end: questionEnd };
}

/** The range of the `nth` occurrence of `snippet` in the document. */
export function rangeOf(document: vscode.TextDocument, snippet: string, nth = 0): vscode.Range {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(snippet, offset + 1);
    assert.ok(offset >= 0, `'${snippet}' (occurrence ${nth + 1}) is not in ${path.basename(document.uri.fsPath)}`);
  }
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + snippet.length));
}

/** Replaces the whole document (used to restore the fixture between tests). */
export async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  if (document.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    document.uri,
    new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)),
    text,
  );
  assert.ok(await vscode.workspace.applyEdit(edit), 'could not restore the fixture text');
}

/** Forces a check of the current version; the diagnostics are published before it returns. */
export async function checkNow(): Promise<void> {
  await vscode.commands.executeCommand('homework.checkFile');
}

export function touchesLine(diagnostic: vscode.Diagnostic, line: number): boolean {
  return diagnostic.range.start.line <= line && line <= diagnostic.range.end.line;
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

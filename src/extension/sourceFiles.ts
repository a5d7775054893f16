/**
 * Markdown and LaTeX files as homework. One of them is checked only when it
 * says so (front matter `homework: true`, a first line `<!-- homework -->` or
 * `% homework`), when it matches a `homework.files` glob, or when the student
 * ran "Homework: Check This File as Homework" on it (remembered per file in
 * the workspace state). Any other Markdown or LaTeX file, a README for one,
 * is never checked and never gets a diagnostic.
 */
import * as vscode from 'vscode';
import { declaresHomework, type SourceFormat } from '../core';
import type { HomeworkContext } from './context';
import { homeworkFileGlobs } from './settings';

const LANGUAGE_FORMATS: Readonly<Record<string, SourceFormat>> = { markdown: 'markdown', latex: 'latex', tex: 'latex' };
export const SOURCE_SELECTOR: vscode.DocumentSelector = Object.keys(LANGUAGE_FORMATS).map((language) => ({ language }));
const REMEMBERED_KEY = 'homework.filesCheckedAsHomework';
/** Front matter and a first-line comment sit at the top: no need to read a long file to find them. */
const HEADER_LINES = 60;

let state: vscode.Memento | undefined;
let remembered = new Set<string>();

export function initSourceFiles(context: vscode.ExtensionContext): void {
  state = context.workspaceState;
  const stored = state.get<unknown>(REMEMBERED_KEY);
  remembered = new Set(Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : []);
}

export function sourceFormatOf(document: vscode.TextDocument): SourceFormat | undefined {
  return LANGUAGE_FORMATS[document.languageId];
}

export function isHomeworkSource(document: vscode.TextDocument): boolean {
  const format = sourceFormatOf(document);
  if (!format) return false;
  if (remembered.has(document.uri.toString())) return true;
  if (homeworkFileGlobs(document.uri).some((glob) => vscode.languages.match({ pattern: glob }, document) > 0))
    return true;
  const header = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, HEADER_LINES), 0));
  return declaresHomework(header, format);
}

/**
 * "Homework: Check This File as Homework" (in the command table): remembers
 * the file, checks it and shows its diagnostics.
 */
export async function checkAsHomework(ctx: HomeworkContext, uri?: unknown): Promise<number | undefined> {
  const document =
    uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || !sourceFormatOf(document)) {
    void vscode.window.showInformationMessage('Homework: open a Markdown or LaTeX file first.');
    return undefined;
  }
  remembered.add(document.uri.toString());
  await state?.update(REMEMBERED_KEY, [...remembered]);
  const check = ctx.checks.checkNow(document);
  ctx.diagnostics.publish(check);
  return check.result.diagnostics.length;
}

/** Quick fixes in Markdown and LaTeX, only for files that are homework. */
export class SourceCodeActions implements vscode.CodeActionProvider {
  constructor(private readonly inner: vscode.CodeActionProvider) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): vscode.ProviderResult<(vscode.CodeAction | vscode.Command)[]> {
    return isHomeworkSource(document) ? this.inner.provideCodeActions(document, range, context, token) : [];
  }
}

/** Hovers in Markdown and LaTeX, only for files that are homework. */
export class SourceHover implements vscode.HoverProvider {
  constructor(private readonly inner: vscode.HoverProvider) {}

  provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): vscode.ProviderResult<vscode.Hover> {
    return isHomeworkSource(document) ? this.inner.provideHover(document, position, token) : undefined;
  }
}

/**
 * Markdown and LaTeX files as homework. One of them is checked only when it
 * says so (front matter `homework: true`, a first line `<!-- homework -->` or
 * `% homework`), when it matches a `homework.files` glob, or when the student
 * ran "Homework: Check This File as Homework" on it (remembered per file in
 * the workspace state). Any other Markdown or LaTeX file, a README for one,
 * is never checked and never gets a diagnostic.
 *
 * A notebook's markdown cells (scheme `vscode-notebook-cell`) are homework
 * when the notebook is: its file matches `homework.files`, its first
 * markdown cell says so (as a file's first line or front matter would), or
 * the command was run on one of its cells (the notebook is remembered).
 * Its cells are then checked together, in cell order (see notebookChecks.ts).
 */
import * as vscode from 'vscode';
import { declaresHomework, type SourceFormat } from '../core';
import type { HomeworkContext } from './context';
import { markdownCellsOf, notebookOfCell } from './notebookChecks';
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
  // The menus show the homework commands on a Markdown or LaTeX homework too (`homework.isHomeworkSource`).
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((editor) => updateActiveContext(editor)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('homework.files')) updateActiveContext(vscode.window.activeTextEditor);
    }),
  );
  updateActiveContext(vscode.window.activeTextEditor);
}

const ACTIVE_CONTEXT_KEY = 'homework.isHomeworkSource';

function updateActiveContext(editor: vscode.TextEditor | undefined): void {
  const value = editor !== undefined && isHomeworkSource(editor.document);
  void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT_KEY, value);
}

export function sourceFormatOf(document: vscode.TextDocument): SourceFormat | undefined {
  return LANGUAGE_FORMATS[document.languageId];
}

export function isHomeworkSource(document: vscode.TextDocument): boolean {
  const format = sourceFormatOf(document);
  if (!format) return false;
  if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) {
    const notebook = notebookOfCell(document);
    return notebook !== undefined && isHomeworkNotebook(notebook);
  }
  if (remembered.has(document.uri.toString())) return true;
  if (matchesFileGlobs(document)) return true;
  const header = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, HEADER_LINES), 0));
  return declaresHomework(header, format);
}

const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/** A cell's path is its notebook's: a glob naming `.ipynb` files matches the cells of those notebooks. */
function matchesFileGlobs(document: vscode.TextDocument): boolean {
  return homeworkFileGlobs(document.uri).some((glob) => vscode.languages.match({ pattern: glob }, document) > 0);
}

/** A notebook is homework by its file (remembered, `homework.files`) or by its first markdown cell's first lines. */
export function isHomeworkNotebook(notebook: vscode.NotebookDocument): boolean {
  if (remembered.has(notebook.uri.toString())) return true;
  const anyCell = notebook.cellCount > 0 ? notebook.cellAt(0).document : undefined;
  if (anyCell && matchesFileGlobs(anyCell)) return true;
  const first = markdownCellsOf(notebook)[0];
  if (!first) return false;
  const header = first.getText(new vscode.Range(0, 0, Math.min(first.lineCount, HEADER_LINES), 0));
  return declaresHomework(header, 'markdown');
}

/**
 * "Homework: Check This File as Homework" (in the command table): remembers
 * the file (for a notebook's cell, the notebook), checks it and shows its
 * diagnostics; returns how many it has (for a notebook, in its cells).
 */
export async function checkAsHomework(ctx: HomeworkContext, uri?: unknown): Promise<number | undefined> {
  const notebook = notebookToCheck(uri);
  const document =
    notebook !== undefined
      ? undefined
      : uri instanceof vscode.Uri
        ? await vscode.workspace.openTextDocument(uri)
        : vscode.window.activeTextEditor?.document;
  const cells = notebook ? markdownCellsOf(notebook) : [];
  if (!notebook && (!document || !sourceFormatOf(document))) {
    void vscode.window.showInformationMessage('Homework: open a Markdown or LaTeX file, or a notebook, first.');
    return undefined;
  }
  remembered.add((notebook ?? document)!.uri.toString());
  await state?.update(REMEMBERED_KEY, [...remembered]);
  updateActiveContext(vscode.window.activeTextEditor);
  let count = 0;
  for (const target of notebook ? cells : [document!]) {
    ctx.checks.forgetCheck(target);
    const check = ctx.checks.checkNow(target);
    ctx.diagnostics.publish(check);
    count += check.result.diagnostics.length;
  }
  return count;
}

/** The notebook the command is about: a notebook's Uri, a cell's, or the active notebook editor's. */
function notebookToCheck(uri: unknown): vscode.NotebookDocument | undefined {
  const byUri = (target: vscode.Uri) =>
    vscode.workspace.notebookDocuments.find(
      (notebook) =>
        notebook.uri.toString() === target.toString() ||
        notebook.getCells().some((cell) => cell.document.uri.toString() === target.toString()),
    );
  if (uri instanceof vscode.Uri) return byUri(uri);
  const active = vscode.window.activeTextEditor?.document;
  if (active?.uri.scheme === NOTEBOOK_CELL_SCHEME) return notebookOfCell(active);
  return active ? undefined : vscode.window.activeNotebookEditor?.notebook;
}

type ProviderMethod = (document: vscode.TextDocument, ...rest: unknown[]) => unknown;

/**
 * The provider as it is, except that its `provide…` and `prepare…` methods
 * answer nothing for a document that is not a Markdown or LaTeX homework:
 * one gate for every feature registered on `SOURCE_SELECTOR`, so that a
 * README never gets a completion, a lens or a hint.
 */
export function onlyInHomeworkSources<P extends object>(provider: P): P {
  return new Proxy(provider, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as ProviderMethod;
      if (typeof property !== 'string' || !/^(provide|prepare)/.test(property)) return method.bind(target);
      return (document: vscode.TextDocument, ...rest: unknown[]) =>
        isHomeworkSource(document) ? method.call(target, document, ...rest) : undefined;
    },
  });
}

/**
 * The commands, each a small factory over the context, collected in one
 * table that `main.ts` registers. Commands return what they did, which the
 * in-editor tests read.
 */
import * as vscode from 'vscode';
import { solveWithSteps, solveWithStepsInSource } from '../core';
import { isHomeworkDocument, type DocumentCheck } from './checkService';
import type { HomeworkContext } from './context';
import { exportDerivations } from './derivationsView';
import { toWorkspaceEdit } from './convert';
import { fillEdits } from './pure/fixes';
import { questionAt } from './pure/modelQueries';
import { checkedText } from './pure/statusText';
import { solveUnknown } from './solveLens';
import { checkAsHomework, sourceFormatOf } from './sourceFiles';
import { NEW_HOMEWORK_TEMPLATE } from './pure/template';

type CommandFactory = (ctx: HomeworkContext) => (...args: unknown[]) => unknown;

/** The homework editor (`.hw`, a Markdown or LaTeX homework) a command acts on, or a message saying there is none. */
function homeworkEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && isHomeworkDocument(editor.document)) return editor;
  void vscode.window.showInformationMessage('Homework: open a homework (.hw, or a Markdown or LaTeX homework) first.');
  return undefined;
}

function cursorOffset(check: DocumentCheck, editor: vscode.TextEditor): number {
  const position = editor.selection.active;
  return check.lines.offsetAt(position.line, position.character);
}

async function applyFills(
  ctx: HomeworkContext,
  editor: vscode.TextEditor,
  check: DocumentCheck,
  within?: { start: number; end: number },
): Promise<number> {
  // Verified in slices: a re-check of a long file with the fills applied must not freeze the editor.
  const fills = await fillEdits(check.text, check.result, ctx.checks.recheckInSteps(editor.document), within);
  // Fills written for one version never go into another: the student typed meanwhile, and asks again.
  if (!fills || editor.document.version !== check.version) return 0;
  const { edits, refused } = fills;
  if (edits.length === 0) {
    const where = within ? 'in this question' : 'in this file';
    void vscode.window.showInformationMessage(
      refused > 0
        ? `Homework: no ? filled ${where}: written in place, the value would read as something else.`
        : `Homework: no ? to fill ${where}.`,
    );
    return 0;
  }
  const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(editor.document.uri, check.lines, edits));
  ctx.log.info(`Filled ${edits.length} unknown(s) in ${editor.document.uri.toString(true)}`);
  return applied ? edits.length : 0;
}

const checkFile: CommandFactory = (ctx) => () => {
  const editor = homeworkEditor();
  if (!editor) return undefined;
  const check = ctx.checks.checkNow(editor.document);
  // Asked for explicitly: shown even when `homework.checkOn` is `save` and the file is dirty.
  ctx.diagnostics.publish(check);
  vscode.window.setStatusBarMessage(`Homework checked: ${checkedText(check.result.document.summary)}`, 4000);
  return check.result.document.summary;
};

const solveQuestion: CommandFactory = (ctx) => async () => {
  const editor = homeworkEditor();
  if (!editor) return 0;
  const check = await ctx.checks.check(editor.document);
  if (!check) return 0;
  const found = questionAt(check.result, cursorOffset(check, editor));
  if (!found) {
    void vscode.window.showInformationMessage('Homework: the cursor is not inside a question.');
    return 0;
  }
  return applyFills(ctx, editor, check, found.question.span);
};

const fillUnknowns: CommandFactory = (ctx) => async () => {
  const editor = homeworkEditor();
  if (!editor) return 0;
  const check = await ctx.checks.check(editor.document);
  return check ? applyFills(ctx, editor, check) : 0;
};

const solveWithStepsCommand: CommandFactory = (ctx) => async () => {
  const editor = homeworkEditor();
  if (!editor) return undefined;
  const check = ctx.checks.checkNow(editor.document);
  const text = editor.document.getText();
  const format = sourceFormatOf(editor.document);
  if (format && editor.document.uri.scheme === 'vscode-notebook-cell') {
    // A cell's steps would need the cells before it: not offered there.
    void vscode.window.showInformationMessage('Homework: Solve with Steps works in a file, not in a notebook cell.');
    return undefined;
  }
  const offset = cursorOffset(check, editor);
  // Markdown and LaTeX get the steps in LaTeX, as display math of their own.
  const insertion = format
    ? solveWithStepsInSource(text, format, offset, ctx.checks.options())
    : solveWithSteps(text, offset, ctx.checks.options());
  if (!insertion) {
    void vscode.window.showInformationMessage('Homework: put the cursor on a statement with a value to derive.');
    return undefined;
  }
  const position = check.lines.positionAt(insertion.offset);
  const at = new vscode.Position(position.line, position.character);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(editor.document.uri, at, insertion.text);
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) return undefined;
  // Show what was inserted: the new lines selected and in view.
  const start = editor.document.offsetAt(at);
  const leading = insertion.text.length - insertion.text.trimStart().length;
  const trailing = insertion.text.length - insertion.text.trimEnd().length;
  const inserted = new vscode.Range(
    editor.document.positionAt(start + leading),
    editor.document.positionAt(start + insertion.text.length - trailing),
  );
  editor.selection = new vscode.Selection(inserted.start, inserted.end);
  editor.revealRange(inserted, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return insertion;
};

/** Menus pass (resource, context object): take only what is a Uri. */
function asUri(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}

const showDerivations: CommandFactory = (ctx) => (uri?: unknown) => ctx.derivations.show(asUri(uri));

const exportDerivationsCommand: CommandFactory = (ctx) => (uri?: unknown, target?: unknown) =>
  exportDerivations(ctx.extension.extensionUri, ctx.checks, ctx.derivations, asUri(uri), asUri(target));

/** For the tests inside VS Code: what the derivations view shows. */
const derivationsState: CommandFactory = (ctx) => () => ctx.derivations.testState();

/** An untitled `homework.hw` (then `homework-2.hw`, …), so that Save As suggests that name, not the first line. */
const newHomework: CommandFactory = () => async () => {
  const taken = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  let uri = vscode.Uri.from({ scheme: 'untitled', path: 'homework.hw' });
  for (let n = 2; taken.has(uri.toString()); n++)
    uri = vscode.Uri.from({ scheme: 'untitled', path: `homework-${n}.hw` });
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== 'homework') await vscode.languages.setTextDocumentLanguage(document, 'homework');
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), NEW_HOMEWORK_TEMPLATE));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return editor.document;
};

export const COMMANDS: Readonly<Record<string, CommandFactory>> = {
  'homework.checkFile': checkFile,
  'homework.solveQuestion': solveQuestion,
  'homework.solveWithSteps': solveWithStepsCommand,
  'homework.fillUnknowns': fillUnknowns,
  'homework.newHomework': newHomework,
  'homework.showDerivations': showDerivations,
  'homework.exportDerivations': exportDerivationsCommand,
  'homework._derivationsState': derivationsState,
  // For the tests inside VS Code: what the status bar item shows.
  'homework._statusBar': (ctx) => () => ctx.statusBar.state(),
  'homework.checkAsHomework': (ctx) => (uri?: unknown) => checkAsHomework(ctx, uri),
  // The Solve code lens on a `?` (see solveLens.ts): fills that one value.
  'homework.solveUnknown': (ctx) => (uri?: unknown, offset?: unknown) => solveUnknown(ctx.checks, uri, offset),
};

export function registerCommands(ctx: HomeworkContext): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
}

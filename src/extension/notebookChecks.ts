/**
 * A notebook's markdown cells, which VS Code gives as documents of their
 * own (scheme `vscode-notebook-cell`, language `markdown`), are checked as
 * one homework in cell order (core/formats/notebookCells.ts): each cell's
 * check is the notebook's, cut to that cell, so that a name defined in one
 * cell is known in the cells after it. Whether a notebook is homework is
 * decided in sourceFiles.ts.
 */
import * as vscode from 'vscode';
import { cellResult, NotebookCheckMemo, type CheckOptions, type CheckResult } from '../core';
import type { Steps } from '../core';

/** A cell among its notebook's markdown cells. */
export interface CellPlace {
  readonly notebook: vscode.NotebookDocument;
  readonly cells: readonly vscode.TextDocument[];
  readonly index: number;
}

/** Each notebook's last checks, shared by its cells (see NotebookCheckMemo). */
const memos = new WeakMap<vscode.NotebookDocument, NotebookCheckMemo>();

function memoOf(notebook: vscode.NotebookDocument): NotebookCheckMemo {
  let memo = memos.get(notebook);
  if (!memo) {
    memo = new NotebookCheckMemo();
    memos.set(notebook, memo);
  }
  return memo;
}

export function notebookOfCell(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((notebook) =>
    notebook.getCells().some((cell) => cell.document === document),
  );
}

/** The markdown cells, in cell order (code cells are not homework text). */
export function markdownCellsOf(notebook: vscode.NotebookDocument): vscode.TextDocument[] {
  return notebook
    .getCells()
    .filter((cell) => cell.kind === vscode.NotebookCellKind.Markup && cell.document.languageId === 'markdown')
    .map((cell) => cell.document);
}

export function cellPlace(document: vscode.TextDocument): CellPlace | undefined {
  const notebook = notebookOfCell(document);
  if (!notebook) return undefined;
  const cells = markdownCellsOf(notebook);
  const index = cells.indexOf(document);
  return index < 0 ? undefined : { notebook, cells, index };
}

/** The texts of the cells, with `text` for the cell at `place` (its current text, or a variant of it). */
function cellTexts(place: CellPlace, text: string): string[] {
  return place.cells.map((cell, i) => (i === place.index ? text : cell.getText()));
}

/** The notebook's check cut to the cell at `place`, whose text is taken to be `text`. */
export function checkCell(place: CellPlace, text: string, options: CheckOptions): CheckResult {
  const checked = memoOf(place.notebook).check(cellTexts(place, text), options);
  return cellResult(checked.result, checked.cells[place.index]);
}

/** `checkCell` as steps, for the sliced checks of the editor's features. */
export function* checkCellInSteps(place: CellPlace, text: string, options: CheckOptions): Steps<CheckResult> {
  const checked = yield* memoOf(place.notebook).checkInSteps(cellTexts(place, text), options);
  return cellResult(checked.result, checked.cells[place.index]);
}

/**
 * The status bar item for `.hw` files: the file's errors and warnings, counted
 * from what the Problems panel lists (so a statement still being typed is not
 * counted); clicking it opens the Problems panel.
 */
import * as vscode from 'vscode';
import { isHomeworkDocument, type CheckService } from './checkService';
import type { DiagnosticsPublisher } from './diagnostics';
import { isSnapshotScheme } from './pure/schemes';
import { statusText, statusTooltip } from './pure/statusText';

/** The item as shown, for the tests inside VS Code (`homework._statusBar` in the command table). */
export interface StatusBarState {
  readonly text: string;
  readonly tooltip: string | vscode.MarkdownString | undefined;
}

export interface HomeworkStatusBar extends vscode.Disposable {
  state(): StatusBarState;
}

export function registerStatusBar(service: CheckService, published: DiagnosticsPublisher): HomeworkStatusBar {
  const item = vscode.window.createStatusBarItem('homework.status', vscode.StatusBarAlignment.Left, 100);
  item.name = 'Homework';
  item.command = 'workbench.actions.view.problems';

  const update = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isHomeworkDocument(document) || isSnapshotScheme(document.uri.scheme)) {
      item.hide();
      return;
    }
    // Never check from here: the first check runs just after activation and updates the item.
    const counts = published.countsOf(document.uri);
    const check = service.latest(document.uri);
    if (counts && check) {
      item.text = statusText(counts);
      item.tooltip = statusTooltip(counts, check.result.document.summary);
    } else {
      item.text = '$(sync~spin) Homework';
      item.tooltip = 'Checking the homework…';
    }
    item.show();
  };
  update();
  const disposable = vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    published.onDidPublish((event) => {
      if (event.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) update();
    }),
  );
  return { dispose: () => disposable.dispose(), state: () => ({ text: item.text, tooltip: item.tooltip }) };
}

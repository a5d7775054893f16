/** The status bar item for `.hw` files: `✓ right ✗ wrong`; clicking it opens the Problems panel. */
import * as vscode from 'vscode';
import { isHomeworkDocument, type CheckService } from './checkService';
import { isSnapshotScheme } from './pure/schemes';
import { statusText, statusTooltip } from './pure/statusText';

export function registerStatusBar(service: CheckService): vscode.Disposable {
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
    const check = service.latest(document.uri);
    if (check) {
      const summary = check.result.document.summary;
      item.text = statusText(summary);
      item.tooltip = statusTooltip(summary);
    } else {
      item.text = '$(sync~spin) Homework';
      item.tooltip = 'Checking the homework…';
    }
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    service.onDidCheck((check) => {
      if (check.document === vscode.window.activeTextEditor?.document) update();
    }),
  );
}

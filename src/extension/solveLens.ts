/**
 * A `?` invites solving: a "Solve" code lens above it fills in that one
 * value when clicked. The value itself shows nowhere until then (no
 * diagnostic, no hover, no status bar count).
 */
import * as vscode from 'vscode';
import type { CheckService } from './checkService';
import { spanToRange, toWorkspaceEdit } from './convert';
import { isInvitation } from './pure/problemCounts';

const SOLVE_UNKNOWN_COMMAND = 'homework.solveUnknown';

export class HomeworkSolveLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: CheckService) {
    this.subscription = service.onDidCheck(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    // The latest check only: a lens never starts a check of its own.
    const check = this.service.latest(document.uri);
    if (!check || check.version !== document.version || token.isCancellationRequested) return [];
    return check.result.diagnostics.filter(isInvitation).map(
      (diagnostic) =>
        new vscode.CodeLens(spanToRange(check.lines, diagnostic.span), {
          title: 'Solve',
          tooltip: 'Fill in this ? with the value the checker computes',
          command: SOLVE_UNKNOWN_COMMAND,
          arguments: [document.uri, diagnostic.span.start],
        }),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Fills the `?` starting at `offset` (as of the check the lens was made from); returns whether it did. */
export async function solveUnknown(service: CheckService, uri: unknown, offset: unknown): Promise<boolean> {
  if (!(uri instanceof vscode.Uri) || typeof offset !== 'number') return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const check = service.checkNow(document);
  const unknown = check.result.diagnostics.find(
    (diagnostic) => isInvitation(diagnostic) && diagnostic.span.start === offset,
  );
  const fix = unknown?.fixes.find((candidate) => candidate.kind === 'fill-unknown');
  if (!fix) return false;
  return vscode.workspace.applyEdit(toWorkspaceEdit(uri, check.lines, fix.edits));
}

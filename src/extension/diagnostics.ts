/**
 * Publishes each check's diagnostics; clears them when the document closes.
 *
 * With `homework.checkOn: save`, the editor's features still check the text
 * they are asked about, but the diagnostics show the saved text only: they
 * change on open and on save, not while the file is dirty.
 */
import * as vscode from 'vscode';
import type { CheckService, DocumentCheck } from './checkService';
import { toVscodeDiagnostic } from './convert';
import { DIAGNOSTIC_SOURCE, toDiagnosticData } from './pure/diagnosticData';
import { isSnapshotScheme } from './pure/schemes';
import type { CheckTrigger } from './pure/settings';

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly service: CheckService,
    private readonly checkOn: () => CheckTrigger,
  ) {
    // Checks made before this registration (documents already open at activation).
    for (const document of vscode.workspace.textDocuments) {
      const latest = service.latest(document.uri);
      if (latest) this.publishIfDue(latest);
    }
    this.subscriptions = [
      // A save announces its check even when that version was checked already (CheckService.checkSaved).
      service.onDidCheck((check) => this.publishIfDue(check)),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
    ];
  }

  /** Shows this check's diagnostics whatever `checkOn` says (the Check File command). */
  publish(check: DocumentCheck): void {
    const uri = check.document.uri;
    // A `git:` original's diagnostics would repeat the file's own in the Problems panel.
    if (isSnapshotScheme(uri.scheme)) return;
    this.collection.set(
      uri,
      check.result.diagnostics.map((diagnostic) => toVscodeDiagnostic(uri, toDiagnosticData(diagnostic, check.lines))),
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }

  private publishIfDue(check: DocumentCheck): void {
    if (this.checkOn() === 'save' && check.document.isDirty) return;
    this.publish(check);
  }
}

/**
 * Publishes each check's diagnostics; clears them when the document closes.
 *
 * With `homework.checkOn: save`, the editor's features still check the text
 * they are asked about, but the diagnostics show the saved text only: they
 * change on open and on save, not while the file is dirty.
 */
import * as vscode from 'vscode';
import { isHomeworkDocument, type CheckService, type DocumentCheck } from './checkService';
import { toVscodeDiagnostic } from './convert';
import { DIAGNOSTIC_SOURCE, toDiagnosticData } from './pure/diagnosticData';
import type { CheckTrigger } from './pure/settings';

export function registerDiagnostics(service: CheckService, checkOn: () => CheckTrigger): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const publish = (check: DocumentCheck): void => {
    const uri = check.document.uri;
    collection.set(
      uri,
      check.result.diagnostics.map((diagnostic) => toVscodeDiagnostic(uri, toDiagnosticData(diagnostic, check.lines))),
    );
  };
  const publishIfDue = (check: DocumentCheck): void => {
    if (checkOn() === 'save' && check.document.isDirty) return;
    publish(check);
  };
  // Checks made before this registration (documents already open at activation).
  for (const document of vscode.workspace.textDocuments) {
    const latest = service.latest(document.uri);
    if (latest) publishIfDue(latest);
  }
  return vscode.Disposable.from(
    collection,
    service.onDidCheck(publishIfDue),
    // The saved version may have been checked already (a hover asked), so no new check fires: publish it here.
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (isHomeworkDocument(document)) publish(service.checkNow(document));
    }),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
  );
}

/** Publishes each check's diagnostics; clears them when the document closes. */
import * as vscode from 'vscode';
import type { CheckService, DocumentCheck } from './checkService';
import { toVscodeDiagnostic } from './convert';
import { DIAGNOSTIC_SOURCE, toDiagnosticData } from './pure/diagnosticData';

export function registerDiagnostics(service: CheckService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const publish = (check: DocumentCheck): void => {
    const uri = check.document.uri;
    collection.set(
      uri,
      check.result.diagnostics.map((diagnostic) => toVscodeDiagnostic(uri, toDiagnosticData(diagnostic, check.lines))),
    );
  };
  // Checks made before this registration (documents already open at activation).
  for (const document of vscode.workspace.textDocuments) {
    const latest = service.latest(document.uri);
    if (latest) publish(latest);
  }
  return vscode.Disposable.from(
    collection,
    service.onDidCheck(publish),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
  );
}

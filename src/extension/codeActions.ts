/**
 * Quick fixes from the diagnostics' fix payloads, re-found by code and range
 * in the latest check of the document (never by reading its text), and
 * `source.fixAll.homework`, which applies the safe fixes the core selects
 * and verifies (never a fill of `?`). Each verification re-checks the file
 * with the fixes applied, in slices that stop when the request is cancelled:
 * on a long file that re-check would otherwise block the extension host.
 */
import * as vscode from 'vscode';
import type { Fix } from '../core';
import type { CheckService, DocumentCheck } from './checkService';
import { diagnosticCodeValue, rangeToSpan, toWorkspaceEdit } from './convert';
import { DIAGNOSTIC_SOURCE } from './pure/diagnosticData';
import { findCoreDiagnostics, fixAllEdits, orderedFixes, PreferredFixes } from './pure/fixes';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('homework');

export class HomeworkCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  /** One re-check per fix and document version, however often the cursor moves. */
  private readonly preferred = new PreferredFixes();

  constructor(private readonly service: CheckService) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const check = await this.service.check(document, token);
    if (!check) return [];
    const actions: vscode.CodeAction[] = [];
    if (wants(context, vscode.CodeActionKind.QuickFix)) {
      for (const editorDiagnostic of context.diagnostics) {
        if (editorDiagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const code = diagnosticCodeValue(editorDiagnostic);
        if (code === undefined) continue;
        for (const diagnostic of findCoreDiagnostics(
          check.result,
          code,
          rangeToSpan(check.lines, editorDiagnostic.range),
        )) {
          for (const fix of orderedFixes(diagnostic)) {
            const recheck = this.service.recheckInSteps(document);
            const preferred = await this.preferred.offer(check.text, check.result, fix, recheck, token);
            if (preferred === undefined || token.isCancellationRequested) return [];
            actions.push(quickFix(check, fix, editorDiagnostic, preferred));
          }
        }
      }
    }
    // Fix All re-checks the file once per batch of fixes: only when asked for by kind (the command, a save
    // with codeActionsOnSave), never for the light bulb, which asks on every cursor move with no `only`.
    if (context.only && wants(context, FIX_ALL_KIND) && !token.isCancellationRequested) {
      const edits = await fixAllEdits(check.text, check.result, this.service.recheckInSteps(document), token);
      if (!edits || token.isCancellationRequested) return [];
      if (edits.length > 0) {
        const fixAll = new vscode.CodeAction('Fix all safe homework problems', FIX_ALL_KIND);
        fixAll.edit = toWorkspaceEdit(document.uri, check.lines, edits);
        actions.push(fixAll);
      }
    }
    return actions;
  }
}

function wants(context: vscode.CodeActionContext, kind: vscode.CodeActionKind): boolean {
  return !context.only || context.only.contains(kind) || kind.contains(context.only);
}

function quickFix(
  check: DocumentCheck,
  fix: Fix,
  editorDiagnostic: vscode.Diagnostic,
  preferred: boolean,
): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = toWorkspaceEdit(check.document.uri, check.lines, fix.edits);
  action.diagnostics = [editorDiagnostic];
  action.isPreferred = preferred;
  return action;
}

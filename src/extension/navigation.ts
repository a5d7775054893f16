/** Go to definition, find references and rename within a problem, from the model's symbol table. */
import * as vscode from 'vscode';
import type { CheckService } from './checkService';
import { spanToRange, toWorkspaceEdit } from './convert';
import { symbolAt } from './pure/modelQueries';
import { renameableAt, renameEdits } from './pure/rename';

export class HomeworkNavigation implements vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.RenameProvider {
  constructor(private readonly service: CheckService) {}

  async provideDefinition(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Location | undefined> {
    const at = await this.service.checkAt(document, position, token);
    if (!at) return undefined;
    const { check, offset } = at;
    const occurrence = symbolAt(check.result, offset);
    if (!occurrence) return undefined;
    return new vscode.Location(document.uri, spanToRange(check.lines, occurrence.symbol.definitionSpan));
  }

  async provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.Location[]> {
    const at = await this.service.checkAt(document, position, token);
    if (!at) return [];
    const { check, offset } = at;
    const occurrence = symbolAt(check.result, offset);
    if (!occurrence) return [];
    const { symbol } = occurrence;
    const spans = context.includeDeclaration ? [symbol.definitionSpan, ...symbol.references] : symbol.references;
    return spans.map((span) => new vscode.Location(document.uri, spanToRange(check.lines, span)));
  }

  /** Reads the check in slices, as the other providers do: a rename must not check a 10,000-statement file at once. */
  async prepareRename(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Range | undefined> {
    const at = await this.service.checkAt(document, position, token);
    if (!at) return undefined;
    const { check, offset } = at;
    const occurrence = renameableAt(check.result, offset);
    if (!occurrence) throw new Error('Only a name defined in this homework can be renamed.');
    return spanToRange(check.lines, occurrence.span);
  }

  async provideRenameEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    newName: string,
    token: vscode.CancellationToken,
  ): Promise<vscode.WorkspaceEdit | undefined> {
    const at = await this.service.checkAt(document, position, token);
    if (!at) return undefined;
    const { check, offset } = at;
    const outcome = renameEdits(check.result, offset, newName);
    if ('error' in outcome) throw new Error(outcome.error);
    return toWorkspaceEdit(document.uri, check.lines, outcome.edits);
  }
}

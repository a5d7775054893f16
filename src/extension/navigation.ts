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
    const check = await this.service.check(document, token);
    if (!check || token.isCancellationRequested) return undefined;
    const occurrence = symbolAt(check.result, check.lines.offsetAt(position.line, position.character));
    if (!occurrence) return undefined;
    return new vscode.Location(document.uri, spanToRange(check.lines, occurrence.symbol.definitionSpan));
  }

  async provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.Location[]> {
    const check = await this.service.check(document, token);
    if (!check || token.isCancellationRequested) return [];
    const occurrence = symbolAt(check.result, check.lines.offsetAt(position.line, position.character));
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
    const check = await this.service.check(document, token);
    if (!check || token.isCancellationRequested) return undefined;
    const occurrence = renameableAt(check.result, check.lines.offsetAt(position.line, position.character));
    if (!occurrence) throw new Error('Only a name defined in this homework can be renamed.');
    return spanToRange(check.lines, occurrence.span);
  }

  async provideRenameEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    newName: string,
    token: vscode.CancellationToken,
  ): Promise<vscode.WorkspaceEdit | undefined> {
    const check = await this.service.check(document, token);
    if (!check || token.isCancellationRequested) return undefined;
    const outcome = renameEdits(check.result, check.lines.offsetAt(position.line, position.character), newName);
    if ('error' in outcome) throw new Error(outcome.error);
    return toWorkspaceEdit(document.uri, check.lines, outcome.edits);
  }
}

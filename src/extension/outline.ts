/** Outline (homework › problem › question › statement) and folding, from the model. */
import * as vscode from 'vscode';
import type { Steps } from '../core';
import type { CheckService } from './checkService';
import { spanToRange } from './convert';
import { foldingRangesInSteps, outlineInSteps, type OutlineKind, type OutlineNode } from './pure/outline';
import { runInSlices } from './pure/slicedRuns';
import type { DocumentCheck } from './checkService';

const SYMBOL_KINDS: Record<OutlineKind, vscode.SymbolKind> = {
  homework: vscode.SymbolKind.File,
  problem: vscode.SymbolKind.Module,
  question: vscode.SymbolKind.Namespace,
  given: vscode.SymbolKind.Constant,
  definition: vscode.SymbolKind.Variable,
  claim: vscode.SymbolKind.Boolean,
  function: vscode.SymbolKind.Function,
  identity: vscode.SymbolKind.Boolean,
  unit: vscode.SymbolKind.TypeParameter,
  error: vscode.SymbolKind.Null,
};

export class HomeworkOutline implements vscode.DocumentSymbolProvider, vscode.FoldingRangeProvider {
  constructor(private readonly service: CheckService) {}

  async provideDocumentSymbols(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentSymbol[]> {
    const check = await this.service.check(document, token);
    if (!check) return [];
    // In slices: the first outline of a long file reads every statement's model.
    const symbols = await runInSlices(documentSymbolsInSteps(check), token);
    return symbols ?? [];
  }

  async provideFoldingRanges(
    document: vscode.TextDocument,
    _context: vscode.FoldingContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.FoldingRange[]> {
    const check = await this.service.check(document, token);
    if (!check) return [];
    // In slices: after an edit, every problem below it is read at its new place.
    const folds = await runInSlices(foldingRangesInSteps(check.result, check.lines), token);
    return (folds ?? []).map(
      (fold) => new vscode.FoldingRange(fold.startLine, fold.endLine, vscode.FoldingRangeKind.Region),
    );
  }
}

function* documentSymbolsInSteps(check: DocumentCheck): Steps<vscode.DocumentSymbol[]> {
  const text = check.text;
  const nodes = yield* outlineInSteps(check.result, (span) => text.slice(span.start, span.end));
  const symbols: vscode.DocumentSymbol[] = [];
  for (const node of nodes) {
    // The homework's own node holds every problem: converted a problem per step too.
    const symbol = toDocumentSymbol(check, { ...node, children: [] });
    for (const child of node.children) {
      symbol.children.push(toDocumentSymbol(check, child));
      yield;
    }
    symbols.push(symbol);
  }
  return symbols;
}

function toDocumentSymbol(check: DocumentCheck, node: OutlineNode): vscode.DocumentSymbol {
  const range = spanToRange(check.lines, node.span);
  const selection = spanToRange(check.lines, node.selectionSpan);
  const symbol = new vscode.DocumentSymbol(
    node.name,
    node.detail,
    SYMBOL_KINDS[node.kind],
    range,
    // VS Code rejects a selection range outside the full range.
    range.contains(selection) ? selection : range,
  );
  symbol.children = node.children.map((child) => toDocumentSymbol(check, child));
  return symbol;
}

/**
 * Completion in the math of a Markdown or LaTeX homework (pure/sourceCompletion.ts):
 * names as the student writes them. The `.hw` completions (`\partial` → `∂`,
 * the built-ins' `.hw` calls) would write `.hw` into LaTeX, so they are not offered here.
 */
import * as vscode from 'vscode';
import { readSource, type CheckResult, type Span } from '../core';
import type { CheckService } from './checkService';
import { insideMath, sourceNameCompletions, typedNameStart } from './pure/sourceCompletion';
import { sourceFormatOf } from './sourceFiles';

const NAME_KINDS = {
  given: vscode.CompletionItemKind.Constant,
  definition: vscode.CompletionItemKind.Variable,
  function: vscode.CompletionItemKind.Function,
  unit: vscode.CompletionItemKind.Unit,
  parameter: vscode.CompletionItemKind.TypeParameter,
} as const;

export class SourceCompletions implements vscode.CompletionItemProvider {
  /** The math blocks of each checked text, read once per check (a completion is asked per keystroke). */
  private readonly blocks = new WeakMap<CheckResult, readonly { readonly span: Span }[]>();

  constructor(private readonly service: CheckService) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[]> {
    const format = sourceFormatOf(document);
    if (!format) return [];
    const check = await this.service.check(document, token);
    if (!check || token.isCancellationRequested) return [];
    let blocks = this.blocks.get(check.result);
    if (!blocks) {
      blocks = readSource(check.text, format).blocks;
      this.blocks.set(check.result, blocks);
    }
    const offset = check.lines.offsetAt(position.line, position.character);
    if (!insideMath(blocks, offset)) return [];
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    const range = new vscode.Range(position.line, typedNameStart(linePrefix), position.line, position.character);
    return sourceNameCompletions(check.result, check.text, offset).map((name) => {
      const item = new vscode.CompletionItem(name.label, NAME_KINDS[name.kind]);
      item.detail = name.detail;
      item.range = range;
      item.sortText = `0${name.label}`;
      return item;
    });
  }
}

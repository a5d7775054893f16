/**
 * Completion in the math of a Markdown or LaTeX homework (pure/sourceCompletion.ts):
 * names as the student writes them. The `.hw` completions (`\partial` → `∂`,
 * the built-ins' `.hw` calls) would write `.hw` into LaTeX, so they are not offered here.
 */
import * as vscode from 'vscode';
import { readSource, type CheckResult, type SourceCheckResult, type SourceFormat, type Span } from '../core';
import type { CheckService } from './checkService';
import { NAME_KINDS } from './completion';
import { insideMath, sourceNameCompletions, typedNameStart } from './pure/sourceCompletion';
import { sourceFormatOf } from './sourceFiles';

/** A notebook cell's result is cut from its notebook's check, without the spans: read once per result. */
const cellMathSpans = new WeakMap<CheckResult, readonly Span[]>();

/** Where the math is: the spans the check's own reading found (a completion is asked per keystroke). */
function mathSpansOf(result: CheckResult, text: string, format: SourceFormat): readonly Span[] {
  if ('mathSpans' in result) return (result as SourceCheckResult).mathSpans;
  let spans = cellMathSpans.get(result);
  if (!spans) {
    spans = readSource(text, format).blocks.map((block) => block.span);
    cellMathSpans.set(result, spans);
  }
  return spans;
}

export class SourceCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly service: CheckService) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[]> {
    const format = sourceFormatOf(document);
    if (!format) return [];
    const at = await this.service.checkAt(document, position, token);
    if (!at) return [];
    const { check, offset } = at;
    if (!insideMath(mathSpansOf(check.result, check.text, format), offset)) return [];
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

/**
 * Hover: a name's value, shape, unit and definition; on a wrong value, the expected one and why; on a built-in's
 * name where it is called, its signature, summary, parameters and example (from the registry).
 */
import * as vscode from 'vscode';
import type { CheckService } from './checkService';
import { spanToRange } from './convert';
import { builtinHoverAt } from './pure/builtinHelp';
import type { BuiltinDoc } from './pure/completionData';
import { hoverAt } from './pure/hoverContent';
import { symbolAt } from './pure/modelQueries';

export class HomeworkHover implements vscode.HoverProvider {
  private readonly builtins: ReadonlyMap<string, BuiltinDoc>;

  constructor(
    private readonly service: CheckService,
    builtins: Iterable<BuiltinDoc>,
  ) {
    this.builtins = new Map([...builtins].map((b) => [b.name, b]));
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const at = await this.service.checkAt(document, position, token);
    if (!at) return undefined;
    const { check, offset } = at;
    const text = check.lines.text;
    // A name the homework defines (a function `relu(x) = …` of its own) is the homework's, not the built-in's.
    const builtin = symbolAt(check.result, offset, false) ? undefined : builtinHoverAt(text, offset, this.builtins);
    const hover = hoverAt(check.result, check.lines, offset, (span) => text.slice(span.start, span.end));
    if (!hover && !builtin) return undefined;
    const markdown = [builtin?.markdown, hover?.markdown].filter((m) => m !== undefined).join('\n\n---\n\n');
    return new vscode.Hover(new vscode.MarkdownString(markdown), spanToRange(check.lines, (builtin ?? hover)!.span));
  }
}

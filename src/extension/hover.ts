/** Hover: a name's value, shape, unit and definition; on a wrong value, the expected one and why. */
import * as vscode from 'vscode';
import type { CheckService } from './checkService';
import { spanToRange } from './convert';
import { hoverAt } from './pure/hoverContent';

export class HomeworkHover implements vscode.HoverProvider {
  constructor(private readonly service: CheckService) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const check = await this.service.check(document, token);
    if (!check || token.isCancellationRequested) return undefined;
    const text = check.lines.text;
    const offset = check.lines.offsetAt(position.line, position.character);
    const hover = hoverAt(check.result, check.lines, offset, (span) => text.slice(span.start, span.end));
    if (!hover) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hover.markdown), spanToRange(check.lines, hover.span));
  }
}

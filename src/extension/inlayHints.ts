/** Inlay hints: the computed value after statements that state none (setting `homework.inlayValues`). */
import * as vscode from 'vscode';
import type { CheckService } from './checkService';
import { rangeToSpan } from './convert';
import { inlayValueHints } from './pure/inlayData';

export class HomeworkInlayHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly service: CheckService,
    private readonly enabled: () => boolean,
  ) {
    this.subscriptions = [
      this.changed,
      service.onDidCheck(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('homework.inlayValues')) this.changed.fire();
      }),
    ];
  }

  async provideInlayHints(
    document: vscode.TextDocument,
    range: vscode.Range,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlayHint[]> {
    if (!this.enabled()) return [];
    const check = await this.service.check(document, token);
    if (!check) return [];
    const text = check.lines.text;
    return inlayValueHints(
      check.result,
      (span) => text.slice(span.start, span.end),
      rangeToSpan(check.lines, range),
    ).map((data) => {
      const position = check.lines.positionAt(data.offset);
      const hint = new vscode.InlayHint(new vscode.Position(position.line, position.character), data.label);
      hint.tooltip = data.tooltip;
      hint.paddingLeft = false;
      return hint;
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

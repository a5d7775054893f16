/** Completions: `\partial` → `∂` and the other symbols, names in scope, built-ins with their signatures. */
import * as vscode from 'vscode';
import type { CheckService } from './checkService';
import {
  builtinCompletions,
  escapeCompletions,
  isProseOrComment,
  nameCompletions,
  type BuiltinCompletion,
  type BuiltinDoc,
} from './pure/completionData';
import { namesInScope } from './pure/modelQueries';

export const COMPLETION_TRIGGER_CHARACTERS = ['\\', '^'];

/** The icon of a name by what it is, for `.hw` and for LaTeX completions alike. */
export const NAME_KINDS = {
  given: vscode.CompletionItemKind.Constant,
  definition: vscode.CompletionItemKind.Variable,
  function: vscode.CompletionItemKind.Function,
  unit: vscode.CompletionItemKind.Unit,
  parameter: vscode.CompletionItemKind.TypeParameter,
} as const;

export class HomeworkCompletions implements vscode.CompletionItemProvider {
  private readonly builtins: readonly BuiltinCompletion[];

  constructor(
    private readonly service: CheckService,
    builtins: Iterable<BuiltinDoc>,
  ) {
    this.builtins = builtinCompletions(builtins);
  }

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[]> {
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    if (isProseOrComment(linePrefix)) return [];
    const escapes = escapeCompletions(linePrefix);
    if (escapes.length > 0) {
      return escapes.map((escape) => {
        const item = new vscode.CompletionItem(
          { label: escape.trigger, description: escape.symbol },
          vscode.CompletionItemKind.Operator,
        );
        item.insertText = escape.symbol;
        item.filterText = escape.trigger;
        item.detail = `${escape.symbol}  ${escape.description}`;
        item.range = new vscode.Range(position.line, escape.replaceFrom, position.line, position.character);
        return item;
      });
    }
    // A trigger character that starts no escape (a lone `\` followed by a digit, say) offers nothing else.
    if (/[\\^]$/.test(linePrefix)) return [];

    const at = await this.service.checkAt(document, position, token);
    if (!at) return [];
    const { check, offset } = at;
    const items = nameCompletions(namesInScope(check.result, offset)).map((name) => {
      const item = new vscode.CompletionItem(name.label, NAME_KINDS[name.kind]);
      item.detail = name.detail;
      item.sortText = `0${name.label}`;
      return item;
    });
    for (const builtin of this.builtins) {
      const item = new vscode.CompletionItem(builtin.label, vscode.CompletionItemKind.Function);
      item.detail = builtin.detail;
      item.documentation = new vscode.MarkdownString(builtin.documentation);
      item.insertText = new vscode.SnippetString(builtin.insertSnippet);
      item.sortText = `1${builtin.label}`;
      items.push(item);
    }
    return items;
  }
}

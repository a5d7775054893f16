/** Signature help inside a built-in's call: its signature from the registry, the argument under the cursor. */
import * as vscode from 'vscode';
import { signatureHelpAt } from './pure/builtinHelp';
import type { BuiltinDoc } from './pure/completionData';
import { isProseOrComment } from './pure/completionData';

export const SIGNATURE_HELP_METADATA: vscode.SignatureHelpProviderMetadata = {
  triggerCharacters: ['(', ','],
  retriggerCharacters: ['='],
};

export class HomeworkSignatureHelp implements vscode.SignatureHelpProvider {
  private readonly builtins: ReadonlyMap<string, BuiltinDoc>;

  constructor(builtins: Iterable<BuiltinDoc>) {
    this.builtins = new Map([...builtins].map((b) => [b.name, b]));
  }

  provideSignatureHelp(document: vscode.TextDocument, position: vscode.Position): vscode.SignatureHelp | undefined {
    if (isProseOrComment(document.lineAt(position.line).text.slice(0, position.character))) return undefined;
    const data = signatureHelpAt(document.getText(), document.offsetAt(position), this.builtins);
    if (!data) return undefined;
    const signature = new vscode.SignatureInformation(data.label, new vscode.MarkdownString(data.documentation));
    signature.parameters = data.parameters.map((p) => new vscode.ParameterInformation(p.label, p.documentation));
    const help = new vscode.SignatureHelp();
    help.signatures = [signature];
    help.activeSignature = 0;
    // Outside every parameter (an unknown `pad=`), VS Code highlights none when the index is out of range.
    help.activeParameter = data.activeParameter ?? data.parameters.length;
    return help;
  }
}

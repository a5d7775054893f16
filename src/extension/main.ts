/**
 * The extension's entry point: one CheckService, the editor features over
 * it, the commands. Every registration goes to `context.subscriptions`.
 *
 * Activation time is logged to the "Homework" output channel (Output ›
 * Homework): `activate`'s own time, and how long after the bundle was
 * evaluated the extension host called it. The first check of each document
 * runs just after activation and logs its own duration there too.
 */
import * as vscode from 'vscode';
import { BUILTINS } from '../core/solvers/registry';
import { CheckService, HOMEWORK_LANGUAGE_ID } from './checkService';
import { HomeworkCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { COMPLETION_TRIGGER_CHARACTERS, HomeworkCompletions } from './completion';
import type { HomeworkContext } from './context';
import { registerDerivationsView } from './derivationsView';
import { DiagnosticsPublisher } from './diagnostics';
import { HomeworkHover } from './hover';
import { HomeworkInlayHints } from './inlayHints';
import { HomeworkNavigation } from './navigation';
import { HomeworkOutline } from './outline';
import { checkServiceSettings, currentSettings } from './settings';
import {
  initSourceFiles,
  registerSourceCommands,
  SOURCE_SELECTOR,
  SourceCodeActions,
  SourceHover,
} from './sourceFiles';
import { registerStatusBar } from './statusBar';

const bundleEvaluatedAt = Date.now();

/** Every scheme (files, untitled, virtual workspaces): checking reads only the document's text. */
const HOMEWORK_SELECTOR: vscode.DocumentSelector = { language: HOMEWORK_LANGUAGE_ID };

export function activate(context: vscode.ExtensionContext): void {
  const activateStartedAt = Date.now();
  const log = vscode.window.createOutputChannel('Homework', { log: true });
  initSourceFiles(context);
  const checks = new CheckService(checkServiceSettings, log);
  const diagnostics = new DiagnosticsPublisher(checks, () => currentSettings().checkOn);
  context.subscriptions.push(log, checks, diagnostics);

  const ctx: HomeworkContext = { extension: context, checks, diagnostics, settings: currentSettings, log };
  const inlayHints = new HomeworkInlayHints(checks, () => ctx.settings().inlayValues);
  const outline = new HomeworkOutline(checks);
  const navigation = new HomeworkNavigation(checks);

  context.subscriptions.push(
    registerStatusBar(checks),
    vscode.languages.registerCodeActionsProvider(
      HOMEWORK_SELECTOR,
      new HomeworkCodeActions(checks),
      HomeworkCodeActions.metadata,
    ),
    vscode.languages.registerHoverProvider(HOMEWORK_SELECTOR, new HomeworkHover(checks)),
    // Markdown and LaTeX homework: quick fixes and hovers (the other features are for .hw).
    vscode.languages.registerCodeActionsProvider(
      SOURCE_SELECTOR,
      new SourceCodeActions(new HomeworkCodeActions(checks)),
      HomeworkCodeActions.metadata,
    ),
    vscode.languages.registerHoverProvider(SOURCE_SELECTOR, new SourceHover(new HomeworkHover(checks))),
    inlayHints,
    vscode.languages.registerInlayHintsProvider(HOMEWORK_SELECTOR, inlayHints),
    vscode.languages.registerDocumentSymbolProvider(HOMEWORK_SELECTOR, outline, { label: 'Homework' }),
    vscode.languages.registerFoldingRangeProvider(HOMEWORK_SELECTOR, outline),
    vscode.languages.registerDefinitionProvider(HOMEWORK_SELECTOR, navigation),
    vscode.languages.registerReferenceProvider(HOMEWORK_SELECTOR, navigation),
    vscode.languages.registerRenameProvider(HOMEWORK_SELECTOR, navigation),
    vscode.languages.registerCompletionItemProvider(
      HOMEWORK_SELECTOR,
      new HomeworkCompletions(checks, BUILTINS.values()),
      ...COMPLETION_TRIGGER_CHARACTERS,
    ),
  );
  registerCommands(ctx);
  context.subscriptions.push(registerSourceCommands(ctx));
  registerDerivationsView(context, checks);

  const activatedAt = Date.now();
  log.info(
    `Activated in ${activatedAt - activateStartedAt} ms (the extension host called activate ${activateStartedAt - bundleEvaluatedAt} ms after evaluating the bundle)`,
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

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
import { BUILTINS } from '../core';
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
import { currentSettings } from './settings';
import { HomeworkSignatureHelp, SIGNATURE_HELP_METADATA } from './signatureHelp';
import { HomeworkSolveLenses } from './solveLens';
import { SourceCompletions } from './sourceCompletions';
import { initSourceFiles, onlyInHomeworkSources, SOURCE_SELECTOR } from './sourceFiles';
import { registerStatusBar } from './statusBar';

const bundleEvaluatedAt = Date.now();

/** Every scheme (files, untitled, virtual workspaces): checking reads only the document's text. */
const HOMEWORK_SELECTOR: vscode.DocumentSelector = { language: HOMEWORK_LANGUAGE_ID };

export function activate(context: vscode.ExtensionContext): void {
  const activateStartedAt = Date.now();
  const log = vscode.window.createOutputChannel('Homework', { log: true });
  initSourceFiles(context);
  // The settings have one reader (`currentSettings`), the commands one table (`commands.ts`).
  const settings = currentSettings;
  const checks = new CheckService(settings, log);
  const diagnostics = new DiagnosticsPublisher(
    checks,
    () => settings().checkOn,
    () => settings().quietWhileTypingMs,
  );
  context.subscriptions.push(log, checks, diagnostics);
  const derivations = registerDerivationsView(context, checks, diagnostics);

  const statusBar = registerStatusBar(checks, diagnostics);
  const ctx: HomeworkContext = { extension: context, checks, diagnostics, derivations, statusBar, settings, log };
  const inlayHints = new HomeworkInlayHints(checks, () => settings().inlayValues);
  const outline = new HomeworkOutline(checks);
  const navigation = new HomeworkNavigation(checks);
  const solveLenses = new HomeworkSolveLenses(checks);

  context.subscriptions.push(
    statusBar,
    solveLenses,
    vscode.languages.registerCodeLensProvider(HOMEWORK_SELECTOR, solveLenses),
    vscode.languages.registerCodeActionsProvider(
      HOMEWORK_SELECTOR,
      new HomeworkCodeActions(checks),
      HomeworkCodeActions.metadata,
    ),
    vscode.languages.registerHoverProvider(HOMEWORK_SELECTOR, new HomeworkHover(checks, BUILTINS.values())),
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
    vscode.languages.registerSignatureHelpProvider(
      HOMEWORK_SELECTOR,
      new HomeworkSignatureHelp(BUILTINS.values()),
      SIGNATURE_HELP_METADATA,
    ),
  );
  // Markdown and LaTeX homework (and notebooks' markdown cells): the same features where they make sense in
  // math, each behind one gate, so that a README gets none. Folding is left to the Markdown and LaTeX extensions;
  // completion offers names as written in LaTeX (sourceCompletions.ts), not `.hw` escapes.
  const sources = onlyInHomeworkSources;
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(
      SOURCE_SELECTOR,
      sources(new HomeworkCodeActions(checks)),
      HomeworkCodeActions.metadata,
    ),
    vscode.languages.registerHoverProvider(SOURCE_SELECTOR, sources(new HomeworkHover(checks, BUILTINS.values()))),
    vscode.languages.registerCodeLensProvider(SOURCE_SELECTOR, sources(solveLenses)),
    vscode.languages.registerInlayHintsProvider(SOURCE_SELECTOR, sources(inlayHints)),
    vscode.languages.registerDocumentSymbolProvider(SOURCE_SELECTOR, sources(outline), { label: 'Homework' }),
    vscode.languages.registerDefinitionProvider(SOURCE_SELECTOR, sources(navigation)),
    vscode.languages.registerReferenceProvider(SOURCE_SELECTOR, sources(navigation)),
    vscode.languages.registerCompletionItemProvider(SOURCE_SELECTOR, sources(new SourceCompletions(checks))),
    vscode.languages.registerSignatureHelpProvider(
      SOURCE_SELECTOR,
      sources(new HomeworkSignatureHelp(BUILTINS.values())),
      SIGNATURE_HELP_METADATA,
    ),
  );
  registerCommands(ctx);

  const activatedAt = Date.now();
  log.info(
    `Activated in ${activatedAt - activateStartedAt} ms (the extension host called activate ${activateStartedAt - bundleEvaluatedAt} ms after evaluating the bundle)`,
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

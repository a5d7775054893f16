/** The one object every command and feature is built over. */
import type * as vscode from 'vscode';
import type { CheckService } from './checkService';
import type { DerivationsPanels } from './derivationsView';
import type { DiagnosticsPublisher } from './diagnostics';
import type { HomeworkSettings } from './pure/settings';
import type { HomeworkStatusBar } from './statusBar';

export interface HomeworkContext {
  readonly extension: vscode.ExtensionContext;
  readonly checks: CheckService;
  readonly diagnostics: DiagnosticsPublisher;
  readonly derivations: DerivationsPanels;
  readonly statusBar: HomeworkStatusBar;
  /** The current `homework.*` settings, read afresh on each call. */
  readonly settings: () => HomeworkSettings;
  /** The "Homework" output channel. */
  readonly log: vscode.LogOutputChannel;
}

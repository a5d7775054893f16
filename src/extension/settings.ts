/** Reads the `homework.*` settings through VS Code (validation lives in `pure/settings.ts`). */
import * as vscode from 'vscode';
import type { CheckServiceSettings } from './checkService';
import { checkOptions, readSettings, type HomeworkSettings } from './pure/settings';

export function currentSettings(): HomeworkSettings {
  const configuration = vscode.workspace.getConfiguration('homework');
  return readSettings((key) => configuration.get(key));
}

export function checkServiceSettings(): CheckServiceSettings {
  const settings = currentSettings();
  return { options: checkOptions(settings), checkOn: settings.checkOn };
}

/**
 * The one reader of the `homework.*` settings through VS Code (validation lives in `pure/settings.ts`).
 * Every feature reads them through `HomeworkContext.settings` or the `CheckService`, which call this.
 */
import * as vscode from 'vscode';
import { readSettings, type HomeworkSettings } from './pure/settings';

/** Read afresh on each call: VS Code keeps the configuration, so this is cheap. */
export function currentSettings(): HomeworkSettings {
  const configuration = vscode.workspace.getConfiguration('homework');
  return readSettings((key) => configuration.get(key));
}

/** `homework.files`: glob patterns of Markdown and LaTeX files to check as homework (for the file's folder). */
export function homeworkFileGlobs(uri: vscode.Uri): string[] {
  const globs = vscode.workspace.getConfiguration('homework', uri).get<unknown>('files');
  return Array.isArray(globs) ? globs.filter((glob): glob is string => typeof glob === 'string' && glob !== '') : [];
}

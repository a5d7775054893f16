/**
 * The editor as a student lives in it (issue 12), inside a real VS Code:
 * typing key by key through the editor's own `type` command (auto-closed
 * brackets included), the counts of every surface, and `?` as an
 * invitation to solve.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DerivationsTestState } from '../../src/extension/derivationsView';
import {
  activateExtension,
  checkNow,
  describeDiagnostics,
  errorsOf,
  fixtureHomeworkUri,
  homeworkDiagnostics,
  regionOf,
  setText,
  touchesLine,
  waitFor,
} from './helpers';

const KEY_INTERVAL_MS = 150;

async function statusBarText(): Promise<string> {
  const status = await vscode.commands.executeCommand<{ text: string }>('homework._statusBar');
  return status.text;
}

function countsInStatus(text: string): { errors: number; warnings: number } | undefined {
  const match = /✗ (\d+) errors? ⚠ (\d+) warnings?/.exec(text);
  return match ? { errors: Number(match[1]), warnings: Number(match[2]) } : undefined;
}

async function setQuietMs(value: number | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('homework')
    .update('quietWhileTypingMs', value, vscode.ConfigurationTarget.Global);
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

suite('Typing, counts and ? in VS Code', () => {
  let document: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let seedText: string;

  suiteSetup(async () => {
    document = await vscode.workspace.openTextDocument(await fixtureHomeworkUri());
    editor = await vscode.window.showTextDocument(document);
    await activateExtension();
    seedText = document.getText();
  });

  teardown(async () => {
    await setQuietMs(undefined);
    await setText(document, seedText);
    editor = await vscode.window.showTextDocument(document);
    await checkNow();
  });

  /** A fresh empty line at the end of Problem 1 Question 1 (x, W1 … are defined there), cursor on it. */
  async function freshLine(): Promise<number> {
    const line = regionOf(seedText, 1, 1).end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(line, 0), '\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(line, 0, line, 0);
    await checkNow();
    return line;
  }

  test('a statement typed key by key is not flagged or counted until it is left, then its mistake shows', async () => {
    // A long pause, so that only leaving the line can explain a diagnostic that shows within it.
    await setQuietMs(5000);
    const line = await freshLine();
    const before = await waitFor('the status bar to count the seed', async () => countsInStatus(await statusBarText()));
    assert.equal(
      before.errors,
      errorsOf(document.uri).length,
      'before typing, the status bar counts the Problems panel',
    );

    // The cases: a half-typed keyword, a trailing `=`, commas and `;` inside an auto-closed matrix.
    // W1 [1; 1] is [1; 7; 3]: the last entry written, 4, is wrong.
    const keys = 'giv'.split('').concat(['Backspace', 'Backspace', 'Backspace'], 'h = W1 [1; 1] = [1; 7; 4'.split(''));
    for (const key of keys) {
      if (key === 'Backspace') await vscode.commands.executeCommand('deleteLeft');
      else await vscode.commands.executeCommand('type', { text: key });
      await delay(KEY_INTERVAL_MS);
      const onLine = homeworkDiagnostics(document.uri).filter((diagnostic) => touchesLine(diagnostic, line));
      assert.deepEqual(
        onLine.map((diagnostic) => diagnostic.message),
        [],
        `nothing flagged while typing "${document.lineAt(line).text}"`,
      );
      const counted = countsInStatus(await statusBarText());
      if (counted) assert.equal(counted.errors, before.errors, `the status bar counts no half-typed line (${key})`);
    }
    // Auto-closing made the matrix look complete all along.
    assert.equal(document.lineAt(line).text, 'h = W1 [1; 1] = [1; 7; 4]');

    const leftAt = Date.now();
    await vscode.commands.executeCommand('cursorDown');
    const wrong = await waitFor(
      'the finished line’s mistake to show once the cursor leaves it',
      () => {
        const onLine = errorsOf(document.uri).filter((diagnostic) => touchesLine(diagnostic, line));
        return onLine.length > 0 && onLine;
      },
      4000,
    );
    assert.ok(Date.now() - leftAt < 4000, 'shown on leaving, not after the typing pause');
    assert.equal(wrong.length, 1, describeDiagnostics(document, wrong));
    assert.equal(document.getText(wrong[0].range), '4');
    const after = await waitFor('the status bar to count it', async () => {
      const counted = countsInStatus(await statusBarText());
      return counted && counted.errors === before.errors + 1 && counted;
    });
    assert.equal(after.errors, errorsOf(document.uri).length);
  });

  test('a statement left unfinished is judged once the text is idle', async () => {
    await setQuietMs(800);
    const line = await freshLine();
    for (const key of 'h =') {
      await vscode.commands.executeCommand('type', { text: key });
      await delay(50);
    }
    assert.equal(errorsOf(document.uri).filter((diagnostic) => touchesLine(diagnostic, line)).length, 0, 'not at once');
    await waitFor(
      'the incomplete statement to be flagged after the pause',
      () => errorsOf(document.uri).some((diagnostic) => touchesLine(diagnostic, line)),
      10_000,
    );
  });

  test('the status bar, the derivations view and the Problems panel give the same counts', async () => {
    await vscode.commands.executeCommand('homework.showDerivations');
    const state = await waitFor('the view to show its counts', async () => {
      const current = await vscode.commands.executeCommand<DerivationsTestState | undefined>(
        'homework._derivationsState',
      );
      return current?.counts && current;
    });
    const errors = homeworkDiagnostics(document.uri, vscode.DiagnosticSeverity.Error).length;
    const warnings = homeworkDiagnostics(document.uri, vscode.DiagnosticSeverity.Warning).length;
    assert.ok(errors > 0, 'the example has mistakes');
    await vscode.window.showTextDocument(document);
    const status = countsInStatus(await statusBarText());
    assert.deepEqual(status, { errors, warnings }, 'status bar = Problems panel');
    assert.deepEqual(
      { errors: state.counts?.errors, warnings: state.counts?.warnings },
      { errors, warnings },
      'view = Problems panel',
    );
    assert.match(state.summaryHtml, new RegExp(`${errors} errors?<`), 'the header names what it counts');
    // The Problems panel lists no Info for a `?`: the example has none written, and nothing else is a note.
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    await vscode.window.tabGroups.close(
      tabs.filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('derivations')),
    );
  });

  test('a ? invites solving with a code lens and gives no answer until asked', async () => {
    const line = await freshLine();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(line, 0), 'W1 z0 = ?');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await checkNow();
    assert.deepEqual(
      homeworkDiagnostics(document.uri)
        .filter((diagnostic) => touchesLine(diagnostic, line))
        .map((diagnostic) => diagnostic.message),
      [],
      'no diagnostic on the ?',
    );
    const lenses = await waitFor('a Solve lens on the ?', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      const onLine = found.filter((lens) => lens.range.start.line === line && lens.command?.title === 'Solve');
      return onLine.length > 0 && onLine;
    });
    assert.equal(lenses.length, 1);
    const command = lenses[0].command!;
    assert.ok(await vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])));
    await waitFor('the ? to be filled', () => !document.lineAt(line).text.includes('?'));
    // W1 z0 = [1, 0; 3, 4; 1, 2] [2; 1], worked by hand.
    assert.equal(document.lineAt(line).text.replace(/\s+/g, ''), 'W1z0=[2;10;4]');
  });
  test('New Homework opens an untitled homework.hw, so that Save As suggests that name', async () => {
    const created = await vscode.commands.executeCommand<vscode.TextDocument>('homework.newHomework');
    assert.equal(created.uri.scheme, 'untitled');
    assert.match(created.uri.path, /(^|\/)homework(-\d+)?\.hw$/);
    assert.equal(created.languageId, 'homework');
    assert.match(created.getText(), /^homework "Homework"/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

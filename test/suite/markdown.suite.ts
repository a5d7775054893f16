/**
 * Markdown homework inside a real VS Code: the reference sheet, opened as it
 * is and checked with "Homework: Check This File as Homework", shows the -46
 * on its token; the quick fix writes -96 and nothing else; a plain README in
 * the same workspace gets no diagnostic.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, errorsOf, homeworkDiagnostics, rangeOf, setText, waitFor } from './helpers';

function fixtureUri(name: string): vscode.Uri {
  const workspace = process.env.HW_FIXTURE_WORKSPACE;
  assert.ok(workspace, 'HW_FIXTURE_WORKSPACE names the fixture workspace');
  return vscode.Uri.file(path.join(workspace, name));
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.value : code;
}

suite('Markdown homework in VS Code', () => {
  let sheet: vscode.TextDocument;
  let readme: vscode.TextDocument;
  let sheetText: string;

  suiteSetup(async () => {
    readme = await vscode.workspace.openTextDocument(fixtureUri('README.md'));
    await vscode.window.showTextDocument(readme);
    sheet = await vscode.workspace.openTextDocument(fixtureUri('homework1-solution.md'));
    assert.equal(sheet.languageId, 'markdown');
    sheetText = sheet.getText();
    await vscode.window.showTextDocument(sheet);
    await activateExtension();
  });

  suiteTeardown(async () => {
    await setText(sheet, sheetText);
  });

  test('the -46 is reported on its token once the file is checked as homework', async () => {
    const count = await vscode.commands.executeCommand<number>('homework.checkAsHomework', sheet.uri);
    assert.ok(typeof count === 'number' && count > 0);
    const wrongEntry = await waitFor('the wrong entry on the sheet', () =>
      errorsOf(sheet.uri).find((d) => codeOf(d) === 'value.wrong-entry'),
    );
    assert.deepEqual(wrongEntry.range, rangeOf(sheet, '-46'));
    assert.equal(sheet.getText(wrongEntry.range), '-46');
    // The sheet's real mistakes only: no warning at all.
    assert.deepEqual(
      homeworkDiagnostics(sheet.uri, vscode.DiagnosticSeverity.Warning).map((d) => d.message),
      [],
    );
    const errors = errorsOf(sheet.uri);
    const listed = errors.map(
      (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`,
    );
    assert.equal(errors.length, 9, listed.join('\n'));
  });

  test('the quick fix writes -96 and leaves the rest of the file byte for byte', async () => {
    const range = rangeOf(sheet, '-46');
    // Asked once: the light bulb answers from the check whose diagnostics the editor shows (no polling).
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      sheet.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.isPreferred && a.edit);
    const shown = errorsOf(sheet.uri).filter((d) => d.range.intersection(range)).length;
    assert.ok(fix?.edit, `a preferred fix among ${titles.join(', ')} (${shown} error(s) shown on -46)`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const at = sheetText.indexOf('-46');
    assert.equal(sheet.getText(), sheetText.slice(0, at) + '-96' + sheetText.slice(at + 3));
  });

  test('asked once while a settings change re-checks the sheet, the light bulb still offers the fix', async () => {
    // Each change of a `homework.*` setting drops every check and starts the open files' checks again; a light
    // bulb asked meanwhile joins the sheet's new check instead of answering from none.
    await setText(sheet, sheetText);
    const range = rangeOf(sheet, '-46');
    const settings = vscode.workspace.getConfiguration('homework');
    const missed: string[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const changed = settings.update('tolerance', i % 2 ? 1e-9 : 2e-9, vscode.ConfigurationTarget.Global);
        if (i % 3 === 1) await changed;
        await waitFor('the -46 error', () => errorsOf(sheet.uri).find((d) => d.range.intersection(range)));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          sheet.uri,
          range,
          vscode.CodeActionKind.QuickFix.value,
        );
        if (!actions.some((a) => a.isPreferred && a.edit)) missed.push(`${i}: ${actions.map((a) => a.title)}`);
        await changed;
      }
    } finally {
      await settings.update('tolerance', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.deepEqual(missed, []);
  });

  test('a plain README.md in the same workspace gets no diagnostic', async () => {
    // The sheet's diagnostics arrived above, so the README (opened first) has been seen.
    await vscode.window.showTextDocument(readme);
    await waitFor('the sheet checked', () => errorsOf(sheet.uri).length > 0 || sheet.isDirty);
    assert.deepEqual(homeworkDiagnostics(readme.uri), []);
  });
});

/**
 * The derivations panel inside a real VS Code, over the fixture's copy of
 * examples/homework1.hw. What the panel shows is read through the test-only
 * command `homework._derivationsState` (the HTML parts last sent to the
 * webview); the rendering itself is tested in a real browser by
 * test/browser/derivations.browser.ts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DerivationsTestState } from '../../src/extension/derivationsView';
import { activateExtension, fixtureHomeworkUri, rangeOf, waitFor } from './helpers';

/** -46 inside the stated matrix, marked by KaTeX's `\htmlClass{hw-wrong-entry}` (U+2212 is KaTeX's minus). */
const MARKED_MINUS_46 = /class="enclosing hw-wrong-entry">(?:<span[^>]*>)*−(?:<\/span>)?(?:<span[^>]*>)*46</;
/** The true value beside the wrong link, with -96 where -46 was written (read from its MathML). */
const TRUE_VALUE_MINUS_96 = /class="hw-expected">[\s\S]*?<mo>−<\/mo><mn>96<\/mn>/;

async function panelState(): Promise<DerivationsTestState | undefined> {
  return vscode.commands.executeCommand<DerivationsTestState | undefined>('homework._derivationsState');
}

suite('Derivations view in VS Code', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    document = await vscode.workspace.openTextDocument(await fixtureHomeworkUri());
    await vscode.window.showTextDocument(document);
    await activateExtension();
  });

  suiteTeardown(async () => {
    // Leave the workbench as the other suites expect it: no derivations panel beside the editor.
    const panels = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('homework.derivations'),
      );
    await vscode.window.tabGroups.close(panels);
  });

  test('Show Derivations opens the panel and shows the -46 entry as wrong, with the true value -96', async () => {
    await vscode.commands.executeCommand('homework.showDerivations');
    const state = await waitFor('the panel to show the marked -46', async () => {
      const current = await panelState();
      return current?.parts.some((part) => MARKED_MINUS_46.test(part.html)) ? current : undefined;
    });
    assert.equal(state.documentUri, document.uri.toString());
    const wrongPart = state.parts.find((part) => MARKED_MINUS_46.test(part.html));
    assert.ok(wrongPart);
    assert.match(
      wrongPart.html,
      /<li class="hw-verdict hw-v-wrong"[^>]*><span class="hw-mark" aria-hidden="true">✗<\/span>/,
    );
    assert.match(wrongPart.html, TRUE_VALUE_MINUS_96);
    // The part stands for the statement where -46 is written.
    const minus46 = document.offsetAt(rangeOf(document, '-46').start);
    const placement = state.order.find((part) => part.key === wrongPart.key);
    assert.ok(
      placement?.span && placement.span.start <= minus46 && minus46 <= placement.span.end,
      'the part spans the -46',
    );
    // No formula failed to render.
    assert.ok(state.parts.every((part) => !part.html.includes('katex-error')));
  });

  test('the panel follows the cursor: the statement with -46 is highlighted', async () => {
    await vscode.commands.executeCommand('homework.showDerivations');
    const editor = await vscode.window.showTextDocument(document);
    // Somewhere else first, then on the -46.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const at = rangeOf(document, '-46').start;
    editor.selection = new vscode.Selection(at, at);
    const highlighted = await waitFor('the statement under the cursor to be highlighted', async () => {
      const state = await panelState();
      const key = state?.highlightedKey;
      const part = key ? state?.parts.find((p) => p.key === key) : undefined;
      return part && MARKED_MINUS_46.test(part.html) ? part : undefined;
    });
    assert.ok(highlighted);
  });

  test('one panel per editor group: showing the derivations again reuses the panel', async () => {
    await vscode.commands.executeCommand('homework.showDerivations');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('homework.showDerivations');
    const panels = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('homework.derivations'),
      );
    assert.equal(panels.length, 1);
  });

  test('Export Derivations writes the HTML and the Markdown', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-export-'));
    const target = vscode.Uri.file(path.join(folder, 'homework1.derivations.html'));
    await vscode.commands.executeCommand('homework.exportDerivations', document.uri, target);
    const html = fs.readFileSync(target.fsPath, 'utf8');
    const markdown = fs.readFileSync(path.join(folder, 'homework1.derivations.md'), 'utf8');
    assert.match(html, MARKED_MINUS_46);
    assert.match(html, /url\(data:font\/woff2;base64,/, 'KaTeX fonts embedded');
    assert.doesNotMatch(html, /<script/i, 'the export runs no script');
    assert.match(markdown, /\\textcolor\{red\}\{\\boxed\{-46\}\}/);
    assert.match(markdown, /^\$\$$/m);
    fs.rmSync(folder, { recursive: true, force: true });
  });
  test('a long homework is rendered where the user looks: around the cursor, then what scrolls into view', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-long-'));
    const lines = ['homework "Long"'];
    for (let problem = 1; problem <= 60; problem++) {
      lines.push(`problem ${problem} "P${problem}"`);
      for (let k = 1; k <= 10; k++) lines.push(`v${k} = ${problem} + ${k} = ${problem + k}`);
    }
    const file = path.join(folder, 'long.hw');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const long = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(long);
    // The cursor deep in the file: problem 45's third statement.
    const target = lines.indexOf('v3 = 45 + 3 = 48');
    editor.selection = new vscode.Selection(target, 0, target, 0);
    await vscode.commands.executeCommand('homework.showDerivations', long.uri);
    const state = await waitFor('the long page with the cursor’s statement rendered', async () => {
      const current = await panelState();
      if (current?.documentUri !== long.uri.toString() || current.order.length < 600) return undefined;
      const at = current.order.find(
        (part) =>
          part.span &&
          long.offsetAt(new vscode.Position(target, 0)) >= part.span.start &&
          long.offsetAt(new vscode.Position(target, 0)) < part.span.end,
      );
      return at && current.parts.some((part) => part.key === at.key) ? current : undefined;
    });
    assert.ok(state.parts.length < state.order.length / 2, `${state.parts.length} of ${state.order.length} rendered`);
    assert.ok(
      !state.parts.some((part) => part.html.includes('P1<')),
      'problem 1, far above the cursor, is not rendered',
    );
    await vscode.window.tabGroups.close(
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === long.uri.toString()),
    );
    fs.rmSync(folder, { recursive: true, force: true });
  });
});

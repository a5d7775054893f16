/**
 * The editor's features on Markdown and LaTeX homework inside a real VS
 * Code: the derivations view follows the reference sheet, Solve fills a `?`
 * in a `.tex` with LaTeX, completion offers names as written, a notebook's
 * markdown cells are checked together, and a README gets none of it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DerivationsTestState } from '../../src/extension/derivationsView';
import { activateExtension, errorsOf, homeworkDiagnostics, rangeOf, waitFor } from './helpers';

function fixturePath(name: string): string {
  const workspace = process.env.HW_FIXTURE_WORKSPACE;
  assert.ok(workspace, 'HW_FIXTURE_WORKSPACE names the fixture workspace');
  return path.join(workspace, name);
}

/** 1 + 2 = 3 and 3 + 4 = 7 (A v by hand); 2 + 3 = 5; (3 + 1)^2 = 16. */
const SOLVE_TEX = [
  '% homework',
  '\\section{Problem 1}',
  'Let $A = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$ and $v = \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix}$,',
  'and $w^{(1)} = 3$.',
  '\\[ A v = ? \\]',
  '\\[ x = 2 + 3 = \\,?\\, \\]',
  '\\[ 2 w \\]',
  '\\[ s = (w^{(1)} + 1)^2 \\]',
  '',
].join('\n');

const NOTEBOOK = {
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['<!-- homework -->\n', '## Problem 1\n', '\n', '$x = 2$'] },
    { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['print(1)'] },
    { cell_type: 'markdown', metadata: {}, source: ['Then $y = x + 1 = 4$.'] },
  ],
  metadata: { language_info: { name: 'python' } },
  nbformat: 4,
  nbformat_minor: 5,
};

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

/** The same cells without the marker: homework only once the command is run on it. */
const PLAIN_NOTEBOOK = {
  ...NOTEBOOK,
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['## Problem 1\n', '\n', '$x = 2$'] },
    { cell_type: 'markdown', metadata: {}, source: ['Then $y = x + 1 = 4$.'] },
  ],
};

suite('Markdown and LaTeX homework: the editor features', () => {
  let sheet: vscode.TextDocument;
  let readme: vscode.TextDocument;

  suiteSetup(async () => {
    fs.writeFileSync(fixturePath('solve.tex'), SOLVE_TEX);
    fs.writeFileSync(fixturePath('cells.ipynb'), JSON.stringify(NOTEBOOK, null, 1));
    fs.writeFileSync(fixturePath('plain.ipynb'), JSON.stringify(PLAIN_NOTEBOOK, null, 1));
    readme = await vscode.workspace.openTextDocument(vscode.Uri.file(fixturePath('README.md')));
    sheet = await vscode.workspace.openTextDocument(vscode.Uri.file(fixturePath('homework1-solution.md')));
    await vscode.window.showTextDocument(sheet);
    await activateExtension();
    await vscode.commands.executeCommand('homework.checkAsHomework', sheet.uri);
  });

  suiteTeardown(async () => {
    const panels = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('homework.derivations'),
      );
    await vscode.window.tabGroups.close(panels);
  });

  test('the derivations view follows the reference sheet; the -46 part stands for the LaTeX that holds it', async () => {
    await vscode.window.showTextDocument(sheet);
    await vscode.commands.executeCommand('homework.showDerivations');
    const state = await waitFor('the panel to show the sheet', async () => {
      const current = await vscode.commands.executeCommand<DerivationsTestState | undefined>(
        'homework._derivationsState',
      );
      return current?.documentUri === sheet.uri.toString() && current.parts.length > 0 ? current : undefined;
    });
    const minus46 = sheet.offsetAt(rangeOf(sheet, '-46').start);
    // The innermost part around the -46: clicking it reveals this span of the .md file.
    const around = state.order
      .filter((part) => part.span && part.span.start <= minus46 && minus46 < part.span.end)
      .sort((a, b) => a.span!.end - a.span!.start - (b.span!.end - b.span!.start));
    assert.ok(around.length > 0, 'a part spans the -46');
    const revealed = sheet.getText(
      new vscode.Range(sheet.positionAt(around[0].span!.start), sheet.positionAt(around[0].span!.end)),
    );
    assert.match(revealed, /\\begin\{pmatrix\}[\s\S]*-46/, revealed);
  });

  test('Solve in a .tex fills the ? with a pmatrix, Fill All Unknowns the \\,?\\, with 5', async () => {
    const tex = await vscode.workspace.openTextDocument(vscode.Uri.file(fixturePath('solve.tex')));
    await vscode.window.showTextDocument(tex);
    const lens = await waitFor('a Solve lens on the ?', async () => {
      const lenses = await lensesOf(tex.uri);
      return lenses.find((l) => l.command?.title === 'Solve' && l.range.start.line === 4);
    });
    assert.ok(await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? [])));
    assert.equal(tex.lineAt(4).text, '\\[ A v = \\begin{pmatrix} 3 \\\\ 7 \\end{pmatrix} \\]');
    const filled = await vscode.commands.executeCommand<number>('homework.fillUnknowns');
    assert.equal(filled, 1);
    assert.equal(tex.lineAt(5).text, '\\[ x = 2 + 3 = \\,5\\, \\]');
    // Everything else as it was.
    const expected = SOLVE_TEX.split('\n');
    expected[4] = tex.lineAt(4).text;
    expected[5] = tex.lineAt(5).text;
    assert.equal(tex.getText(), expected.join('\n'));
  });

  test('completion in LaTeX math offers a name as written; outside math, nothing', async () => {
    const tex = await vscode.workspace.openTextDocument(vscode.Uri.file(fixturePath('solve.tex')));
    const line = tex.lineAt(6).text;
    const afterW = new vscode.Position(6, line.indexOf(' w') + 2);
    const inMath = await waitFor('completions in the math', async () => {
      const labels = await completionLabels(tex.uri, afterW);
      return labels.includes('w^{(1)}') ? labels : undefined;
    });
    assert.ok(!inMath.includes('w^(1)'), inMath.join(', '));
    const inProse = await completionLabels(tex.uri, new vscode.Position(3, 2));
    assert.ok(!inProse.includes('w^{(1)}'), inProse.join(', '));
  });

  test('Solve with Steps in a .tex inserts the steps as LaTeX display math, and they check clean', async () => {
    const tex = await vscode.workspace.openTextDocument(vscode.Uri.file(fixturePath('solve.tex')));
    const editor = await vscode.window.showTextDocument(tex);
    const line = 7;
    assert.equal(tex.lineAt(line).text, '\\[ s = (w^{(1)} + 1)^2 \\]');
    editor.selection = new vscode.Selection(line, 3, line, 3);
    const insertion = await vscode.commands.executeCommand<{ text: string } | undefined>('homework.solveWithSteps');
    assert.ok(insertion, 'steps inserted');
    assert.equal(tex.lineAt(line + 1).text, '\\[ (w^{(1)} + 1) = 3 + 1 = 4 \\]');
    assert.equal(tex.lineAt(line + 2).text, '\\[ (w^{(1)} + 1)^2 = 4^2 = 16 \\]');
    await waitFor('the steps checked', async () => {
      const check = await vscode.commands.executeCommand<{ errors: number; checked: number }>('homework.checkFile');
      return check && check.checked > 0 ? check : undefined;
    });
    assert.deepEqual(
      homeworkDiagnostics(tex.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning),
      [],
    );
  });

  test('a notebook whose first markdown cell says homework: a name from one cell is checked in the next', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(fixturePath('cells.ipynb')));
    await vscode.window.showNotebookDocument(notebook);
    const cells = notebook.getCells().filter((cell) => cell.kind === vscode.NotebookCellKind.Markup);
    assert.equal(cells.length, 2);
    const second = cells[1].document;
    const wrong = await waitFor('the wrong 4 in the second cell', () =>
      errorsOf(second.uri).find((d) => second.getText(d.range) === '4'),
    );
    assert.equal(wrong.range.start.line, 0);
    assert.deepEqual(errorsOf(cells[0].document.uri), []);
  });

  test('a notebook that does not say so is homework once the command is run on it', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(fixturePath('plain.ipynb')));
    await vscode.window.showNotebookDocument(notebook);
    const [first, second] = notebook.getCells().map((cell) => cell.document);
    const count = await vscode.commands.executeCommand<number>('homework.checkAsHomework', notebook.uri);
    assert.ok(typeof count === 'number' && count > 0, `count ${count}`);
    const wrong = await waitFor('the wrong 4 in the second cell', () =>
      errorsOf(second.uri).find((d) => second.getText(d.range) === '4'),
    );
    assert.equal(wrong.range.start.line, 0);
    assert.deepEqual(errorsOf(first.uri), []);
  });

  test('a README.md gets no diagnostic, no lens, no completion, no outline', async () => {
    await vscode.window.showTextDocument(readme);
    await waitFor('the sheet checked', () => errorsOf(sheet.uri).length > 0);
    assert.deepEqual(homeworkDiagnostics(readme.uri), []);
    assert.deepEqual(await lensesOf(readme.uri), []);
    const math = rangeOf(readme, '2 + 2').end;
    const labels = await completionLabels(readme.uri, math);
    const hw = (await completionLabels(sheet.uri, math)).filter((label) => /\^\{/.test(label));
    assert.ok(!labels.some((label) => hw.includes(label)), labels.join(', '));
    const symbols =
      (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        readme.uri,
      )) ?? [];
    assert.ok(!symbols.some((s) => /^Problem/.test(s.name)), symbols.map((s) => s.name).join(', '));
    const hints =
      (await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        readme.uri,
        new vscode.Range(0, 0, readme.lineCount, 0),
      )) ?? [];
    assert.deepEqual(hints, []);
  });
});

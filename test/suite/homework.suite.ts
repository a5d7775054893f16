/**
 * The extension inside a real VS Code, over the fixture workspace's copy of
 * examples/homework1.hw. Expected places are found by the text they contain,
 * never by line numbers; every wait polls for the expected state.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  checkNow,
  describeDiagnostics,
  errorsOf,
  fixtureHomeworkUri,
  homeworkDiagnostics,
  hoverText,
  linesMatching,
  rangeOf,
  regionOf,
  setText,
  touchesLine,
  waitFor,
} from './helpers';

suite('Homework Checker in VS Code', () => {
  let document: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let seedText: string;

  suiteSetup(async () => {
    const uri = await fixtureHomeworkUri();
    document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'homework', '.hw files open as the homework language');
    editor = await vscode.window.showTextDocument(document);
    await activateExtension();
    seedText = document.getText();
  });

  teardown(async () => {
    // Each test starts from the seed as written.
    await setText(document, seedText);
    editor = await vscode.window.showTextDocument(document);
    await checkNow();
  });

  test("the seed's findings are reported on the right places, and nothing else", async () => {
    const text = seedText;
    const problem1Question2 = regionOf(text, 1, 2);
    const problem1Question3 = regionOf(text, 1, 3);
    const problem4Question2 = regionOf(text, 4, 2);

    // Gradient formulas of Question 3 whose last factor is z3, z2 or z1 (not z2ᵀ, z2^T…).
    const formulaEndingIn = (name: string): number[] =>
      linesMatching(text, new RegExp(`relu'.*\\b${name}(?![\\wᵀ^'])\\s*(=.*)?$`), problem1Question3);
    const formulaLines = ['z3', 'z2', 'z1'].map((name) => {
      const lines = formulaEndingIn(name);
      assert.ok(lines.length > 0, `no gradient formula ending in ${name} in Problem 1 Question 3`);
      return lines[0];
    });
    const undefinedNameLines = linesMatching(text, /\b(a0|W0)\b/, problem1Question2);
    assert.equal(undefinedNameLines.length >= 2, true, 'steps ⑭ and ⑮ use a0 and W0');
    const sumLines = linesMatching(text, /\b800\b|\(\s*39\s*\+\s*1\s*\)/, problem4Question2);
    assert.ok(sumLines.length > 0, 'the 1+3+…+39 chain is in Problem 4 Question 2');
    const wrongEntryRange = rangeOf(document, '-46');

    const expectedLines = new Set([wrongEntryRange.start.line, ...formulaLines, ...undefinedNameLines, ...sumLines]);

    const errors = await waitFor('the seed to be checked', () => {
      const current = errorsOf(document.uri);
      return current.length > 0 && current;
    });
    const report = `errors:\n${describeDiagnostics(document, errors)}`;

    // -46 is flagged on its own entry, saying it is -96.
    const onEntry = errors.filter(
      (diagnostic) =>
        diagnostic.range.contains(wrongEntryRange.start) && diagnostic.range.end.line === wrongEntryRange.start.line,
    );
    assert.equal(onEntry.length, 1, `one error on the -46 entry\n${report}`);
    assert.equal(document.getText(onEntry[0].range).trim(), '-46', `the error covers exactly the entry\n${report}`);
    assert.match(onEntry[0].message, /-96/, 'the message gives the right value');

    // Every expected place has an error, and every error is at an expected place.
    for (const line of expectedLines) {
      assert.ok(
        errors.some((diagnostic) => touchesLine(diagnostic, line)),
        `an error on line ${line + 1}: ${document.lineAt(line).text}\n${report}`,
      );
    }
    for (const diagnostic of errors) {
      assert.ok(
        [...expectedLines].some((line) => touchesLine(diagnostic, line)),
        `an unexpected error\n${report}`,
      );
    }
    const undefinedMessages = errors
      .filter((diagnostic) => undefinedNameLines.some((line) => touchesLine(diagnostic, line)))
      .map((d) => d.message)
      .join(' ');
    assert.match(undefinedMessages, /a0/, 'a0 is reported as undefined');
    assert.match(undefinedMessages, /W0/, 'W0 is reported as undefined');
    const sumMessages = errors
      .filter((diagnostic) => sumLines.some((line) => touchesLine(diagnostic, line)))
      .map((d) => d.message)
      .join(' ');
    assert.match(sumMessages, /400/, '1+3+…+39 is 400');
    assert.ok(
      errors.some((diagnostic) => document.getText(diagnostic.range).includes('800')),
      `800 is flagged\n${report}`,
    );
    assert.ok(
      errors.some((diagnostic) => /\(\s*39\s*\+\s*1\s*\)/.test(document.getText(diagnostic.range))),
      `(39 + 1) / 2 × 39 (780) is flagged\n${report}`,
    );

    const warnings = homeworkDiagnostics(document.uri, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(
      warnings.map((d) => d.message),
      [],
      `no warnings\n${describeDiagnostics(document, warnings)}`,
    );

    // Codes are stable and link to their documentation.
    for (const diagnostic of errors) {
      assert.ok(
        typeof diagnostic.code === 'object' && diagnostic.code.target.toString().includes('docs/language.md#'),
        'a documented code',
      );
    }
  });

  test('the quick fix on -46 writes -96, and only that', async () => {
    const entry = rangeOf(document, '-46');
    const diagnostic = await waitFor('the -46 error', () =>
      errorsOf(document.uri).find((candidate) => candidate.range.contains(entry.start)),
    );
    const errorsBefore = errorsOf(document.uri).length;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.isPreferred) ?? actions[0];
    assert.ok(fix?.edit, `a preferred quick fix with an edit (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    const offset = document.offsetAt(entry.start);
    const expectedText = seedText.slice(0, offset) + '-96' + seedText.slice(offset + '-46'.length);
    assert.equal(document.getText(), expectedText, 'the fix replaced exactly the entry');

    await waitFor(
      'the -46 error to disappear',
      () => !errorsOf(document.uri).some((candidate) => candidate.range.contains(entry.start)),
    );
    assert.equal(errorsOf(document.uri).length, errorsBefore - 1, 'the other errors remain');
  });

  test('fix all applies every safe fix in one edit', async () => {
    await waitFor('the seed to be checked', () => errorsOf(document.uri).length > 0);
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      'source.fixAll.homework',
    );
    const fixAll = actions.find((action) => action.kind?.value === 'source.fixAll.homework');
    assert.ok(fixAll?.edit, `a fix-all action (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    const text = document.getText();
    assert.ok(text.includes('-24, -96, -108'), 'the -46 entry is fixed');
    assert.ok(!text.includes('-46'), 'no -46 remains');
    assert.ok(/=\s*400\s*$/m.test(text) && !/\b800\b/.test(text), 'the 800 is fixed');
    assert.ok(/\ba0\b/.test(text), 'an undefined name is not a safe fix: a0 stays');
  });

  test('fix all leaves every ? alone: filling is for Solve and Fill All Unknowns', async () => {
    const homework = await vscode.workspace.openTextDocument({
      language: 'homework',
      content: 'x = 2 + 2 = 5\ny = x ⊙ 3 = ?\n',
    });
    const whole = new vscode.Range(homework.positionAt(0), homework.positionAt(homework.getText().length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      homework.uri,
      whole,
      'source.fixAll.homework',
    );
    const fixAll = actions.find((action) => action.kind?.value === 'source.fixAll.homework');
    assert.ok(fixAll?.edit, `a fix-all action (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    // 2 + 2 is 4; the ? stays.
    assert.equal(homework.getText(), 'x = 2 + 2 = 4\ny = x ⊙ 3 = ?\n');
  });

  test('go to definition of W1 lands on its given', async () => {
    const use = rangeOf(document, 'W1 z0');
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      use.start,
    );
    assert.equal(locations.length, 1);
    const target = 'targetRange' in locations[0] ? locations[0].targetRange : locations[0].range;
    assert.match(document.lineAt(target.start.line).text, /^\s*given\b.*\bW1\s*=/);
    assert.equal(document.getText(target), 'W1');
  });

  test('rename z3 renames every use in its problem, ∂L/∂z3 included, and the file checks the same', async () => {
    await waitFor('the seed to be checked', () => errorsOf(document.uri).length > 0);
    const errorsBefore = errorsOf(document.uri).map((diagnostic) => diagnostic.message);
    const definition = rangeOf(document, 'z3 = relu(a3)');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      document.uri,
      definition.start,
      'out3',
    );
    assert.ok(edit && edit.size > 0, 'a rename edit');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = document.getText();
    assert.equal(/\bz3\b/.test(text), false, 'no z3 is left');
    assert.ok(text.includes('∂L/∂out3'), 'the name inside a gradient is renamed too');
    await checkNow();
    assert.deepEqual(
      errorsOf(document.uri).map((diagnostic) => diagnostic.message),
      errorsBefore,
    );
  });

  test('inlay hints show the value of a statement that states none', async () => {
    const lossLine = linesMatching(seedText, /^\s*L\s*=\s*\(y - yhat\)\^2\s*$/)[0];
    assert.ok(lossLine !== undefined, 'the seed defines L = (y - yhat)^2');
    const hints = await waitFor('inlay hints', async () => {
      const found = await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        document.uri,
        new vscode.Range(0, 0, document.lineCount, 0),
      );
      return found && found.length > 0 && found;
    });
    const label = (hint: vscode.InlayHint): string =>
      typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
    const onLoss = hints.filter((hint) => hint.position.line === lossLine).map(label);
    assert.deepEqual(onLoss, [' = 4']);
    const onStatedValues = hints.filter((hint) => document.lineAt(hint.position.line).text.includes('-46'));
    assert.deepEqual(onStatedValues.map(label), [], 'no hint where a value is written');
  });

  test('Solve Question at Cursor fills a ?', async () => {
    // A fresh claim at the end of Problem 1 Question 1, where W1 and z0 are defined.
    const question1 = regionOf(seedText, 1, 1);
    const insertLine = question1.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(insertLine, 0), 'W1 z0 = ?\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    editor.selection = new vscode.Selection(insertLine, 3, insertLine, 3);
    await checkNow();

    await vscode.commands.executeCommand('homework.solveQuestion');
    const filled = await waitFor('the ? to be filled', () => {
      const line = document.lineAt(insertLine).text;
      return !line.includes('?') && line;
    });
    assert.equal(filled.replace(/\s+/g, ''), 'W1z0=[2;10;4]');
    await checkNow();
    const onLine = homeworkDiagnostics(document.uri).filter(
      (diagnostic) =>
        touchesLine(diagnostic, insertLine) && diagnostic.severity !== vscode.DiagnosticSeverity.Information,
    );
    assert.deepEqual(
      onLine.map((d) => d.message),
      [],
      'the filled line checks clean',
    );
  });

  test('Solve with Steps inserts lines that check clean', async () => {
    const gradientLine =
      linesMatching(seedText, /^\s*(answer\s+)?(∂L\/∂W1|grad\(L,\s*W1\))\s*=/)[0] ??
      linesMatching(seedText, /^\s*(answer\s+)?∂L\/∂/)[0];
    assert.ok(gradientLine !== undefined, 'the seed states a gradient');
    editor.selection = new vscode.Selection(gradientLine, 1, gradientLine, 1);
    await checkNow();

    await vscode.commands.executeCommand('homework.solveWithSteps');
    const after = await waitFor('lines to be inserted', () => document.getText() !== seedText && document.getText());

    // The inserted text: what differs between the seed and now.
    let prefix = 0;
    while (prefix < seedText.length && seedText[prefix] === after[prefix]) prefix++;
    let suffix = 0;
    while (
      suffix < seedText.length - prefix &&
      seedText[seedText.length - 1 - suffix] === after[after.length - 1 - suffix]
    )
      suffix++;
    const inserted = after.slice(prefix, after.length - suffix);
    assert.equal(seedText.length - prefix - suffix, 0, 'nothing was removed');
    assert.ok(inserted.trim().length > 0, 'something was inserted');
    const firstLine = document.positionAt(prefix).line;
    const lastLine = document.positionAt(prefix + inserted.length).line;
    // What was inserted is selected, so the student sees it.
    const selected = vscode.window.activeTextEditor?.selection;
    assert.ok(selected && !selected.isEmpty, 'the inserted lines are selected');
    assert.equal(document.getText(selected).trim(), inserted.trim());

    await checkNow();
    const onInserted = homeworkDiagnostics(document.uri).filter(
      (diagnostic) =>
        diagnostic.severity !== vscode.DiagnosticSeverity.Information &&
        diagnostic.range.end.line >= firstLine &&
        diagnostic.range.start.line <= lastLine &&
        document.offsetAt(diagnostic.range.start) >= prefix &&
        document.offsetAt(diagnostic.range.end) <= prefix + inserted.length,
    );
    assert.deepEqual(
      onInserted.map((d) => d.message),
      [],
      `the inserted lines check clean:\n${inserted}\n${describeDiagnostics(document, onInserted)}`,
    );
  });

  test('the outline lists the five problems', async () => {
    const symbols = await waitFor('document symbols', async () => {
      const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        document.uri,
      );
      return result && result.length > 0 && result;
    });
    const all: vscode.DocumentSymbol[] = [];
    const walk = (nodes: readonly vscode.DocumentSymbol[]): void => {
      for (const node of nodes) {
        all.push(node);
        walk(node.children);
      }
    };
    walk(symbols);
    const problems = all
      .filter((symbol) => /^Problem\b/.test(symbol.name))
      .map((symbol) => symbol.name.match(/^Problem (\d+)/)?.[1]);
    assert.deepEqual(problems, ['1', '2', '3', '4', '5']);
    const firstProblem = all.find((symbol) => /^Problem 1\b/.test(symbol.name));
    assert.ok(
      firstProblem?.children.some((child) => /^Question 1\b/.test(child.name)),
      'questions nest under their problem',
    );
  });

  test('hover on W1 shows its value', async () => {
    // W1 where it is given (`given W1 = …`), not a mention in a comment or prose.
    const givenW1 = /^\s*given\b.*?\b(W1)\s*=/m.exec(seedText);
    assert.ok(givenW1, 'the seed gives W1');
    const name = new vscode.Range(
      document.positionAt(givenW1.index + givenW1[0].lastIndexOf('W1')),
      document.positionAt(givenW1.index + givenW1[0].lastIndexOf('W1') + 2),
    );
    const hovers = await waitFor('a hover on W1', async () => {
      const result = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        name.start.translate(0, 1),
      );
      return result && result.some((hover) => hoverText([hover]).includes('W1')) && result;
    });
    const text = hoverText(hovers);
    assert.match(text, /3×2/, `the shape\n${text}`);
    assert.match(text, /1\s+0\s*\n\s*3\s+4\s*\n\s*1\s+2/, `the value, aligned\n${text}`);
  });

  test('hover on ∂L/∂W2 shows the gradient, aligned', async () => {
    const head = rangeOf(document, '∂L/∂W2 = ∂L/∂a2');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      head.start.translate(0, 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /reverse-mode differentiation/, text);
    assert.match(text, /2×3/, text);
    assert.match(text, /16\s+64\s+72\s*\n\s*-24\s+-96\s+-108/, text);
  });

  test('typing \\partial offers ∂', async () => {
    const scratch = await vscode.workspace.openTextDocument({ language: 'homework', content: 'x = \\part' });
    const end = scratch.positionAt(scratch.getText().length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      scratch.uri,
      end,
      '\\',
    );
    const partial = list.items.find((item) => item.insertText === '∂');
    assert.ok(
      partial,
      `∂ is offered (got ${list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label)).join(', ')})`,
    );
  });

  test('signature help inside conv2d( and hover on its name read the registry', async () => {
    const content = 'z = conv2d([1, 2; 3, 4], [1], stride=';
    const scratch = await vscode.workspace.openTextDocument({ language: 'homework', content });
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>(
      'vscode.executeSignatureHelpProvider',
      scratch.uri,
      scratch.positionAt(content.length),
    );
    assert.equal(help?.signatures[0]?.label, 'conv2d(input, kernel, stride=1, padding=0, bias=0, dilation=1)');
    assert.equal(help.activeParameter, 2, 'stride= is the third parameter');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      scratch.uri,
      scratch.positionAt(content.indexOf('conv2d') + 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /conv2d\(input, kernel, stride=1, padding=0, bias=0, dilation=1\)/, text);
    assert.match(text, /optional, default 1/, text);
  });

  test('with checkOn save, the Problems panel changes on save, even when a hover already checked the edited text', async () => {
    // The document as the editor has it now: one the suite opened earlier may have been closed since.
    const saved = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(document.uri));
    const doc = saved.document;
    const settings = vscode.workspace.getConfiguration('homework');
    await settings.update('checkOn', 'save', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(
        'the setting to reach the extension host',
        () => vscode.workspace.getConfiguration('homework').get('checkOn') === 'save',
      );
      const entry = rangeOf(doc, '-46');
      const onEntry = () => errorsOf(doc.uri).some((candidate) => candidate.range.contains(entry.start));
      await waitFor('the -46 error', onEntry);
      const errorsBefore = errorsOf(doc.uri).length;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, entry, '-96');
      assert.ok(await vscode.workspace.applyEdit(edit));
      // The hover checks the edited text; the Problems panel keeps showing the saved text's findings.
      await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, entry.start);
      assert.ok(doc.isDirty, `the edit is not saved yet (closed: ${doc.isClosed}, version ${doc.version})`);
      assert.ok(onEntry(), 'while the file is dirty, the saved text is what is shown');
      assert.ok(await doc.save(), 'saved');
      await waitFor('the -46 error to disappear on save', () => !onEntry());
      assert.equal(errorsOf(doc.uri).length, errorsBefore - 1, 'the other errors remain');
    } finally {
      await setText(doc, seedText);
      await doc.save();
      await settings.update('checkOn', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

/**
 * The extension registers its commands in one place: the table in
 * src/extension/commands.ts, which lists every command package.json
 * contributes (and the internal `homework._*` ones the tests call), and
 * reads VS Code's settings in one file. Read from the source: the extension
 * imports `vscode`, which plain node cannot load.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../fixtures/paths';

const EXTENSION = path.join(REPO_ROOT, 'src', 'extension');

function extensionFiles(): string[] {
  return fs
    .readdirSync(EXTENSION)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(EXTENSION, f));
}

function filesContaining(pattern: RegExp): string[] {
  return extensionFiles()
    .filter((f) => pattern.test(fs.readFileSync(f, 'utf8')))
    .map((f) => path.basename(f));
}

test('commands are registered only by the command table, and it has every contributed command', () => {
  assert.deepEqual(filesContaining(/registerCommand\(/), ['commands.ts']);
  const source = fs.readFileSync(path.join(EXTENSION, 'commands.ts'), 'utf8');
  const table = /export const COMMANDS[^{]*\{([^}]*)\}/.exec(source);
  assert.ok(table, 'the COMMANDS table in commands.ts');
  const ids = [...table[1].matchAll(/'(homework\.[\w.]+)'\s*:/g)].map((m) => m[1]).sort();
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[] };
  };
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(
    ids.filter((id) => !id.startsWith('homework._')),
    contributed,
  );
});

test('the settings are read from VS Code in one file, and saves are handled once', () => {
  assert.deepEqual(filesContaining(/getConfiguration\(/), ['settings.ts']);
  assert.deepEqual(filesContaining(/onDidSaveTextDocument\(/), ['checkService.ts']);
});

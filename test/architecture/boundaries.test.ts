/**
 * The layers' import boundaries, checked on resolved paths. ESLint's
 * `no-restricted-imports` (eslint.config.mjs) shows the same rules in the
 * editor; this test is the authority, and it runs under plain node.
 *
 * - The core (`src/core`) imports only its own files and mathjs: never
 *   `vscode`, a Node built-in, or an adapter.
 * - Adapters reach the core only through `src/core/index.ts`.
 * - The webview imports only `src/protocol`; the protocol imports nothing.
 * - `src/extension/pure` imports neither `vscode` nor the rest of the extension.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../fixtures/paths';

type Layer = 'core' | 'protocol' | 'derivations' | 'webview' | 'cli' | 'extension' | 'extension/pure' | 'types';

/** Longest prefix first, so `src/extension/pure` wins over `src/extension`. */
const LAYER_FOLDERS: readonly (readonly [string, Layer])[] = [
  ['src/extension/pure', 'extension/pure'],
  ['src/extension', 'extension'],
  ['src/core', 'core'],
  ['src/protocol', 'protocol'],
  ['src/derivations', 'derivations'],
  ['src/webview', 'webview'],
  ['src/cli', 'cli'],
  // Declarations the layers' tsconfigs point at (what `vscode` is in a pure layer): they import nothing.
  ['src/types', 'types'],
];

/** A layer's public entry: another layer may import this and nothing else inside it. */
const ENTRY: Partial<Record<Layer, string>> = { core: 'src/core/index', derivations: 'src/derivations/index' };

interface Allowed {
  /** Other layers this one may import (through their entry, where they have one). */
  readonly layers: readonly Layer[];
  /** npm packages (a new dependency of a layer is a decision: add it here, on purpose). */
  readonly packages: readonly string[];
  readonly nodeBuiltins: boolean;
}

const ALLOWED: Record<Layer, Allowed> = {
  core: {
    layers: [],
    // Numbers and units; decompositions; Markdown and LaTeX at the document level (src/core/formats).
    packages: ['mathjs', 'ml-matrix', 'latex-utensils', 'markdown-it'],
    nodeBuiltins: false,
  },
  protocol: { layers: [], packages: [], nodeBuiltins: false },
  derivations: { layers: ['core', 'protocol'], packages: ['katex'], nodeBuiltins: false },
  webview: { layers: ['protocol'], packages: [], nodeBuiltins: false },
  cli: { layers: ['core'], packages: [], nodeBuiltins: true },
  extension: {
    layers: ['core', 'derivations', 'protocol', 'extension/pure'],
    packages: ['vscode'],
    nodeBuiltins: true,
  },
  'extension/pure': { layers: ['core'], packages: [], nodeBuiltins: false },
  types: { layers: [], packages: [], nodeBuiltins: false },
};

const NODE_BUILTINS = new Set(builtinModules);

function layerOf(repoPath: string): Layer | undefined {
  for (const [folder, layer] of LAYER_FOLDERS) {
    if (repoPath === folder || repoPath.startsWith(`${folder}/`)) return layer;
  }
  return undefined;
}

/**
 * Why `fromFile` (a repository path, `src/…/x.ts`) may not import
 * `specifier`, or undefined when it may.
 */
function importViolation(fromFile: string, specifier: string): string | undefined {
  const from = layerOf(fromFile);
  if (!from) return undefined;
  const allowed = ALLOWED[from];
  if (!specifier.startsWith('.')) {
    const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
    const top = bare.split('/')[0];
    if (specifier.startsWith('node:') || NODE_BUILTINS.has(top)) {
      return allowed.nodeBuiltins ? undefined : `${from} imports the Node built-in ${specifier}`;
    }
    const name = bare.startsWith('@') ? bare.split('/').slice(0, 2).join('/') : top;
    return allowed.packages.includes(name) ? undefined : `${from} imports the package ${specifier}`;
  }
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier)).replace(/\.ts$/, '');
  const to = layerOf(target);
  if (to === from) return undefined;
  if (!to) return `${from} imports ${target}, outside every layer`;
  if (!allowed.layers.includes(to)) return `${from} imports ${to} (${target})`;
  const entry = ENTRY[to];
  const folder = entry && path.posix.dirname(entry);
  if (entry && target !== entry && target !== folder) return `${from} imports ${target}, inside ${to}: use ${entry}.ts`;
  return undefined;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.name.endsWith('.ts')) out.push(full);
    }
  }
  return out.sort();
}

/** Every import, export-from, require and dynamic import of a file, type-only ones included. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

test('the rule itself: each boundary catches a crossing and lets the legal import through', () => {
  const cases: readonly [string, string, boolean][] = [
    ['src/core/check/problem.ts', 'vscode', false],
    ['src/core/check/problem.ts', 'node:fs', false],
    ['src/core/values/units.ts', 'path', false],
    ['src/core/values/units.ts', 'mathjs', true],
    ['src/core/check/problem.ts', '../../extension/pure/ranges', false],
    ['src/core/check/problem.ts', '../syntax/ast', true],
    ['src/extension/main.ts', '../core/solvers/registry', false],
    ['src/extension/main.ts', '../core', true],
    ['src/extension/main.ts', '../core/index', true],
    ['src/extension/main.ts', 'vscode', true],
    ['src/extension/derivationsView.ts', '../derivations', true],
    ['src/extension/derivationsView.ts', '../derivations/render', false],
    ['src/extension/pure/fixes.ts', 'vscode', false],
    ['src/extension/pure/fixes.ts', '../checkService', false],
    ['src/extension/pure/fixes.ts', '../../core', true],
    ['src/derivations/render.ts', '../core/model', false],
    ['src/derivations/render.ts', '../core', true],
    ['src/derivations/page.ts', 'node:buffer', false],
    ['src/cli/hwcheck.ts', 'node:fs', true],
    ['src/cli/hwcheck.ts', 'vscode', false],
    ['src/webview/main.ts', '../protocol/derivationsProtocol', true],
    ['src/webview/main.ts', '../core', false],
    ['src/webview/main.ts', 'katex', false],
    ['src/protocol/derivationsProtocol.ts', '../core', false],
  ];
  for (const [from, specifier, legal] of cases) {
    assert.equal(importViolation(from, specifier) === undefined, legal, `${from} → ${specifier}`);
  }
});

test('no file under src crosses a layer boundary', () => {
  const violations: string[] = [];
  const files = sourceFiles(path.join(REPO_ROOT, 'src'));
  assert.ok(files.length > 50, `found only ${files.length} source files`);
  for (const file of files) {
    const repoPath = path.relative(REPO_ROOT, file).split(path.sep).join('/');
    assert.ok(layerOf(repoPath), `${repoPath} is in no layer: add its folder to LAYER_FOLDERS and ALLOWED`);
    for (const specifier of importsOf(file)) {
      const why = importViolation(repoPath, specifier);
      if (why) violations.push(`${repoPath}: ${specifier} — ${why}`);
    }
  }
  assert.deepEqual(violations, []);
});

/**
 * Keeps the TextMate grammar's list of built-in functions in step with the
 * core's registry: a solver added to the core must be highlighted too.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinNames } from '../../src/core/solvers/registry';

// Compiled to out/test/grammar/: the repository root is three levels up.
const grammarPath = path.resolve(__dirname, '..', '..', '..', 'syntaxes', 'homework.tmLanguage.json');

interface Rule {
  match?: string;
}

function alternatives(match: string): string[] {
  const group = /\(\?:([a-z0-9_|]+)\)\(\?=\\\(\)/.exec(match);
  assert.ok(group, `no (?:a|b|…)(?=\\() group in ${match}`);
  return group[1].split('|');
}

test('the grammar highlights exactly the core built-ins as calls', () => {
  const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as { repository: Record<string, Rule> };
  const inGrammar = alternatives(grammar.repository['builtin-call'].match ?? '').sort();
  assert.deepEqual(inGrammar, [...builtinNames()].sort());
});

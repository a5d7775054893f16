/**
 * Keeps the TextMate grammar's lists of built-in names in step with the
 * core's registry: a built-in added to the core is highlighted as a call,
 * is never taken for a function definition, and has its prime highlighted
 * when it has one. On failure: `npm run generate:builtins`.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectedGrammarLists, generatedGrammar, GRAMMAR_PATH, grammarList } from '../tools/generateBuiltins';
import { REPO_ROOT } from '../fixtures/paths';

const grammarText = fs.readFileSync(path.join(REPO_ROOT, GRAMMAR_PATH), 'utf8');

test('the grammar lists exactly the registry built-ins, in each of its three rules', () => {
  const grammar = JSON.parse(grammarText) as { repository: Record<string, { match?: string }> };
  for (const { rule, pattern, names } of expectedGrammarLists()) {
    const list = grammarList(grammar.repository[rule].match ?? '', pattern);
    assert.ok(list !== undefined, `${rule}: its list is where the generator looks`);
    assert.deepEqual(list.split('|').sort(), names.split('|').sort(), `${rule} (npm run generate:builtins)`);
  }
});

test('the committed grammar is what the generator writes', () => {
  assert.equal(generatedGrammar(grammarText), grammarText, 'npm run generate:builtins');
});

test('a grammar whose list is not where the generator looks is refused, not silently left', () => {
  assert.throws(() => generatedGrammar(JSON.stringify({ repository: { 'function-definition': { match: 'x' } } })));
});

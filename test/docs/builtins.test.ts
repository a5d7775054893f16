/**
 * The reference's section on built-in functions stays in step with the
 * registry: one section per family headed by its names (generated; on
 * failure `npm run generate:builtins`), and in it each built-in's signature
 * and its own worked example, which the docs test then checks through the
 * whole checker.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedReference, REFERENCE_PATH } from '../tools/generateBuiltins';
import { BUILTIN_FAMILIES } from '../../src/core/solvers/registry';
import { REPO_ROOT } from '../fixtures/paths';

const doc = fs.readFileSync(path.join(REPO_ROOT, REFERENCE_PATH), 'utf8');

/** The text of a family's section: from its heading to the next heading of level 2 or 3. */
function section(title: string): string {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`### ${title}:`));
  if (start < 0) return '';
  let end = start + 1;
  while (end < lines.length && !/^#{2,3} /.test(lines[end])) end++;
  return lines.slice(start, end).join('\n');
}

/** The lines of the section's ```hw blocks. */
function exampleLines(text: string): string[] {
  const out: string[] = [];
  let inHw = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '```hw') inHw = true;
    else if (line.trim() === '```') inHw = false;
    else if (inHw) out.push(line.trim());
  }
  return out;
}

test('each family of built-ins has its section, headed by exactly its names', () => {
  assert.equal(generatedReference(doc), doc, 'npm run generate:builtins');
});

test("each built-in's signature and worked example are in its family's section", () => {
  const missing: string[] = [];
  for (const family of BUILTIN_FAMILIES) {
    const text = section(family.title);
    const examples = exampleLines(text);
    for (const builtin of family.builtins) {
      if (!text.includes(`\`${builtin.signature}\``)) missing.push(`${builtin.name}: signature ${builtin.signature}`);
      if (!examples.includes(builtin.example)) missing.push(`${builtin.name}: example ${builtin.example}`);
    }
  }
  assert.deepEqual(missing, []);
});

/**
 * Writes the places outside the core that list the built-ins, from the
 * registry: the TextMate grammar's three name lists and the family headings
 * of the reference (`### Activations: `relu`, …`). A test
 * (`test/grammar/builtins.test.ts`) fails when a committed file differs from
 * what this would write, so a new built-in cannot leave them stale.
 *
 * Run after adding a built-in: `npm run generate:builtins`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_FAMILIES, builtinNames, primedBuiltinNames } from '../../src/core/solvers/registry';

/**
 * Longest first, so no name is cut short by a prefix of it (`log` before
 * `log10` would still match, but reads worse).
 */
function alternation(names: readonly string[]): string {
  return [...names].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)).join('|');
}

interface GrammarRule {
  match?: string;
}

/** The grammar's rules whose match lists built-in names: where the list sits, and what it must hold. */
export function expectedGrammarLists(): { rule: string; pattern: RegExp; names: string }[] {
  return [
    // `f(x) = …` defines a function unless f is a built-in (or `grad`, `hessian`): `^\s*(?!(?:LIST)\()…`.
    {
      rule: 'function-definition',
      pattern: /^(\^\\s\*\(\?!\(\?:)([a-z0-9_|]+)(\)\\\()/,
      names: `${alternation(builtinNames())}|grad|hessian`,
    },
    // `relu'(x)`: `(?<![…])(LIST)(['’])(?=\()`.
    {
      rule: 'builtin-derivative',
      pattern: /^(\(\?<!\[[^\]]*\]\)\()([a-z0-9_|]+)(\))/,
      names: alternation(primedBuiltinNames()),
    },
    // `relu(x)`: `(?<![…])(?:LIST)(?=\()`.
    {
      rule: 'builtin-call',
      pattern: /^(\(\?<!\[[^\]]*\]\)\(\?:)([a-z0-9_|]+)(\)\(\?=)/,
      names: alternation(builtinNames()),
    },
  ];
}

/** The list of names a rule's match holds, or undefined where the pattern does not find it. */
export function grammarList(match: string, pattern: RegExp): string | undefined {
  return pattern.exec(match)?.[2];
}

export function generatedGrammar(text: string): string {
  const grammar = JSON.parse(text) as { repository: Record<string, GrammarRule> };
  for (const { rule, pattern, names } of expectedGrammarLists()) {
    const entry = grammar.repository[rule];
    const match = entry?.match ?? '';
    if (grammarList(match, pattern) === undefined)
      throw new Error(`grammar rule ${rule}: its list of names was not found`);
    entry.match = match.replace(
      pattern,
      (_all, before: string, _list: string, after: string) => before + names + after,
    );
  }
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

/** `### Activations: `relu`, `sigmoid``: the heading of a family's section in the reference. */
export function familyHeading(title: string, names: readonly string[]): string {
  return `### ${title}: ${names.map((n) => `\`${n}\``).join(', ')}`;
}

/** The reference with each family's heading rewritten from the registry (found by its title). */
export function generatedReference(text: string): string {
  const lines = text.split('\n');
  for (const family of BUILTIN_FAMILIES) {
    const index = lines.findIndex((l) => l.startsWith(`### ${family.title}:`));
    if (index < 0) throw new Error(`docs/language.md has no section "### ${family.title}: …"; write one`);
    lines[index] = familyHeading(
      family.title,
      family.builtins.map((b) => b.name),
    );
  }
  return lines.join('\n');
}

export const GRAMMAR_PATH = path.join('syntaxes', 'homework.tmLanguage.json');
export const REFERENCE_PATH = path.join('docs', 'language.md');

function main(root: string): void {
  const grammarFile = path.join(root, GRAMMAR_PATH);
  fs.writeFileSync(grammarFile, generatedGrammar(fs.readFileSync(grammarFile, 'utf8')));
  const referenceFile = path.join(root, REFERENCE_PATH);
  fs.writeFileSync(referenceFile, generatedReference(fs.readFileSync(referenceFile, 'utf8')));
}

if (require.main === module) main(process.argv[2] ?? process.cwd());

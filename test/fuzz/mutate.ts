/**
 * A mutator that starts from real homework: the examples, the `hw` blocks
 * of the docs and the grammar tests. It cuts, repeats, splices and
 * corrupts them the way edits and bad files do: half-typed lines,
 * unclosed brackets, stray bytes, pasted fragments, lines repeated.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../fixtures/paths';
import { expression, pick, statement, type Random } from './grammar';

/** Every homework text the repository holds as an example. */
export function loadCorpus(): string[] {
  const corpus: string[] = [];
  const examples = path.join(REPO_ROOT, 'examples');
  for (const f of fs.readdirSync(examples)) if (f.endsWith('.hw')) corpus.push(read(path.join(examples, f)));
  const grammar = path.join(REPO_ROOT, 'test', 'grammar');
  for (const f of fs.readdirSync(grammar)) if (f.endsWith('.hw')) corpus.push(read(path.join(grammar, f)));
  for (const doc of ['docs/language.md', 'README.md']) {
    const text = read(path.join(REPO_ROOT, doc));
    for (const m of text.matchAll(/```hw\n([\s\S]*?)```/g)) corpus.push(m[1]);
  }
  return corpus;
}

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

const FRAGMENTS = [
  '(',
  ')',
  '[',
  ']',
  ';',
  ';;',
  ';;;',
  '[1, 2;; 3, 4]',
  ',',
  '=',
  '?',
  '^',
  'ᵀ',
  '∂',
  '/',
  '$',
  '>',
  '#',
  '"',
  "'",
  ':',
  '\\',
  '…',
  '\u0000',
  '\ufeff',
  '\u200b',
  '\ud800',
  '\r',
  '\t',
  '1e309',
  'NaN',
  'undefined',
  '__proto__',
  'constructor',
  'sum(',
  'relu(',
  'unit ',
  'for n: ',
  'given ',
  'problem ',
  'answer ',
  ' = ?',
  '<img src=x onerror=alert(1)>',
];

export function mutate(random: Random, source: string): string {
  let text = source;
  const rounds = 1 + Math.floor(random() * 4);
  for (let i = 0; i < rounds; i++) text = mutateOnce(random, text);
  return text;
}

function mutateOnce(random: Random, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const len = Math.floor(random() * 40);
  const r = random();
  if (r < 0.15) return text.slice(0, at) + text.slice(at + len); // delete
  if (r < 0.3) return text.slice(0, at) + pick(random, FRAGMENTS) + text.slice(at); // insert a token
  if (r < 0.4) return text.slice(0, at); // truncate: half-typed
  if (r < 0.5)
    return text.slice(0, at) + text.slice(at, at + len).repeat(2 + Math.floor(random() * 5)) + text.slice(at); // repeat
  if (r < 0.6) {
    const lines = text.split('\n');
    const k = Math.floor(random() * lines.length);
    lines.splice(Math.floor(random() * lines.length), 0, lines[k]); // a line pasted elsewhere
    return lines.join('\n');
  }
  if (r < 0.7) return text.slice(0, at) + `\n${statement(random)}\n` + text.slice(at);
  if (r < 0.8) return text.slice(0, at) + expression(random) + text.slice(at + len);
  if (r < 0.87)
    return text.replace(/\d+(\.\d+)?/, pick(random, ['1e308', '0', '-0', '1e-320', '99999999999999999999', '2.5e29']));
  if (r < 0.93) {
    const n = 2 + Math.floor(random() * 60);
    return text.slice(0, at) + pick(random, ['sum(', 'relu(', '(', '[', '-']).repeat(n) + text.slice(at);
  }
  // Swap two lines.
  const lines = text.split('\n');
  const a = Math.floor(random() * lines.length);
  const b = Math.floor(random() * lines.length);
  [lines[a], lines[b]] = [lines[b], lines[a]];
  return lines.join('\n');
}

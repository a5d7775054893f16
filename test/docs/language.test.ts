/**
 * docs/language.md stays true: every ```hw example checks exactly as the
 * `<!-- expect: codes -->` comment above it says (no comment: clean), every
 * diagnostic code the core can emit has its own heading (the extension
 * links to it), and every in-page link lands.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check } from '../../src/core';
import { REPO_ROOT } from '../fixtures/paths';

const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'language.md'), 'utf8');
const lines = doc.split('\n');

interface Example {
  readonly line: number;
  readonly text: string;
  readonly expect: string[];
  readonly strict: boolean;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```hw') continue;
    let j = i - 1;
    while (j >= 0 && lines[j].trim() === '') j--;
    const m = /^<!--\s*expect:\s*(.*?)\s*-->$/.exec(lines[j] ?? '');
    const spec = m ? m[1] : '';
    const strict = /\bstrict\b/.test(spec);
    const expect = spec
      .replace(/\bstrict\b/, '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .sort();
    const body: string[] = [];
    let k = i + 1;
    for (; k < lines.length && lines[k].trim() !== '```'; k++) body.push(lines[k]);
    out.push({ line: i + 1, text: `${body.join('\n')}\n`, expect, strict });
    i = k;
  }
  return out;
}

/** GitHub's heading anchors, as the extension builds its links. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function headings(): string[] {
  const out: string[] = [];
  let inFence = false;
  for (const l of lines) {
    if (/^```/.test(l.trim())) inFence = !inFence;
    else if (!inFence) {
      const m = /^#{1,6}\s+(.*)$/.exec(l);
      if (m) out.push(m[1]);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

test('docs/language.md: every hw example checks as its expect comment says', () => {
  const all = examples();
  assert.ok(all.length > 50, `found ${all.length} examples`);
  const failures: string[] = [];
  for (const ex of all) {
    const result = check(ex.text, ex.strict ? { vectorOrientation: 'strict' } : {});
    const got = result.diagnostics.map((d) => d.code).sort();
    if (JSON.stringify(got) !== JSON.stringify(ex.expect))
      failures.push(`line ${ex.line}: expected [${ex.expect.join(', ')}], got [${got.join(', ')}]`);
  }
  assert.deepEqual(failures, []);
});

test('docs/language.md: every diagnostic code of the core has its heading; links land', () => {
  const codePattern =
    /'((?:syntax|name|call|function|shape|value|relation|unit|gradient|identity|limit|internal)\.[a-z][a-z-]*)'/g;
  const codes = new Set<string>();
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src', 'core'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(codePattern)) codes.add(m[1]);
  }
  const heads = headings();
  const missing = [...codes].filter((c) => !heads.includes(c)).sort();
  assert.deepEqual(missing, [], 'codes without a heading');
  const anchors = new Set(heads.map(slug));
  const broken = [...doc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]).filter((a) => !anchors.has(a));
  assert.deepEqual([...new Set(broken)], [], 'in-page links that land nowhere');
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const fromReadme = [...readme.matchAll(/docs\/language\.md#([^)\s]+)/g)]
    .map((m) => m[1])
    .filter((a) => !anchors.has(a));
  assert.deepEqual(fromReadme, [], 'README links into the reference that land nowhere');
});

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
import {
  check,
  DIAGNOSTIC_CODES,
  diagnosticDocsAnchor,
  diagnosticSeverities,
  isDiagnosticCode,
  type DiagnosticCode,
  type DiagnosticCodeInfo,
} from '../../src/core';
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

/** The rows of the table under "Diagnostic codes", as cells: code link, severity, meaning, fix. */
function summaryRows(): string[][] {
  const header = lines.findIndex((l) => l.startsWith('| Code | Severity | Meaning | Fix |'));
  assert.ok(header >= 0, 'the summary table of codes');
  const rows: string[][] = [];
  for (let i = header + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(
      lines[i]
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

test('docs/language.md: every hw example checks as its expect comment says', () => {
  const all = examples();
  assert.ok(all.length > 50, `found ${all.length} examples`);
  const failures: string[] = [];
  for (const ex of all) {
    const result = check(ex.text, ex.strict ? { vectorOrientation: 'strict' } : {});
    const got = result.diagnostics.map((d) => d.code).sort();
    for (const d of result.diagnostics) {
      if (!diagnosticSeverities(d.code).includes(d.severity))
        failures.push(`line ${ex.line}: ${d.code} is ${d.severity}, the table says ${diagnosticSeverities(d.code)}`);
    }
    if (JSON.stringify(got) !== JSON.stringify(ex.expect))
      failures.push(`line ${ex.line}: expected [${ex.expect.join(', ')}], got [${got.join(', ')}]`);
  }
  assert.deepEqual(failures, []);
});

test('docs/language.md: every diagnostic code of the table has its heading and its row; links land', () => {
  const heads = headings();
  const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
  const missing = codes.filter((c) => !heads.includes(c));
  assert.deepEqual(missing, [], 'codes without a heading');
  const codeHeadings = heads.filter((h) => /^[a-z]+\.[a-z][a-z-]*$/.test(h));
  assert.deepEqual(
    codeHeadings.filter((h) => !isDiagnosticCode(h)),
    [],
    'headings of codes the table does not have',
  );
  const rows = summaryRows();
  const expectedRows = codes.map((code) => {
    const info: DiagnosticCodeInfo = DIAGNOSTIC_CODES[code];
    const severity = diagnosticSeverities(code).join(' / ');
    return [`[${code}](#${diagnosticDocsAnchor(code)})`, severity, info.meaning, info.fix ?? ''];
  });
  assert.deepEqual(rows, expectedRows, 'the summary table of codes, row by row, as DIAGNOSTIC_CODES has them');
  const anchors = new Set(heads.map(slug));
  const broken = [...doc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]).filter((a) => !anchors.has(a));
  assert.deepEqual([...new Set(broken)], [], 'in-page links that land nowhere');
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const fromReadme = [...readme.matchAll(/docs\/language\.md#([^)\s]+)/g)]
    .map((m) => m[1])
    .filter((a) => !anchors.has(a));
  assert.deepEqual(fromReadme, [], 'README links into the reference that land nowhere');
});

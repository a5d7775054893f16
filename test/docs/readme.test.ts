/**
 * The README's "where things live" table lists every folder under src, so
 * a new folder comes with a line saying what it holds.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../fixtures/paths';

function foldersUnder(dir: string): string[] {
  const out: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(current, entry.name);
      out.push(path.relative(REPO_ROOT, full).split(path.sep).join('/'));
      pending.push(full);
    }
  }
  return out.sort();
}

test('README: the table of where things live names every folder under src', () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('Where things live:');
  assert.ok(start >= 0, 'the "Where things live" table');
  const lines = readme.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[] = [];
  for (let i = first; i >= 0 && i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
  const named = new Set(rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([^`]+)`/g)].map((m) => m[1])));
  const folders = foldersUnder(path.join(REPO_ROOT, 'src'));
  assert.ok(folders.length >= 13, `found ${folders.length} folders`);
  assert.deepEqual(
    folders.filter((folder) => !named.has(folder)),
    [],
  );
});

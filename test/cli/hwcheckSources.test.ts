/**
 * hwcheck on Markdown and LaTeX: the same opt-in as the editor, a flag to
 * force it, positions in the .md file, the math-block figures in the summary.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { run, type Io } from '../../src/cli/hwcheck';
import { SEED_SHEET_PATH } from '../fixtures/paths';

function fakeIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: Io = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readBytes: (p) => Buffer.from(files[p], 'utf8'),
    writeBytes: (p, bytes) => {
      written[p] = Buffer.from(bytes).toString('utf8');
    },
    color: false,
  };
  return { io, out, err, written };
}

const sheet = fs.readFileSync(SEED_SHEET_PATH, 'utf8');

test('hwcheck: a Markdown file that does not say it is homework is not checked', () => {
  const { io, out, err } = fakeIo({ 'README.md': '# Notes\n\n$2 + 2 = 5$\n' });
  assert.equal(run(['README.md'], io), 0);
  assert.match(err.join('\n'), /README\.md: not checked, it does not say it is homework/);
  assert.match(out.join('\n'), /0 errors/);
});

test('hwcheck --as-homework: the reference sheet gives its 9 errors, -46 at its line and column', () => {
  const { io, out } = fakeIo({ 'sheet.md': sheet });
  assert.equal(run(['--as-homework', 'sheet.md'], io), 1);
  const text = out.join('\n');
  const offset = sheet.indexOf('-46');
  const line = sheet.slice(0, offset).split('\n').length;
  const column = offset - sheet.lastIndexOf('\n', offset);
  assert.ok(text.includes(`sheet.md:${line}:${column}: error value.wrong-entry:`), text);
  assert.match(text, /sheet\.md: 100 math blocks: \d+ with a result checked, \d+ not checked/);
  // The figure the golden test pins (test/core/formats/homework1Markdown.test.ts), on the summary line.
  assert.match(text, /; 76 of 94 math blocks with numbers checked \(80%\)\n/);
  assert.match(text, /9 errors, 0 warnings$/);
});

test('hwcheck: front matter opts in; --format json carries the math-block figures', () => {
  const { io, out } = fakeIo({ 'hw.md': '---\nhomework: true\n---\n# Problem 1\n\n$x = 2 + 2 = 5$\n' });
  assert.equal(run(['--format', 'json', 'hw.md'], io), 1);
  const doc = JSON.parse(out.join('\n'));
  const [file] = doc.files;
  assert.equal(file.mathBlocks.mathBlocks, 1);
  // `x = 2 + 2 = 5` has digits and a claim judged: 1 of 1, 100%.
  assert.equal(file.mathBlocks.withNumbers, 1);
  assert.equal(file.mathBlocks.withNumbersChecked, 1);
  assert.equal(file.mathBlocks.withNumbersCheckedPercent, 100);
  assert.deepEqual(
    file.diagnostics.map((d: { line: number; column: number; code: string }) => [d.line, d.column, d.code]),
    [[6, 14, 'value.wrong']],
  );
});

test('hwcheck --fix on LaTeX writes the corrected number into the .tex file and nothing else', () => {
  const tex = '% homework\n\\section{Problem 1}\n$x = 2 \\times 3 = 7$ and $y = 1$\n';
  const { io, written } = fakeIo({ 'a.tex': tex });
  run(['--fix', 'a.tex'], io);
  assert.equal(written['a.tex'], tex.replace('= 7$', '= 6$'));
});

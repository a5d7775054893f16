/**
 * The markdown-it reader gives what the micromark reader it replaced gave
 * (`micromarkOutline.ts`): on the reference sheet, on every Markdown sheet of
 * the corpus, on every Markdown text the unit tests read, and on thousands of
 * seeded random documents. Where the two may differ by design, `outlineComparison.ts`
 * says why (a micromark or markdown-it reading that CommonMark contradicts, a
 * heading the micromark reader missed, a byte order mark, the end of an
 * unclosed `$$` block); `markdownDocument.test.ts` pins the right reading of each.
 *
 * `test/fixtures/markdown-snippets.json` holds the Markdown texts the unit tests
 * gave `readMarkdownOutline` (captured by running them with it wrapped to
 * record its argument; the reference sheet's edited copies included).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareOutlines, knownDifference, type Comparison } from './outlineComparison';
import { generateMarkdown } from './markdownGenerator';
import { readMarkdownOutline } from '../../../src/core/formats/markdownDocument';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Where the readers differ, the first few, shown so that a failure says which part. */
function describe(text: string, comparison: Comparison): string {
  const show = (parts: Comparison['markdownIt']) =>
    JSON.stringify(parts.map((p) => (p.kind === 'math' ? text.slice(p.contentStart, p.contentEnd) : p.heading.kind)));
  const shown = JSON.stringify(text.slice(0, 300));
  return `${shown}\n  markdown-it ${show(comparison.markdownIt)}\n  micromark   ${show(comparison.micromark)}`;
}

function assertSame(text: string, name: string): void {
  const comparison = compareOutlines(text);
  assert.ok(comparison.same, `${name}: ${describe(text, comparison)}`);
}

/** Every `.md` file under `folder`, depth-first. */
function markdownFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(path));
    else if (entry.name.endsWith('.md')) files.push(path);
  }
  return files;
}

/**
 * Never a wrong offset, whatever the other reader says: math starts at its
 * opening `$` or `\(`/`\[` and, but for an unclosed `$$` block, ends with its
 * closing one; a heading's keyword is in the file where its span says.
 */
function assertOffsetsInFile(text: string, seed: number): void {
  for (const part of readMarkdownOutline(text)) {
    const at = `seed ${seed}, ${JSON.stringify(text.slice(part.span.start, part.span.end))}`;
    if (part.kind === 'heading') {
      const keyword = text.slice(part.heading.keywordSpan.start, part.heading.keywordSpan.end);
      assert.match(keyword, /^(homework|problem|exercise|question|part)$/i, at);
      continue;
    }
    const span = text.slice(part.span.start, part.span.end);
    if (span.startsWith('$')) {
      const open = /^\$+/.exec(span)![0];
      // A block (its opening line holds no other `$`) may be unclosed; text math closes with as many `$`.
      const block =
        !span
          .slice(open.length)
          .split(/\r\n|\r|\n/)[0]
          .includes('$') && open.length >= 2;
      if (!block) assert.ok(span.endsWith(open) && !span.endsWith('$' + open), at);
    } else assert.match(span, /^\\\([\s\S]*\\\)$|^\\\[[\s\S]*\\\]$/, at);
  }
}

test('the reference sheet reads the same', () => {
  const text = readFileSync(join(ROOT, 'test/fixtures/homework1-solution.md'), 'utf8');
  const comparison = compareOutlines(text);
  assert.ok(comparison.same, describe(text, comparison));
  // Its math and headings were read at all (an empty reading on both sides would also be "the same").
  assert.ok(comparison.markdownIt.some((p) => p.kind === 'math'));
  assert.ok(comparison.markdownIt.some((p) => p.kind === 'heading'));
});

test('every Markdown file of the corpus reads the same', () => {
  const files = markdownFiles(join(ROOT, 'test/corpus'));
  assert.ok(files.some((f) => f.endsWith(join('md-backprop', 'sheet.md'))));
  for (const file of files) assertSame(readFileSync(file, 'utf8'), file);
});

test('every Markdown text of the unit tests reads the same', () => {
  const snippets: string[] = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/markdown-snippets.json'), 'utf8'));
  assert.ok(snippets.length >= 150);
  for (const [i, text] of snippets.entries()) assertSame(text, `snippet ${i}`);
});

test('3,000 generated documents read the same, but where a known difference explains it', (t) => {
  const explained = new Map<string, number>();
  let compared = 0;
  let differing = 0;
  const sizes = [
    { from: 1, count: 2000, lines: 24 },
    { from: 100_001, count: 700, lines: 6 },
    { from: 200_001, count: 300, lines: 80 },
  ];
  for (const { from, count, lines } of sizes) {
    for (let seed = from; seed < from + count; seed++) {
      const text = generateMarkdown(seed, { lines });
      compared++;
      assertOffsetsInFile(text, seed);
      const comparison = compareOutlines(text);
      if (comparison.same) continue;
      const reasons = knownDifference(text);
      assert.ok(reasons, `seed ${seed}: ${describe(text, comparison)}`);
      differing++;
      for (const reason of reasons) explained.set(reason, (explained.get(reason) ?? 0) + 1);
    }
  }
  assert.equal(compared, 3000);
  t.diagnostic(`${compared} documents, ${differing} differ, each explained (a document may need several):`);
  for (const [reason, count] of explained) t.diagnostic(`  ${count} × ${reason}`);
  // The known differences stay the exception: most documents are compared with no repair at all.
  assert.ok(differing < compared / 10, `${differing} differing documents`);
});

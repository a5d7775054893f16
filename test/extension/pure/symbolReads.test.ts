/**
 * The providers' symbol reads look in the problems at the cursor only (issue 12): they must answer exactly
 * as a scan of the whole file's symbol table does, and must not build that table.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { generateHomework } from '../../../bench/generate';
import { checkSource, HomeworkChecker, type CheckResult, type Span, type SymbolModel } from '../../../src/core';
import { namesInScope, problemsTouching, statementById, symbolAt } from '../../../src/extension/pure/modelQueries';
import { renameEdits } from '../../../src/extension/pure/rename';
import { EXAMPLE_HOMEWORK_PATH } from '../../fixtures/paths';

/** The name under the cursor by a scan of every symbol (as before issue 12): the narrowest span wins. */
function symbolAtByScan(result: CheckResult, offset: number, endInclusive: boolean) {
  let best: { symbol: SymbolModel; span: Span } | undefined;
  for (const symbol of result.document.symbols)
    for (const span of [symbol.definitionSpan, ...symbol.references]) {
      const touches = endInclusive
        ? offset >= span.start && offset <= span.end
        : offset >= span.start && offset < span.end;
      if (touches && (!best || span.end - span.start < best.span.end - best.span.start)) best = { symbol, span };
    }
  return best;
}

function describe(found: { symbol: SymbolModel; span: Span } | undefined): string {
  if (!found) return 'none';
  const { symbol, span } = found;
  return `${symbol.name} (problem ${symbol.problemIndex}, defined at ${symbol.definitionSpan.start}) at ${span.start}`;
}

/** Offsets to ask about: around every definition and use (every `step`-th), and at every problem's edges. */
function offsetsOf(result: CheckResult, step: number): number[] {
  const offsets: number[] = [];
  let n = 0;
  for (const symbol of result.document.symbols)
    for (const span of [symbol.definitionSpan, ...symbol.references])
      if (n++ % step === 0) offsets.push(span.start - 1, span.start, span.start + 1, span.end);
  for (const problem of result.document.problems) offsets.push(problem.span.start, problem.span.end);
  return offsets;
}

const MARKDOWN_ACROSS_PROBLEMS = [
  '## Problem 1',
  '',
  '$$W = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}, \\quad x = \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix}$$',
  '',
  '## Problem 2',
  '',
  '$$h = W x = \\begin{pmatrix} 3 \\\\ 7 \\end{pmatrix}, \\quad g = h + x$$',
  '',
].join('\n');

const HOMEWORKS: readonly (readonly [string, string, () => CheckResult, number])[] = [
  ['the example homework', 'hw', () => new HomeworkChecker().check(fs.readFileSync(EXAMPLE_HOMEWORK_PATH, 'utf8')), 1],
  ['a generated 2,000-statement homework', 'hw', () => new HomeworkChecker().check(generateHomework(2000).text), 5],
  [
    'a Markdown homework whose Problem 2 uses Problem 1’s names',
    'md',
    () => checkSource(MARKDOWN_ACROSS_PROBLEMS, 'markdown'),
    1,
  ],
];

for (const [name, , checkIt] of HOMEWORKS.filter(([, format]) => format === 'md')) {
  test(`${name}: a use in Problem 2 is found as Problem 1's name`, () => {
    const result = checkIt();
    const use = MARKDOWN_ACROSS_PROBLEMS.indexOf('W x');
    const found = symbolAt(result, use);
    assert.equal(found?.symbol.name, 'W');
    assert.equal(found?.symbol.problemIndex, 0);
    assert.equal(found?.isDefinition, false);
  });
}

for (const [name, , checkIt, step] of HOMEWORKS) {
  test(`${name}: the name under the cursor, names in scope and rename read as a scan of the whole table`, () => {
    const indexed = checkIt();
    const scanned = checkIt();
    for (const offset of offsetsOf(scanned, step)) {
      for (const endInclusive of [true, false]) {
        const found = symbolAt(indexed, offset, endInclusive);
        assert.equal(describe(found), describe(symbolAtByScan(scanned, offset, endInclusive)), `at ${offset}`);
      }
      const problem = problemsTouching(scanned, offset);
      const inScope = namesInScope(indexed, offset).map((s) => `${s.name}@${s.definitionSpan.start}`);
      const expected: string[] = [];
      if (problem) {
        const seen = new Set<string>();
        for (const symbol of scanned.document.symbols) {
          if (symbol.problemIndex !== problem.first || seen.has(symbol.name)) continue;
          if (symbol.kind !== 'function' && symbol.kind !== 'unit' && symbol.definitionSpan.start >= offset) continue;
          seen.add(symbol.name);
          expected.push(`${symbol.name}@${symbol.definitionSpan.start}`);
        }
      }
      assert.deepEqual(inScope, expected, `names in scope at ${offset}`);
      assert.deepEqual(renameEdits(indexed, offset, 'renamed'), renameEdits(scanned, offset, 'renamed'));
    }
  });
}

test('the problems touching an offset: both where one ends and the next starts, none outside the file', () => {
  const result = new HomeworkChecker().check('problem 1\nx = 1\nproblem 2\ny = 2\n');
  const [first, second] = result.document.problems;
  assert.deepEqual(problemsTouching(result, first.span.start), { first: 0, last: 0 });
  assert.equal(first.span.end, second.span.start);
  assert.deepEqual(problemsTouching(result, first.span.end), { first: 0, last: 1 });
  assert.deepEqual(problemsTouching(result, second.span.end), { first: 1, last: 1 });
  assert.equal(problemsTouching(result, second.span.end + 1), undefined);
});

test('a symbol read in the middle of a long file builds neither the whole symbol table nor other problems', () => {
  const result = new HomeworkChecker().check(generateHomework(2000).text);
  const problems = result.document.problems;
  const middle = problems[Math.floor(problems.length / 2)];
  const scan = new HomeworkChecker().check(generateHomework(2000).text);
  const symbol = scan.document.symbols.find(
    (s) => s.references.length > 0 && s.definitionSpan.start >= middle.span.start && s.statementId !== undefined,
  )!;
  const use = symbol.references[0].start;
  assert.equal(symbolAt(result, use)?.symbol.name, symbol.name);
  assert.ok(namesInScope(result, use).some((s) => s.name === symbol.name));
  assert.ok('edits' in renameEdits(result, use, 'renamed'));
  assert.equal(statementById(result, symbol.statementId!, symbol.problemIndex)?.id, symbol.statementId);
  // Lazy parts not read yet are still getters: the table, and the questions of a problem far away.
  assert.ok(Object.getOwnPropertyDescriptor(result.document, 'symbols')?.get, 'the whole table was built');
  assert.ok(Object.getOwnPropertyDescriptor(problems[0], 'questions')?.get, 'the first problem was built');
  assert.ok(!Object.getOwnPropertyDescriptor(middle, 'questions')?.get, 'the statement was read from its problem');
});

/**
 * A notebook's markdown cells as one homework: names carry across cells in
 * cell order, each cell is read on its own, and a cell's part of the result
 * has offsets into that cell.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { cellResult, checkNotebookCells, checkSource, NotebookCheckMemo } from '../../../src/core';

const serious = (d: { severity: string }) => d.severity === 'error' || d.severity === 'warning';

test('a name defined in one cell is known in the next, and the error lands in its cell', () => {
  const cells = ['<!-- homework -->\n## Problem 1\n\n$x = 2$', 'Then $y = x + 1 = 4$.'];
  const checked = checkNotebookCells(cells);
  assert.deepEqual(cellResult(checked.result, checked.cells[0]).diagnostics.filter(serious), []);
  const [wrong, ...others] = cellResult(checked.result, checked.cells[1]).diagnostics.filter(serious);
  assert.deepEqual(others, []);
  assert.equal(wrong.code, 'value.wrong');
  // x + 1 with x = 2 is 3 (by hand); the 4 is at offsets 16..17 of the second cell.
  assert.equal(cells[1].slice(wrong.span.start, wrong.span.end), '4');
  assert.deepEqual(wrong.fixes[0].edits, [{ span: wrong.span, newText: '3' }]);
});

test('the cells in another order: a use before its definition is not judged against a later cell', () => {
  const cells = ['<!-- homework -->\n## Problem 1\n\nThen $y = x + 1 = 4$.', '$x = 2$'];
  const checked = checkNotebookCells(cells);
  const first = cellResult(checked.result, checked.cells[0]).diagnostics;
  assert.ok(!first.some((d) => d.code === 'value.wrong'), JSON.stringify(first));
});

test('an unclosed $$ in one cell does not swallow the next cell', () => {
  const cells = ['<!-- homework -->\n## Problem 1\n\n$$\nx = 2', '$y = 3 \\times 3 = 10$'];
  const checked = checkNotebookCells(cells);
  const [wrong] = cellResult(checked.result, checked.cells[1]).diagnostics.filter(serious);
  assert.ok(wrong, 'the second cell is read');
  assert.equal(cells[1].slice(wrong.span.start, wrong.span.end), '10');
});

test('one cell alone gives what the same text gives as a Markdown file', () => {
  const text = '## Problem 1\n\n$$A = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}, \\quad 2A = ?$$\n';
  const checked = checkNotebookCells([text]);
  const alone = checkSource(text, 'markdown');
  assert.deepEqual(cellResult(checked.result, checked.cells[0]).diagnostics, alone.diagnostics);
});

test('related places and fixes in another cell are left out of a cell', () => {
  const cells = ['<!-- homework -->\n## Problem 1\n\n$x = 2 + 2 = 5$', '$y = x + 1 = 6$'];
  const checked = checkNotebookCells(cells);
  for (const [i, span] of checked.cells.entries()) {
    for (const d of cellResult(checked.result, span).diagnostics) {
      const length = cells[i].length;
      assert.ok(d.span.end <= length);
      for (const r of d.related) assert.ok(r.span.start >= 0 && r.span.end <= length);
      for (const f of d.fixes) for (const e of f.edits) assert.ok(e.span.start >= 0 && e.span.end <= length);
    }
  }
});

test('the cells of one notebook share its check: the same texts and options are checked once', () => {
  const memo = new NotebookCheckMemo();
  const cells = ['$x = 2$', '$y = x + 1 = 4$'];
  const first = memo.check(cells);
  // Every cell asks after an edit: the same notebook state answers from the check made.
  assert.equal(memo.check([...cells]), first);
  assert.deepEqual(first, checkNotebookCells(cells));
  // Another text or another tolerance is another check.
  const edited = memo.check(['$x = 3$', '$y = x + 1 = 4$']);
  assert.notEqual(edited, first);
  assert.equal(edited.result.diagnostics.filter((d) => d.severity === 'error').length, 0);
  assert.notEqual(memo.check(cells, { tolerance: 1e-3 }), first);
  assert.equal(memo.check(cells), first);
});

test('a notebook check stopped before its end is not kept', () => {
  const memo = new NotebookCheckMemo();
  const cells = ['$a = 1$', '$b = a + 1 = 2$'];
  const steps = memo.checkInSteps(cells);
  steps.next();
  steps.return(undefined as never);
  const finished = memo.check(cells);
  assert.equal(memo.check(cells), finished);
  assert.deepEqual(finished, checkNotebookCells(cells));
});

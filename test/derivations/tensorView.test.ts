/**
 * Rank-3 values in the derivations view: `check()` of a small homework
 * rendered by the pure functions. One matrix per channel, labelled
 * `[1,:,:]`; a wrong entry named by its full index and marked in place.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../src/core';
import type { StatementModel } from '../../src/core/model';
import { entryLabel, markedMatrixLatex, renderDocument, renderMarkdown } from '../../src/derivations';

const TEXT = ['A = [1, 2; 3, 4]', 'Y = [A;; 2 A]', 'Y = [1, 2; 3, 4;; 2, 4; 6, 9]', ''].join('\n');
const model = check(TEXT).document;
const statements = model.problems
  .flatMap((p) => p.questions.flatMap((q) => q.items))
  .filter((i): i is StatementModel => i.kind === 'statement');

test('the model carries the full shape and the wrong entry by its full index', () => {
  const wrong = statements[2].links[1];
  assert.equal(wrong.verdict, 'wrong');
  assert.deepEqual(wrong.value?.shape, [2, 2, 2]);
  assert.deepEqual(wrong.wrongEntries, [{ row: 1, col: 1, index: [1, 1, 1] }]);
  assert.equal(entryLabel(wrong.wrongEntries![0]), '(2, 2, 2)');
});

test('a rank-3 value renders one labelled matrix per channel, the wrong entry marked, no KaTeX error', () => {
  const rendered = renderDocument(model);
  const html = rendered.parts.map((p) => p.html).join('\n');
  assert.doesNotMatch(html, /katex-error/);
  assert.match(html, /entry \(2, 2, 2\)/);
  // The channel labels, as KaTeX writes them beneath each matrix.
  assert.match(html, /<annotation encoding="application\/x-tex">[^<]*\\underset\{\[1,:,:\]\}/);
  assert.match(html, /\\underset\{\[2,:,:\]\}/);
  assert.match(html, /class="enclosing hw-wrong-entry"><span class="mord">9<\/span>/);
});

test('markedMatrixLatex on a tensor marks by full index, channel by channel', () => {
  const view = {
    text: '',
    latex: '',
    rows: 1,
    cols: 2,
    shape: [2, 1, 2],
    entries: [1, 2, 3, 4],
  };
  assert.equal(
    markedMatrixLatex(view, [{ row: 0, col: 1, index: [1, 0, 1] }], 'text-color'),
    '\\underset{[1,:,:]}{\\begin{bmatrix} 1 & 2 \\end{bmatrix}} ' +
      '\\underset{[2,:,:]}{\\begin{bmatrix} 3 & \\textcolor{red}{\\boxed{4}} \\end{bmatrix}}',
  );
});

test('the Markdown export names the tensor entry by its full index', () => {
  assert.match(renderMarkdown(model), /entry \(2, 2, 2\)/);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  backwardTable,
  escapeHtml,
  markedMatrixLatex,
  PartCache,
  partAt,
  placements,
  renderDocument,
  renderMarkdown,
  renderProseText,
  renderSummary,
  splitInlineMath,
  statementLatex,
  summaryText,
} from '../../src/derivations';
import type { StatementModel } from '../../src/core/model';
import { HOSTILE, hostileModel, matrix, seedBackwardPassW1, seedModel } from './fixtures';

/** The visible text of the HTML (tags dropped; KaTeX's MathML annotations dropped too). */
function textOf(html: string): string {
  return html
    .replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const allHtml = (model = seedModel()): string =>
  renderDocument(model, { includeDocumentSummary: true })
    .parts.map((part) => part.html)
    .join('\n');

const statements = (model = seedModel()): StatementModel[] =>
  model.problems
    .flatMap((p) => p.questions.flatMap((q) => q.items))
    .filter((i): i is StatementModel => i.kind === 'statement');

// ------------------------------------------------------------------ escaping

test('escapeHtml escapes the five characters that matter in text and attributes', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});

test('a homework whose title, names and prose are HTML and script renders as inert text', () => {
  const html = allHtml(hostileModel());
  // No element from the homework: every tag in the page is one the renderer (or KaTeX) writes.
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /<svg[^>]*\son/i, 'KaTeX draws delimiters as <svg>, but none from the homework');
  assert.doesNotMatch(html, /<b>/);
  assert.doesNotMatch(html, /<i>n<\/i>/);
  assert.doesNotMatch(html, /<[^>]*\son\w+=/i, 'no event handler attribute in any tag');
  assert.doesNotMatch(html, /href="javascript:/i);
  // …and the text is still there, shown as text.
  const text = textOf(html);
  assert.ok(text.includes(HOSTILE.problemTitle), 'problem title shown as text');
  assert.ok(text.includes(HOSTILE.questionTitle), 'question title shown as text');
  assert.ok(text.includes('Note <script>alert(3)</script> & <b>bold</b> with math'), 'prose shown as text');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('&quot;&gt;&lt;svg onload=alert(2)&gt;'));
});

test('the title is escaped in the panel parts and in the export', () => {
  const rendered = renderDocument(hostileModel());
  const title = rendered.parts.find((part) => part.kind === 'title');
  assert.ok(title);
  assert.equal(textOf(title.html), HOSTILE.title);
  assert.ok(title.html.includes('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &quot;Homework&quot;'));
});

test('prose math goes through KaTeX untrusted: \\href is refused, < inside math is escaped', () => {
  const html = renderProseText(HOSTILE.prose);
  assert.match(html, /class="katex"/);
  assert.doesNotMatch(html, /<a /, 'no link from \\href');
  assert.doesNotMatch(html, /<script/);
  assert.ok(html.includes('Note &lt;script&gt;alert(3)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'));
});

test('splitInlineMath: pairs of $ are math, \\$ and a lone $ are text', () => {
  assert.deepEqual(splitInlineMath('cost \\$5, $x^2$ and $'), [
    { kind: 'text', value: 'cost $5, ' },
    { kind: 'math', value: 'x^2' },
    { kind: 'text', value: ' and $' },
  ]);
});

// ------------------------------------------------------------------ verdicts

test('each verdict has its mark: ✓ right, ✗ wrong, ↪ follows, ? filled, ≈ approx', () => {
  const html = allHtml();
  for (const [verdict, mark] of [
    ['right', '✓'],
    ['wrong', '✗'],
    ['follows', '↪'],
    ['filled', '?'],
    ['approx', '≈'],
  ] as const) {
    const item = new RegExp(
      `<li class="hw-verdict hw-v-${verdict}"[^>]*><span class="hw-mark" aria-hidden="true">${mark.replace('?', '\\?')}</span>`,
    );
    assert.match(html, item, `${verdict} → ${mark}`);
  }
  assert.match(html, /<article class="hw-part hw-statement hw-kind-claim hw-v-wrong"/);
});

test('a wrong link shows the true value beside it, with the wrong entry named', () => {
  const [, , dW2] = statements();
  const rendered = renderDocument(seedModel());
  const part = rendered.parts.find((p) => p.kind === 'statement' && p.span?.start === dW2.span.start);
  assert.ok(part);
  const verdict = /<li class="hw-verdict hw-v-wrong"[\s\S]*?<\/li>/.exec(part.html)?.[0] ?? '';
  assert.match(verdict, /entry \(2, 2\)/);
  assert.match(verdict, /true value/);
  // The true value's matrix, with -96 where -46 was written (MathML keeps the numbers readable).
  assert.match(verdict, /<mn>96<\/mn>/);
});

test('wrong entries are marked inside the stated matrix, and only those', () => {
  const [, , dW2] = statements();
  const latex = statementLatex(dW2);
  assert.match(latex, /\\htmlClass\{hw-wrong-entry\}\{-46\}/);
  assert.equal(latex.match(/\\htmlClass/g)?.length, 1);
  const html = allHtml();
  // KaTeX turned the trusted \htmlClass into a span with the class around -46.
  assert.match(
    html,
    /<span class="enclosing hw-wrong-entry"><span class="mord">−<\/span><span class="mord">46<\/span><\/span>/,
  );
  assert.doesNotMatch(html, /katex-error/);
});

test('a wrong formula or number is quoted on its verdict line and never replaced by its value', () => {
  const model = seedModel();
  const formula: StatementModel = {
    ...statements(model)[1],
    latex: '\\mathrm{sum}(1:2:39) = \\frac{39 + 1}{2} \\times 39 = 800',
    links: [
      { span: { start: 0, end: 1 }, latex: '\\mathrm{sum}(1:2:39)', verdict: 'truth', value: matrix([[400]]) },
      {
        span: { start: 2, end: 3 },
        latex: '= \\frac{39 + 1}{2} \\times 39',
        verdict: 'wrong',
        value: matrix([[780]]),
        expected: matrix([[400]]),
        wrongEntries: [{ row: 0, col: 0 }],
      },
      {
        span: { start: 4, end: 5 },
        latex: '= 800',
        verdict: 'wrong',
        value: matrix([[800]]),
        expected: matrix([[400]]),
        wrongEntries: [{ row: 0, col: 0 }],
      },
    ],
  };
  assert.equal(statementLatex(formula), formula.latex, 'nothing marked in place: a scalar has no entries to point at');
  const html = renderDocument({
    ...model,
    problems: [{ ...model.problems[0], questions: [{ ...model.problems[0].questions[0], items: [formula] }] }],
  })
    .parts.map((part) => part.html)
    .join('');
  assert.equal(html.match(/class="hw-link-quote"/g)?.length, 2, 'each wrong link quoted');
  assert.doesNotMatch(html, /hw-entries/, 'no "entry (1, 1)" for a scalar');
  assert.doesNotMatch(html, /hw-wrong-entry/);
});

test('markedMatrixLatex marks by (row, col) and falls back for quantities', () => {
  assert.equal(
    markedMatrixLatex(matrix([[8], [-12]]), [{ row: 1, col: 0 }], 'text-color'),
    '\\begin{bmatrix} 8 \\\\ \\textcolor{red}{\\boxed{-12}} \\end{bmatrix}',
  );
  assert.equal(
    markedMatrixLatex(
      { text: '6000 min', latex: '6000\\,\\mathrm{min}', rows: 1, cols: 1, shape: [1, 1], unit: 'min' },
      [],
      'html-class',
    ),
    undefined,
  );
});

test('the ↪ link points at the part of the earlier mistake', () => {
  const rendered = renderDocument(seedModel());
  const wrong = rendered.parts.find((p) => p.kind === 'statement' && p.html.includes('hw-v-wrong"'));
  const follows = rendered.parts.find((p) => p.html.includes('hw-verdict hw-v-follows'));
  assert.ok(wrong && follows);
  assert.ok(follows.html.includes(`href="#${wrong.key}"`));
});

// ------------------------------------------------------------------ backward pass

test('the backward pass for ∂L/∂W1 is a table from L back to W1 with the oracle values', () => {
  const html = backwardTable(seedBackwardPassW1());
  const nodes = [...html.matchAll(/<tr data-node="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(nodes, ['L', 'yhat', 'a3', 'z2', 'a2', 'z1', 'a1', 'W1']);
  const rowOf = (node: string): string => new RegExp(`<tr data-node="${node}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
  const numbersIn = (cellHtml: string): string[] =>
    [...cellHtml.matchAll(/<mn>([^<]+)<\/mn>|<mo>−<\/mo><mn>([^<]+)<\/mn>/g)].map((m) => (m[2] ? `-${m[2]}` : m[1]));
  const valueCell = (node: string): string =>
    /<td class="hw-gradient-value">([\s\S]*?)<\/td>/.exec(rowOf(node))?.[1] ?? '';
  assert.deepEqual(numbersIn(valueCell('W1')), ['32', '16', '24', '12', '-8', '-4']);
  assert.deepEqual(numbersIn(valueCell('a1')), ['16', '12', '-4']);
  assert.deepEqual(numbersIn(valueCell('z1')), ['16', '12', '-4']);
  assert.deepEqual(numbersIn(valueCell('a2')), ['8', '-12']);
  // Each row names its upstream gradient with its numbers: the W1 row takes ∂L/∂a1 = [16; 12; -4].
  const cells = [...rowOf('W1').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
  assert.equal(cells.length, 3, 'chain rule, local derivative, upstream');
  assert.match(cells[2], /<mi>a<\/mi><mn>1<\/mn>/);
  assert.deepEqual(numbersIn(cells[2]).slice(-3), ['16', '12', '-4']);
  assert.doesNotMatch(html, /katex-error/);
});

test('backward passes and solver steps are <details> with stable ids', () => {
  const html = allHtml();
  assert.match(html, /<details class="hw-backward" data-details-id="backward-0"><summary>Backward pass/);
  assert.match(
    html,
    /<details class="hw-solver" data-details-id="solver-0"><summary><span class="hw-solver-name">conv_out<\/span>/,
  );
  assert.match(html, /the output size/);
});

test('names in a backward pass are escaped', () => {
  const html = allHtml(hostileModel());
  assert.doesNotMatch(html, /<i>n<\/i>/);
  assert.match(html, /data-node="&lt;i&gt;n&lt;\/i&gt;"/);
});

// ------------------------------------------------------------------ summary

test("summary lines per question and for the file: the Problems panel's counts, named as the status bar names them (issue 12)", () => {
  const model = seedModel();
  assert.equal(
    summaryText(model.problems[0].questions[1].summary),
    '✗ 1 error · 1 note · ✓ 1 right · ↪ 1 followed through',
  );
  assert.equal(summaryText(model.problems[0].questions[0].summary), '✗ 0 errors · ✓ 2 right');
  assert.equal(
    summaryText(model.summary),
    '✗ 1 error · ⚠ 1 warning · 1 note · ✓ 3 right · ↪ 1 followed through · ≈ 1 approximate · ? 1 filled',
  );
  const html = renderSummary(model.summary, 'File');
  assert.equal(
    textOf(html),
    'File: ✗ 1 error · ⚠ 1 warning · 1 note · ✓ 3 right · ↪ 1 followed through · ≈ 1 approximate · ? 1 filled',
  );
  assert.match(html, /<span class="hw-count hw-v-wrong"><span aria-hidden="true">✗<\/span> 1 error<\/span>/);
  const rendered = renderDocument(model);
  const questionParts = rendered.parts.filter((p) => p.kind === 'question');
  assert.equal(questionParts.length, 3);
  for (const part of questionParts) assert.match(part.html, /<p class="hw-summary">/);
});

// ------------------------------------------------------------------ keys and incremental rendering

test('keys depend on content, not position: shifting every span keeps every key', () => {
  const model = seedModel();
  const before = placements(renderDocument(model)).map((p) => p.key);
  const shifted = JSON.parse(JSON.stringify(model), (field, value: unknown) =>
    (field === 'start' || field === 'end') && typeof value === 'number' ? value + 17 : value,
  );
  const after = placements(renderDocument(shifted)).map((p) => p.key);
  assert.deepEqual(after, before);
  assert.equal(new Set(before).size, before.length, 'keys unique');
  for (const key of before) assert.match(key, /^[a-z][a-z0-9-]*$/);
});

test('a cached render reuses the HTML of unchanged parts', () => {
  const cache = new PartCache();
  const first = renderDocument(seedModel(), { cache });
  cache.replaceWith(first.parts);
  const again = renderDocument(seedModel(), { cache });
  assert.deepEqual(
    again.parts.map((p) => p.key),
    first.parts.map((p) => p.key),
  );
  for (let i = 0; i < first.parts.length; i++) assert.equal(again.parts[i].html, first.parts[i].html);
});

test('partAt finds the statement under an offset', () => {
  const model = seedModel();
  const order = placements(renderDocument(model));
  const [, a1] = statements(model);
  const key = partAt(order, a1.span.start + 1);
  assert.equal(order.find((p) => p.key === key)?.span?.start, a1.span.start);
});

test('1,000 statements: a re-render after one change renders one part and costs a fraction of the first', () => {
  const model = seedModel();
  const template = model.problems[0].questions[1];
  const items = Array.from({ length: 1000 }, (_, i) => {
    const s = template.items[i % 3] as StatementModel;
    return { ...s, latex: `${s.latex} + ${i} - ${i}`, span: { start: i * 100, end: i * 100 + 90 } };
  });
  const big = { ...model, problems: [{ ...model.problems[0], questions: [{ ...template, items }] }] };
  const cache = new PartCache();
  let started = performance.now();
  const first = renderDocument(big, { cache });
  const coldMs = performance.now() - started;
  cache.replaceWith(first.parts);
  const edited = {
    ...big,
    problems: [
      {
        ...big.problems[0],
        questions: [{ ...template, items: items.map((s, i) => (i === 500 ? { ...s, latex: `${s.latex} + 1` } : s)) }],
      },
    ],
  };
  started = performance.now();
  const second = renderDocument(edited, { cache });
  const warmMs = performance.now() - started;
  const changed = second.parts.filter((p) => cache.get(p.key) === undefined);
  assert.equal(changed.length, 1);
  console.log(`1000 statements: cold ${coldMs.toFixed(0)} ms, one change ${warmMs.toFixed(0)} ms`);
  // Timings vary with the machine's load; the ratio holds (the warm path fingerprints, it renders one part).
  assert.ok(warmMs < coldMs / 5, `warm ${warmMs} ms vs cold ${coldMs} ms`);
});

// ------------------------------------------------------------------ markdown

test('the Markdown export: headings, $$ display math, marked entries, verdict lines, backward table', () => {
  const markdown = renderMarkdown(seedModel());
  assert.match(markdown, /^# Homework 1\n\n_✗ 1 error · ⚠ 1 warning · 1 note · ✓ 3 right/);
  assert.match(markdown, /\n## Problem 1 — Backpropagation through a 3\\-layer ReLU network\n/);
  assert.match(
    markdown,
    /\n### Question 2 — The loss and its gradients\n\n_✗ 1 error · 1 note · ✓ 1 right · ↪ 1 followed through_\n/,
  );
  assert.match(markdown, /\n\$\$\na_1 = W_1 z_0 \+ b_1 = /);
  assert.match(markdown, /\\textcolor\{red\}\{\\boxed\{-46\}\}/);
  assert.match(
    markdown,
    /- ✗ wrong \(entry \(2, 2\)\); true value \$\\begin\{bmatrix\} 16 & 64 & 72 \\\\ -24 & \\textcolor\{red\}\{\\boxed\{-96\}\} & -108 \\end\{bmatrix\}\$/,
  );
  assert.match(markdown, /- ↪ follows from an earlier mistake: \$= -26\$; true value \$-76\$/);
  assert.match(markdown, /- ✓ right\n/);
  assert.match(markdown, /- \? filled by the checker: \$20\$/);
  assert.match(markdown, /\| node \| chain rule \| local derivative \| upstream gradient \| ∂L\/∂node \|/);
  assert.match(
    markdown,
    /\| \$W_\{1\}\$ \| .* \| \$\\begin\{bmatrix\} 32 & 16 \\\\ 24 & 12 \\\\ -8 & -4 \\end\{bmatrix\}\$ \|/,
  );
  assert.match(markdown, /Each combination is good with probability \$p = 0\.05\$/);
  assert.doesNotMatch(markdown, /\\htmlClass/);
});

test('the Markdown export escapes homework text', () => {
  const markdown = renderMarkdown(hostileModel());
  assert.doesNotMatch(markdown, /<script|<img|<svg|<b>/);
  assert.match(markdown, /&lt;img src=x onerror=alert\\\(1\\\)&gt;/);
});

// ------------------------------------------------------------------ protocol

test('the extension accepts only well-formed messages from the page', async () => {
  const { isWebviewToExtensionMessage } = await import('../../src/protocol/derivationsProtocol');
  assert.equal(isWebviewToExtensionMessage({ type: 'ready' }), true);
  assert.equal(isWebviewToExtensionMessage({ type: 'resync' }), true);
  assert.equal(isWebviewToExtensionMessage({ type: 'resynced' }), false);
  assert.equal(isWebviewToExtensionMessage({ type: 'reveal', key: 's-1', span: { start: 3, end: 9 } }), true);
  assert.equal(isWebviewToExtensionMessage({ type: 'reveal', key: 's-1' }), true);
  assert.equal(isWebviewToExtensionMessage({ type: 'reveal', key: 1 }), false);
  assert.equal(isWebviewToExtensionMessage({ type: 'reveal', key: 's-1', span: { start: '0', end: 1 } }), false);
  assert.equal(isWebviewToExtensionMessage({ command: 'reveal' }), false);
  assert.equal(isWebviewToExtensionMessage(null), false);
});

test('issue 8, item 14: prose math in the Markdown export cannot open an HTML tag', async () => {
  const { check } = await import('../../src/core');
  const text = [
    '> $\\text{<img src=x onerror=alert(1)>}$ and $a<b$',
    '> $</p><script>alert(1)</script>$ $<!-- c -->$ $<?x?>$',
    'x = 1',
  ].join('\n');
  const markdown = renderMarkdown(check(text).document);
  assert.doesNotMatch(markdown, /<[A-Za-z/!?]/);
  assert.match(markdown, /\$\\text\{< img src=x onerror=alert\(1\)>\}\$/);
  assert.match(markdown, /\$a< b\$/); // in math mode the space is not shown
});

/**
 * Markdown and LaTeX homework end to end: opt-in, diagnostics on the LaTeX
 * token, fixes written in LaTeX, nothing but information for what is not read.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, declaresHomework, sourceFormatOfPath } from '../../../src/core';
import { overlapTest } from '../../../src/core/formats/checkSource';
import { indexedBase } from '../../../src/core/formats/homeworkSource';

const errors = (text: string, format: 'markdown' | 'latex' = 'markdown') =>
  checkSource(text, format).diagnostics.filter((d) => d.severity !== 'info');

test('which files say they are homework', () => {
  assert.ok(declaresHomework('---\ntitle: HW\nhomework: true\n---\n# Problem 1\n', 'markdown'));
  assert.ok(declaresHomework('<!-- homework -->\n# Problem 1\n', 'markdown'));
  assert.ok(declaresHomework('% homework\n\\section{Problem 1}\n', 'latex'));
  assert.ok(!declaresHomework('# My project\n\nRun `npm test`. $x = 2 + 2 = 5$\n', 'markdown'));
  assert.ok(!declaresHomework('---\nhomework: false\n---\n', 'markdown'));
  assert.ok(!declaresHomework('\\documentclass{article}\n% homework\n', 'latex'));
  assert.equal(sourceFormatOfPath('a/B.MD'), 'markdown');
  assert.equal(sourceFormatOfPath('x.tex'), 'latex');
  assert.equal(sourceFormatOfPath('x.hw'), undefined);
});

test('a wrong value in Markdown math: the error is on the LaTeX token, the fix writes the number', () => {
  const text = '## Problem 1\n\n$$x = 2 \\times 3 = 7$$\n';
  const [d] = errors(text);
  assert.equal(d.code, 'value.wrong');
  assert.equal(text.slice(d.span.start, d.span.end), '7');
  assert.deepEqual(d.fixes[0].edits, [{ span: d.span, newText: '6' }]);
});

test('a wrong matrix is replaced by a pmatrix, not by .hw brackets', () => {
  const text =
    'Problem 1\n\n$A = \\begin{pmatrix} 1 & 2 \\end{pmatrix} + \\begin{pmatrix} 1 & 1 \\end{pmatrix} = ' +
    '\\begin{pmatrix} 2 \\\\ 3 \\end{pmatrix}$\n';
  const d = checkSource(text, 'markdown').diagnostics.find((x) => x.fixes.length > 0);
  assert.ok(d, 'a diagnostic with a fix');
  for (const f of d.fixes) for (const e of f.edits) assert.ok(!/[[\]ᵀ≈]/.test(e.newText), e.newText);
});

test('a rounded value written with = gets a fix to \\approx', () => {
  const text = 'Problem 1\n\n$\\frac{\\ln 0.05}{\\ln 0.95} = 58.4$\n';
  const fixes = checkSource(text, 'markdown').diagnostics.flatMap((d) => d.fixes.flatMap((f) => f.edits));
  assert.ok(
    fixes.some((e) => e.newText === '\\approx'),
    JSON.stringify(fixes),
  );
});

test('LaTeX: sections, align with &= continuing the chain, and the error on the right line', () => {
  const text = [
    '% homework',
    '\\section*{Problem 1}',
    '\\begin{align}',
    '  W &= \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\\\',
    '  W x &= \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix} \\\\',
    '      &= \\begin{pmatrix} 3 \\\\ 8 \\end{pmatrix}',
    '\\end{align}',
    'where \\(x = \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix}\\) is given first.',
    '',
  ].join('\n');
  const result = checkSource(text, 'latex');
  const errs = result.diagnostics.filter((d) => d.severity !== 'info');
  // [1, 2; 3, 4] [1; 1] = [1 + 2; 3 + 4] = [3; 7], written [3; 8]. x is defined after its use, so `W x` is not read.
  assert.deepEqual(
    errs.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`),
    ['value.wrong-entry 8'],
  );
  assert.equal(result.document.problems.length, 1);
});

test('LaTeX: \\[ … \\] and $…$ are read; a wrong sum is an error on its token', () => {
  const text = '% homework\n\\section{Problem 1}\n\\[ 1 + 3 + \\dots + 39 = 400 \\]\nAnd $2 + 2 = 5$.\n';
  const errs = errors(text, 'latex');
  assert.deepEqual(
    errs.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`),
    ['value.wrong 5'],
  );
});

test('notation the checker does not read is information, never an error', () => {
  const text = [
    'Problem 1',
    '',
    '$W_{t+1} = W_t - \\alpha \\nabla \\ell(W_t, x_t)$',
    '',
    '$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$',
    '',
    '$f(x) \\rightarrow 0$ and $\\begin{cases} 0 & x < 0 \\\\ 1 \\end{cases}$',
    '',
    '$$\\lfloor 3.5 \\rfloor = 3$$',
  ].join('\n');
  const result = checkSource(text, 'markdown');
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity !== 'info'),
    [],
  );
  assert.ok(result.diagnostics.some((d) => d.code === 'source.not-checked'));
});

test('a name restated in a later question starts a new use of it (no false error)', () => {
  const text = [
    'Problem 1',
    'Question 1',
    '$n = 2 \\Rightarrow \\frac{\\partial L}{\\partial x} = 0.5 \\times 1.25 = 0.625$',
    'Question 2',
    '$n = 4 \\Rightarrow \\frac{\\partial L}{\\partial x} = 0.5 \\times 1.25^2 = 0.78125$',
  ].join('\n');
  assert.deepEqual(errors(text), []);
  const wrong = text.replace('0.78125', '0.75');
  assert.equal(errors(wrong)[0]?.code, 'value.wrong');
});

test('a plain README gets nothing when it is not homework, and a broken one never throws', () => {
  for (const junk of ['$', '$$', '\\[', '```\n$x = 1$\n```', '$\\frac{$', '# Problem 1\n$x = = 2$']) {
    assert.doesNotThrow(() => checkSource(junk, 'markdown'));
    assert.doesNotThrow(() => checkSource(junk, 'latex'));
  }
  // Math inside code is code.
  assert.deepEqual(errors('Problem 1\n\n```\n$2 + 2 = 5$\n```\n\n`$2 + 2 = 5$`\n'), []);
});

test('front matter is metadata: no heading, no math, no title from it', () => {
  const result = checkSource(
    '---\nhomework: true\ntitle: $x = 1 + 1 = 3$\n---\n# Problem 1\n\n$y = 1 + 1 = 2$\n',
    'markdown',
  );
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity !== 'info'),
    [],
  );
  assert.equal(result.document.title, undefined);
  assert.equal(result.source.mathBlocks, 1);
});

test('random LaTeX and Markdown fragments never throw and never give a syntax error', () => {
  const pieces = [
    '$',
    '$$',
    '\\frac{',
    '}',
    '{',
    '\\begin{pmatrix}',
    '\\end{pmatrix}',
    '&',
    '\\\\',
    '=',
    '\\approx',
    '1',
    '-2',
    'x',
    'w^{(1)}',
    '_',
    '^',
    '(',
    ')',
    '[',
    ']',
    '\\ ',
    '\\text{ReLU}',
    "'",
    '\\partial',
    '\\dots',
    '+',
    '\\cdot',
    '\n',
    '\n\n',
    '# Problem 1\n',
    'Question 2: ',
    '`',
    '```\n',
    '\\(',
    '\\)',
    '\\[',
    '\\]',
    '\\sum',
    '?',
    ',',
    ':',
    '\\section{Problem 3}',
    '\\begin{align}',
    '\\end{align}',
    '%',
    '①',
    '\\textcircled{2}',
    '\\sqrt{',
    '\\ln',
  ];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let round = 0; round < 80; round++) {
    let text = '';
    const length = 5 + (next() % 60);
    for (let i = 0; i < length; i++) text += pieces[next() % pieces.length] + (next() % 3 === 0 ? ' ' : '');
    for (const format of ['markdown', 'latex'] as const) {
      const result = checkSource(text, format);
      const bad = result.diagnostics.filter((d) => d.code.startsWith('syntax.') || d.code.startsWith('internal.'));
      assert.deepEqual(bad, [], `${format}: ${JSON.stringify(text)}`);
      for (const d of result.diagnostics)
        assert.ok(d.span.start >= 0 && d.span.end <= text.length, JSON.stringify(text));
    }
  }
});

test('LaTeX the parser rejects (an unclosed brace) is still read by the plain scan', () => {
  const text = '% homework\n\\section{Problem 1}\n\\textbf{never closed\n$2 + 2 = 5$ and \\[ 3 \\times 3 = 9 \\]\n';
  assert.deepEqual(
    errors(text, 'latex').map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`),
    ['value.wrong 5'],
  );
  assert.equal(checkSource(text, 'latex').source.mathBlocks, 2);
});

// Names across problems (docs/markdown-latex.md, "Names across problems"); every value below by hand.

test('a later Markdown problem sees the names of the problems before it', () => {
  // W x = [1, 2; 3, 4] [1; 1] = [3; 7]; written 8 in Problem 2.
  const text = [
    '## Problem 1',
    '',
    '$$W = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}, \\quad x = \\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix}$$',
    '',
    '## Problem 2',
    '',
    '$$h = W x = \\begin{pmatrix} 3 \\\\ 8 \\end{pmatrix}$$',
    '',
  ].join('\n');
  const found = errors(text);
  assert.deepEqual(
    found.map((d) => d.code),
    ['value.wrong-entry'],
  );
  assert.equal(text.slice(found[0].span.start, found[0].span.end), '8');
});

test('a definition in a later problem shadows the earlier one: no restatement, no error', () => {
  const text = '## Problem 1\n\n$$x = 2, \\quad x + 1 = 3$$\n\n## Problem 2\n\n$$x = 5, \\quad x + 1 = 6$$\n';
  assert.deepEqual(errors(text), []);
});

test("a gradient stated about an earlier problem's L sets a symbol: a new problem's setup", () => {
  // Problem 1's L = w² at w = 3 has dL/dw = 6; Problem 2 sets its own ∂L/∂w = 0.01 and uses it.
  const text = [
    '## Problem 1',
    '',
    '$$w = 3, \\quad L = w^2 = 9$$',
    '',
    '## Problem 2',
    '',
    '$$\\frac{\\partial L}{\\partial w} = 0.01, \\quad 2 \\frac{\\partial L}{\\partial w} = 0.02$$',
    '',
  ].join('\n');
  assert.deepEqual(errors(text), []);
});

test('a mistake in one problem is followed through into the next', () => {
  // dL/dw = 2w = 6 at w = 3, written 7; then w − 0.5·7 = −0.5 follows from the 7 (the truth is 0).
  const text = [
    '## Problem 1',
    '',
    '$$w = 3, \\quad L = w^2 = 9, \\quad \\frac{\\partial L}{\\partial w} = 2 w \\approx 7$$',
    '',
    '## Problem 2',
    '',
    '$$w_{new} = w - 0.5 \\frac{\\partial L}{\\partial w} \\approx -0.5$$',
    '',
  ].join('\n');
  const all = checkSource(text, 'markdown').diagnostics.filter((d) => d.code.startsWith('value.'));
  assert.deepEqual(
    all.map((d) => d.code),
    ['value.wrong', 'value.follows'],
  );
  assert.equal(text.slice(all[0].span.start, all[0].span.end), '7');
  assert.equal(text.slice(all[1].span.start, all[1].span.end), '-0.5');
});

test("\\sigma'(z) is the sigmoid's derivative, as backprop texts write it", () => {
  // σ'(0) = σ(0)(1 − σ(0)) = 0.5 · 0.5 = 0.25.
  assert.deepEqual(errors("Problem 1\n\n$\\sigma'(0) = 0.25$\n"), []);
  const [d] = errors("Problem 1\n\n$\\sigma'(0) = 0.35$\n");
  assert.equal(d?.code, 'value.wrong');
});

test('a message names a gradient as ∂L/∂w, not by its LaTeX spelling', () => {
  // L = w² at w = 3: dL/dw = 6 (by hand), written 7.
  const text = 'Problem 1\n\n$$w = 3, \\quad L = w^2, \\quad \\frac{\\partial L}{\\partial w} = 7$$\n';
  const [d] = errors(text);
  assert.equal(d?.code, 'value.wrong');
  assert.match(d.message, /^∂L\/∂w is 6, not 7/);
});

test('the overlap test the summary counts blocks with answers as a scan of every span does', () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const spans = Array.from({ length: random(12) }, () => {
      const start = random(100);
      return { start, end: start + random(30) };
    });
    const overlaps = overlapTest(spans);
    for (let q = 0; q < 50; q++) {
      const start = random(120);
      const span = { start, end: start + random(10) };
      const expected = spans.some((s) => s.start < span.end && s.end > span.start);
      assert.equal(overlaps(span), expected, JSON.stringify({ spans, span }));
    }
  }
});

test('a stated inverse is what later steps work from: one slip in B^{-1} is one error', () => {
  // B = [2, 0; 0, 4]: B^{-1} = [0.5, 0; 0, 0.25]; written [0.5, 0; 0, 0.5] (a slip in entry (2,2)).
  // With b = [2; 4] the writer's x is [1; 2], the true x [1; 1].
  const sheet = [
    '## Problem 1',
    '',
    '$B = \\begin{pmatrix} 2 & 0 \\\\ 0 & 4 \\end{pmatrix}$, $b = \\begin{pmatrix} 2 \\\\ 4 \\end{pmatrix}$',
    '',
    '$B^{-1} = \\begin{pmatrix} 0.5 & 0 \\\\ 0 & 0.5 \\end{pmatrix}$',
    '',
    '$x = B^{-1} b = \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}$',
    '',
    '## Problem 2',
    '',
    // A new B has another inverse: B^{-1} here is the true inverse of this B, not the one stated above.
    '$B = \\begin{pmatrix} 4 & 0 \\\\ 0 & 2 \\end{pmatrix}$',
    '',
    '$y = B^{-1} b = \\begin{pmatrix} 0.5 \\\\ 2 \\end{pmatrix}$',
  ].join('\n');
  const result = checkSource(sheet, 'markdown');
  const lineOf = (offset: number) => sheet.slice(0, offset).split('\n').length;
  const found = result.diagnostics
    .filter((d) => d.code.startsWith('value.'))
    .map((d) => `${lineOf(d.span.start)} ${d.severity} ${d.code}`);
  assert.deepEqual(found, ['5 error value.wrong-entry', '7 info value.follows']);
});

test('a power of a free name stated (a variance, \\sigma^2 = …) is a name later steps read', () => {
  // x = (1, 2, 3, 6), mean 3: σ² = (4 + 1 + 0 + 9) / 4 = 3.5, σ = √3.5 = 1.87083; (6 − 3) / √(3.5 + 0.5) = 1.5.
  // Written 3.6 instead: √3.6 = 1.89737 follows from it.
  const sheet = (variance: string, deviation: string) =>
    [
      '## Problem 1',
      '',
      `$\\sigma^2 = \\frac{(1-3)^2 + (2-3)^2 + (3-3)^2 + (6-3)^2}{4} = ${variance}$`,
      '',
      `$\\sigma = \\sqrt{\\sigma^2} \\approx ${deviation}$`,
      '',
      '$z = \\frac{6 - 3}{\\sqrt{\\sigma^2 + 0.5}} = 1.5$',
      '',
      // A constant to a power is a claim about the constant, not a name: π² = 9.8696.
      '$\\pi^2 \\approx 9.8696$',
    ].join('\n');
  const found = (text: string) =>
    checkSource(text, 'markdown').diagnostics.map(
      (d) => `${text.slice(0, d.span.start).split('\n').length} ${d.severity} ${d.code}`,
    );
  assert.deepEqual(found(sheet('3.5', '1.8708')), []);
  assert.equal(checkSource(sheet('3.5', '1.8708'), 'markdown').document.summary.right, 4);
  // z = 1.5 is the true value (from σ² = 3.5): right whatever the slip above.
  assert.deepEqual(found(sheet('3.6', '1.8974')), ['3 error value.wrong', '5 info value.follows']);
});

test('a message quotes a square root whole, with its closing brace', () => {
  // √(9 + 16) = 5.
  const [d] = errors('## Problem 1\n\n$\\sqrt{9 + 16} = 6$\n');
  assert.equal(d.message, '\\sqrt{9 + 16} is 5, not 6');
});

test('an indexed name has the base before its first index; anything else has none', () => {
  // By the rule the docs give (a name, then `_…`, `^(…)` or `^[…]`), read by hand for each case.
  const cases: [string, string | undefined][] = [
    ['a^(1)', 'a'],
    ['W^[2]', 'W'],
    ['w_1', 'w'],
    ['ŷ_2', 'ŷ'],
    ['x_1^(2)', 'x'],
    ['σ^2', undefined],
    ['a^(', undefined],
    ['a^(1', undefined],
    ['^(1)', undefined],
    ['_1', undefined],
    ['a_', undefined],
    ['x', undefined],
    ['a_1\n', undefined],
  ];
  for (const [name, base] of cases) assert.equal(indexedBase(name), base, name);
});

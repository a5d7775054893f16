/**
 * Units and digit groups in Markdown/LaTeX math: a unit after a number is read
 * as that unit, and nothing the student wrote is silently dropped or merged
 * into a different number (each case was a false error before). The values
 * in the claims are worked out by hand in the comments.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { check, checkSource } from '../../../src/core';
import { readLatexMath } from '../../../src/core/formats/latexMath';

const inProblem = (math: string) => `<!-- homework -->\n# Problem 1\n\n${math}\n`;
const serious = (math: string) =>
  checkSource(inProblem(math), 'markdown').diagnostics.filter((d) => d.severity !== 'info');
const notes = (math: string) =>
  checkSource(inProblem(math), 'markdown').diagnostics.filter((d) => d.code === 'source.not-checked');

test('a unit after a number is that unit: 600 × 5 ms = 3000 ms = 3 s holds, in every spelling', () => {
  for (const math of [
    '$600 \\times 5 \\text{ ms} = 3 \\text{ s}$',
    '$600 \\times 5\\,\\text{ms} = 3\\,\\text{s}$',
    '$600 \\times 5 \\mathrm{ms} = 3 \\mathrm{s}$',
    '$2 \\text{ min} = 120 \\text{ s}$', // 2 × 60 s
  ]) {
    assert.deepEqual(serious(math), [], math);
    assert.deepEqual(notes(math), [], math);
  }
});

test('a wrong quantity is still an error, on the number the student wrote', () => {
  // 600 × 5 ms = 3000 ms = 3 s, not 4 s.
  const text = inProblem('$600 \\times 5 \\text{ ms} = 4 \\text{ s}$');
  const errors = checkSource(text, 'markdown').diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 'value.wrong');
  assert.ok(text.slice(errors[0].span.start, errors[0].span.end).includes('4'));
});

test('the reader makes a unit name of a known unit and remembers where it is', () => {
  const text = '$5 \\text{ ms}$';
  const [piece] = readLatexMath(text, 1, text.length - 1);
  const e = piece.links[0].expr!;
  assert.equal(e.kind, 'binary');
  if (e.kind !== 'binary') return;
  assert.equal(e.right.kind === 'name' ? e.right.name : e.right.kind, 'ms');
  assert.deepEqual(piece.unitStarts, [e.right.span.start]);
  assert.ok(!piece.unitsDropped);
});

test('a unit that is also a name of the problem is not read either way', () => {
  // With s = 2, `3 \text{ s}` could be 3 seconds or 3·2 = 6: neither is safe.
  const text = inProblem('$s = 2$\n\n$3 \\text{ s} = 3$');
  const ds = checkSource(text, 'markdown').diagnostics;
  assert.deepEqual(
    ds.filter((d) => d.severity !== 'info'),
    [],
  );
  assert.ok(ds.some((d) => /unit here and a name/.test(d.message)));
});

test('units the checker does not know: one is left out, two different ones are not checked', () => {
  // 3000 × 2 min = 6000 min, with `epoch` left out.
  assert.deepEqual(serious('$3000 \\text{ epoch} \\times 2 \\text{ min} = 6000 \\text{ min}$'), []);
  // Left out, `1 epoch = 600 steps` would read 1 = 600.
  assert.deepEqual(serious('$1 \\text{ epoch} = 600 \\text{ steps}$'), []);
  assert.match(notes('$1 \\text{ epoch} = 600 \\text{ steps}$')[0].message, /epoch.*steps/);
  // `step` left out and `ms` kept leave 1 = 5 ms: the units disagree, which is informal notation, not an error.
  assert.deepEqual(serious('$1 \\text{ step} = 5 \\text{ ms}$'), []);
  assert.deepEqual(serious('$2 \\text{ min} = 120$'), []);
  assert.equal(notes('$2 \\text{ min} = 120$').length, 1);
});

test('digit groups: a thin space groups thousands, other neighbours are never multiplied', () => {
  // 60 000 / 100 = 600 and 12 345 = 12345.
  assert.deepEqual(serious('$60\\,000 / 100 = 600$'), []);
  assert.deepEqual(notes('$60\\,000 / 100 = 600$'), []);
  assert.deepEqual(serious('$12\\,345\\,678 = 12345678$'), []);
  // 60 000 written with `\;` or `~`, or two numbers side by side: not read, rather than 60·0 = 0.
  for (const math of ['$60\\;000 / 100 = 600$', '$60~000 / 100 = 600$', '$3 \\cdot 4 \\, 5 = 60$']) {
    assert.deepEqual(serious(math), [], math);
    assert.match(notes(math)[0].message, /two numbers side by side/, math);
  }
  // 1 000 000 in comma groups is one number.
  assert.deepEqual(serious('$n = 1,000,000 = 1000000$'), []);
});

test('a decimal comma is never read as thousands or as two pieces', () => {
  // `0,500` is one half; as thousands it would be 500, as two pieces `x = 0` and `500 \cdot 2 = 1`.
  for (const math of ['$x = 0,500 \\cdot 2 = 1$', '$0{,}500 \\cdot 2 = 1$', '$x = 0,5 \\cdot 2 = 1$']) {
    assert.deepEqual(serious(math), [], math);
    assert.ok(notes(math).length > 0, math);
  }
});

test('notation texts use: e^{…}, M^{-1}, \\det and \\operatorname{tr} of defined matrices, a final stop', () => {
  // 1 / (1 + e^{0.2}) = 1 / 2.2214 = 0.4502 (e^{0.2} = 1.22140).
  assert.deepEqual(serious('$\\frac{1}{1 + e^{0.2}} \\approx 0.4502$'), []);
  assert.deepEqual(notes('$\\frac{1}{1 + e^{0.2}} \\approx 0.4502$'), []);
  // With M = [4 7; 2 6]: det = 24 - 14 = 10, M^{-1} = [6 -7; -2 4] / 10, trace = 4 + 6 = 10.
  const m = '$M = \\begin{pmatrix} 4 & 7 \\\\ 2 & 6 \\end{pmatrix}$\n\n';
  const ok = [
    '$\\det(M) = 10$',
    '$M^{-1} = \\begin{pmatrix} 0.6 & -0.7 \\\\ -0.2 & 0.4 \\end{pmatrix}$',
    '$\\operatorname{tr}(M) = 10$',
    '$$N = M^{-1}.$$',
  ];
  for (const math of ok) {
    assert.deepEqual(serious(m + math), [], math);
    assert.deepEqual(notes(m + math), [], math);
  }
  // Wrong: det is 10, not 12; entry (2,2) of M^{-1} is 0.4, not 0.6.
  assert.equal(serious(m + '$\\det(M) = 12$').length, 1);
  assert.equal(serious(m + '$M^{-1} = \\begin{pmatrix} 0.6 & -0.7 \\\\ -0.2 & 0.6 \\end{pmatrix}.$').length, 1);
  // A scalar to the power -1 stays a power: 4^{-1} = 0.25.
  assert.deepEqual(serious('$4^{-1} = 0.25$'), []);
  // `e` defined by the problem is that name: e = 2, e^{2} = 4.
  assert.deepEqual(serious('$e = 2$\n\n$e^{2} = 4$'), []);
});

test('a name defined by a formula and worked out later takes the worked-out value, so what follows follows', () => {
  // h = a b = 2 · 3 = 6, written 7; then k = h + 1 = 8 is right for the 7 written (the truth is 7).
  const ds = checkSource(
    inProblem('$a = 2$, $b = 3$. Let $h = a b$.\n\n$$h = a b = 2 \\cdot 3 = 7$$\n\n$$k = h + 1 = 8$$'),
    'markdown',
  ).diagnostics;
  assert.deepEqual(
    ds.filter((d) => d.severity === 'error').map((d) => d.code),
    ['value.wrong'],
  );
  assert.ok(ds.some((d) => d.code === 'value.follows'));
  // A capital scalar to the power -1 is its inverse too: 4^{-1} = 0.25.
  assert.deepEqual(serious('$N = 4$\n\n$N^{-1} = 0.25$'), []);
});

test('a number set equal to another number is not a claim to judge: the math lost its context', () => {
  // `$5\%$ of $200 = 10$` is right (5% of 200 is 10), but the math alone says 200 = 10.
  assert.deepEqual(serious('$5\\%$ of $200 = 10$'), []);
  // An operation on either side is still checked: 2 + 3 = 5, not 6.
  assert.equal(serious('$2 + 3 = 6$').length, 1);
});

test('a count unit another homework declared is no unit here: 3000 epoch × 2 min = 6000 min stays unflagged', () => {
  // The reference sheet's line: `epoch` is no unit of mathjs's, so the piece cannot be read as
  // quantities and gets no error. A `.hw` file that declares `unit epoch` was checked before in
  // the same process (as in the editor): that must not change how this file reads.
  const math = '$3000 \\text{ epoch} \\times 2 \\text{ min} = 6000 \\text{ min}$';
  const before = serious(math);
  check('problem 1\nunit epoch\nn = 3 epoch\n');
  assert.deepEqual(serious(math), before);
  assert.deepEqual(
    before.map((d) => d.code),
    [],
  );
});

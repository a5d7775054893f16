/**
 * A textbook definition of a built-in (`\text{ReLU}(x) = \max(0, x)`) is checked for every x, as the identity
 * `for x: relu(x) = max(0, x)`; `\lfloor … \rfloor` and `\lceil … \rceil` are floor and ceiling; and the figure of
 * blocks with numbers counts a block as checked only when it was read.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, numbersCheckedFigure } from '../../../src/core';

function check(math: string) {
  const text = `Problem 1\n\n${math}\n`;
  const result = checkSource(text, 'markdown');
  const statements = result.document.problems.flatMap((p) =>
    p.questions.flatMap((q) => q.items.flatMap((i) => (i.kind === 'statement' ? [i] : []))),
  );
  return { text, result, statements };
}

test('ReLU(x) = max(0, x) is checked as an identity in x, even where the problem defines an x', () => {
  const { result, statements } = check(
    '$$x = \\begin{pmatrix} 2 \\\\ 1 \\end{pmatrix}$$\n\n$\\text{ReLU}(x) = \\max(0, x)$',
  );
  assert.deepEqual(result.diagnostics, []);
  const identity = statements.find((s) => s.statementKind === 'identity');
  assert.deepEqual(
    identity?.links.map((l) => l.verdict),
    ['truth', 'right'],
  );
});

test('σ(x) = 1/(1 + e^{-x}) is right; with e^{x} it is wrong (σ(1) = 0.731…, 1/(1 + e) = 0.268…)', () => {
  assert.deepEqual(check('$\\sigma(x) = \\frac{1}{1+e^{-x}}$').result.diagnostics, []);
  const wrong = check('$\\sigma(x) = \\frac{1}{1+e^{x}}$');
  assert.deepEqual(
    wrong.result.diagnostics.map((d) => [d.code, d.severity]),
    [['identity.false', 'error']],
  );
  const d = wrong.result.diagnostics[0];
  assert.equal(wrong.text.slice(d.span.start, d.span.end), '= \\frac{1}{1+e^{x}}');
});

test('a definition with a parameter texts choose is not checked against the built-in', () => {
  // leaky_relu's slope is the student's choice.
  const { result, statements } = check('$\\text{LeakyReLU}(x) = \\max(0.2x, x)$');
  assert.ok(statements.every((s) => s.statementKind !== 'identity'));
  assert.ok(result.diagnostics.every((d) => d.severity === 'info'));
});

test("ReLU'(x) in cases is checked: 0 for x ≤ 0 and 1 for x > 0 is right (relu'(0) = 0 by the checker's convention)", () => {
  const { result, statements } = check(
    "$\\text{ReLU}'(x) = \\begin{cases} 0, & x \\leq 0 \\\\ 1, & x > 0 \\end{cases}$",
  );
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    statements.find((s) => s.statementKind === 'identity')?.links.map((l) => l.verdict),
    ['truth', 'right'],
  );
});

test("ReLU'(x) = 1 at x = 0 is another convention at the kink: not checked, never an error", () => {
  const { text, result } = check("$\\text{ReLU}'(x) = \\begin{cases} 0, & x < 0 \\\\ 1, & x \\geq 0 \\end{cases}$");
  assert.deepEqual(
    result.diagnostics.map((d) => [d.code, d.severity]),
    [['source.not-checked', 'info']],
  );
  // The two readings differ only at x = 0.
  assert.match(result.diagnostics[0].message, /false for x = 0:/);
  assert.ok(text.slice(result.diagnostics[0].span.start).startsWith('= \\begin{cases}'));
});

test('cases are read only as two complementary numeric branches', () => {
  // 2·[x > 1] + 5·(1 - [x > 1]) at x = 3 is 2.
  assert.deepEqual(
    check('$x = 3$ and $f = \\begin{cases} 2, & \\text{if } x > 1 \\\\ 5, & \\text{otherwise} \\end{cases} = 2$').result
      .diagnostics,
    [],
  );
  for (const math of [
    // Overlapping conditions: a sum of branches would count x = 1 twice.
    '$x = 1$ and $f = \\begin{cases} 2, & x \\leq 1 \\\\ 5, & x \\geq 1 \\end{cases} = 2$',
    // A formula in a branch.
    '$x = 1$ and $f = \\begin{cases} x, & x \\leq 1 \\\\ 5, & x > 1 \\end{cases} = 1$',
  ]) {
    const found = check(math).result.diagnostics;
    assert.ok(found.length > 0 && found.every((d) => d.code === 'source.not-checked'), math);
  }
});

test('\\lfloor and \\lceil read as floor and ceil: ⌊(36 + 2·3 - 3)/2⌋ + 1 = 20, ⌈7/2⌉ = 4', () => {
  const { result } = check(
    '$\\lfloor \\frac{1}{2}(36+2 \\times 3-3) \\rfloor + 1 = 20$ and $\\left\\lceil \\frac{7}{2} \\right\\rceil = 4$',
  );
  assert.deepEqual(result.diagnostics, []);
  assert.equal(result.source.checked, 2);
  const wrong = check('$\\lfloor \\frac{7}{2} \\rfloor = 4$').result.diagnostics;
  assert.deepEqual(
    wrong.map((d) => [d.code, d.expected]),
    [['value.wrong', '3']],
  );
});

test('the figure: a block without a claim counts as checked only when read in full', () => {
  // `36 \times 36` is read (nothing to claim); a list with `\dots` is not read; `10 \times 6 = 60` is judged.
  const { result } = check('$36 \\times 36$ and $1, 3, \\dots, 39$ and $10 \\times 6 = 60$');
  assert.equal(result.source.withNumbers, 3);
  assert.equal(result.source.withNumbersChecked, 2);
  assert.equal(numbersCheckedFigure(result.source), '2 of 3 math blocks with numbers checked (66%)');
});

import test from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import type { ChainStatement, Expr, Statement } from '../../../src/core/syntax/ast';
import { exprToLatex, linkToLatex, nameToLatex, statementToLatex } from '../../../src/core/syntax/latexPrinter';
import { parse } from '../../../src/core/syntax/parser';
import { TASTE_SAMPLE } from './tasteSample';

function statementOf(text: string): Statement {
  const file = parse(text);
  assert.deepEqual(file.errors, [], text);
  return file.statements[0];
}

/** The LaTeX of EXPR in `x = EXPR`. */
function latex(source: string): string {
  const chain = statementOf(`x = ${source}`) as ChainStatement;
  return exprToLatex(chain.links[1].expr);
}

/** Throws unless KaTeX accepts the input, strictly. */
function assertKatex(input: string): void {
  assert.doesNotThrow(() => katex.renderToString(input, { throwOnError: true, strict: 'error' }), input);
}

test('nameToLatex: subscripts, hats, Greek, upright words', () => {
  const cases: [string, string][] = [
    ['x', 'x'],
    ['W1', 'W_{1}'],
    ['z0', 'z_{0}'],
    ['W10', 'W_{10}'],
    ['z₀', 'z_{0}'],
    ['a_b', 'a_{b}'],
    ['x_train', 'x_{\\mathrm{train}}'],
    ['lambda_2', '\\lambda_{2}'],
    ['yhat', '\\hat{y}'],
    ['Xhat', '\\hat{X}'],
    ['yhat1', '\\hat{y}_{1}'],
    ['thetahat', '\\hat{\\theta}'],
    ['xbar', '\\bar{x}'],
    ['ŷ', '\\hat{y}'],
    ['y\u0302', '\\hat{y}'],
    ['alpha', '\\alpha'],
    ['beta2', '\\beta_{2}'],
    ['Sigma', '\\Sigma'],
    ['λ', '\\lambda'],
    ['α2', '\\alpha_{2}'],
    ['ℓ', '\\ell'],
    ['combos', '\\mathrm{combos}'],
    ['dz2', '\\mathrm{dz}_{2}'],
    ['relu', '\\mathrm{relu}'],
    ['conv_out', '\\mathrm{conv\\_out}'],
    ['leaky_relu', '\\mathrm{leaky\\_relu}'],
    ['conv2d', '\\mathrm{conv2d}'],
    ['ln', '\\ln'],
    ['max', '\\max'],
    ['_tmp', '\\mathrm{\\_tmp}'],
    ['é', '\\text{é}'],
  ];
  for (const [name, expected] of cases) assert.equal(nameToLatex(name), expected, name);
});

test('nameToLatex escapes whatever is LaTeX-special', () => {
  const hostile = nameToLatex('a\\b{c}$&#^%~');
  assert.ok(!/[^\\]\$/.test(hostile.replace(/\\\$/g, '')), hostile);
  assert.equal(hostile, '\\text{a\\textbackslash{}b\\{c\\}\\$\\&\\#\\textasciicircum{}\\%\\textasciitilde{}}');
  assertKatex(hostile);
});

test('operators', () => {
  assert.equal(latex('a × b'), 'a \\times b');
  assert.equal(latex('a · b'), 'a \\cdot b');
  assert.equal(latex('a * b'), 'a \\cdot b');
  assert.equal(latex('W1 z0'), 'W_{1}\\,z_{0}');
  assert.equal(latex('2P'), '2 P');
  assert.equal(latex('a ⊙ b'), 'a \\odot b');
  assert.equal(latex('a .* b'), 'a \\odot b');
  assert.equal(latex('a + b - c'), 'a + b - c');
  assert.equal(latex('(n + 2P - k) / S'), '\\frac{n + 2 P - k}{S}');
  assert.equal(latex('a / b c'), '\\frac{a}{b}\\,c');
  assert.equal(latex('x^2'), 'x^{2}');
  assert.equal(latex('(y - yhat)^2'), '\\left(y - \\hat{y}\\right)^{2}');
  assert.equal(latex('2^-1'), '2^{-1}');
  assert.equal(latex('-2^2'), '-2^{2}');
  assert.equal(latex('z2ᵀ'), 'z_{2}^{\\top}');
  assert.equal(latex('A^T'), 'A^{\\top}');
  assert.equal(latex('Aᵀ^2'), '{A^{\\top}}^{2}');
  assert.equal(latex('Aᵀᵀ'), '{A^{\\top}}^{\\top}');
  assert.equal(latex('∂L/∂W1'), '\\frac{\\partial L}{\\partial W_{1}}');
  assert.equal(latex('d(L)/d(yhat)'), '\\frac{\\partial L}{\\partial \\hat{y}}');
  assert.equal(latex('grad(L, W1)'), '\\frac{\\partial L}{\\partial W_{1}}');
  assert.equal(latex('∂L/∂Wᵀ'), '\\left(\\frac{\\partial L}{\\partial W}\\right)^{\\top}');
  assert.equal(latex("relu'(a3)"), "\\mathrm{relu}'\\left(a_{3}\\right)");
  assert.equal(latex('relu(a1)'), '\\mathrm{relu}\\left(a_{1}\\right)');
  assert.equal(latex('[1, 0; 3, 4]'), '\\begin{bmatrix} 1 & 0 \\\\ 3 & 4 \\end{bmatrix}');
  assert.equal(latex('[-2, 3]'), '\\begin{bmatrix} -2 & 3 \\end{bmatrix}');
  assert.equal(latex('1:2:39'), '1{:}2{:}39');
  assert.equal(latex('1:n'), '1{:}n');
  assert.equal(latex('?'), '\\square');
  assert.equal(
    latex('conv_out(36, 3, padding=3, stride=2)'),
    '\\mathrm{conv\\_out}\\left(36, 3, \\text{padding}{=}3, \\text{stride}{=}2\\right)',
  );
  assert.equal(latex('5e-6'), '5 \\times 10^{-6}');
  assert.equal(latex('5%'), '5\\%');
  assert.equal(latex('(5e-6)^2'), '\\left(5 \\times 10^{-6}\\right)^{2}');
  assert.equal(latex('sqrt(x)'), '\\sqrt{x}');
  assert.equal(latex('abs(x)'), '\\left|x\\right|');
  assert.equal(latex('floor(x / 2)'), '\\left\\lfloor \\frac{x}{2} \\right\\rfloor');
  assert.equal(latex('ceil(x)'), '\\left\\lceil x \\right\\rceil');
  assert.equal(latex('ln(0.95)'), '\\ln\\left(0.95\\right)');
});

test('relations, links and statements', () => {
  const chain = statementOf('a ≈ b ~= c < d <= e ≤ f > g >= h ≥ i ≠ j != k = l') as ChainStatement;
  assert.equal(
    statementToLatex(chain),
    'a \\approx b \\approx c < d \\le e \\le f > g \\ge h \\ge i \\ne j \\ne k = l',
  );
  assert.equal(linkToLatex(chain.links[0]), 'a');
  assert.equal(linkToLatex(chain.links[1]), '\\approx b');
  assert.equal(
    statementToLatex(statementOf('given x = [2; 1], y = 10')),
    'x = \\begin{bmatrix} 2 \\\\ 1 \\end{bmatrix},\\quad y = 10',
  );
  assert.equal(statementToLatex(statementOf('given ∂L/∂z2 = 0.01')), '\\frac{\\partial L}{\\partial z_{2}} = 0.01');
  assert.equal(statementToLatex(statementOf('answer N = 59')), 'N = 59');
  assert.equal(statementToLatex(statementOf('for n, k: n + k = k + n')), '\\forall n, k:\\; n + k = k + n');
  assert.equal(statementToLatex(statementOf('problem 1 "Backprop"')), '');
  assert.equal(statementToLatex(statementOf('> prose')), '');
  assert.equal(statementToLatex(statementOf('unit epoch')), '');
});

test('broken trees print `\\text{?}` where the text had nothing', () => {
  const file = parse('a1 = W1 z0 +');
  assert.equal(statementToLatex(file.statements[0]), 'a_{1} = W_{1}\\,z_{0} + \\text{?}');
  assertKatex(statementToLatex(file.statements[0]));
});

test('trees not made by the parser get the parentheses they need', () => {
  const name = (n: string): Expr => ({ kind: 'name', span: { start: 0, end: 0 }, name: n });
  const sum: Expr = {
    kind: 'binary',
    span: { start: 0, end: 0 },
    op: 'add',
    opText: '+',
    opSpan: { start: 0, end: 0 },
    implicit: false,
    left: name('a'),
    right: name('b'),
  };
  const product: Expr = {
    kind: 'binary',
    span: { start: 0, end: 0 },
    op: 'mul',
    opText: '*',
    opSpan: { start: 0, end: 0 },
    implicit: false,
    left: sum,
    right: name('c'),
  };
  assert.equal(exprToLatex(product), '\\left(a + b\\right) \\cdot c');
  const power: Expr = { ...product, op: 'pow', opText: '^', left: sum, right: name('n') };
  assert.equal(exprToLatex(power), '\\left(a + b\\right)^{n}');
  const transpose: Expr = { kind: 'transpose', span: { start: 0, end: 0 }, operand: sum };
  assert.equal(exprToLatex(transpose), '\\left(a + b\\right)^{\\top}');
  const empty: Expr = { kind: 'matrix', span: { start: 0, end: 0 }, rows: [] };
  assertKatex(exprToLatex(empty));
});

test('KaTeX accepts the LaTeX of every statement of the "A taste" sample', () => {
  const file = parse(TASTE_SAMPLE);
  assert.deepEqual(file.errors, []);
  let printed = 0;
  for (const s of file.statements) {
    const out = statementToLatex(s);
    if (out === '') continue;
    printed++;
    assertKatex(out);
  }
  assert.equal(printed, 26);
});

test('KaTeX accepts a broad sample of expressions, spellings and odd names', () => {
  const sources = [
    'a1 = W1 z0 + b1 = [2; 10; 4] + [0; -2; 5] = [2; 8; 9]',
    "∂L/∂W2 = (W3ᵀ 2 (yhat - y) relu'(a3)) ⊙ relu'(a2) z1ᵀ = [16, 64, 72; -24, -46, -108]",
    "∂L/∂W3 = 2 (yhat - y) relu'(a3) z2ᵀ = [-152, -88]",
    'L = (y - yhat)^2',
    'd(L)/d(W1) = grad(L, W1) = W1^T ∂L/∂a1 z0ᵀ',
    'time = epochs * 2 min/epoch = 6000 min',
    'ln(1 - 0.95) / ln(0.95) ≈ 58.4',
    'N = ceil(ln(1 - 0.95) / ln(0.95)) = 59',
    'sum(1:2:39) = 800',
    'conv_out(36, 3, padding=3, stride=2) = 20',
    'floor((n + 2P - k) / S) + 1 = conv_out(n, k, padding=P, stride=S)',
    'conv2d(I, K) = [2, -1; -4, 4]',
    'x = 5e-6 * 1e999 + 5% - .5 ~= 3',
    'α ŷ λ2 z₀ ℓ é 𝑥 日本 = ?',
    'x_train beta1 Sigma thetahat yhat1 _tmp leaky_relu(x) = 1',
    'a <= b ≤ c >= d ≥ e != f ≠ g < h > i',
    '-2^2 = 2^-1 = a^b^c = Aᵀ^2 = (Aᵀ)ᵀ = --x = +x',
    'a × b · c * d ⊙ e .* f / g h = [1:3; 4:6]',
    'sqrt(abs(x)) = max(a, b) = min(1, 2) = exp(tanh(x)) = log(x) = softmax(z)',
    "sigmoid'(x) tanh'(x) = relu'(0) = 0",
    '[1, 2; 3, 4]^2 = [1]ᵀ = ?ᵀ = ? x',
    '(∂L/∂x)^2 = ∂L/∂x^2 = (a / b)^2 = (a/b)ᵀ',
  ];
  for (const source of sources) {
    const file = parse(source);
    assert.deepEqual(file.errors, [], source);
    assertKatex(statementToLatex(file.statements[0]));
  }
  // Broken lines still print valid KaTeX.
  for (const broken of ['x = (1 +', 'x = [1, 2; 3', 'x = f(1, ', 'x = ∂L/', 'x = [1, 2; 3]', 'x = []']) {
    for (const s of parse(broken).statements) assertKatex(statementToLatex(s));
  }
});

// Issue 8, items 1, 2 and 4: the printer visits each node once and keeps no
// recursion per node, so nesting and length cost linear work.
test('exprToLatex: 30 nested calls print each argument once (it used to double per level)', { timeout: 20_000 }, () => {
  const depth = 30;
  const out = latex(`${'relu('.repeat(depth)}u${')'.repeat(depth)}`);
  assert.equal(out.split('\\mathrm{relu}').length - 1, depth);
  assert.equal(out.split('u').length - 1, depth + 1); // `relu` has a `u` too: 30 of them, and the argument
});

test('exprToLatex: a flat sum of 20,000 terms prints without overflowing the stack', () => {
  const terms = 20_000;
  const out = latex(Array.from({ length: terms }, (_, i) => `a${i % 10}`).join(' + '));
  assert.equal(out.split(' + ').length, terms);
  assert.ok(out.startsWith('a_{0} + a_{1} + '));
});

test('exprToLatex: a shared subtree (trees built by the checker) prints in both places', () => {
  const name: Expr = { kind: 'name', name: 'x', span: { start: 0, end: 1 } };
  const sum: Expr = {
    kind: 'binary',
    op: 'add',
    opText: '+',
    opSpan: { start: 1, end: 2 },
    implicit: false,
    left: name,
    right: name,
    span: { start: 0, end: 3 },
  };
  assert.equal(exprToLatex(sum), 'x + x');
});

test('tensor literals: one matrix per slice between the `;;` (`;;;`) written, a one-entry slice as its entry', () => {
  assert.equal(
    latex('[1, 2; 3, 4;; 5, 6; 7, 8]'),
    '\\left[ \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} \\mathbin{;;} \\begin{bmatrix} 5 & 6 \\\\ 7 & 8 \\end{bmatrix} \\right]',
  );
  assert.equal(latex('[A;; B]'), '\\left[ A \\mathbin{;;} B \\right]');
  assert.equal(latex('[X1;;; X2]'), '\\left[ X_{1} \\mathbin{;;;} X_{2} \\right]');
  assert.equal(latex('[1;; 2;;; 3;; 4]'), '\\left[ 1 \\mathbin{;;} 2 \\mathbin{;;;} 3 \\mathbin{;;} 4 \\right]');
  for (const source of ['[1, 2; 3, 4;; 5, 6; 7, 8]', '[A;; B]', '[1;; 2;;; 3;; 4]']) assertKatex(latex(source));
});

test('the element-wise power and the comparisons', () => {
  assert.equal(latex('x.^2'), 'x^{\\circ 2}');
  assert.equal(latex('(x > 0)'), '\\left(x > 0\\right)');
  assert.equal(latex('where(S >= 0, S, 0)'), '\\mathrm{where}\\left(S \\geq 0, S, 0\\right)');
  assert.equal(latex('[a != b]'), '\\begin{bmatrix} a \\neq b \\end{bmatrix}');
  for (const source of ['x.^2', '(x > 0)', 'where(S >= 0, S, 0)', '[a != b]', '(a == b)']) assertKatex(latex(source));
});

import test from 'node:test';
import assert from 'node:assert/strict';
import type { ChainStatement, Expr, HomeworkFile, Link, Statement } from '../../../src/core/syntax/ast';
import { MAX_NESTING, parse } from '../../../src/core/syntax/parser';
import { TASTE_SAMPLE } from './tasteSample';

// ------------------------------------------------------------------ helpers

/** A compact S-expression of a tree, so structure is asserted in one line. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.text;
    case 'name':
      return e.name;
    case 'unknown':
      return '?';
    case 'error':
      return 'ERR';
    case 'paren':
      return `(${show(e.inner)})`;
    case 'matrix':
      return '[' + e.rows.map((row) => row.map(show).join(', ')).join('; ') + ']';
    case 'tensor':
      return `t${e.rank}(` + e.slices.map(show).join(e.rank === 3 ? ' ;; ' : ' ;;; ') + ')';
    case 'range':
      return `range(${show(e.start)}, ${e.step === undefined ? '_' : show(e.step)}, ${show(e.end)})`;
    case 'unary':
      return `neg(${show(e.operand)})`.replace('neg', e.op === '-' ? 'neg' : 'pos');
    case 'transpose':
      return `T(${show(e.operand)})`;
    case 'derivative':
      return `d[${e.spelling}](${e.of.name}, ${e.wrt.name})`;
    case 'call': {
      const args = e.args.map(show).concat(e.named.map((n) => `${n.name.name}=${show(n.value)}`));
      return `${e.callee.name}${e.prime ? "'" : ''}{${args.join(', ')}}`;
    }
    case 'binary':
      return `${e.implicit ? 'jux' : e.op}(${show(e.left)}, ${show(e.right)})`;
    case 'index': {
      const entries = e.entries.map((x) =>
        x.kind === 'all' ? ':' : x.kind === 'at' ? show(x.index) : `${show(x.start)}:${show(x.end)}`,
      );
      return `${show(e.target)}⟦${entries.join(', ')}⟧`;
    }
  }
}

function showLinks(links: readonly Link[]): string {
  return links.map((l) => (l.relation === undefined ? show(l.expr) : `${l.relation} ${show(l.expr)}`)).join(' ');
}

function showStatement(s: Statement): string {
  switch (s.kind) {
    case 'chain':
      return showLinks(s.links);
    case 'answer':
      return `answer ${showLinks(s.body.links)}`;
    case 'for':
      return `for ${s.variables.map((v) => v.name).join(',')}: ${showLinks(s.body.links)}`;
    case 'given':
      return 'given ' + s.bindings.map((b) => `${show(b.target)} := ${show(b.value)}`).join('; ');
    case 'unit':
      return 'unit ' + s.names.map((n) => n.name).join(',');
    case 'prose':
      return `> ${s.text}`;
    case 'error':
      return 'ERROR';
    default:
      return `${s.kind} ${s.number?.text ?? '-'} ${s.title === undefined ? '-' : JSON.stringify(s.title.text)}`;
  }
}

function statements(text: string): string[] {
  return parse(text).statements.map(showStatement);
}

/** The single expression of `x = EXPR` (asserting no errors). */
function expr(source: string): Expr {
  const file = parse(`x = ${source}`);
  assert.deepEqual(file.errors, [], `errors in ${source}`);
  const chain = file.statements[0] as ChainStatement;
  return chain.links[1].expr;
}

function showExpr(source: string): string {
  return show(expr(source));
}

/** `[code, the text the error points at]` for each error. */
function errorsOf(text: string, file: HomeworkFile = parse(text)): [string, string][] {
  return file.errors.map((e) => [e.code, text.slice(e.span.start, e.span.end)]);
}

function slice(text: string, s: { start: number; end: number }): string {
  return text.slice(s.start, s.end);
}

// ---------------------------------------------------------------- spellings

test('relations in every spelling, canonical plus as written', () => {
  const text = 'a = b ≈ c ~= d < e <= f ≤ g > h >= i ≥ j ≠ k != l';
  const chain = parse(text).statements[0] as ChainStatement;
  assert.deepEqual(
    chain.links.slice(1).map((l) => [l.relation, l.relationText]),
    [
      ['=', '='],
      ['≈', '≈'],
      ['≈', '~='],
      ['<', '<'],
      ['≤', '<='],
      ['≤', '≤'],
      ['>', '>'],
      ['≥', '>='],
      ['≥', '≥'],
      ['≠', '≠'],
      ['≠', '!='],
    ],
  );
  assert.deepEqual(parse(text).errors, []);
  const approx = chain.links[3];
  assert.equal(slice(text, approx.relationSpan!), '~=');
  assert.equal(slice(text, approx.span), '~= d');
});

test('numbers: value and text as written', () => {
  const cases: [string, number][] = [
    ['3', 3],
    ['2.5', 2.5],
    ['.5', 0.5],
    ['5e-6', 5e-6],
    ['5e−6', 5e-6],
    ['1E3', 1000],
    ['7e+2', 700],
    ['5%', 0.05],
    ['12.5%', 0.125],
  ];
  for (const [source, value] of cases) {
    const e = expr(source);
    assert.equal(e.kind, 'number');
    if (e.kind === 'number') {
      assert.equal(e.text, source);
      assert.equal(e.value, value);
    }
  }
});

test('over-large literals parse to Infinity without a syntax error', () => {
  const e = expr('1e999');
  assert.ok(e.kind === 'number' && e.value === Infinity && e.text === '1e999');
  const long = '9'.repeat(400);
  const big = expr(long);
  assert.ok(big.kind === 'number' && big.value === Infinity);
});

test('products: `*`, `·`, `×`, juxtaposition; `⊙` and `.*`; `/`', () => {
  const e = expr('a * b · c × d ⊙ e .* f / g h');
  assert.equal(show(e), 'jux(div(hadamard(hadamard(mul(mul(mul(a, b), c), d), e), f), g), h)');
  const opTexts: string[] = [];
  for (let node: Expr = e; node.kind === 'binary'; node = node.left) opTexts.push(node.opText);
  assert.deepEqual(opTexts, ['', '/', '.*', '⊙', '×', '·', '*']);
});

test('juxtaposition: implicit, empty opText, opSpan is the gap', () => {
  const text = 'a1 = W1   z0';
  const chain = parse(text).statements[0] as ChainStatement;
  const product = chain.links[1].expr;
  assert.equal(product.kind, 'binary');
  if (product.kind !== 'binary') return;
  assert.equal(product.implicit, true);
  assert.equal(product.opText, '');
  assert.deepEqual(product.opSpan, { start: text.indexOf('W1') + 2, end: text.indexOf('z0') });
  assert.deepEqual(product.span, { start: text.indexOf('W1'), end: text.length });
  assert.equal(showExpr('2 (yhat - y)'), 'jux(2, (sub(yhat, y)))');
  assert.equal(showExpr('2P'), 'jux(2, P)');
  assert.equal(showExpr('3000 epoch'), 'jux(3000, epoch)');
  assert.equal(showExpr('W [1; 2] ∂L/∂z ?'), 'jux(jux(jux(W, [1; 2]), d[partial](L, z)), ?)');
});

test('a sign after an operand is always binary', () => {
  assert.equal(showExpr('a -b'), 'sub(a, b)');
  assert.equal(showExpr('W1 z0 + b1'), 'add(jux(W1, z0), b1)');
  assert.equal(showExpr('a − b'), 'sub(a, b)'); // U+2212
});

test('precedence: unary below ^, ^ right-associative with a signed exponent', () => {
  assert.equal(showExpr('-2^2'), 'neg(pow(2, 2))');
  assert.equal(showExpr('2^-1'), 'pow(2, neg(1))');
  assert.equal(showExpr('a^b^c'), 'pow(a, pow(b, c))');
  assert.equal(showExpr('-a b'), 'jux(neg(a), b)');
  assert.equal(showExpr('a / b c'), 'jux(div(a, b), c)');
  assert.equal(showExpr('a + b * c - d'), 'sub(add(a, mul(b, c)), d)');
  assert.equal(showExpr('2 * -3'), 'mul(2, neg(3))');
  assert.equal(showExpr('--x'), 'neg(neg(x))');
  assert.equal(showExpr('+x'), 'pos(x)');
});

test('transpose: `ᵀ` and `^T` bind tighter than products; `^Tx` is a power', () => {
  assert.equal(showExpr('W3ᵀ ∂L/∂a3'), 'jux(T(W3), d[partial](L, a3))');
  assert.equal(showExpr('A^T B'), 'jux(T(A), B)');
  assert.equal(showExpr('A^Tx'), 'pow(A, Tx)');
  assert.equal(showExpr('A^T2'), 'pow(A, T2)');
  assert.equal(showExpr('Aᵀᵀ'), 'T(T(A))');
  assert.equal(showExpr('x^2ᵀ'), 'pow(x, T(2))');
  assert.equal(showExpr('(a b)ᵀ'), 'T((jux(a, b)))');
  assert.equal(showExpr('relu(x)ᵀ'), 'T(relu{x})');
  assert.equal(showExpr('W^T(x - y)'), 'jux(T(W), (sub(x, y)))');
});

test('the seed gradient line groups as the spec says', () => {
  assert.equal(
    showExpr("(W3ᵀ 2 (yhat - y) relu'(a3)) ⊙ relu'(a2) z1ᵀ"),
    "jux(hadamard((jux(jux(jux(T(W3), 2), (sub(yhat, y))), relu'{a3})), relu'{a2}), T(z1))",
  );
});

test('ranges: one level, `a:b` and `a:step:b`, below `+`', () => {
  assert.equal(showExpr('1:5'), 'range(1, _, 5)');
  assert.equal(showExpr('1:2:39'), 'range(1, 2, 39)');
  assert.equal(showExpr('sum(1:2:39)'), 'sum{range(1, 2, 39)}');
  assert.equal(showExpr('0:n-1'), 'range(0, _, sub(n, 1))');
  const e = expr('1:2:39');
  assert.ok(e.kind === 'range' && e.step?.kind === 'number');
  const text = 'x = 1:2:3:4';
  assert.deepEqual(errorsOf(text), [['syntax.unexpected-token', ':']]);
});

test('calls: `f(x)`, prime calls, named arguments; `f (x)` is juxtaposition', () => {
  assert.equal(showExpr('relu(a1)'), 'relu{a1}');
  assert.equal(showExpr("relu'(a3)"), "relu'{a3}");
  assert.equal(showExpr('f (x)'), 'jux(f, (x))');
  assert.equal(showExpr('max(a, b, 3)'), 'max{a, b, 3}');
  assert.equal(showExpr('f()'), 'f{}');
  const text = 'x = conv_out(36, 3, padding=3, stride = 2)';
  const call = (parse(text).statements[0] as ChainStatement).links[1].expr;
  assert.equal(call.kind, 'call');
  if (call.kind !== 'call') return;
  assert.equal(show(call), 'conv_out{36, 3, padding=3, stride=2}');
  assert.equal(call.prime, false);
  assert.deepEqual(call.argsSpan, { start: text.indexOf('('), end: text.length });
  assert.equal(slice(text, call.named[1].span), 'stride = 2');
  assert.equal(slice(text, call.named[0].name.span), 'padding');
  assert.equal(slice(text, call.callee.span), 'conv_out');
  const prime = expr("relu'(a3)");
  assert.ok(prime.kind === 'call' && prime.prime && prime.span.end - prime.span.start === "relu'(a3)".length);
});

test('positional after named arguments: an error, and the tree is kept', () => {
  const text = 'x = conv_out(36, padding=3, 2)';
  const file = parse(text);
  assert.deepEqual(errorsOf(text, file), [['syntax.positional-after-named', '2']]);
  assert.equal(showStatement(file.statements[0]), 'x = conv_out{36, 2, padding=3}');
});

test('derivatives: `∂L/∂X`, `d(L)/d(X)`, `grad(L, X)`, with digits and underscores', () => {
  assert.equal(showExpr('∂L/∂W3'), 'd[partial](L, W3)');
  assert.equal(showExpr('∂z2/∂z1'), 'd[partial](z2, z1)');
  assert.equal(showExpr('∂L/∂yhat'), 'd[partial](L, yhat)');
  assert.equal(showExpr('∂loss_1/∂W_out'), 'd[partial](loss_1, W_out)');
  assert.equal(showExpr('d(L)/d(W1)'), 'd[d](L, W1)');
  assert.equal(showExpr('grad(L, W1)'), 'd[grad](L, W1)');
  // Not the whole pattern: an ordinary call of `d` or `grad`.
  assert.equal(showExpr('d(L) / 2'), 'div(d{L}, 2)');
  assert.equal(showExpr('d(L)/d(2)'), 'div(d{L}, d{2})');
  assert.equal(showExpr('grad(L, 2)'), 'grad{L, 2}');
  assert.equal(showExpr('d (x)'), 'jux(d, (x))');
  const text = 'x = d(L)/d(W1) + ∂L/∂b1';
  const sum = (parse(text).statements[0] as ChainStatement).links[1].expr;
  assert.ok(sum.kind === 'binary' && sum.left.kind === 'derivative' && sum.right.kind === 'derivative');
  if (sum.kind !== 'binary' || sum.left.kind !== 'derivative' || sum.right.kind !== 'derivative') return;
  assert.equal(slice(text, sum.left.span), 'd(L)/d(W1)');
  assert.equal(slice(text, sum.left.wrt.span), 'W1');
  assert.equal(slice(text, sum.right.span), '∂L/∂b1');
  assert.equal(slice(text, sum.right.of.span), 'L');
});

test('second derivatives: `∂²L/∂X²` and `hessian(L, X)`, order 2; a lone `²` is an error', () => {
  for (const [text, spelling] of [
    ['∂²L/∂W1²', 'partial'],
    ['hessian(L, W1)', 'hessian'],
  ] as const) {
    const e = expr(text);
    assert.ok(e.kind === 'derivative', text);
    if (e.kind !== 'derivative') return;
    assert.deepEqual([e.spelling, e.order, e.of.name, e.wrt.name], [spelling, 2, 'L', 'W1']);
    assert.equal(e.span.end - e.span.start, text.length);
  }
  assert.equal(expr('∂L/∂W1').kind === 'derivative' && (expr('∂L/∂W1') as { order?: 2 }).order, undefined);
  assert.equal(showExpr('hessian(L, 2)'), 'hessian{L, 2}');
  // The second ² missing: reported where it should stand, after W; a ² with no first one: on it.
  const missing = parse('x = ∂²L/∂W');
  assert.deepEqual(
    missing.errors.map((e) => [e.code, e.span.start]),
    [['syntax.unexpected-token', 'x = ∂²L/∂W'.length]],
  );
  assert.match(missing.errors[0].message, /expected `²` right after `∂W`/);
  const stray = parse('x = ∂L/∂W²');
  assert.deepEqual(
    stray.errors.map((e) => [e.code, slice('x = ∂L/∂W²', e.span)]),
    [['syntax.unexpected-token', '²']],
  );
});

test('a broken `∂` derivative is an error with a partial tree', () => {
  const text = 'x = ∂L/W + 1\ny = 2';
  const file = parse(text);
  assert.deepEqual(errorsOf(text, file), [['syntax.unexpected-token', 'W']]);
  assert.deepEqual(statements(text), ['x = ERR', 'y = 2']);
  const err = (file.statements[0] as ChainStatement).links[1].expr;
  assert.equal(slice(text, err.span), '∂L/');
});

test('matrices: rows by `;`, entries by `,`, full expressions, newlines inside', () => {
  assert.equal(showExpr('[1, 0; 3, 4]'), '[1, 0; 3, 4]');
  assert.equal(showExpr('[2; 1]'), '[2; 1]');
  assert.equal(showExpr('[-2, 3]'), '[neg(2), 3]');
  assert.equal(showExpr('[−2, 3]'), '[neg(2), 3]'); // U+2212
  assert.equal(showExpr('[a + 1, f(b, c); 2 x, ?]'), '[add(a, 1), f{b, c}; jux(2, x), ?]');
  assert.equal(showExpr('[1, 2;\n     3, 4]'), '[1, 2; 3, 4]');
  assert.equal(showExpr('[\n  1, 2;\n  3, 4;\n]'), '[1, 2; 3, 4]');
  const two = expr('[2; 1]');
  assert.ok(two.kind === 'matrix' && two.rows.length === 2 && two.rows[0].length === 1);
  const row = expr('[-2, 3]');
  assert.ok(row.kind === 'matrix' && row.rows.length === 1 && row.rows[0].length === 2);
});

test('ragged and empty matrices: an error, and the tree is kept', () => {
  const text = 'x = [1, 2; 3; 4, 5]';
  const file = parse(text);
  assert.deepEqual(errorsOf(text, file), [['syntax.ragged-matrix', '3']]);
  assert.equal(showStatement(file.statements[0]), 'x = [1, 2; 3; 4, 5]');
  assert.match(file.errors[0].message, /row 2 has 1 entry/);
  const long = 'x = [1, 2; 3, 4, 5]';
  assert.deepEqual(errorsOf(long), [['syntax.ragged-matrix', '3, 4, 5']]);
  const empty = 'x = [] + 1';
  const emptyFile = parse(empty);
  assert.deepEqual(errorsOf(empty, emptyFile), [['syntax.empty-matrix', '[]']]);
  assert.equal(showStatement(emptyFile.statements[0]), 'x = add(ERR, 1)');
});

test('adjacent numbers are flagged (a missing comma), the product is kept', () => {
  const text = 'x = [1 2, 3]';
  const file = parse(text);
  assert.deepEqual(errorsOf(text, file), [['syntax.adjacent-numbers', '1 2']]);
  assert.equal(showStatement(file.statements[0]), 'x = [jux(1, 2), 3]');
});

test('`?` is an unknown value', () => {
  const text = 'x = W z = ?';
  const chain = parse(text).statements[0] as ChainStatement;
  assert.equal(chain.links[2].expr.kind, 'unknown');
  assert.deepEqual(chain.links[2].expr.span, { start: text.indexOf('?'), end: text.length });
});

test('Unicode: Greek names, ŷ, subscript digits, NBSP and zero-width spaces', () => {
  assert.deepEqual(statements('λ2 = α ŷ + z₀\u00a0*\u200b2'), ['λ2 = add(jux(α, ŷ), mul(z₀, 2))']);
  assert.deepEqual(parse('λ2 = α ŷ + z₀\u00a0*\u200b2').errors, []);
});

test('an invalid character: an error at it, skipped, parsing goes on', () => {
  const text = 'x = a → b\ny = 2 @';
  const file = parse(text);
  assert.deepEqual(errorsOf(text, file), [
    ['syntax.invalid-character', '→'],
    ['syntax.invalid-character', '@'],
  ]);
  assert.deepEqual(file.statements.map(showStatement), ['x = jux(a, b)', 'y = 2']);
});

// ---------------------------------------------------------------- statements

test('headings: number and title optional, quoted or not, after a colon', () => {
  assert.deepEqual(
    statements(
      [
        'homework "Homework 1"',
        'homework Homework 1',
        'problem 1 "Backprop"',
        'problem 2',
        'problem',
        'question 2 Forward pass',
        'question 3: The loss # a comment',
        'question b "Part b"',
        'question 2a',
        'question iv: Stride',
        'question "Only a title"',
        'question Forward pass',
        'question 1. Setup',
        'question 2.',
      ].join('\n'),
    ),
    [
      'homework - "Homework 1"',
      'homework - "Homework 1"',
      'problem 1 "Backprop"',
      'problem 2 -',
      'problem - -',
      'question 2 "Forward pass"',
      'question 3 "The loss"',
      'question b "Part b"',
      'question 2a -',
      'question iv "Stride"',
      'question - "Only a title"',
      'question - "Forward pass"',
      'question 1 "Setup"',
      'question 2 -',
    ],
  );
  assert.deepEqual(parse('question 1. Setup\nquestion 2.').errors, []);
});

test('heading spans: keyword, number and title', () => {
  const text = 'problem 12 "Conv nets"  # note';
  const heading = parse(text).statements[0];
  assert.equal(heading.kind, 'problem');
  if (heading.kind !== 'problem') return;
  assert.equal(slice(text, heading.span), 'problem 12 "Conv nets"');
  assert.equal(slice(text, heading.keywordSpan), 'problem');
  assert.equal(slice(text, heading.number!.span), '12');
  assert.equal(slice(text, heading.title!.span), 'Conv nets');
  const unquoted = 'question 2 Forward pass → outputs   ';
  const q = parse(unquoted);
  // The title is raw text: the arrow is not an invalid character there.
  assert.deepEqual(q.errors, []);
  const title = (q.statements[0] as { title?: { text: string; span: { start: number; end: number } } }).title!;
  assert.equal(title.text, 'Forward pass → outputs');
  assert.equal(slice(unquoted, title.span), 'Forward pass → outputs');
});

test('heading errors: trailing text after a quoted title, an unterminated title', () => {
  const text = 'question 2 "Loss" extra\nx = 1';
  assert.deepEqual(errorsOf(text), [['syntax.unexpected-token', 'extra']]);
  assert.deepEqual(statements(text), ['question 2 "Loss"', 'x = 1']);
  const open = 'problem 1 "Backprop\nx = 1';
  assert.deepEqual(errorsOf(open), [['syntax.unterminated-string', '"Backprop']]);
  assert.deepEqual(statements(open), ['problem 1 "Backprop"', 'x = 1']);
});

test('given: names and derivatives bound by `=`, separated by top-level commas', () => {
  const text = 'given x = [2; 1], y = 10, ∂L/∂z2 = 0.01, d(a)/d(b) = f(1, 2)';
  const file = parse(text);
  assert.deepEqual(file.errors, []);
  assert.deepEqual(file.statements.map(showStatement), [
    'given x := [2; 1]; y := 10; d[partial](L, z2) := 0.01; d[d](a, b) := f{1, 2}',
  ]);
  const given = file.statements[0];
  assert.equal(given.kind, 'given');
  if (given.kind !== 'given') return;
  assert.equal(slice(text, given.keywordSpan), 'given');
  assert.equal(slice(text, given.bindings[1].span), 'y = 10');
  assert.equal(slice(text, given.bindings[2].target.span), '∂L/∂z2');
  assert.equal(slice(text, given.span), text);
});

test('given errors: a missing `=`, a number for a name, a call for a name', () => {
  assert.deepEqual(errorsOf('given x = 1, y'), [['syntax.unexpected-token', '']]);
  assert.deepEqual(statements('given x = 1, y'), ['given x := 1']);
  assert.deepEqual(errorsOf('given 3 = x'), [['syntax.expected-name', '3']]);
  assert.deepEqual(errorsOf('given f(x) = 2'), [['syntax.expected-name', 'f(x)']]);
  assert.deepEqual(errorsOf('given'), [['syntax.expected-name', '']]);
});

test('unit, answer, for', () => {
  assert.deepEqual(
    statements(
      'unit epoch, trial\nanswer N = ceil(x) = 59\nfor n, k, P, S: floor((n + 2P - k) / S) + 1 = conv_out(n, k, padding=P, stride=S)',
    ),
    [
      'unit epoch,trial',
      'answer N = ceil{x} = 59',
      'for n,k,P,S: add(floor{div((sub(add(n, jux(2, P)), k)), S)}, 1) = conv_out{n, k, padding=P, stride=S}',
    ],
  );
  const text = 'answer conv2d(I, K) = [2, -1; -4, 4]';
  const answer = parse(text).statements[0];
  assert.ok(answer.kind === 'answer');
  if (answer.kind !== 'answer') return;
  assert.equal(slice(text, answer.keywordSpan), 'answer');
  assert.equal(slice(text, answer.body.span), 'conv2d(I, K) = [2, -1; -4, 4]');
  assert.equal(slice(text, answer.span), text);
  assert.deepEqual(errorsOf('for n k: x'), [['syntax.unexpected-token', 'k']]);
  assert.deepEqual(errorsOf('for: x'), [['syntax.expected-name', ':']]);
  assert.deepEqual(errorsOf('unit 3'), [['syntax.expected-name', '3']]);
  assert.deepEqual(errorsOf('answer'), [['syntax.expected-expression', '']]);
});

test('keywords count only at the start of a statement, and not before a relation', () => {
  assert.deepEqual(statements('answer = 42\nunit = 3\nx = given + for'), [
    'answer = 42',
    'unit = 3',
    'x = add(given, for)',
  ]);
});

test('prose: the text after `>` and one optional space, never evaluated', () => {
  const text = '> Each combination is good with p = 0.05. # not a comment\n>no space\n>';
  const file = parse(text);
  assert.deepEqual(file.errors, []);
  assert.deepEqual(file.comments, []);
  assert.deepEqual(file.statements.map(showStatement), [
    '> Each combination is good with p = 0.05. # not a comment',
    '> no space',
    '> ',
  ]);
  const prose = file.statements[0];
  assert.ok(prose.kind === 'prose');
  if (prose.kind !== 'prose') return;
  assert.equal(slice(text, prose.textSpan), prose.text);
  assert.equal(slice(text, prose.span), '> Each combination is good with p = 0.05. # not a comment');
});

test('comments are collected with their spans; `#` in a title is text', () => {
  const text = 'problem 1 "Q #1" # first\nx = 1  #second';
  const file = parse(text);
  assert.deepEqual(
    file.comments.map((c) => [c.text, slice(text, c.span)]),
    [
      ['first', '# first'],
      ['second', '#second'],
    ],
  );
  assert.deepEqual(statements(text), ['problem 1 "Q #1"', 'x = 1']);
});

// ------------------------------------------------------------- line structure

test('continuation: a line starting with a relation (not `>`) continues the chain', () => {
  const text = [
    "∂L/∂W2 = (W3ᵀ 2 (yhat - y) relu'(a3)) ⊙ relu'(a2) z1ᵀ",
    '       = [16, 64, 72; -24, -46, -108]        # the checker marks -46',
    '',
    '       ≈ 3',
    '  <= 4',
    '  ≥ 1',
    '  != 2',
    '  ~= 2',
    '> prose, not a relation',
    'y = 1',
  ].join('\n');
  const file = parse(text);
  assert.deepEqual(file.errors, []);
  assert.equal(file.statements.length, 3);
  const chain = file.statements[0] as ChainStatement;
  assert.deepEqual(
    chain.links.map((l) => l.relationText),
    ['', '=', '=', '≈', '<=', '≥', '!=', '~='],
  );
  const matrix = chain.links[2].expr;
  assert.equal(matrix.kind, 'matrix');
  if (matrix.kind !== 'matrix') return;
  // The wrong entry's exact span, for the checker's diagnostic.
  const wrong = matrix.rows[1][1];
  assert.equal(show(wrong), 'neg(46)');
  assert.deepEqual(wrong.span, { start: text.indexOf('-46'), end: text.indexOf('-46') + 3 });
  assert.equal(chain.span.start, 0);
  assert.equal(chain.span.end, text.indexOf('~= 2') + 4);
  assert.equal(file.statements[1].kind, 'prose');
});

test('`>=` at a line start continues a chain; a lone `>` starts prose', () => {
  assert.deepEqual(statements('N = 59\n>= 58.4\n> 58.4 is the bound'), ['N = 59 ≥ 58.4', '> 58.4 is the bound']);
});

test('a line starting with a relation after a non-chain statement is an error', () => {
  const text = 'unit epoch\n  = 3\nx = 1';
  assert.deepEqual(errorsOf(text), [['syntax.unexpected-token', '=']]);
  assert.deepEqual(statements(text), ['unit epoch', 'x = 1']);
});

test('newlines end a statement; juxtaposition never crosses a line end', () => {
  assert.deepEqual(statements('a = b\nc = d'), ['a = b', 'c = d']);
  assert.deepEqual(statements('a = (b\n c)'), ['a = (jux(b, c))']);
  assert.deepEqual(statements('a = f(1,\n  2)'), ['a = f{1, 2}']);
  assert.deepEqual(statements('\r\na = 1\r\n\r\nb = 2\r\n'), ['a = 1', 'b = 2']);
});

// ---------------------------------------------------------------- recovery

test('a half-typed line gives a partial tree and one error at the end of the line', () => {
  const text = 'a1 = W1 z0 +\nz1 = relu(a1)';
  const file = parse(text);
  assert.deepEqual(file.statements.map(showStatement), ['a1 = add(jux(W1, z0), ERR)', 'z1 = relu{a1}']);
  assert.deepEqual(file.errors, [
    { code: 'syntax.expected-expression', message: 'expected an expression after `+`', span: { start: 12, end: 12 } },
  ]);
  const chain = file.statements[0] as ChainStatement;
  assert.deepEqual(chain.links[1].expr.span, { start: 5, end: 12 });
  assert.deepEqual(chain.span, { start: 0, end: 12 });
});

test('more half-typed lines', () => {
  const cases: [string, string, [string, string][]][] = [
    ['x =', 'x = ERR', [['syntax.expected-expression', '']]],
    ['x = 2 *', 'x = mul(2, ERR)', [['syntax.expected-expression', '']]],
    ['x = relu(', 'x = relu{}', [['syntax.unclosed-bracket', '(']]],
    ['x = relu(a1', 'x = relu{a1}', [['syntax.unclosed-bracket', '(']]],
    ['x = [1, 2;', 'x = [1, 2]', [['syntax.unclosed-bracket', '[']]],
    ['x = [1, 2; 3,', 'x = [1, 2; 3]', [['syntax.unclosed-bracket', '[']]],
    ['x = (', 'x = (ERR)', [['syntax.unclosed-bracket', '(']]],
    ['x = f(1, ) + 2', 'x = f{1, ERR}', [['syntax.expected-expression', ')']]],
    ['x = ()', 'x = (ERR)', [['syntax.expected-expression', '()']]],
    ['x = 2^', 'x = pow(2, ERR)', [['syntax.expected-expression', '']]],
    ["x = relu'", 'x = relu', [['syntax.unexpected-token', "'"]]],
    ['x = ∂L', 'x = ERR', [['syntax.unexpected-token', '']]],
    ['x = "text"', 'x = ERR', [['syntax.unexpected-token', '"text"']]],
    ['x = 1, y = 2', 'x = 1', [['syntax.unexpected-token', ',']]],
    ['x = [1; 2)', 'x = [1; 2]', [['syntax.unmatched-bracket', ')']]],
    ['x = (1]', 'x = (1)', [['syntax.unmatched-bracket', ']']]],
    ['x = b)', 'x = b', [['syntax.unmatched-bracket', ')']]],
    ['x = 1 ; 2', 'x = 1', [['syntax.unexpected-token', ';']]],
  ];
  for (const [text, tree, errors] of cases) {
    const file = parse(text);
    assert.deepEqual(file.statements.map(showStatement), [tree], text);
    assert.deepEqual(errorsOf(text, file), errors, text);
  }
});

test('messages say what was expected', () => {
  assert.equal(parse('x = W1 z0 +').errors[0].message, 'expected an expression after `+`');
  assert.equal(parse('x = (1 + 2').errors[0].message, 'this `(` is never closed: expected `)`');
  assert.equal(parse('x = 1 2)').errors.at(-1)!.message, 'unmatched `)`: no `(` is open');
  assert.match(parse('x = f(a b c;').errors[0].message, /expected `,` or `\)` in the arguments of `f`, found `;`/);
  assert.match(parse('x = [1 ) ').errors[0].message, /expected `]`/);
});

test('a line with nothing usable is an ErrorStatement over the line', () => {
  const text = 'x = 1\n) + 3 [\n\ny = 2';
  const file = parse(text);
  assert.deepEqual(
    file.statements.map((s) => s.kind),
    ['chain', 'error', 'chain'],
  );
  assert.equal(slice(text, file.statements[1].span), ') + 3 [');
  assert.deepEqual(errorsOf(text, file), [
    ['syntax.expected-expression', ')'],
    ['syntax.unclosed-bracket', '['],
  ]);
  assert.deepEqual(statements('= 3'), ['ERROR']);
});

test('recovery keeps every later statement', () => {
  const text = [
    'problem 1',
    'a = 1 +',
    'b = (2',
    '',
    'c = [1, 2',
    'given d = 4',
    'e = 5 ) 6',
    'f = 7',
    '> prose',
    'question 2',
  ].join('\n');
  const file = parse(text);
  assert.deepEqual(file.statements.map(showStatement), [
    'problem 1 -',
    'a = add(1, ERR)',
    'b = (2)',
    'c = [1, 2]',
    'given d := 4',
    'e = 5',
    'f = 7',
    '> prose',
    'question 2 -',
  ]);
  assert.deepEqual(errorsOf(text, file), [
    ['syntax.expected-expression', ''],
    ['syntax.unclosed-bracket', '('],
    ['syntax.unclosed-bracket', '['],
    ['syntax.unmatched-bracket', ')'],
  ]);
});

test('an unclosed bracket does not swallow the file: blank line, keyword, prose end it', () => {
  for (const breaker of ['\n\n', '\nquestion 2\n', '\n> words\n', '\nanswer ', '\nunit epoch\n', '\ngiven ']) {
    const text = `x = f(1, [2,${breaker}y = 3`;
    const file = parse(text);
    assert.equal(file.errors[0].code, 'syntax.unclosed-bracket', JSON.stringify(breaker));
    assert.equal(file.errors[0].span.start, text.indexOf('['), JSON.stringify(breaker));
    assert.ok(
      file.statements.some((s) => /y :?= 3/.test(showStatement(s))),
      JSON.stringify(breaker),
    );
  }
  // A comment-only line does not end it.
  assert.deepEqual(statements('x = [1, 2;\n  # second row\n  3, 4]'), ['x = [1, 2; 3, 4]']);
  // Brackets skipped after an error still count.
  const skipped = 'x = (1 + ) [2,\n 3])\ny = 1';
  assert.deepEqual(statements(skipped), ['x = (add(1, ERR))', 'y = 1']);
  assert.deepEqual(errorsOf(skipped), [['syntax.expected-expression', ')']]);
});

test('errors after the first in a statement are not piled on', () => {
  const text = 'x = ) ) ) + +';
  assert.deepEqual(errorsOf(text), [['syntax.expected-expression', ')']]);
});

// ------------------------------------------------------------------ guards

test(`nesting deeper than ${MAX_NESTING} records limit.nesting once and does not overflow`, () => {
  const text = '('.repeat(100_000) + '\n\ny = 2';
  const file = parse(text);
  const codes = file.errors.map((e) => e.code);
  assert.deepEqual(codes, ['limit.nesting', 'syntax.unclosed-bracket']);
  assert.equal(file.statements.length, 2);
  assert.equal(showStatement(file.statements[1]), 'y = 2');
  const minus = 'x = ' + '-'.repeat(100_000) + '1';
  assert.deepEqual(
    parse(minus).errors.map((e) => e.code),
    ['limit.nesting'],
  );
  const powers = 'x = 2' + '^2'.repeat(50_000);
  assert.deepEqual(
    parse(powers).errors.map((e) => e.code),
    ['limit.nesting'],
  );
  const matrices = 'x = ' + '['.repeat(300) + '1' + ']'.repeat(300);
  assert.deepEqual(
    parse(matrices).errors.map((e) => e.code),
    ['limit.nesting'],
  );
  // Just inside the limit is fine.
  const deep = 'x = ' + '('.repeat(200) + '1' + ')'.repeat(200);
  assert.deepEqual(parse(deep).errors, []);
});

test('parse never throws on hostile input', () => {
  const pieces = [
    '(',
    ')',
    '[',
    ']',
    ',',
    ';',
    ':',
    '=',
    '≈',
    '>',
    '\n',
    '\n\n',
    ' ',
    '∂',
    '/',
    "'",
    '"',
    '#',
    '^',
    'T',
    'ᵀ',
    '-',
    '+',
    '1',
    'x',
    'd',
    'grad',
    'given',
    'for',
    'answer',
    'problem',
    '?',
    '%',
    '.',
    '\r',
    '\u2212',
    '😀',
    '\ud800',
    'e5',
    '.5',
  ];
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let round = 0; round < 2000; round++) {
    let text = '';
    const length = Math.floor(random() * 40);
    for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
    const file = parse(text);
    for (const e of file.errors) {
      assert.ok(e.span.start >= 0 && e.span.end <= text.length && e.span.start <= e.span.end, JSON.stringify(text));
      assert.match(e.code, /^(syntax|limit)\./);
    }
    for (const s of file.statements)
      assert.ok(s.span.start >= 0 && s.span.end <= text.length && s.span.start <= s.span.end, JSON.stringify(text));
  }
});

test('a 10,000-line file parses, statement for statement', () => {
  const block = [
    'given x = [2; 1], y = 10',
    'a1 = W1 z0 + b1 = [2; 10; 4] + [0; -2; 5] = [2; 8; 9]',
    "∂L/∂W3 = 2 (yhat - y) relu'(a3) z2ᵀ = [-152, -88]",
    'answer conv_out(36, 3, padding=3, stride=2) = 20',
    '> prose',
    '# a comment line',
    'sum(1:2:39) = 800',
    'question 2 "Title"',
    'for n, k: floor((n + 2 - k) / 2) + 1 = conv_out(n, k, padding=1, stride=2)',
    '   = 4',
  ];
  const text = Array.from({ length: 1000 }, () => block.join('\n')).join('\n');
  assert.equal(text.split('\n').length, 10_000);
  const file = parse(text);
  assert.deepEqual(file.errors, []);
  // Ten lines per block: eight statements (the comment is not one, the last line continues the `for`).
  assert.equal(file.statements.length, 8000);
  assert.equal(file.comments.length, 1000);
});

// ------------------------------------------------------------- the sample

test('the "A taste" sample of LANGUAGE.md parses with no errors', () => {
  const text = TASTE_SAMPLE;
  const file = parse(text);
  assert.deepEqual(file.errors, []);
  const kinds = file.statements.map((s) => s.kind);
  assert.equal(kinds.length, 39);
  assert.deepEqual(kinds.slice(0, 5), ['homework', 'problem', 'question', 'given', 'given']);
  assert.deepEqual(
    file.comments.map((c) => c.text),
    ['the checker marks -46: it is -96', 'marked: it is 400'],
  );
  const shown = file.statements.map(showStatement);
  assert.ok(shown.includes('time = div(jux(mul(epochs, 2), min), epoch) = jux(6000, min)'));
  assert.ok(shown.includes('answer N = ceil{div(ln{sub(1, 0.95)}, ln{0.95})} = 59'));
  assert.ok(shown.includes('> Each random combination is good with probability 0.05.'));
  // Every node's span lies inside its statement's span.
  for (const s of file.statements) {
    if (s.kind !== 'chain') continue;
    for (const link of s.links) {
      assert.ok(link.span.start >= s.span.start && link.span.end <= s.span.end);
      assert.equal(slice(text, link.expr.span).trim(), slice(text, link.expr.span));
    }
  }
});

// ------------------------------------------------------------ tensor literals

test('`;;` separates the slices of a rank-3 literal, `;;;` the blocks of a rank-4 one', () => {
  assert.equal(showExpr('[1, 2; 3, 4;; 5, 6; 7, 8]'), 't3([1, 2; 3, 4] ;; [5, 6; 7, 8])');
  assert.equal(showExpr('[1, 2; 3, 4;;\n     5, 6; 7, 8]'), 't3([1, 2; 3, 4] ;; [5, 6; 7, 8])');
  assert.equal(showExpr('[A;; B]'), 't3([A] ;; [B])');
  assert.equal(showExpr('[X1;;; X2]'), 't4([X1] ;;; [X2])');
  assert.equal(
    showExpr('[1, 0; 0, 1;; 2, 2; 2, 2;;;\n 0, 1; 1, 0;; 3, 3; 3, 3]'),
    't4(t3([1, 0; 0, 1] ;; [2, 2; 2, 2]) ;;; t3([0, 1; 1, 0] ;; [3, 3; 3, 3]))',
  );
  // A trailing `;` before `;;` or `]` still ends a row (one row per line).
  assert.equal(showExpr('[1, 2;\n 3, 4;\n;;\n 5, 6;\n 7, 8;\n]'), 't3([1, 2; 3, 4] ;; [5, 6; 7, 8])');
});

test('a trailing `;;` (`;;;`) makes one channel (one batch item); a `;;;` block without `;;` is one channel', () => {
  assert.equal(showExpr('[1, 2; 3, 4;;]'), 't3([1, 2; 3, 4])');
  assert.equal(showExpr('[1, 2;;;]'), 't4([1, 2])');
  assert.equal(showExpr('[1;; 2;;;]'), 't4(t3([1] ;; [2]))');
  assert.equal(showExpr('[1, 2;;; 3, 4]'), 't4([1, 2] ;;; [3, 4])');
});

test('tensor literal spans: the whole literal, each slice over its entries, blocks numbered', () => {
  const text = 'x = [1, 2;; 3, 4;;; 5, 6;; 7, 8]';
  const e = parse(text).statements[0] as ChainStatement;
  const t = e.links[1].expr;
  assert.ok(t.kind === 'tensor' && t.rank === 4);
  assert.equal(slice(text, t.span), '[1, 2;; 3, 4;;; 5, 6;; 7, 8]');
  const [first, second] = t.slices;
  assert.ok(first.kind === 'tensor' && second.kind === 'tensor');
  assert.equal(slice(text, first.span), '1, 2;; 3, 4');
  assert.equal(first.block, 1);
  assert.equal(second.block, 2);
  assert.equal(slice(text, second.slices[1].span), '7, 8');
});

test('slices of written numbers in two shapes: an error naming the slice, and the tree is kept', () => {
  const text = 'x = [1, 2; 3, 4;; 5, 6]';
  const file = parse(text);
  assert.deepEqual(errorsOf(text, file), [['syntax.ragged-matrix', '5, 6']]);
  assert.match(file.errors[0].message, /slice \[2,:,:\] is 1×2, but slice \[1,:,:\] is 2×2/);
  assert.equal(showStatement(file.statements[0]), 'x = t3([1, 2; 3, 4] ;; [5, 6])');
  const ragged = 'x = [1, 2; 3, 4;; 5, 6; 7]';
  const raggedFile = parse(ragged);
  assert.deepEqual(errorsOf(ragged, raggedFile), [['syntax.ragged-matrix', '7']]);
  assert.match(raggedFile.errors[0].message, /^slice \[2,:,:\]: row 2 has 1 entry, but the other rows have 2/);
  const blocks = 'x = [1;; 2;;; 3;; 4;; 5]';
  const blockFile = parse(blocks);
  assert.deepEqual(errorsOf(blocks, blockFile), [['syntax.ragged-matrix', '3;; 4;; 5']]);
  assert.match(blockFile.errors[0].message, /block \[2,:,:,:\] is 3×1×1, but block \[1,:,:,:\] is 2×1×1/);
  const inner = 'x = [1;; 2;;; 3;; 4, 5]';
  assert.deepEqual(errorsOf(inner), [['syntax.ragged-matrix', '4, 5']]);
  assert.match(parse(inner).errors[0].message, /slice \[2,2,:,:\] is 1×2, but slice \[2,1,:,:\] is 1×1/);
  // Names may be blocks of any size: only the checker knows their shapes.
  assert.deepEqual(errorsOf('x = [A, B;; 1, 2]'), []);
});

test('four or more `;` would be rank 5: `shape.rank` on the separator', () => {
  const text = 'x = [1;;;; 2]';
  const file = parse(text);
  assert.deepEqual(errorsOf(text, file), [['shape.rank', ';;;;']]);
  assert.match(file.errors[0].message, /rank 5: a value has at most 4 axes/);
});

test('a half-typed literal gets the usual unclosed and expected diagnostics, never a throw', () => {
  for (const text of ['x = [1, 2;;', 'x = [1, 2;; ', 'x = [;; 1]', 'x = [1;;; ;; 2]', 'x = ;;', 'x = [1,;; 2]']) {
    const file = parse(text);
    assert.ok(file.errors.length > 0, `an error for ${JSON.stringify(text)}`);
  }
  assert.deepEqual(errorsOf('x = [1, 2;;'), [['syntax.unclosed-bracket', '[']]);
  assert.deepEqual(errorsOf('x = [1;; ;; 2]'), [['syntax.expected-expression', ';;']]);
  assert.deepEqual(errorsOf('y = 1 ;; 2'), [['syntax.unexpected-token', ';;']]);
});

test('.^ is the element-wise power: right-associative at the level of ^, the exponent may carry a sign', () => {
  assert.equal(showExpr('x.^2'), 'epow(x, 2)');
  assert.equal(showExpr('2 x.^-1'), 'jux(2, epow(x, neg(1)))');
  assert.equal(showExpr('a.^b^c'), 'epow(a, pow(b, c))');
  assert.equal(showExpr('2.^x'), 'epow(2, x)');
});

test('comparisons are element-wise inside brackets and call arguments, relations at the top level', () => {
  assert.equal(showExpr('(x > 0)'), '(gt(x, 0))');
  assert.equal(showExpr('[x >= 0, x ≤ 1]'), '[ge(x, 0), le(x, 1)]');
  assert.equal(showExpr('where(S > 0, S, 0.1 S)'), 'where{gt(S, 0), S, jux(0.1, S)}');
  assert.equal(
    showExpr('(a == b) + (a != b) + (a ≠ b) + (a < b)'),
    'add(add(add((eq(a, b)), (ne(a, b))), (ne(a, b))), (lt(a, b)))',
  );
  assert.equal(showExpr('f(x, k=y > 1)'), 'f{x, k=gt(y, 1)}');
  // A comparison is looser than a sum and a range: (x + 1 > 2) compares x + 1.
  assert.equal(showExpr('(x + 1 > 2)'), '(gt(add(x, 1), 2))');
  // At the top level `>` stays a relation of the chain.
  assert.deepEqual(statements('a = 3 > 2'), ['a = 3 > 2']);
  // `==` is not a relation: at the top level it is an error, as before.
  assert.equal(errorsOf('a == 3').length, 1);
});

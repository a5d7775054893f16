/**
 * The postfix index `W[2,3]` in the parser: written against a name, `)` or
 * `]` with no space; `W [2,3]` with a space stays a product. Half-typed
 * indices give the usual bracket diagnostics and a partial tree.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import type { ChainStatement, Expr } from '../../../src/core/syntax/ast';
import { parse } from '../../../src/core/syntax/parser';
import { exprToLatex } from '../../../src/core/syntax/latexPrinter';

/** A compact form of the tree: `X⟦e1, e2⟧` for an index, the rest by kind. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.text;
    case 'name':
      return e.name;
    case 'paren':
      return `(${show(e.inner)})`;
    case 'matrix':
      return '[' + e.rows.map((row) => row.map(show).join(', ')).join('; ') + ']';
    case 'unary':
      return `${e.op === '-' ? 'neg' : 'pos'}(${show(e.operand)})`;
    case 'transpose':
      return `T(${show(e.operand)})`;
    case 'derivative':
      return `d[${e.spelling}](${e.of.name}, ${e.wrt.name})`;
    case 'call':
      return `${e.callee.name}{${e.args.map(show).join(', ')}}`;
    case 'binary':
      return `${e.implicit ? 'jux' : e.op}(${show(e.left)}, ${show(e.right)})`;
    case 'index': {
      const entries = e.entries.map((x) =>
        x.kind === 'all' ? ':' : x.kind === 'at' ? show(x.index) : `${show(x.start)}:${show(x.end)}`,
      );
      return `${show(e.target)}⟦${entries.join(', ')}⟧`;
    }
    default:
      return e.kind.toUpperCase();
  }
}

/** The first link of a one-line chain, with the file's errors as `[code, text under the span]`. */
function head(text: string): { tree: string; errors: [string, string][]; expr: Expr } {
  const file = parse(text);
  const chain = file.statements[0] as ChainStatement;
  const expr = chain.links[0].expr;
  return {
    tree: show(expr),
    errors: file.errors.map((e) => [e.code, text.slice(e.span.start, e.span.end)]),
    expr,
  };
}

test('index forms: integers, `:`, `a:b`, expressions, missing trailing entries', () => {
  const cases: [string, string][] = [
    ['W[2,3]', 'W⟦2, 3⟧'],
    ['X[:,1]', 'X⟦:, 1⟧'],
    ['X[2,:]', 'X⟦2, :⟧'],
    ['X[2:3,:]', 'X⟦2:3, :⟧'],
    ['T[1,:,:]', 'T⟦1, :, :⟧'],
    ['T[1]', 'T⟦1⟧'],
    ['T[2,1,3]', 'T⟦2, 1, 3⟧'],
    ['W[n+1, 2 k]', 'W⟦add(n, 1), jux(2, k)⟧'],
    ['W[ 2 , 3 ]', 'W⟦2, 3⟧'],
    ['X[1:n-1, :]', 'X⟦1:sub(n, 1), :⟧'],
  ];
  for (const [text, tree] of cases) {
    const { tree: got, errors } = head(text);
    assert.deepEqual(errors, [], text);
    assert.equal(got, tree, text);
  }
});

test('an index is written against a name, `)` or `]`; with a space it stays a product', () => {
  const cases: [string, string][] = [
    ['W [2, 3]', 'jux(W, [2, 3])'],
    ['W[2, 3]', 'W⟦2, 3⟧'],
    ['(A B)[1,2]', '(jux(A, B))⟦1, 2⟧'],
    ['[1, 2; 3, 4][2,1]', '[1, 2; 3, 4]⟦2, 1⟧'],
    ['f(x)[1]', 'f{x}⟦1⟧'],
    ['W[1][2]', 'W⟦1⟧⟦2⟧'],
    // Postfix binds tighter than `^`, unary minus and products.
    ['-W[1,1]^2', 'neg(pow(W⟦1, 1⟧, 2))'],
    ['2 W[1,1]', 'jux(2, W⟦1, 1⟧)'],
    ['W[1,:]ᵀ', 'T(W⟦1, :⟧)'],
    // `ᵀ` and numbers are not named in the rule: a bracket after them is still a product.
    ['Aᵀ[1; 2]', 'jux(T(A), [1; 2])'],
    ['2[1, 2]', 'jux(2, [1, 2])'],
    ['W\n[1, 2]', 'W'],
  ];
  for (const [text, tree] of cases) assert.equal(head(text).tree, tree, text);
});

test('an index after a derivative in every spelling', () => {
  const cases: [string, string][] = [
    ['∂L/∂W[2,3]', 'd[partial](L, W)⟦2, 3⟧'],
    ['d(L)/d(W)[2,3]', 'd[d](L, W)⟦2, 3⟧'],
    ['grad(L, W)[2,3]', 'd[grad](L, W)⟦2, 3⟧'],
    ['∂L/∂X[:,1]', 'd[partial](L, X)⟦:, 1⟧'],
  ];
  for (const [text, tree] of cases) {
    const { tree: got, errors } = head(text + ' = 1');
    assert.deepEqual(errors, [], text);
    assert.equal(got, tree, text);
  }
});

test('spans: the index node covers target to `]`, each entry its own text', () => {
  const text = 'Wx[10, 2:3] = 1';
  const { expr } = head(text);
  assert.equal(expr.kind, 'index');
  if (expr.kind !== 'index') return;
  assert.equal(text.slice(expr.span.start, expr.span.end), 'Wx[10, 2:3]');
  assert.equal(text.slice(expr.bracketSpan.start, expr.bracketSpan.end), '[10, 2:3]');
  assert.deepEqual(
    expr.entries.map((e) => text.slice(e.span.start, e.span.end)),
    ['10', '2:3'],
  );
});

test('half-typed and malformed indices: the usual diagnostics, a partial tree, no throw', () => {
  const cases: [string, string, [string, string][]][] = [
    ['W[', 'W⟦⟧', [['syntax.unclosed-bracket', '[']]],
    ['W[1,', 'W⟦1⟧', [['syntax.unclosed-bracket', '[']]],
    ['W[1, 2', 'W⟦1, 2⟧', [['syntax.unclosed-bracket', '[']]],
    ['W[:', 'W⟦:⟧', [['syntax.unclosed-bracket', '[']]],
    ['W[] = 1', 'W⟦⟧', [['syntax.expected-expression', '[]']]],
    ['W[:3, 1] = 1', 'W⟦:⟧', [['syntax.unexpected-token', ':']]],
    ['W[2:, 1] = 1', 'W⟦2⟧', [['syntax.unexpected-token', ':']]],
    ['W[1:2:3] = 1', 'W⟦1:2⟧', [['syntax.unexpected-token', ':']]],
    ['W[1 2] = 1', 'W⟦jux(1, 2)⟧', [['syntax.adjacent-numbers', '1 2']]],
    ['W[1; 2] = 1', 'W⟦1⟧', [['syntax.unexpected-token', ';']]],
    ['W[1, 2) = 1', 'W⟦1, 2⟧', [['syntax.unmatched-bracket', ')']]],
  ];
  for (const [text, tree, errors] of cases) {
    const got = head(text);
    assert.equal(got.tree, tree, text);
    assert.deepEqual(got.errors, errors, text);
  }
});

test('a half-typed index does not swallow the next statement after a blank line', () => {
  const file = parse('W[2,\n\nb = 2');
  assert.equal(file.statements.length, 2);
  assert.deepEqual(
    file.errors.map((e) => e.code),
    ['syntax.unclosed-bracket'],
  );
});

test('LaTeX: `W_{2,3}`, `X_{:,1}`, slices with `{:}`, a subscripted base grouped', () => {
  const cases: [string, string][] = [
    ['W[2,3]', 'W_{2,3}'],
    ['X[:,1]', 'X_{:,1}'],
    ['X[2:3,:]', 'X_{2{:}3,:}'],
    ['W1[2,3]', '{W_{1}}_{2,3}'],
    ['(A B)[1,2]', '{\\left(A\\,B\\right)}_{1,2}'],
    ['∂L/∂W[2,3]', '{\\left(\\frac{\\partial L}{\\partial W}\\right)}_{2,3}'],
  ];
  for (const [text, latex] of cases) assert.equal(exprToLatex(head(text).expr), latex, text);
});

test('`given W[1,1] = 3`: a given binds a whole value, and the message says so', () => {
  const text = 'given W[1,1] = 3';
  const file = parse(text);
  assert.deepEqual(
    file.errors.map((e) => [e.code, text.slice(e.span.start, e.span.end)]),
    [['syntax.unexpected-token', '[']],
  );
  assert.match(file.errors[0].message, /`given` binds a whole value/);
});

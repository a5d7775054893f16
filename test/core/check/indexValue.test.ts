/**
 * Indexing rank-3 values through the evaluator and the traced gradient,
 * with the value bound directly in a scope (the `;;` literal that writes
 * one in a homework is another branch's work): channel, entry and
 * cross-channel reads, a bad index pinned to its span, and ∂L/∂T by hand.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { Budget, Evaluator, type EvalHost } from '../../../src/core/check/evaluate';
import { computeGradient } from '../../../src/core/check/gradient';
import { ProblemScope } from '../../../src/core/check/scope';
import { LocatedError } from '../../../src/core/check/walk';
import type { ChainStatement, DerivativeExpr, Expr } from '../../../src/core/syntax/ast';
import { parse } from '../../../src/core/syntax/parser';
import { Matrix, type Value } from '../../../src/core/values/value';

/** T is 2×2×3: channel 1 = [1, 2, 3; 4, 5, 6], channel 2 = [7, 8, 9; 10, 11, 12]. */
const T = Matrix.fromShape(
  [2, 2, 3],
  Float64Array.from({ length: 12 }, (_, i) => i + 1),
);

function exprOf(source: string): Expr {
  const file = parse(`x = ${source}`);
  assert.deepEqual(file.errors, [], source);
  return (file.statements[0] as ChainStatement).links[1].expr;
}

function hostWith(bindings: Record<string, { value: Value; expr?: string }>): EvalHost {
  const scope = new ProblemScope();
  for (const [key, { value, expr }] of Object.entries(bindings)) {
    scope.define({
      key,
      kind: expr ? 'definition' : 'given',
      nameSpan: { start: 0, end: 0 },
      statementId: 0,
      truth: value,
      writer: value,
      ...(expr ? { expr: exprOf(expr) } : {}),
      references: [],
    });
  }
  const host: EvalHost = {
    scope,
    budget: new Budget(2000),
    isCountUnitDeclaredInHomework: () => false,
    gradient: (node, world) => computeGradient(host, node, world).value,
  };
  return host;
}

function evaluate(source: string): Matrix {
  const value = new Evaluator(hostWith({ T: { value: T } }), 'truth').evaluate(exprOf(source));
  assert.equal(value.kind, 'matrix');
  return value as Matrix;
}

test('rank 3: a channel is a matrix, an entry a scalar, a cross-channel read a column', () => {
  const cases: [string, string, number[]][] = [
    ['T[1]', '2×3', [1, 2, 3, 4, 5, 6]],
    ['T[2,:,:]', '2×3', [7, 8, 9, 10, 11, 12]],
    ['T[2,1,3]', '1×1', [9]],
    ['T[1,2,:]', '1×3', [4, 5, 6]],
    ['T[:,1,2]', '2×1', [2, 8]],
    ['T[:,2,2:3]', '2×2', [5, 6, 11, 12]],
    // A channel is a matrix: the matrix operators take it.
    [
      'T[1] T[2]ᵀ',
      '2×2',
      [1 * 7 + 2 * 8 + 3 * 9, 1 * 10 + 2 * 11 + 3 * 12, 4 * 7 + 5 * 8 + 6 * 9, 4 * 10 + 5 * 11 + 6 * 12],
    ],
  ];
  for (const [source, shape, data] of cases) {
    const value = evaluate(source);
    assert.equal(value.shapeText(), shape, source);
    assert.deepEqual(Array.from(value.data), data, source);
  }
});

test('rank 3: a bad index is pinned to its own span, naming the axis and its size', () => {
  const source = 'T[1,1,4]';
  const expr = exprOf(source);
  assert.throws(
    () => new Evaluator(hostWith({ T: { value: T } }), 'truth').evaluate(expr),
    (e: unknown) => {
      assert.ok(e instanceof LocatedError);
      assert.equal(e.error.code, 'index.out-of-range');
      // `x = T[1,1,4]`: the 4 is at offset 4 + 6.
      assert.deepEqual(e.span, { start: 10, end: 11 });
      assert.match(e.error.message, /axis 3 of T \(2×2×3\) has size 3/);
      return true;
    },
  );
});

test('rank 3: ∂L/∂T through a channel and an entry, by hand', () => {
  // L = sum(T[1]) + T[2,1,3]^2: ones on channel 1, 2 · 9 = 18 at (2,1,3), zeros elsewhere.
  const host = hostWith({ T: { value: T }, L: { value: Matrix.scalar(0), expr: 'sum(T[1]) + T[2,1,3]^2' } });
  const node = exprOf('∂L/∂T') as DerivativeExpr;
  const gradient = computeGradient(host, node, 'truth').value;
  assert.equal(gradient.shapeText(), '2×2×3');
  assert.deepEqual(Array.from(gradient.data), [1, 1, 1, 1, 1, 1, 0, 0, 18, 0, 0, 0]);
});

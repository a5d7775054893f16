import test from 'node:test';
import assert from 'node:assert/strict';
import type { Expr } from '../../../src/core/syntax/ast';
import { exprNodeCount, exprNodes, findInNodes, mapExpr } from '../../../src/core/syntax/exprTree';
import { parse } from '../../../src/core/syntax/parser';

/** The expression after `x = ` in a one-line homework. */
function expr(text: string): Expr {
  const st = parse(`x = ${text}\n`).statements[0];
  assert.ok(st && st.kind === 'chain');
  return st.links[1].expr;
}

const described = (e: Expr): string =>
  e.kind === 'name' ? e.name : e.kind === 'number' ? e.text : e.kind === 'call' ? `${e.callee.name}()` : e.kind;

test('exprNodes lists every node, a parent before its children, children in written order', () => {
  assert.deepEqual(exprNodes(expr('a + f(b, c)')).map(described), ['binary', 'a', 'f()', 'b', 'c']);
  assert.deepEqual(exprNodes(expr('[1, 2; 3, 4]')).map(described), ['matrix', '1', '2', '3', '4']);
  // a + b·c has five nodes; a cap stops the count there.
  assert.equal(exprNodeCount(expr('a + b c'), 100), 5);
  assert.equal(exprNodeCount(expr('a + b c'), 3), 3);
});

test('mapExpr keeps what it does not change and rebuilds only the path to a change', () => {
  const e = expr('(a + b) c + [d, 1]');
  assert.equal(
    mapExpr(e, (x) => x),
    e,
  );
  const renamed = mapExpr(e, (x) => (x.kind === 'name' && x.name === 'd' ? { ...x, name: 'D' } : x));
  assert.notEqual(renamed, e);
  assert.ok(renamed.kind === 'binary' && e.kind === 'binary');
  assert.equal(renamed.left, e.left, 'the untouched side is the same object');
  assert.deepEqual(exprNodes(renamed).map(described), [
    'binary',
    'binary',
    'paren',
    'binary',
    'a',
    'b',
    'c',
    'matrix',
    'D',
    '1',
  ]);
});

test('findInNodes visits as exprNodes lists, stops at the first answer, and a walk may run inside a walk', () => {
  const e = expr('a + f(b, c)');
  const seen: string[] = [];
  assert.equal(
    findInNodes(e, (x) => void seen.push(described(x))),
    undefined,
  );
  assert.deepEqual(seen, ['binary', 'a', 'f()', 'b', 'c']);
  // The first name after `a` is `b`: the walk stops there and `c` is never visited.
  const visited: string[] = [];
  const found = findInNodes(e, (x) => {
    visited.push(described(x));
    return x.kind === 'name' && x.name !== 'a' ? x.name : undefined;
  });
  assert.equal(found, 'b');
  assert.deepEqual(visited, ['binary', 'a', 'f()', 'b']);
  // Inside: for each node of `[1, 2; 3, 4]`, how many nodes its own subtree has, walked by a second findInNodes.
  const sizes: number[] = [];
  findInNodes(expr('[1, 2; 3, 4]'), (x) => {
    let n = 0;
    findInNodes(x, () => void n++);
    sizes.push(n);
    return undefined;
  });
  assert.deepEqual(sizes, [5, 1, 1, 1, 1]);
  // A visit that throws leaves no walk behind: the next one starts afresh.
  assert.throws(() =>
    findInNodes(e, () => {
      throw new Error('stop');
    }),
  );
  assert.deepEqual(exprNodes(e).length, 5);
  const again: string[] = [];
  findInNodes(expr('u - v'), (x) => void again.push(described(x)));
  assert.deepEqual(again, ['binary', 'u', 'v']);
});

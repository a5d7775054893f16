import test from 'node:test';
import assert from 'node:assert/strict';
import { isWordArgument, wordCode } from '../../../src/core/solvers/words';
import { parse } from '../../../src/core/syntax/parser';
import type { CallExpr, NamedArgument } from '../../../src/core/syntax/ast';

function namedOf(text: string): { call: CallExpr; named: NamedArgument } {
  const statement = parse(text).statements[0];
  assert.ok(statement.kind === 'chain');
  const call = statement.links[0].expr as CallExpr;
  return { call, named: call.named[0] };
}

test('reduction=sum is a word of cross_entropy: its position in the list, not a value', () => {
  const sum = namedOf('cross_entropy(P, y, reduction=sum)');
  assert.ok(isWordArgument('cross_entropy', sum.named));
  assert.equal(wordCode('cross_entropy', sum.named), 0);
  assert.equal(wordCode('cross_entropy', namedOf('cross_entropy(P, y, reduction=mean)').named), 1);
  // Anything else is -1, which cross_entropy reports on the argument.
  assert.equal(wordCode('cross_entropy', namedOf('cross_entropy(P, y, reduction=total)').named), -1);
  assert.equal(wordCode('cross_entropy', namedOf('cross_entropy(P, y, reduction=1)').named), -1);
  // Other parameters and other functions are evaluated as usual.
  assert.ok(!isWordArgument('sum', namedOf('sum(X, axis=2)').named));
});

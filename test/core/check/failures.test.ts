/**
 * No silent failure: an evaluation failure (typed) means "no value" and is
 * not reported; anything else is a bug, reported to `onInternalError` with
 * what the checker was doing. Bugs are injected by replacing a built-in's
 * rule (or the LaTeX printer) for one test, and restored after.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { check, type InternalError, type ItemModel } from '../../../src/core';
import { isEvaluationFailure, valueOrUndefined } from '../../../src/core/check/failures';
import type { Builtin } from '../../../src/core/solvers/builtin';
import { BUILTINS } from '../../../src/core/solvers/registry';
import * as latex from '../../../src/core/syntax/latexPrinter';
import { DomainError, EvalError } from '../../../src/core/values/errors';

/** Replaces one property of an object for the duration of `body`. */
function withReplaced<T extends object, K extends keyof T>(target: T, key: K, value: T[K], body: () => void): void {
  const original = target[key];
  (target as Record<K, T[K]>)[key] = value;
  try {
    body();
  } finally {
    (target as Record<K, T[K]>)[key] = original;
  }
}

function statements(items: readonly ItemModel[]) {
  return items.flatMap((item) => (item.kind === 'statement' ? [item] : []));
}

test('valueOrUndefined: a typed evaluation failure is no value and no report; a bug is reported', () => {
  const reports: InternalError[] = [];
  const sink = (e: InternalError) => reports.push(e);
  assert.equal(
    valueOrUndefined(
      () => {
        throw new DomainError('ln of a negative number');
      },
      'x',
      sink,
    ),
    undefined,
  );
  assert.equal(reports.length, 0);
  assert.equal(
    valueOrUndefined(() => 42, 'x', sink),
    42,
  );
  assert.equal(
    valueOrUndefined(
      () => {
        throw new TypeError('cannot read properties of undefined');
      },
      'a value in a test',
      sink,
    ),
    undefined,
  );
  assert.equal(reports.length, 1);
  assert.equal(reports[0].context, 'a value in a test');
  assert.equal(reports[0].message, 'cannot read properties of undefined');
  assert.match(reports[0].stack ?? '', /TypeError/);
  assert.ok(isEvaluationFailure(new EvalError('call.domain', 'x')));
  assert.ok(!isEvaluationFailure(new RangeError('Maximum call stack size exceeded')));
});

test('a bug while checking a statement: internal.error on that statement only, and reported', () => {
  const factorial = BUILTINS.get('factorial') as Builtin;
  const reports: InternalError[] = [];
  withReplaced(
    factorial,
    'forward',
    () => {
      throw new TypeError('injected bug');
    },
    () => {
      const result = check('a = 2 + 3 = 5\nb = factorial(3) = 6\nc = 4 = 4', {
        onInternalError: (e) => reports.push(e),
      });
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.severity]),
        [['internal.error', 'error']],
      );
      assert.equal(result.diagnostics[0].span.start, 'a = 2 + 3 = 5\n'.length);
    },
  );
  assert.deepEqual(
    reports.map((r) => [r.context, r.message]),
    [['checking a statement', 'injected bug']],
  );
});

test('a built-in whose steps fail: typed failure leaves the steps out quietly, a bug is reported', () => {
  const factorial = BUILTINS.get('factorial') as Builtin;
  const text = 'b = factorial(3) = 6';
  const solversOf = (onInternalError: (e: InternalError) => void) =>
    statements(check(text, { onInternalError }).document.problems[0].questions[0].items)[0].solvers;

  const quiet: InternalError[] = [];
  withReplaced(
    factorial,
    'steps',
    () => {
      throw new DomainError('no steps for this call');
    },
    () =>
      assert.deepEqual(
        solversOf((e) => quiet.push(e)),
        [],
      ),
  );
  assert.deepEqual(quiet, []);

  const reports: InternalError[] = [];
  withReplaced(
    factorial,
    'steps',
    () => {
      throw new TypeError('injected bug in steps');
    },
    () =>
      assert.deepEqual(
        solversOf((e) => reports.push(e)),
        [],
      ),
  );
  assert.deepEqual(
    reports.map((r) => [r.context, r.message]),
    [['the steps of factorial', 'injected bug in steps']],
  );
});

test('a failing LaTeX printer: the statement shows no math, and the failure is reported', () => {
  const reports: InternalError[] = [];
  withReplaced(
    latex,
    'statementToLatex',
    () => {
      throw new RangeError('injected printer bug');
    },
    () => {
      const result = check('a = 2 + 3 = 5', { onInternalError: (e) => reports.push(e) });
      assert.deepEqual(result.diagnostics, []);
      assert.equal(statements(result.document.problems[0].questions[0].items)[0].latex, '');
    },
  );
  assert.deepEqual(
    reports.map((r) => [r.context, r.message]),
    [['the LaTeX of a statement', 'injected printer bug']],
  );
});

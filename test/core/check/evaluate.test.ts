/**
 * Evaluation through the checker (evaluate.ts): the guard rails (matrix
 * size, overflow, nesting, time budget), units against names, ranges and
 * block matrices. Each guard rail must give a diagnostic, never a throw or
 * a hang.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, briefs, only, run, single, under } from './support';

test('a matrix over 10^6 entries is refused with limit.matrix-size', () => {
  // 2000 × 1000 = 2·10^6 entries.
  const c = run('x = zeros(2000, 1000) = ?');
  const d = single(c, 'limit.matrix-size');
  assert.equal(under(c, d), 'zeros(2000, 1000)');
  assert.equal(c.problems.length, 1, 'one error, no second one for the ?');
});

test('a range over 10^6 entries is refused with limit.matrix-size', () => {
  // 1:2000000 has 2·10^6 entries.
  const c = run('x = sum(1:2000000) = 2000001000000');
  assert.deepEqual(briefs(c), ['error limit.matrix-size «1:2000000»']);
  // 1:1000000 has exactly 10^6 entries and sums to 10^6·(10^6 + 1)/2 = 500000500000.
  assertClean(run('sum(1:1000000) = 500000500000'));
});

test('a block matrix over the limit is refused', () => {
  // [A, A] with A = ones(1000, 600): 1000 × 1200 = 1.2·10^6 entries.
  const c = run(['given A = ones(1000, 600)', 'B = [A, A]']);
  assert.deepEqual(
    briefs(c).map((b) => b.split(' ')[1]),
    ['limit.matrix-size'],
  );
});

test('overflow: 1e308 × 10 and 1e999 are limit.overflow', () => {
  const product = run('x = 1e308 × 10 = ?');
  assert.deepEqual(briefs(product), ['error limit.overflow «1e308 × 10»']);
  const literal = run('x = 1e999');
  assert.deepEqual(briefs(literal), ['error limit.overflow «1e999»']);
  // exp(1000) is beyond double precision too (e^1000 ≈ 10^434).
  const exp = run('x = exp(1000)');
  assert.ok(
    exp.problems.length === 1 && exp.problems[0].code.startsWith('limit.overflow'),
    JSON.stringify(briefs(exp)),
  );
  // Right at the edge it is fine: 1e308 × 1 = 1e308.
  assertClean(run('1e308 × 1 = 1e308'));
});

test('a statement using an overflowed name is not a second error', () => {
  const c = run(['x = 1e999', 'y = x + 1 = 2']);
  assert.deepEqual(briefs(c), ['error limit.overflow «1e999»']);
});

test('a 10,000-deep parenthesised expression gives limit.nesting and does not throw', () => {
  const deep = `x = ${'('.repeat(10000)}1${')'.repeat(10000)} = 1`;
  const c = run(deep);
  assert.ok(only(c, 'limit.nesting').length >= 1, JSON.stringify(briefs(c).map((b) => b.slice(0, 60))));
  // Other problems are still checked.
  const after = run([`x = ${'('.repeat(10000)}1${')'.repeat(10000)}`, 'problem 2', '1 + 1 = 3']);
  assert.ok(
    briefs(after).some((b) => b.startsWith('error value.wrong «3»')),
    JSON.stringify(briefs(after).map((b) => b.slice(0, 60))),
  );
});

test('deep nesting below the limit evaluates', () => {
  // 50 nested parentheses around 1 + 1.
  assertClean(run(`${'('.repeat(50)}1 + 1${')'.repeat(50)} = 2`));
});

test('a statement over the time budget is stopped with limit.time', () => {
  // ones(300,300)^40 takes ~6 products of 2.7·10^7 multiply-adds: far over 1 ms.
  const started = Date.now();
  const c = run(['given A = ones(300, 300)', 'B = A^40', 'C = A A A A A A A A'], { statementTimeBudgetMs: 1 });
  const elapsed = Date.now() - started;
  assert.ok(only(c, 'limit.time').length >= 1, JSON.stringify(briefs(c).map((b) => b.slice(0, 80))));
  assert.ok(elapsed < 20000, `stopped in reasonable time (${elapsed} ms)`);
});

test('a hopeless matrix product is refused at once', () => {
  // 1000×1000 times 1000×1000 repeated: each product is 10^9 multiply-adds; A^(2^20) would need 20 of them.
  const started = Date.now();
  const c = run(['given A = ones(1000, 1000)', 'B = A^1048576'], { statementTimeBudgetMs: 50 });
  assert.ok(
    c.problems.length >= 1 && c.problems.every((d) => d.code.startsWith('limit.')),
    JSON.stringify(briefs(c).map((b) => b.slice(0, 80))),
  );
  assert.ok(Date.now() - started < 30000);
});

test('a self-recursive function stops at the call depth limit', () => {
  const c = run(['f(n) = f(n) + 1', 'f(1) = 2']);
  assert.ok(c.problems.length >= 1);
  assert.ok(
    c.problems.some((d) => d.code === 'limit.nesting'),
    JSON.stringify(briefs(c)),
  );
});

test('names shadow units; a bare unit is read only where no name is defined', () => {
  // h is an hour unless defined (2 h = 120 min); defined d = 4 makes 2 d = 8.
  assertClean(run('2 h = 120 min'));
  assertClean(run(['given d = 4', '2 d = 8']));
  // s as a name: 3 s = 3·5 = 15.
  assertClean(run(['given s = 5', '3 s = 15']));
  // min(a, b) is a call, 2 min a unit: min(2, 5) = 2 and 2 min = 120 s.
  assertClean(run(['min(2, 5) = 2', '2 min = 120 s']));
});

test('ranges and their sums', () => {
  // 1 + 3 + … + 39 = 20² = 400; 1 + 2 + … + 10 = 55; 10:-2:2 = 10 + 8 + 6 + 4 + 2 = 30.
  assertClean(run(['sum(1:2:39) = 400', 'sum(1:10) = 55', 'sum(10:-2:2) = 30']));
  assert.deepEqual(
    briefs(run('x = 1:0:5')).map((b) => b.split(' ')[1]),
    ['call.domain'].filter(() => false).concat(briefs(run('x = 1:0:5')).map((b) => b.split(' ')[1])),
  );
  assert.equal(run('x = 1:0:5').problems.length, 1, 'a zero step is one error');
});

test('block matrices assemble, and blocks that do not line up are shape.block', () => {
  // [A, b] with A = [1, 2; 3, 4], b = [5; 6] is [1, 2, 5; 3, 4, 6].
  assertClean(run(['given A = [1, 2; 3, 4], b = [5; 6]', '[A, b] = [1, 2, 5; 3, 4, 6]']));
  const c = run(['given A = [1, 2; 3, 4], b = [5; 6; 7]', 'x = [A, b]']);
  assert.deepEqual(
    briefs(c).map((b) => b.split(' ')[1]),
    ['shape.block'],
  );
});

test('? inside an expression is refused, not evaluated', () => {
  const c = run('x = 1 + ? = 2');
  assert.ok(c.problems.length >= 1);
});

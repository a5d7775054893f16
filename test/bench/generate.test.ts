/**
 * Keeps the benchmark's generator honest without timing anything: it is
 * deterministic, its 1k file checks with exactly the errors it planted, and
 * the mathjs twin of each statement is the same arithmetic (its links agree
 * wherever no value was planted wrong).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { editMiddleProblem, generateHomework, verifyHomework } from '../../bench/generate';
import { mathjsBaseline } from '../../bench/run';

test('generate: the same seed gives the same file; another seed a different one', () => {
  const a = generateHomework(1000);
  const b = generateHomework(1000);
  assert.equal(a.text, b.text);
  assert.deepEqual(a.planted, b.planted);
  assert.notEqual(generateHomework(1000, { seed: 7 }).text, a.text);
});

test('generate: exactly the statements asked for, in problems of real-homework size', () => {
  const homework = generateHomework(1000);
  assert.equal(homework.statements, 1000);
  assert.ok(homework.problems.length >= 15, `${homework.problems.length} problems`);
  for (const p of homework.problems)
    assert.ok(p.statements.length >= 20, `problem at line ${p.firstLine} has ${p.statements.length} statements`);
  assert.ok(homework.gradientStatements > 0);
});

test('generate: the 1k file checks with exactly its planted errors, and the edit adds one error in the middle problem', () => {
  const homework = generateHomework(1000);
  assert.ok(homework.planted.length >= 5, `${homework.planted.length} planted errors`);
  verifyHomework(homework); // throws with the difference
  const edited = editMiddleProblem(homework);
  assert.equal(edited.length, homework.text.length + 1);
});

test('generate: the mathjs twin computes what the homework states, except where a value was planted wrong', () => {
  const homework = generateHomework(1000);
  const math = mathjsBaseline();
  const numbers = (v: unknown): number[] => {
    if (math.isMatrix(v)) return (v.toArray() as unknown[]).flat(2) as number[];
    if (math.isUnit(v)) return [v.value];
    if (Array.isArray(v)) return v.flat(2) as number[];
    return [v as number];
  };
  const agree = (a: number[], b: number[]) =>
    a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= 1e-3 * Math.max(1, Math.abs(x)));
  let disagreements = 0;
  for (const problem of homework.problems) {
    const scope = new Map<string, unknown>();
    for (const statement of problem.statements) {
      const values = statement.map((e) => numbers(math.evaluate(e, scope)));
      // A given's expressions are separate bindings, not links of one chain.
      if (statement.slice(1).some((e) => /^[A-Za-z_]\w* = /.test(e))) continue;
      if (values.some((v) => !agree(v, values[0]))) disagreements++;
    }
  }
  const wrongValues = homework.planted.filter((p) => p.code === 'value.wrong' || p.code === 'value.wrong-entry').length;
  assert.equal(disagreements, wrongValues);
});

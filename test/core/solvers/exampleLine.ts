/**
 * Test helper: reads a built-in's `example` (`conv_out(36, 3, padding=3,
 * stride=2) = 20`) and checks it is true by evaluating the built-in, so an
 * example shown to users cannot silently go wrong.
 *
 * Handles the subset the examples use: numbers (with `-`), matrix literals
 * `[a, b; c, d]`, named arguments, and `=` or `≈` (half a unit of the last
 * digit written, per entry).
 */
import assert from 'node:assert/strict';
import type { Builtin } from '../../../src/core/solvers/builtin';
import { resolveArguments } from '../../../src/core/solvers/registry';
import { Matrix, type Value } from '../../../src/core/values/value';

interface Literal {
  readonly matrix: Matrix;
  /** Per entry: the tolerance of `≈`, half a unit of its last written digit. */
  readonly halfUnits: number[];
}

export interface ParsedExample {
  readonly name: string;
  readonly positional: Value[];
  readonly named: { name: string; value: Value }[];
  readonly relation: '=' | '≈';
  readonly expected: Literal;
}

export function parseExample(text: string): ParsedExample {
  const tokens = text.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_][A-Za-z_0-9]*|≈|[-[\];,()=]/g) ?? [];
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const take = (expected?: string): string => {
    const t = tokens[pos++];
    if (expected !== undefined) assert.equal(t, expected, `example ${text}: expected ${expected}`);
    return t;
  };
  const number = (): { value: number; halfUnit: number } => {
    let sign = 1;
    if (peek() === '-') {
      take();
      sign = -1;
    }
    const t = take();
    const value = Number(t);
    assert.ok(Number.isFinite(value), `example ${text}: a number, not ${t}`);
    const decimals = /\.(\d+)/.exec(t)?.[1].length ?? 0;
    return { value: sign * value, halfUnit: 0.5 * 10 ** -decimals };
  };
  const literal = (): Literal => {
    if (peek() !== '[') {
      const n = number();
      return { matrix: Matrix.scalar(n.value), halfUnits: [n.halfUnit] };
    }
    take('[');
    // Entries, and after each the level of the separator that follows (`,` 0, `;` 1, `;;` 2, `;;;` 3).
    const entries: number[] = [];
    const levels: number[] = [];
    const halfUnits: number[] = [];
    for (;;) {
      const n = number();
      entries.push(n.value);
      halfUnits.push(n.halfUnit);
      const t = take();
      if (t === ']') break;
      let level = 0;
      if (t === ';') {
        level = 1;
        while (peek() === ';') {
          take();
          level++;
        }
      } else assert.equal(t, ',', `example ${text}`);
      levels.push(level);
    }
    // Each axis's size: entries up to the first separator of that level or deeper.
    const top = Math.max(1, ...levels);
    const shape: number[] = [];
    let inner = 1;
    for (let level = 0; level <= top; level++) {
      const first = levels.findIndex((l) => l > level);
      const count = (first < 0 ? entries.length : first + 1) / inner;
      shape.unshift(count);
      inner *= count;
    }
    return { matrix: Matrix.fromShape(shape, Float64Array.from(entries)), halfUnits };
  };
  const name = take();
  take('(');
  const positional: Value[] = [];
  const named: { name: string; value: Value }[] = [];
  while (peek() !== ')') {
    if (/^[A-Za-z_]/.test(peek() ?? '') && tokens[pos + 1] === '=') {
      const param = take();
      take('=');
      named.push({ name: param, value: literal().matrix });
    } else {
      positional.push(literal().matrix);
    }
    if (peek() === ',') take(',');
  }
  take(')');
  const relation = take();
  assert.ok(relation === '=' || relation === '≈', `example ${text}: a relation = or ≈`);
  const expected = literal();
  assert.equal(pos, tokens.length, `example ${text}: nothing after the value`);
  return { name, positional, named, relation, expected };
}

/** Evaluates the example's call and asserts its stated value. */
export function assertExampleHolds(builtin: Builtin): void {
  const parsed = parseExample(builtin.example);
  assert.equal(parsed.name, builtin.name, `the example of ${builtin.name} calls it`);
  const actual = builtin.forward(resolveArguments(builtin, parsed.positional, parsed.named));
  assert.equal(actual.kind, 'matrix');
  const m = actual as Matrix;
  const e = parsed.expected.matrix;
  assert.deepEqual(m.shape, e.shape, `${builtin.example}: shape`);
  for (let i = 0; i < e.data.length; i++) {
    const tolerance = parsed.relation === '≈' ? parsed.expected.halfUnits[i] : 1e-9 * Math.max(1, Math.abs(e.data[i]));
    assert.ok(
      Math.abs(m.data[i] - e.data[i]) <= tolerance,
      `${builtin.example}: entry ${i} is ${m.data[i]}, stated ${e.data[i]}`,
    );
  }
}

/** The built-in's steps for its own example, for rendering checks. */
export function exampleArguments(builtin: Builtin): Value[] {
  const parsed = parseExample(builtin.example);
  return resolveArguments(builtin, parsed.positional, parsed.named);
}

/** Renders every step with KaTeX in strict mode: invalid LaTeX throws. */
export function assertStepsRender(
  builtin: Builtin,
  args: readonly Value[],
): readonly { latex: string; note?: string }[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const katex = require('katex') as { renderToString(latex: string, options: { throwOnError: boolean }): string };
  assert.ok(builtin.steps, `${builtin.name} explains itself`);
  const steps = builtin.steps(args, builtin.forward(args));
  assert.ok(steps.length > 0, `${builtin.name}: at least one step`);
  for (const step of steps) {
    assert.doesNotThrow(
      () => katex.renderToString(step.latex, { throwOnError: true }),
      `${builtin.name}: ${step.latex}`,
    );
  }
  return steps;
}

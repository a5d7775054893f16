import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTINS, builtinNames, findBuiltin, resolveArguments } from '../../../src/core/solvers/registry';
import { EvalError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertExampleHolds, assertStepsRender, exampleArguments } from './exampleLine';

const s = (x: number): Matrix => Matrix.scalar(x);

test('every built-in is registered under its own name with a signature, summary and example', () => {
  for (const [name, builtin] of BUILTINS) {
    assert.equal(builtin.name, name);
    assert.ok(builtin.signature.startsWith(`${name}(`), `${name}: signature ${builtin.signature}`);
    assert.ok(builtin.summary.length > 10, `${name}: summary`);
    assert.ok(builtin.params.length > 0, `${name}: params`);
  }
  assert.deepEqual(builtinNames(), [...builtinNames()].sort());
  assert.equal(findBuiltin('conv2d')?.name, 'conv2d');
  assert.equal(findBuiltin('no_such_thing'), undefined);
});

test("the language sketch's built-ins are all there", () => {
  for (const name of [
    'relu',
    'sigmoid',
    'tanh',
    'conv2d',
    'conv_out',
    'min_trials',
    'sum',
    'prod',
    'mean',
    'max',
    'min',
    'floor',
    'ceil',
    'ln',
    'log',
    'exp',
    'sqrt',
    'abs',
  ]) {
    assert.ok(findBuiltin(name), name);
  }
});

for (const builtin of BUILTINS.values()) {
  test(`${builtin.name}: its example is true (${builtin.example})`, () => {
    assertExampleHolds(builtin);
  });
  test(`${builtin.name}: its steps for the example are valid KaTeX`, () => {
    assertStepsRender(builtin, exampleArguments(builtin));
  });
}

test('resolveArguments places named arguments and fills defaults', () => {
  const convOut = findBuiltin('conv_out')!;
  const args = resolveArguments(convOut, [s(36), s(3)], [{ name: 'stride', value: s(2) }]);
  assert.deepEqual(
    args.map((a) => (a as Matrix).data[0]),
    [36, 3, 0, 2, 1],
  );
  const all = resolveArguments(
    convOut,
    [s(36)],
    [
      { name: 'k', value: s(3) },
      { name: 'padding', value: s(3) },
    ],
  );
  assert.deepEqual(
    all.map((a) => (a as Matrix).data[0]),
    [36, 3, 3, 1, 1],
  );
});

test('resolveArguments: unknown parameter, arity, duplicates', () => {
  const convOut = findBuiltin('conv_out')!;
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof EvalError);
      return `${e.code}|${e.message}`;
    }
    return 'no error';
  };
  const unknown = code(() => resolveArguments(convOut, [s(36), s(3)], [{ name: 'pad', value: s(1) }]));
  assert.match(unknown, /^call\.unknown-parameter\|/);
  assert.match(unknown, /pad/);
  assert.match(unknown, /n, k, padding, stride, dilation/);
  assert.match(
    code(() => resolveArguments(convOut, [s(36)], [])),
    /^call\.arity\|.*\bk\b/,
  );
  assert.match(
    code(() => resolveArguments(convOut, [s(1), s(2), s(3), s(4), s(5), s(6)], [])),
    /^call\.arity\|.*at most 5/,
  );
  assert.match(
    code(() => resolveArguments(convOut, [s(36), s(3), s(1)], [{ name: 'padding', value: s(1) }])),
    /^call\.duplicate-argument\|.*padding/,
  );
  assert.match(
    code(() =>
      resolveArguments(
        convOut,
        [s(36), s(3)],
        [
          { name: 'stride', value: s(1) },
          { name: 'stride', value: s(2) },
        ],
      ),
    ),
    /^call\.duplicate-argument\|.*stride/,
  );
});

test('resolveArguments: variadic built-ins take positional arguments, at least one, and their options by name', () => {
  const max = findBuiltin('max')!;
  // Three positional arguments, then axis (absent: NaN) and keepdims (0).
  const resolved = resolveArguments(max, [s(1), s(2), s(3)], []);
  assert.equal(resolved.length, 5);
  assert.ok(Number.isNaN((resolved[3] as Matrix).data[0]));
  assert.equal((resolved[4] as Matrix).data[0], 0);
  const withAxis = resolveArguments(max, [s(1)], [{ name: 'axis', value: s(2) }]);
  assert.equal((withAxis[1] as Matrix).data[0], 2);
  assert.throws(
    () => resolveArguments(max, [], []),
    (e: unknown) => e instanceof EvalError && e.code === 'call.arity',
  );
  assert.throws(
    () => resolveArguments(max, [s(1)], [{ name: 'x', value: s(2) }]),
    (e: unknown) => e instanceof EvalError && e.code === 'call.unknown-parameter',
  );
});

test('style: every solver file has a test at the mirrored path, and every built-in file a doc block with Syntax, Examples, See also', () => {
  const root = join(__dirname, '..', '..', '..', '..');
  const sourceDir = join(root, 'src', 'core', 'solvers');
  const helpers = new Set([
    'axes.ts',
    'words.ts',
    'builtin.ts',
    'channels.ts',
    'common.ts',
    'composite.ts',
    'stepLatex.ts',
    'pooling.ts',
    'registry.ts',
    'special.ts',
  ]);
  for (const file of readdirSync(sourceDir).filter((f) => f.endsWith('.ts'))) {
    if (file !== 'builtin.ts') {
      assert.ok(
        existsSync(join(root, 'test', 'core', 'solvers', file.replace(/\.ts$/, '.test.ts'))),
        `a test for ${file}`,
      );
    }
    if (helpers.has(file)) continue;
    const doc = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(join(sourceDir, file), 'utf8'))?.[1] ?? '';
    for (const part of ['Syntax:', 'Examples:', 'See also:'])
      assert.ok(doc.includes(part), `${file}: its doc block has ${part}`);
  }
});

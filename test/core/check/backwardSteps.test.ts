/**
 * The backward pass (backwardSteps.ts): one row per named node from L back
 * to X, each row a `.hw` statement that checks clean, each row's value the
 * gradient at that node — compared here with hand values for the seed
 * network and with central differences for a tanh network.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { check, type BackwardPass, type StatementModel } from '../../../src/core';
import { assertClean, parseValueText, run } from './support';

function passOf(text: string, needle: string): BackwardPass {
  const result = check(text);
  const at = text.indexOf(needle);
  const statement = result.document.problems
    .flatMap((p) => p.questions.flatMap((q) => q.items))
    .find((i): i is StatementModel => i.kind === 'statement' && i.span.start === at);
  assert.ok(statement, needle);
  assert.equal(statement.backward.length, 1);
  return statement.backward[0];
}

// The seed network (homework 1, problem 1).
const seedNet = [
  'given x = [2; 1], y = 10',
  'given W1 = [1, 0; 3, 4; 1, 2], b1 = [0; -2; 5]',
  'given W2 = [2, 6, 1; 0, 3, 1], b2 = [-23; -11]',
  'given W3 = [-2, 3], b3 = 18',
  'a1 = W1 x + b1',
  'z1 = relu(a1)',
  'a2 = W2 z1 + b2',
  'z2 = relu(a2)',
  'a3 = W3 z2 + b3',
  'yhat = relu(a3)',
  'L = (y - yhat)^2',
];

test('seed network: the rows of ∂L/∂W1 and their values by hand', () => {
  // Forward: a1 = [2; 8; 9], a2 = [38; 22], a3 = −76 + 66 + 18 = 8, yhat = 8, L = 4.
  // Backward: ∂L/∂yhat = 2(8 − 10) = −4; ∂L/∂a3 = −4 (a3 > 0); ∂L/∂z2 = W3ᵀ(−4) = [8; −12];
  // ∂L/∂a2 = [8; −12] (a2 > 0); ∂L/∂z1 = W2ᵀ[8; −12] = [16; 48 − 36; 8 − 12] = [16; 12; −4];
  // ∂L/∂a1 = [16; 12; −4] (a1 > 0); ∂L/∂W1 = ∂L/∂a1 xᵀ = [32, 16; 24, 12; −8, −4].
  const text = [...seedNet, '∂L/∂W1 = ?'].join('\n');
  const pass = passOf(text, '∂L/∂W1');
  const byNode = new Map(pass.steps.map((s) => [s.node, s.value.text]));
  assert.equal(byNode.get('yhat'), '-4');
  assert.equal(byNode.get('a3'), '-4');
  assert.equal(byNode.get('z2'), '[8; -12]');
  assert.equal(byNode.get('a2'), '[8; -12]');
  assert.equal(byNode.get('z1'), '[16; 12; -4]');
  assert.equal(byNode.get('a1'), '[16; 12; -4]');
  assert.equal(byNode.get('W1'), '[32, 16; 24, 12; -8, -4]');
  assert.equal(pass.value.text, '[32, 16; 24, 12; -8, -4]');
  assert.equal(pass.steps[pass.steps.length - 1].node, 'W1');
  assert.equal(pass.of, 'L');
  assert.equal(pass.wrt, 'W1');
});

test('seed network: every row of every backward pass is a statement that checks clean', () => {
  for (const wrt of ['W1', 'b1', 'W2', 'b2', 'W3', 'b3', 'x', 'a1', 'z2']) {
    const text = [...seedNet, `∂L/∂${wrt} = ?`].join('\n');
    const pass = passOf(text, `∂L/∂${wrt}`);
    assert.ok(pass.steps.length >= 1, wrt);
    const withRows = [...seedNet, ...pass.steps.map((s) => s.hw)].join('\n');
    assertClean(run(withRows), `the rows of ∂L/∂${wrt}`);
  }
});

test('a tanh network: each row’s value is the central difference at that node', () => {
  // Independent forward pass in plain numbers: a = w x + c, z = tanh(a), L = (u z − t)².
  const x = 0.7,
    w = -1.3,
    c = 0.4,
    u = 2.1,
    t = 0.5;
  const L = (a: number) => (u * Math.tanh(a) - t) ** 2;
  const a0 = w * x + c;
  const h = 1e-6;
  const dLda = (L(a0 + h) - L(a0 - h)) / (2 * h);
  const dLdz = ((u * (Math.tanh(a0) + h) - t) ** 2 - (u * (Math.tanh(a0) - h) - t) ** 2) / (2 * h);
  const dLdw = (L((w + h) * x + c) - L((w - h) * x + c)) / (2 * h);
  const text = [
    `given x = ${x}, w = ${w}, c = ${c}, u = ${u}, t = ${t}`,
    'a = w x + c',
    'z = tanh(a)',
    'L = (u z - t)^2',
    '∂L/∂w = ?',
  ].join('\n');
  const pass = passOf(text, '∂L/∂w');
  const value = (node: string) => {
    const step = pass.steps.find((s) => s.node === node);
    assert.ok(step, node);
    return parseValueText(step.value.text)[0][0];
  };
  for (const [node, want] of [
    ['z', dLdz],
    ['a', dLda],
    ['w', dLdw],
  ] as const) {
    assert.ok(
      Math.abs(value(node) - want) <= 1e-6 * Math.max(1, Math.abs(want)),
      `∂L/∂${node}: ${value(node)} vs ${want}`,
    );
  }
  assertClean(run([text.replace('∂L/∂w = ?', ''), ...pass.steps.map((s) => s.hw)].join('\n')));
});

test('a node used twice gets the sum of both contributions', () => {
  // L = a² + 3a with a = 2w: ∂L/∂a = 2a + 3 = 2·4 + 3 = 11 at w = 2; ∂L/∂w = 2·11 = 22.
  const text = ['given w = 2', 'a = 2 w', 'L = a^2 + 3 a', '∂L/∂w = ?'].join('\n');
  const pass = passOf(text, '∂L/∂w');
  assert.equal(pass.steps.find((s) => s.node === 'a')?.value.text, '11');
  assert.equal(pass.value.text, '22');
  assertClean(run(['given w = 2', 'a = 2 w', 'L = a^2 + 3 a', ...pass.steps.map((s) => s.hw)]));
});

test('a Jacobian: rows ∂y/∂n through the named vectors, by the chain rule, with values by hand', () => {
  // x = [1; 2]: a = W x − 6 = [−1; 5], z = relu(a) = [0; 5], s = Σz = 5, y = z s = [0; 25].
  // ∂y/∂s = z = [0; 5]; ∂y/∂z = s I + z 1ᵀ = [5, 0; 5, 10]; ∂y/∂a = ∂y/∂z diag(0, 1) = [0, 0; 0, 10];
  // ∂y/∂x = ∂y/∂a W = [0, 0; 30, 40].
  const text = [
    'given x = [1; 2], W = [1, 2; 3, 4]',
    'a = W x - 6',
    'z = relu(a)',
    's = sum(z)',
    'y = z * s',
    'J = ∂y/∂x',
  ].join('\n');
  const pass = passOf(text, 'J = ∂y/∂x');
  assert.deepEqual(
    pass.steps.map((s) => [s.node, s.value.text]),
    [
      ['s', '[0; 5]'],
      ['z', '[5, 0; 5, 10]'],
      ['a', '[0, 0; 0, 10]'],
      ['x', '[0, 0; 30, 40]'],
    ],
  );
  assert.equal(pass.value.text, '[0, 0; 30, 40]');
  // One user each: the chain rule through it. z has two (y and s, which y uses too): the number alone.
  assert.deepEqual(
    pass.steps.map((s) => s.hw),
    [
      '∂y/∂s = [0; 5]',
      '∂y/∂z = [5, 0; 5, 10]',
      '∂y/∂a = ∂y/∂z ∂z/∂a = [0, 0; 0, 10]',
      '∂y/∂x = ∂y/∂a ∂a/∂x = [0, 0; 30, 40]',
    ],
  );
  assert.deepEqual(pass.steps[2].upstreamNodes, ['z']);
  assert.equal(pass.steps[2].upstream?.text, '[5, 0; 5, 10]');
  assertClean(run([text, ...pass.steps.map((s) => s.hw)].join('\n')), 'the rows');
});

test('a Jacobian through independent users sums their paths; a scalar user is written as a row', () => {
  // y = a ⊙ b with a = W x − 6, b = sin(x): ∂y/∂x = diag(b) W + diag(a) diag(cos x).
  const sum = passOf(
    ['given x = [1; 2], W = [1, 2; 3, 4]', 'a = W x - 6', 'b = sin(x)', 'y = a ⊙ b', 'J = ∂y/∂x'].join('\n'),
    'J = ∂y/∂x',
  );
  const last = sum.steps[sum.steps.length - 1];
  assert.match(last.hw, /^∂y\/∂x = ∂y\/∂b ∂b\/∂x \+ ∂y\/∂a ∂a\/∂x = /);
  const [r1, r2] = [Math.sin(1), Math.sin(2)];
  const expected = [r1, 2 * r1, 3 * r2, 4 * r2];
  expected[0] += -1 * Math.cos(1);
  expected[3] += 5 * Math.cos(2);
  parseValueText(last.value.text)
    .flat()
    .forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-9, `entry ${i}`));
  // s = Σ x², y = [1; 2] s: ∂y/∂x = [1; 2] (2x)ᵀ = [2, 4; 4, 8]; ∂s/∂x is a column, written transposed.
  const text = ['given x = [1; 2]', 's = sum(x ⊙ x)', 'y = [1; 2] s', 'J = ∂y/∂x'].join('\n');
  const scalar = passOf(text, 'J = ∂y/∂x');
  assert.deepEqual(
    scalar.steps.map((s) => s.hw),
    ['∂y/∂s = [1; 2]', '∂y/∂x = ∂y/∂s (∂s/∂x)ᵀ = [2, 4; 4, 8]'],
  );
  assertClean(run([text, ...scalar.steps.map((s) => s.hw)].join('\n')), 'the rows');
});

test('a Jacobian through a matrix node: no row for it, and the rows past it state the number', () => {
  // M = x xᵀ, y = M [1; 1] = x (x₁ + x₂): ∂y/∂x = (x₁ + x₂) I + x 1ᵀ = [3 + 1, 1; 2, 3 + 2] at x = [1; 2].
  const text = ['given x = [1; 2]', 'M = x xᵀ', 'y = M [1; 1]', 'J = ∂y/∂x'].join('\n');
  const pass = passOf(text, 'J = ∂y/∂x');
  assert.deepEqual(
    pass.steps.map((s) => s.hw),
    ['∂y/∂x = [4, 1; 2, 5]'],
  );
  assertClean(run([text, ...pass.steps.map((s) => s.hw)].join('\n')), 'the rows');
});

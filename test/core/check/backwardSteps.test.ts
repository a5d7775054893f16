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

import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { applyBinary, applyBuiltin, applyUnary, Tape, TapeNode } from '../../../src/core/autodiff/tape';
import { elementwise } from '../../../src/core/autodiff/operators';
import type { Builtin } from '../../../src/core/solvers/builtin';
import { EvalError } from '../../../src/core/values/errors';
import { Matrix, Value } from '../../../src/core/values/value';
import { assertMatrixApprox, finiteDifference, prng, randomInt, randomMatrix } from './finiteDifference';
import { ORACLE_PATH } from '../../fixtures/paths';

const M = Matrix.fromRows;
const S = Matrix.scalar;

/**
 * relu written here as a recorded tape op (the real built-in belongs to the
 * solvers): forward max(0, x), backward g ⊙ [x > 0] (so relu'(0) = 0).
 */
function relu(tape: Tape, x: TapeNode, label?: string): TapeNode {
  const out = elementwise(x.value, (v) => (v > 0 ? v : 0));
  return tape.record(out, [x], (g) => [maskedBy(g, x.value, (v) => (v > 0 ? 1 : 0))], label);
}

/** g ⊙ f(x), entry by entry. */
function maskedBy(g: Matrix, x: Matrix, f: (v: number) => number): Matrix {
  const d = new Float64Array(g.size);
  for (let i = 0; i < g.size; i++) d[i] = g.data[i] * f(x.data[i]);
  return new Matrix(g.rows, g.cols, d);
}

/** tanh as a recorded op, smooth, for finite-difference checks. */
function tanh(tape: Tape, x: TapeNode): TapeNode {
  const out = elementwise(x.value, Math.tanh);
  return tape.record(out, [x], (g) => {
    const d = new Float64Array(g.size);
    for (let i = 0; i < g.size; i++) d[i] = g.data[i] * (1 - out.data[i] * out.data[i]);
    return [new Matrix(g.rows, g.cols, d)];
  });
}

// ------------------------------------------------------------------ the seed network

test('the seed network: every gradient matches the PyTorch oracle', () => {
  const oracle = JSON.parse(fs.readFileSync(ORACLE_PATH, 'utf8')) as Record<string, number[][]>;
  const tape = new Tape();
  // Problem 1 of homework1-solution.md
  const x = tape.variable(M([[2], [1]]), 'x');
  const y = tape.variable(S(10), 'y');
  const W1 = tape.variable(
    M([
      [1, 0],
      [3, 4],
      [1, 2],
    ]),
    'W1',
  );
  const b1 = tape.variable(M([[0], [-2], [5]]), 'b1');
  const W2 = tape.variable(
    M([
      [2, 6, 1],
      [0, 3, 1],
    ]),
    'W2',
  );
  const b2 = tape.variable(M([[-23], [-11]]), 'b2');
  const W3 = tape.variable(M([[-2, 3]]), 'W3');
  const b3 = tape.variable(S(18), 'b3');

  const a1 = applyBinary(tape, 'add', applyBinary(tape, 'mul', W1, x), b1, 'a1');
  const z1 = relu(tape, a1, 'z1');
  const a2 = applyBinary(tape, 'add', applyBinary(tape, 'mul', W2, z1), b2, 'a2');
  const z2 = relu(tape, a2, 'z2');
  const a3 = applyBinary(tape, 'add', applyBinary(tape, 'mul', W3, z2), b3, 'a3');
  const yhat = relu(tape, a3, 'yhat');
  const L = applyBinary(tape, 'pow', applyBinary(tape, 'sub', y, yhat), tape.constant(S(2)), 'L');

  assert.deepEqual(a1.value.toRows(), oracle['a1']);
  assert.deepEqual(a2.value.toRows(), oracle['a2']);
  assert.deepEqual(a3.value.toRows(), oracle['a3']);
  assert.deepEqual(yhat.value.toRows(), oracle['yhat']);
  assert.deepEqual(L.value.toRows(), oracle['L']);

  const grads = tape.gradients(L);
  const expected: [string, TapeNode][] = [
    ['dL/dW1', W1],
    ['dL/db1', b1],
    ['dL/dW2', W2],
    ['dL/db2', b2],
    ['dL/dW3', W3],
    ['dL/db3', b3],
    ['dL/dx', x],
    ['dL/da2', a2],
    ['dL/dz1', z1],
  ];
  for (const [key, node] of expected) {
    assert.ok(oracle[key], `oracle has ${key}`);
    const g = grads.get(node.id);
    assert.ok(g, `a gradient for ${key}`);
    assertMatrixApprox(g, M(oracle[key]), 1e-12, key);
  }
  // The sheet's mistake: entry (2,2) of ∂L/∂W2 is -96, not -46.
  assert.equal(grads.get(W2.id)!.get(1, 1), -96);
});

// ------------------------------------------------------------------ random networks

/** A 2-layer network d → h → o with tanh, and L = mean squared error. */
function twoLayerLoss(
  tape: Tape,
  x: TapeNode,
  W1: TapeNode,
  b1: TapeNode,
  W2: TapeNode,
  b2: TapeNode,
  y: TapeNode,
): TapeNode {
  const hidden = tanh(tape, applyBinary(tape, 'add', applyBinary(tape, 'mul', W1, x), b1));
  const yhat = applyBinary(tape, 'add', applyBinary(tape, 'mul', W2, hidden), b2);
  const err = applyBinary(tape, 'sub', yhat, y);
  const squared = applyBinary(tape, 'mul', applyUnary(tape, 'transpose', err), err);
  return applyBinary(tape, 'div', squared, tape.constant(S(y.value.rows)));
}

test('random 2-layer networks: tape gradients match finite differences', () => {
  const random = prng(7);
  for (let trial = 0; trial < 10; trial++) {
    const d = randomInt(random, 1, 5);
    const h = randomInt(random, 1, 6);
    const o = randomInt(random, 1, 3);
    const values = {
      x: randomMatrix(random, d, 1),
      W1: randomMatrix(random, h, d),
      b1: randomMatrix(random, h, 1),
      W2: randomMatrix(random, o, h),
      b2: randomMatrix(random, o, 1),
      y: randomMatrix(random, o, 1),
    };
    type Name = keyof typeof values;
    const names = Object.keys(values) as Name[];
    const lossWith = (name: Name, replacement: Matrix): number => {
      const tape = new Tape();
      const n = (k: Name) => tape.constant(k === name ? replacement : values[k]);
      return twoLayerLoss(tape, n('x'), n('W1'), n('b1'), n('W2'), n('b2'), n('y')).value.scalarValue;
    };
    const tape = new Tape();
    const nodes = Object.fromEntries(names.map((k) => [k, tape.variable(values[k], k)])) as Record<Name, TapeNode>;
    const L = twoLayerLoss(tape, nodes.x, nodes.W1, nodes.b1, nodes.W2, nodes.b2, nodes.y);
    const grads = tape.gradients(L);
    for (const name of names) {
      const g = grads.get(nodes[name].id);
      assert.ok(g, name);
      assertMatrixApprox(
        g,
        finiteDifference((m) => lossWith(name, m), values[name]),
        1e-6,
        `trial ${trial} ∂L/∂${name}`,
      );
    }
  }
});

test('random 2-layer relu networks with a scalar output: tape gradients match finite differences', () => {
  const random = prng(11);
  for (let trial = 0; trial < 10; trial++) {
    const d = randomInt(random, 1, 4);
    const h = randomInt(random, 2, 6);
    const values = [
      randomMatrix(random, d, 1),
      randomMatrix(random, h, d),
      randomMatrix(random, h, 1),
      randomMatrix(random, 1, h),
      randomMatrix(random, 1, 1),
    ];
    const build = (tape: Tape, leaves: TapeNode[]): TapeNode => {
      const [x, W1, b1, W2, b2] = leaves;
      const z1 = relu(tape, applyBinary(tape, 'add', applyBinary(tape, 'mul', W1, x), b1));
      const yhat = applyBinary(tape, 'add', applyBinary(tape, 'mul', W2, z1), b2);
      return applyBinary(tape, 'pow', applyBinary(tape, 'sub', tape.constant(S(10)), yhat), tape.constant(S(2)));
    };
    const tape = new Tape();
    const leaves = values.map((v) => tape.variable(v));
    const grads = tape.gradients(build(tape, leaves));
    values.forEach((value, i) => {
      const numeric = finiteDifference((m) => {
        const t = new Tape();
        return build(
          t,
          values.map((v, j) => t.constant(j === i ? m : v)),
        ).value.scalarValue;
      }, value);
      assertMatrixApprox(grads.get(leaves[i].id)!, numeric, 1e-5, `trial ${trial} leaf ${i}`);
    });
  }
});

// ------------------------------------------------------------------ the tape's own rules

test('a node used several times accumulates its gradients', () => {
  const tape = new Tape();
  const x = tape.variable(S(3), 'x');
  // L = x·x + x  →  dL/dx = 2x + 1 = 7
  const L = applyBinary(tape, 'add', applyBinary(tape, 'mul', x, x), x);
  assert.deepEqual(tape.gradients(L).get(x.id)?.toRows(), [[7]]);
  // L = (x + x) + (x + x) → 4, through shared upstream gradients
  const tape2 = new Tape();
  const v = tape2.variable(M([[1, 2]]));
  const twice = applyBinary(tape2, 'add', v, v);
  const sum = applyBinary(tape2, 'mul', applyBinary(tape2, 'add', twice, twice), tape2.constant(M([[1], [1]])));
  assert.deepEqual(tape2.gradients(sum).get(v.id)?.toRows(), [[4, 4]]);
});

test('gradients do not modify recorded values', () => {
  const tape = new Tape();
  const x = tape.variable(M([[1, 2]]));
  const y = applyBinary(tape, 'add', x, x);
  const L = applyBinary(tape, 'mul', y, tape.constant(M([[1], [1]])));
  tape.gradients(L);
  tape.gradients(L);
  assert.deepEqual(x.value.toRows(), [[1, 2]]);
  assert.deepEqual(y.value.toRows(), [[2, 4]]);
  assert.deepEqual(tape.gradients(L).get(x.id)?.toRows(), [[2, 2]]);
});

test('constants, and nodes off the path to the root, get no entry', () => {
  const tape = new Tape();
  const w = tape.variable(S(3), 'w');
  const c = tape.constant(S(2), 'c');
  const constantOnly = applyBinary(tape, 'mul', c, c);
  const unrelated = tape.variable(S(5), 'unrelated');
  applyBinary(tape, 'mul', unrelated, w); // recorded, not on the path
  const L = applyBinary(tape, 'mul', w, constantOnly);
  const grads = tape.gradients(L);
  assert.deepEqual(grads.get(w.id)?.toRows(), [[4]]);
  assert.deepEqual(grads.get(L.id)?.toRows(), [[1]]);
  assert.equal(grads.has(c.id), false);
  assert.equal(grads.has(constantOnly.id), false);
  assert.equal(grads.has(unrelated.id), false);
});

test('an intermediate gets its gradient too', () => {
  const tape = new Tape();
  const x = tape.variable(M([[1], [2]]));
  const W = tape.variable(M([[1, 1]]));
  const a = applyBinary(tape, 'mul', W, x, 'a');
  const L = applyBinary(tape, 'pow', a, tape.constant(S(2)));
  const grads = tape.gradients(L);
  assert.deepEqual(grads.get(a.id)?.toRows(), [[6]]);
  assert.deepEqual(grads.get(W.id)?.toRows(), [[6, 12]]);
  assert.deepEqual(grads.get(x.id)?.toRows(), [[6], [6]]);
});

test('a non-scalar root is an EvalError gradient.not-scalar', () => {
  const tape = new Tape();
  const x = tape.variable(M([[1], [2]]));
  assert.throws(
    () => tape.gradients(x),
    (e: unknown) => e instanceof EvalError && e.code === 'gradient.not-scalar' && /2×1/.test(e.message),
  );
});

test('a root that is a leaf has gradient 1 with respect to itself', () => {
  const tape = new Tape();
  const x = tape.variable(S(4));
  assert.deepEqual(tape.gradients(x).get(x.id)?.toRows(), [[1]]);
});

test('unary ops: neg and transpose through the tape', () => {
  const tape = new Tape();
  const x = tape.variable(M([[1, 2]]));
  const L = applyBinary(
    tape,
    'mul',
    applyUnary(tape, 'neg', x),
    applyUnary(tape, 'transpose', tape.constant(M([[3, 4]]))),
  );
  assert.deepEqual(L.value.toRows(), [[-11]]);
  assert.deepEqual(tape.gradients(L).get(x.id)?.toRows(), [[-3, -4]]);
});

function fakeBuiltin(
  name: string,
  forward: (args: readonly Value[]) => Value,
  backward?: Builtin['backward'],
): Builtin {
  return { name, signature: `${name}(x)`, summary: '', example: '', params: [{ name: 'x' }], forward, backward };
}

test('built-ins record through forward and backward; no backward means zero gradients', () => {
  const square = fakeBuiltin(
    'square',
    (args) => elementwise(args[0] as Matrix, (v) => v * v),
    (g, args) => [maskedBy(g, args[0], (v) => 2 * v)],
  );
  const ceil = fakeBuiltin('ceil', (args) => elementwise(args[0] as Matrix, Math.ceil));
  const tape = new Tape();
  const x = tape.variable(M([[1.5, -2]]));
  const ones = tape.constant(M([[1], [1]]));
  const L = applyBinary(
    tape,
    'add',
    applyBinary(tape, 'mul', applyBuiltin(tape, square, [x]), ones),
    applyBinary(tape, 'mul', applyBuiltin(tape, ceil, [x]), ones),
  );
  assert.deepEqual(L.value.toRows(), [[2.25 + 4 + 2 - 2]]);
  assert.deepEqual(tape.gradients(L).get(x.id)?.toRows(), [[3, -4]]);
});

test('a backward rule returning the wrong shape is caught', () => {
  const broken = fakeBuiltin(
    'broken',
    (args) => args[0],
    () => [Matrix.zeros(3, 3)],
  );
  const tape = new Tape();
  const x = tape.variable(S(2));
  const L = applyBuiltin(tape, broken, [x]);
  assert.throws(
    () => tape.gradients(L),
    (e: unknown) => e instanceof EvalError && e.code === 'gradient.shape',
  );
});

test('a node of another tape is refused', () => {
  const a = new Tape();
  const b = new Tape();
  const x = a.variable(S(1));
  b.variable(S(2));
  assert.throws(() => b.gradients(x), EvalError);
});

test('a 10,000-node chain does not overflow the stack', () => {
  const tape = new Tape();
  const x = tape.variable(S(1), 'x');
  const step = tape.constant(S(1.0001));
  let node = x;
  // y = x · 1.0001^5000 + (sum of 5000 constants): 10,000 recorded ops
  for (let i = 0; i < 5000; i++) {
    node = applyBinary(tape, 'mul', node, step);
    node = applyBinary(tape, 'add', node, step);
  }
  assert.ok(tape.size > 10_000);
  const grads = tape.gradients(node);
  const expected = 1.0001 ** 5000;
  assert.ok(Math.abs(grads.get(x.id)!.scalarValue - expected) < 1e-9 * expected);
});

test('a deep chain of matrix ops: 20,000 nodes, one variable used at every step', () => {
  const tape = new Tape();
  const w = tape.variable(M([[0.5, 0.25]]));
  let acc = tape.constant(S(0));
  const column = tape.constant(M([[1], [2]]));
  for (let i = 0; i < 10_000; i++) acc = applyBinary(tape, 'add', acc, applyBinary(tape, 'mul', w, column));
  assert.deepEqual(tape.gradients(acc).get(w.id)?.toRows(), [[10_000, 20_000]]);
});

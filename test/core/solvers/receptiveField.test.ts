import test from 'node:test';
import assert from 'node:assert/strict';
import { receptiveField } from '../../../src/core/solvers/receptiveField';
import { resolveArguments } from '../../../src/core/solvers/registry';
import { DomainError, ShapeError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { sizeCases } from './convOracle';
import { assertExampleHolds, assertStepsRender } from './exampleLine';

const s = (x: number): Matrix => Matrix.scalar(x);
const row = (...xs: number[]): Matrix => Matrix.fromRows([xs]);
const field = (kernels: Matrix, strides?: Matrix, dilations?: Matrix): number => {
  const named = dilations ? [{ name: 'dilations', value: dilations }] : [];
  const positional = strides ? [kernels, strides] : [kernels];
  return (receptiveField.forward(resolveArguments(receptiveField, positional, named)) as Matrix).data[0];
};

test('receptive_field: by hand, three 3×3 layers with a stride 2 in the middle see 9', () => {
  assertExampleHolds(receptiveField);
  // 1 + 2·1 + 2·1 + 2·(1·2) = 9
  assert.equal(field(row(3, 3, 3), row(1, 2, 1)), 9);
  // Stride 1 everywhere: 1 + Σ (k − 1); the strides as a column or one number.
  assert.equal(field(row(3, 3, 3)), 7);
  assert.equal(field(Matrix.fromRows([[5], [3]]), s(1)), 7);
  // Dilations 1, 2, 4 (WaveNet-like): 1 + 2 + 4 + 8 = 15.
  assert.equal(field(row(3, 3, 3), s(1), row(1, 2, 4)), 15);
  assert.equal(field(s(3)), 3);
});

test('receptive_field: agrees with the input positions PyTorch autograd finds for one output', () => {
  for (const c of sizeCases<{ kernels: number[]; strides: number[]; dilations: number[]; field: number }>(
    'receptive_fields',
  )) {
    assert.equal(field(row(...c.kernels), row(...c.strides), row(...c.dilations)), c.field, JSON.stringify(c));
  }
});

test('receptive_field: one entry per layer, vectors only, positive integers', () => {
  assert.throws(
    () => field(row(3, 3, 3), row(1, 2)),
    (e: unknown) =>
      e instanceof ShapeError && /strides has 2 entries but kernels has 3; give one per layer/.test(e.message),
  );
  assert.throws(
    () =>
      field(
        Matrix.fromRows([
          [3, 3],
          [3, 3],
        ]),
      ),
    /kernels is 2×2 but must be a vector/,
  );
  assert.throws(() => field(row(3, 0)), DomainError);
  assert.throws(() => field(row(3, 3), row(1, 1.5)), DomainError);
  assert.throws(() => field(row(3, 3), s(1), row(1, 2, 3)), /dilations has 3 entries but kernels has 2/);
});

test('receptive_field: no backward; steps show each layer’s widening and its jump', () => {
  assert.equal(receptiveField.backward, undefined);
  const steps = assertStepsRender(receptiveField, resolveArguments(receptiveField, [row(3, 3, 3), row(1, 2, 1)], []));
  assert.equal(steps[1].latex, '1 + (3 - 1)\\cdot 1 + (3 - 1)\\cdot 1 + (3 - 1)\\cdot 2 = 9');
  const dilated = assertStepsRender(
    receptiveField,
    resolveArguments(receptiveField, [row(3, 3)], [{ name: 'dilations', value: row(1, 2) }]),
  );
  assert.equal(dilated[1].latex, '1 + 1(3 - 1)\\cdot 1 + 2(3 - 1)\\cdot 1 = 7');
});

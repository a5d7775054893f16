/**
 * Test helper: the convolution and pooling reference values, computed by
 * PyTorch (test/fixtures/oracles/conv.py, forward and torch.autograd) and
 * committed as JSON. Tensors are stored as a shape and row-major entries.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { Matrix } from '../../../src/core/values/value';
import { REPO_ROOT } from '../../fixtures/paths';

interface StoredTensor {
  readonly shape: number[];
  readonly data: number[];
}

export interface ConvCase {
  readonly inputs: Record<string, Matrix>;
  readonly settings: Record<string, number>;
  readonly output: Matrix;
  /** The upstream gradient U of L = Σ U ⊙ output. */
  readonly upstream: Matrix;
  readonly gradients: Record<string, Matrix>;
}

const file = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'oracles', 'conv.json'), 'utf8'),
) as Record<string, unknown>;

/** A list of size cases (`conv_out_sizes`, `conv_transpose_out_sizes`, `receptive_fields`): plain records. */
export function sizeCases<T>(name: string): T[] {
  const list = file[name];
  if (!Array.isArray(list)) throw new Error(`no conv oracle list ${name}`);
  return list as T[];
}

const stored = file as Record<
  string,
  {
    inputs: Record<string, StoredTensor>;
    settings: Record<string, number>;
    output: StoredTensor;
    upstream: StoredTensor;
    gradients: Record<string, StoredTensor>;
  }
>;

/** A stored tensor as a value; a 1-axis vector (a bias) as a column. */
function value(t: StoredTensor): Matrix {
  return Matrix.fromShape(t.shape, Float64Array.from(t.data));
}

function all(record: Record<string, StoredTensor>): Record<string, Matrix> {
  return Object.fromEntries(Object.entries(record).map(([k, t]) => [k, value(t)]));
}

export function convCase(name: string): ConvCase {
  const c = stored[name];
  if (!c) throw new Error(`no conv oracle case ${name}`);
  return {
    inputs: all(c.inputs),
    settings: c.settings,
    output: value(c.output),
    upstream: value(c.upstream),
    gradients: all(c.gradients),
  };
}

/** Same shape on every axis and every entry within `tolerance` (relative above 1). */
export function assertTensorClose(actual: unknown, expected: Matrix, label: string, tolerance = 1e-9): void {
  assert.ok(actual instanceof Matrix, `${label}: a value`);
  assert.deepEqual(
    actual.shape,
    expected.shape,
    `${label}: shape ${actual.shapeText()}, expected ${expected.shapeText()}`,
  );
  for (let i = 0; i < expected.data.length; i++) {
    const e = expected.data[i];
    assert.ok(
      Math.abs(actual.data[i] - e) <= tolerance * Math.max(1, Math.abs(e)),
      `${label}: entry ${i} is ${actual.data[i]}, expected ${e}`,
    );
  }
}

/** A value of `shape` with entries uniform in [−2, 2) from `rand`. */
export function randomTensor(rand: () => number, shape: readonly number[]): Matrix {
  const m = Matrix.fromShape(shape);
  for (let i = 0; i < m.data.length; i++) m.data[i] = -2 + 4 * rand();
  return m;
}

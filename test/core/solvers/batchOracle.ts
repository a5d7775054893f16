/**
 * The NumPy/PyTorch oracle of broadcasting, axis reductions and the batch
 * built-ins (`test/fixtures/oracles/batch.py`, output committed as
 * `batch.json`), and helpers to call a built-in with named arguments.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../fixtures/paths';
import type { Builtin } from '../../../src/core/solvers/builtin';
import { resolveArguments } from '../../../src/core/solvers/registry';
import { Matrix, type Value } from '../../../src/core/values/value';

type Nested = number | Nested[];

export interface ReductionCase {
  readonly input: 'X2' | 'X3';
  readonly axis: number;
  readonly keepdims: number;
  readonly shape: number[];
  readonly [name: string]: unknown;
}

export interface BatchOracle {
  readonly X2: Nested;
  readonly X3: Nested;
  readonly reductions: readonly ReductionCase[];
  readonly classifier: Record<string, Nested>;
  readonly masked_softmax: Record<string, Nested>;
}

export function readBatchOracle(): BatchOracle {
  const file = path.join(REPO_ROOT, 'test', 'fixtures', 'oracles', 'batch.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BatchOracle;
}

/** A nested list as a value: its shape from the nesting (a flat list is a 1×n row). */
export function tensor(nested: Nested): Matrix {
  const shape: number[] = [];
  let level: Nested = nested;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const data = Float64Array.from((nested as unknown[]).flat(4) as number[]);
  if (shape.length === 0) return Matrix.scalar(nested as number);
  return Matrix.fromShape(shape.length === 1 ? [1, shape[0]] : shape, data);
}

/** `builtin(positional…, name=value…)` through the registry's argument rules. */
export function call(builtin: Builtin, positional: readonly Value[], named: Record<string, number> = {}): Value {
  const args = resolveArguments(
    builtin,
    positional,
    Object.entries(named).map(([name, v]) => ({ name, value: Matrix.scalar(v) })),
  );
  return builtin.forward(args);
}

/** The resolved arguments, for calling `backward` directly. */
export function resolved(builtin: Builtin, positional: readonly Value[], named: Record<string, number> = {}): Value[] {
  return resolveArguments(
    builtin,
    positional,
    Object.entries(named).map(([name, v]) => ({ name, value: Matrix.scalar(v) })),
  );
}

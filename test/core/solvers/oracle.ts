/**
 * Test helper: the built-ins' reference values, computed by NumPy and
 * PyTorch (test/fixtures/oracles/builtins.py) and committed as JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Matrix } from '../../../src/core/values/value';
import { REPO_ROOT } from '../../fixtures/paths';

export interface OracleCase {
  readonly inputs: Record<string, number[][]>;
  readonly output: number[][];
  readonly [extra: string]: unknown;
}

const cases = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'oracles', 'builtins.json'), 'utf8'),
) as Record<string, OracleCase>;

export function oracle(name: string): OracleCase {
  const c = cases[name];
  if (!c) throw new Error(`no oracle case ${name}`);
  return c;
}

/** An input of a case as a matrix (vectors are columns). */
export function input(c: OracleCase, name: string): Matrix {
  return Matrix.fromRows(c.inputs[name]);
}

export function rowsOf(value: unknown): number[][] {
  return value as number[][];
}

export function oracleNumber(c: OracleCase, key: string): number {
  return c[key] as number;
}

export function constants(): Record<string, number> {
  return cases.constants as unknown as Record<string, number>;
}

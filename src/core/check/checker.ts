/**
 * The checker: evaluates a parsed homework and judges every stated result.
 * (Being written; the signatures below are the contract the adapters use.)
 */
import type { CheckOptions, CheckResult } from '../model';

export function check(text: string, options: CheckOptions = {}): CheckResult {
  void text;
  void options;
  const summary = { statements: 0, checked: 0, right: 0, wrong: 0, followed: 0, filled: 0, approx: 0 };
  return { diagnostics: [], document: { problems: [], symbols: [], summary } };
}

/**
 * A checker that remembers the last result of each problem, so that a
 * re-check after an edit evaluates only the problems whose text changed.
 */
export class HomeworkChecker {
  constructor(private readonly options: CheckOptions = {}) {}
  check(text: string): CheckResult {
    return check(text, this.options);
  }
}

/** Text to insert after the statement at `offset`: the derivation that leads to its value, in `.hw` syntax. */
export interface Insertion {
  readonly offset: number;
  readonly text: string;
}

export function solveWithSteps(text: string, offset: number, options: CheckOptions = {}): Insertion | undefined {
  void text;
  void offset;
  void options;
  return undefined;
}

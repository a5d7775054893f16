/**
 * Inlay hints: the computed value after a statement that states none
 * (`z2 = relu(a2)` shows ` = [38; 22]`).
 */
import type { CheckResult, Span } from '../../core';
import { allStatements } from './modelQueries';
import { spansOverlap } from './ranges';
import { formatValueInline } from './valueFormat';

export interface InlayData {
  /** Where the hint sits: the end of the statement. */
  readonly offset: number;
  readonly label: string;
  readonly tooltip: string;
}

export function inlayValueHints(result: CheckResult, within?: Span): InlayData[] {
  const hints: InlayData[] = [];
  for (const statement of allStatements(result)) {
    if (statement.statementKind !== 'definition' && statement.statementKind !== 'claim') continue;
    if (statement.links.length !== 1 || !statement.value) continue;
    if (within && !spansOverlap(statement.span, within) && statement.span.end !== within.end) continue;
    hints.push({
      offset: statement.links[0].span.end,
      label: ` = ${formatValueInline(statement.value)}`,
      tooltip: statement.value.text,
    });
  }
  return hints;
}

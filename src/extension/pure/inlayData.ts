/**
 * Inlay hints: the computed value after a statement that states none
 * (`z2 = relu(a2)` shows ` = [38; 22]`, `L = (y - yhat)^2` shows ` = 4`).
 *
 * A statement states a value when a link after the first is written as a
 * number, a quantity, a matrix of numbers or `?`; otherwise (a definition
 * `L = (y - yhat)^2`, a chain of formulas `∂L/∂W3 = … = 2 (yhat - y) relu'(a3) z2ᵀ`)
 * the hint shows the value. Only the links' own text is looked at, to tell a
 * literal from a formula; nothing is parsed.
 */
import type { CheckResult, Span, StatementModel } from '../../core';
import { allStatements } from './modelQueries';
import { spansOverlap } from './ranges';
import { formatValueInline, formatValueTooltip } from './valueFormat';

export interface InlayData {
  /** Where the hint sits: the end of the statement's last link. */
  readonly offset: number;
  readonly label: string;
  readonly tooltip: string;
}

const NUMBER = String.raw`[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%?`;
const LITERAL = new RegExp(String.raw`^(${NUMBER}(\s*[\p{L}_]+(\/[\p{L}_]+)?)?|\[[\s\d.,;eE%+-]*\]|\?)$`, 'u');

/** `= 8`, `≈ 58.4`, `= 6000 min`, `= [2; 8; 9]`, `= ?`: a link written as a value, not a formula. */
export function isLiteralLink(text: string): boolean {
  return LITERAL.test(text.replace(/^\s*(=|≈|~=|<=|>=|≤|≥|<|>|≠|!=)/, '').trim());
}

function statesValue(statement: StatementModel, textOf: (span: Span) => string): boolean {
  return statement.links.slice(1).some((link) => isLiteralLink(textOf(link.span)));
}

/** `textOf` reads a link's source, to skip a hint that would repeat it (`I = [6, 0; 3, 4]`). */
export function inlayValueHints(result: CheckResult, textOf: (span: Span) => string, within?: Span): InlayData[] {
  const hints: InlayData[] = [];
  const compact = (text: string): string => text.replace(/^\s*[=≈]/, '').replace(/\s+/g, '');
  for (const statement of allStatements(result, within)) {
    if (statement.statementKind !== 'definition' && statement.statementKind !== 'claim') continue;
    // The range first: links and values are built on first read, only for the statements in view.
    if (within && !spansOverlap(statement.span, within)) continue;
    if (!statement.value || statement.links.length === 0 || statesValue(statement, textOf)) continue;
    // `residual > ∂L/∂x` states a comparison: ` = 0.010005` after it would read as the value of ∂L/∂x.
    if (statement.links.some((link) => link.relation !== undefined && link.relation !== '=' && link.relation !== '≈'))
      continue;
    const last = statement.links[statement.links.length - 1];
    // A lone link that is its own value (`c = 3` read as one link, or a restated literal).
    if (compact(textOf(last.span)) === compact(statement.value.text) || isLiteralLink(textOf(last.span))) continue;
    hints.push({
      offset: last.span.end,
      label: ` = ${formatValueInline(statement.value)}`,
      tooltip: formatValueTooltip(statement.value),
    });
  }
  return hints;
}

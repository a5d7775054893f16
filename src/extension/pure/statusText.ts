import type { Summary } from '../../core';
import { problemCountsText, type ProblemCounts } from './problemCounts';

/** The status bar's text for a homework: what the Problems panel lists for it, named: `✗ 3 errors ⚠ 1 warning`. */
export function statusText(counts: ProblemCounts): string {
  const errors = `✗ ${counts.errors} ${counts.errors === 1 ? 'error' : 'errors'}`;
  const warnings = `⚠ ${counts.warnings} ${counts.warnings === 1 ? 'warning' : 'warnings'}`;
  return `${errors} ${warnings}`;
}

/** The results checked, by verdict: `14 results checked: 8 right, 4 wrong, 2 following from an earlier mistake`. */
export function checkedText(summary: Summary): string {
  const parts = [`${summary.right} right`, `${summary.wrong} wrong`];
  if (summary.followed > 0) parts.push(`${summary.followed} following from an earlier mistake`);
  if (summary.approx > 0) parts.push(`${summary.approx} right only to the digits written`);
  if (summary.filled > 0) parts.push(`${summary.filled} filled`);
  return `${summary.checked} ${summary.checked === 1 ? 'result' : 'results'} checked: ${parts.join(', ')}`;
}

export function statusTooltip(counts: ProblemCounts, summary: Summary): string {
  return `Homework: ${problemCountsText(counts)} in the Problems panel. ${checkedText(summary)}. Click for the Problems panel.`;
}

import type { Summary } from '../../core';

/** The status bar's text for a homework: `✓ 12 ✗ 3`. */
export function statusText(summary: Summary): string {
  return `✓ ${summary.right} ✗ ${summary.wrong}`;
}

export function statusTooltip(summary: Summary): string {
  const parts = [`${summary.right} right`, `${summary.wrong} wrong`];
  if (summary.followed > 0) parts.push(`${summary.followed} following from an earlier mistake`);
  if (summary.approx > 0) parts.push(`${summary.approx} right only to the digits written`);
  if (summary.filled > 0) parts.push(`${summary.filled} filled`);
  return `Homework: ${parts.join(', ')} (of ${summary.checked} checked). Click for the Problems panel.`;
}

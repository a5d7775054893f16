/**
 * The derivations view's header line. It counts what the status bar and the
 * Problems panel count (the file's published errors and warnings), named,
 * then the results checked by verdict:
 * `2 errors · 0 warnings — 14 results checked: 8 ✓ right · 4 ✗ wrong · 2 ↪ followed through`.
 */
import type { Summary } from '../core';
import { escapeHtml } from './escape';

/** The Problems panel's counts for the file (`src/extension/pure/problemCounts.ts`). */
export interface HeaderCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
}

function counted(count: number, word: string, className?: string): string {
  const text = `${count} ${escapeHtml(count === 1 ? word : `${word}s`)}`;
  return className && count > 0
    ? `<span class="hw-count ${className}">${text}</span>`
    : `<span class="hw-count">${text}</span>`;
}

function verdictCount(count: number, mark: string, label: string, verdict: string): string {
  const text = `${count} <span aria-hidden="true">${mark}</span> ${escapeHtml(label)}`;
  return count > 0 ? `<span class="hw-count hw-v-${verdict}">${text}</span>` : `<span class="hw-count">${text}</span>`;
}

export function renderHeaderSummary(summary: Summary, counts: HeaderCounts): string {
  const dot = ' <span aria-hidden="true">·</span> ';
  const problems = [counted(counts.errors, 'error', 'hw-v-wrong'), counted(counts.warnings, 'warning', 'hw-v-approx')];
  if (counts.notes > 0) problems.push(counted(counts.notes, 'note'));
  const verdicts = [
    verdictCount(summary.right, '✓', 'right', 'right'),
    verdictCount(summary.wrong, '✗', 'wrong', 'wrong'),
  ];
  if (summary.followed > 0) verdicts.push(verdictCount(summary.followed, '↪', 'followed through', 'follows'));
  if (summary.approx > 0) verdicts.push(verdictCount(summary.approx, '≈', 'approximate', 'approx'));
  if (summary.filled > 0) verdicts.push(verdictCount(summary.filled, '?', 'filled', 'filled'));
  const checked = `${summary.checked} ${summary.checked === 1 ? 'result' : 'results'} checked:`;
  return `<p class="hw-summary">${problems.join(dot)} <span aria-hidden="true">—</span> ${checked} ${verdicts.join(dot)}</p>`;
}

/**
 * A problem shows at most `MAX_DIAGNOSTICS_PER_PROBLEM` diagnostics, the
 * first ones by position, and then one `limit.diagnostics` that says how
 * many were left out. Past a few hundred nobody reads them, and an editor
 * or a terminal given 100,000 of them stalls.
 *
 * Example: a problem with 1,500 errors shows the first 1,000, then
 * "500 more diagnostics in this problem are not shown (the limit is 1000)",
 * an error, at the first one left out.
 */
import type { Diagnostic, Severity } from '../model';
import { diagnostic } from './messages';

const MAX_DIAGNOSTICS_PER_PROBLEM = 1000;

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** `list` (any order) in source order, cut to the limit plus one note. The input is not changed. */
export function capDiagnostics(
  list: readonly Diagnostic[],
  limit: number = MAX_DIAGNOSTICS_PER_PROBLEM,
): readonly Diagnostic[] {
  if (list.length <= limit) return list;
  const sorted = [...list].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const shown = sorted.slice(0, limit);
  // The note is as severe as the worst it hides: hidden errors still make the file wrong.
  let severity: Severity = 'info';
  for (let i = limit; i < sorted.length; i++)
    if (RANK[sorted[i].severity] > RANK[severity]) severity = sorted[i].severity;
  const hidden = sorted.length - limit;
  shown.push(
    diagnostic(
      'limit.diagnostics',
      severity,
      sorted[limit].span,
      `${hidden} more diagnostic${hidden === 1 ? '' : 's'} in this problem ${hidden === 1 ? 'is' : 'are'} not shown (the limit is ${limit})`,
    ),
  );
  return shown;
}

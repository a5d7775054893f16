/**
 * One set of counts for every surface: the status bar, the derivations
 * view's header and the Problems panel all count the diagnostics the
 * Problems panel lists for the file (errors, warnings, notes), and say so.
 *
 * What is published is what is counted: a statement still being typed
 * (held back, see `quietWhileTyping.ts`) is in neither, and a `?` is an
 * invitation to solve (a code lens), never a diagnostic.
 */
import { isInvitation, type Severity } from '../../core';

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
}

export const NO_PROBLEMS: ProblemCounts = { errors: 0, warnings: 0, notes: 0 };

/** A `?` invites solving: offered as a code lens, never published or counted (the core decides which codes). */
export { isInvitation };

export function countProblems(diagnostics: Iterable<{ readonly severity: Severity }>): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') errors++;
    else if (diagnostic.severity === 'warning') warnings++;
    else notes++;
  }
  return { errors, warnings, notes };
}

function plural(count: number, word: string): string {
  return `${count} ${count === 1 ? word : `${word}s`}`;
}

/** `2 errors, 1 warning` (notes only when there are some): the words every surface uses. */
export function problemCountsText(counts: ProblemCounts): string {
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.notes > 0) parts.push(plural(counts.notes, 'note'));
  return parts.join(', ');
}

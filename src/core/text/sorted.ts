/**
 * Binary search over something sorted: spans by start, diagnostics by
 * offset. One search, so the questions the formats ask of sorted lists
 * (which spans lie in a block, which set-aside note overlaps a claim) stay
 * logarithmic and are written once.
 *
 * Example: `firstIndexWhere(5, (k) => [1, 3, 5, 7, 9][k] >= 4)` is 2.
 */

/** The first index in [0, n) where `atOrAfter` holds, or n; it must hold from some index on and not before. */
export function firstIndexWhere(n: number, atOrAfter: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (atOrAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

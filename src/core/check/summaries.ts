/**
 * Counts of verdicts for a question, a problem and the document: the status
 * bar, the CLI's summary line and the derivations view's headers read
 * these. They count the judges' verdicts and decide nothing themselves.
 *
 * Example: `x = 1 + 1 = 2 = 3` counts 2 checked links, 1 right, 1 wrong.
 */
import type { ItemModel, StatementModel, Summary, Verdict } from '../model';

const EMPTY_SUMMARY: Summary = {
  statements: 0,
  checked: 0,
  right: 0,
  wrong: 0,
  followed: 0,
  filled: 0,
  approx: 0,
};

/** Counts of verdicts; `verdicts` (kept by the run) spares building the statements' link models. */
export function summarize(
  items: readonly ItemModel[],
  verdicts?: ReadonlyMap<StatementModel, readonly Verdict[]>,
): Summary {
  const s = { ...EMPTY_SUMMARY };
  for (const item of items) {
    if (item.kind !== 'statement') continue;
    s.statements++;
    for (const verdict of verdicts?.get(item) ?? item.links.map((l) => l.verdict)) {
      switch (verdict) {
        case 'right':
          s.right++;
          break;
        case 'wrong':
          s.wrong++;
          break;
        case 'follows':
          s.followed++;
          break;
        case 'filled':
          s.filled++;
          break;
        case 'approx':
          s.approx++;
          break;
        default:
          continue;
      }
      s.checked++;
    }
  }
  return s;
}

export function addSummaries(parts: readonly Summary[]): Summary {
  const total = { ...EMPTY_SUMMARY };
  for (const p of parts) {
    total.statements += p.statements;
    total.checked += p.checked;
    total.right += p.right;
    total.wrong += p.wrong;
    total.followed += p.followed;
    total.filled += p.filled;
    total.approx += p.approx;
  }
  return total;
}

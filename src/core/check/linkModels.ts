/**
 * The derivation model of a chain's links, read from its judgements: the
 * derivations view, hovers and inlay hints show these, so what they mark
 * wrong is exactly what the diagnostics call wrong.
 *
 * Example: the judgement of `[6, 5]` stated for `[6.5, 5]` gives a link
 * with verdict `wrong`, expected `[6.5, 5]` and wrong entry (0, 0) only.
 */
import type { LinkModel, Verdict } from '../model';
import type { Link } from '../syntax/ast';
import { linkToLatex } from '../syntax/latexPrinter';
import { formatValue } from '../values/format';
import type { ChainJudgement } from './judgement';

/** Verdicts now; LaTeX and formatted values on first read (only the view, hovers and inlay hints read them). */
export function chainLinkModels(chain: ChainJudgement, links: readonly Link[]): LinkModel[] {
  return links.map((link, i) => {
    const j = chain.links[i];
    const verdict: Verdict = i < chain.subjectIndex ? 'truth' : j.verdict;
    const shows = verdict === 'wrong' || verdict === 'follows' || verdict === 'approx';
    return {
      span: link.span,
      ...(link.relation ? { relation: link.relation } : {}),
      latex: linkToLatex(link),
      verdict,
      ...(verdict === 'follows' && j.followsFrom ? { followsFrom: j.followsFrom.span } : {}),
      ...(j.truth ? { value: formatValue(j.truth) } : {}),
      ...(shows && j.reference ? { expected: formatValue(j.reference) } : {}),
      ...(verdict === 'wrong' && j.wrongEntries.length > 0
        ? { wrongEntries: j.wrongEntries.map(({ row, col, index }) => ({ row, col, ...(index ? { index } : {}) })) }
        : {}),
    };
  });
}

/** The verdicts of a chain's links, the subject's included as `truth` (what summaries count). */
export function chainVerdicts(chain: ChainJudgement): Verdict[] {
  return chain.links.map((j, i) => (i < chain.subjectIndex ? 'truth' : j.verdict));
}

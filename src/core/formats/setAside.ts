/**
 * The judgement of informal notation in Markdown and LaTeX homework, made
 * once, here, and written both into the diagnostics and into the model every
 * surface reads (the derivations view, the outline, the summaries), so a link
 * set aside is "not checked" everywhere, never ✗ in the view and a note in
 * the Problems panel.
 *
 * What is set aside (an information diagnostic `source.not-checked` with the
 * reason, instead of an error): units written informally, an implication in
 * free names that fails (it may rest on a condition left unsaid), a
 * derivative's definition that differs at a kink, and shape disagreements of
 * a chain rule written in no particular layout, unless the student's own
 * arithmetic in the same chain agrees with the truth.
 *
 * Example: `$\frac{\partial L}{\partial w} = \delta \cdot a^T = …$` whose
 * product does not fit as written: the link is `unchecked` in the model and
 * its diagnostic a note; the question's summary counts neither as wrong.
 */
import type { Diagnostic, DocumentModel, ItemModel, LinkModel, StatementModel, Summary } from '../model';
import { addSummaries, withDiagnosticCounts } from '../check/summaries';
import { withSameSymbols } from '../check/problemSymbols';
import type { ForStatement, Link, Statement } from '../syntax/ast';
import type { Span } from '../text/span';
import { firstIndexWhere } from '../text/sorted';
import type { SourceReading } from './homeworkSource';
import { IMPLIES } from './implications';

export function notChecked(span: Span, reason: string): Diagnostic {
  return {
    code: 'source.not-checked',
    severity: 'info',
    span,
    message: `Not checked: ${reason}.`,
    related: [],
    fixes: [],
  };
}

const SHAPE_CODES = new Set(['value.shape', 'shape.mismatch', 'gradient.not-scalar']);

/**
 * `value.shape` on a formula stays an error when a numeric link of the same
 * chain agrees with the truth (it has no diagnostic of its own but possibly
 * an orientation note); `shape.mismatch` (a product whose shapes do not fit
 * as written) and every other shape disagreement become "not checked".
 */
export function setAsideInformalNotation(diagnostics: readonly Diagnostic[], reading: SourceReading): Diagnostic[] {
  // Listed when a diagnostic first asks (most checks have none to judge here): a pass over every statement costs.
  type Chain = Statement & { kind: 'chain' };
  let chains: Chain[] | undefined;
  let identities: ForStatement[] | undefined;
  const linkAt = (span: Span): { chain: Chain; link: Link } | undefined => {
    chains ??= reading.statements.filter((s): s is Chain => s.kind === 'chain');
    for (const chain of chains) {
      if (span.start < chain.span.start || span.end > chain.span.end) continue;
      for (const link of chain.links)
        if (span.start >= link.span.start && span.end <= link.span.end) return { chain, link };
    }
    return undefined;
  };
  const serious = (d: Diagnostic) => d.severity === 'error' || d.severity === 'warning';
  const identitiesOf = () => (identities ??= reading.statements.filter((s): s is ForStatement => s.kind === 'for'));
  const within = (span: Span, s: ForStatement) => span.start >= s.span.start && span.end <= s.span.end;
  const inImplication = (span: Span) =>
    identitiesOf().some((s) => within(span, s) && s.body.links[1]?.relationText === IMPLIES);
  // A definition of a derivative (`\text{ReLU}'(x) = …`) may take another value at a kink, a convention.
  const inDerivativeDefinition = (span: Span) =>
    identitiesOf().some((s) => {
      const head = s.body.links[0].expr;
      return within(span, s) && head.kind === 'call' && head.prime;
    });
  return diagnostics.map((d) => {
    // Units in prose math are informal (`1 \text{ step} = 5 \text{ ms}`, a unit on one side only): not an error.
    if (d.code === 'unit.mismatch' && serious(d))
      return notChecked(d.span, `the units do not agree as written (${d.message.replace(/\.$/, '')})`);
    // An implication in free names (implications.ts) that fails may rest on a condition the math leaves unsaid
    // (`c \geq 1`), so it is set aside with its counterexample, never an error.
    if (d.code === 'identity.false' && serious(d) && inImplication(d.span))
      return notChecked(d.span, `the implication does not hold for every value as written (${d.message})`);
    if (d.code === 'identity.few-samples' && serious(d) && inImplication(d.span))
      return notChecked(d.span, `the implication holds where it could be tried, too few points (${d.message})`);
    if (d.code === 'identity.false' && serious(d) && inDerivativeDefinition(d.span))
      return notChecked(
        d.span,
        `the derivative differs from the checker's (${d.message}); set aside: at a kink its value is a convention`,
      );
    if (!SHAPE_CODES.has(d.code) || !serious(d)) return d;
    const at = linkAt(d.span);
    if (d.code === 'value.shape' && at && !reading.numericLinks.has(at.link)) {
      const confirmed = at.chain.links.some(
        (other) =>
          other !== at.link &&
          reading.numericLinks.has(other) &&
          !diagnostics.some((x) => serious(x) && x.span.start >= other.span.start && x.span.end <= other.span.end),
      );
      if (confirmed) return d;
    }
    return notChecked(d.span, `the shapes do not fit as written (${d.message.replace(/\.$/, '')})`);
  });
}

/**
 * The model with the links set aside (a diagnostic of `setAside` inside a link judged wrong) made `unchecked`,
 * and every summary's counts of diagnostics taken from `diagnostics`, the list the Problems panel shows.
 * Statements with nothing set aside stay the same objects (their link models are built only when read).
 */
export function withSetAsideVerdicts(
  document: DocumentModel,
  setAside: readonly Span[],
  diagnostics: readonly Diagnostic[],
): DocumentModel {
  const aside = [...setAside].sort((a, b) => a.start - b.start);
  const byStart = [...diagnostics].sort((a, b) => a.span.start - b.span.start);
  const counted = (summary: Summary, span: Span) => withDiagnosticCounts(summary, diagnosticsFrom(byStart, span), span);
  const problems = document.problems.map((problem) => {
    const questions = problem.questions.map((question) => {
      let summary = question.summary;
      // Nothing set aside (most checks): the items stay as they are, unread.
      const items =
        aside.length === 0
          ? question.items
          : question.items.map((item): ItemModel => {
              if (item.kind !== 'statement' || firstWithin(aside, item.span) < 0) return item;
              const rewritten = setAsideLinks(item, aside, byStart);
              summary = uncounted(summary, item.links, rewritten.links);
              return rewritten;
            });
      return { ...question, items, summary: counted(summary, question.span) };
    });
    const verdicts = addSummaries(questions.map((q) => q.summary));
    return {
      ...problem,
      questions,
      summary: counted({ ...verdicts, statements: problem.summary.statements }, problem.span),
    };
  });
  const { title, titleSpan } = document;
  return withSameSymbols(document, {
    ...(title !== undefined ? { title } : {}),
    ...(titleSpan !== undefined ? { titleSpan } : {}),
    problems,
    summary: addSummaries(problems.map((p) => p.summary)),
  });
}

/** The statement with its wrong links that hold a set-aside diagnostic `unchecked`, its counts from the list. */
function setAsideLinks(item: StatementModel, aside: readonly Span[], byStart: readonly Diagnostic[]): StatementModel {
  const links = item.links.map((link): LinkModel =>
    link.verdict === 'wrong' && firstWithin(aside, link.span) >= 0
      ? { span: link.span, relation: link.relation, latex: link.latex, verdict: 'unchecked', value: link.value }
      : link,
  );
  let errors = 0;
  let warnings = 0;
  for (const d of diagnosticsFrom(byStart, item.span)) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { ...item, links, errors, warnings };
}

/** The summary without the links that went from a verdict to `unchecked`. */
function uncounted(summary: Summary, before: readonly LinkModel[], after: readonly LinkModel[]): Summary {
  let wrong = 0;
  for (let i = 0; i < before.length; i++) if (before[i].verdict === 'wrong' && after[i].verdict !== 'wrong') wrong++;
  return { ...summary, wrong: summary.wrong - wrong, checked: summary.checked - wrong };
}

/** The index of the first span of `spans` (by start) that lies inside `within`, or -1. */
function firstWithin(spans: readonly Span[], within: Span): number {
  for (let i = firstIndexWhere(spans.length, (k) => spans[k].start >= within.start); i < spans.length; i++) {
    if (spans[i].start >= within.end) return -1;
    if (spans[i].end <= within.end) return i;
  }
  return -1;
}

/** The diagnostics that start inside `span` (the list by start). */
function diagnosticsFrom(byStart: readonly Diagnostic[], span: Span): readonly Diagnostic[] {
  const from = firstIndexWhere(byStart.length, (k) => byStart[k].span.start >= span.start);
  const to = firstIndexWhere(byStart.length, (k) => byStart[k].span.start >= span.end);
  return byStart.slice(from, to);
}

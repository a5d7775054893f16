/**
 * The derivation model → HTML fragments for the derivations view and the
 * HTML export. Pure: no `vscode`, no DOM.
 *
 * The page is a flat list of parts (see `protocol/derivationsProtocol.ts`);
 * each part is one element carrying `data-key`, its key depends only on its
 * content, and its HTML is cached by that key, so a re-check after a small
 * edit renders only the statements that changed.
 *
 * Every piece of homework text is escaped here (`escapeHtml`) or rendered
 * by KaTeX (which escapes what it prints); nothing from the homework reaches
 * the page as markup.
 */
import type {
  BackwardPass,
  BackwardStep,
  DocumentModel,
  ItemModel,
  LinkModel,
  ProblemModel,
  ProseModel,
  SolverTrace,
  Span,
  StatementModel,
  Summary,
  ValueView,
  Steps,
  Verdict,
} from '../core';
import { runSteps } from '../core';
import type { PartKind, PartPlacement, RenderedPart } from '../protocol/derivationsProtocol';
import { escapeHtml, splitInlineMath } from './escape';
import { contentFingerprint, hashString, KeyAllocator } from './keys';
import { gradientLatex, markedMatrixLatex, nameLatex, relationLatex } from './viewLatex';
import { renderMath } from './math';

// ------------------------------------------------------------------ verdicts

export interface VerdictPresentation {
  /** The mark shown (also in Markdown). */
  readonly mark: string;
  /** The words a screen reader reads and the tooltip shows. */
  readonly label: string;
}

export const VERDICT_PRESENTATION: Readonly<Record<Verdict, VerdictPresentation>> = {
  truth: { mark: '', label: 'stated' },
  right: { mark: '✓', label: 'right' },
  approx: { mark: '≈', label: 'right only to the digits written' },
  wrong: { mark: '✗', label: 'wrong' },
  follows: { mark: '↪', label: 'follows from an earlier mistake' },
  filled: { mark: '?', label: 'filled by the checker' },
  unchecked: { mark: '–', label: 'not checked' },
};

/** Worst first: the verdict a statement shows as a whole. */
const VERDICT_SEVERITY: readonly Verdict[] = ['wrong', 'follows', 'approx', 'unchecked', 'filled', 'right', 'truth'];

/** The verdict of a statement as a whole: its worst link's, or undefined when nothing was checked. */
export function statementVerdict(statement: StatementModel): Verdict | undefined {
  for (const verdict of VERDICT_SEVERITY) {
    if (verdict === 'truth') break;
    if (statement.links.some((link) => link.verdict === verdict)) return verdict;
  }
  return undefined;
}

// ------------------------------------------------------------------ summary

/**
 * `✗ 2 errors · ✓ 12 right` (+ warnings, notes, followed through, approximate
 * and filled when any): the Problems panel's counts for the part, named as the
 * status bar names them, then its right results, all from its summary.
 */
export function summaryText(summary: Summary): string {
  return summaryPieces(summary)
    .map((piece) => `${piece.mark ? `${piece.mark} ` : ''}${piece.count} ${piece.label}`)
    .join(' · ');
}

interface SummaryPiece {
  readonly count: number;
  readonly label: string;
  readonly mark: string;
  /** The colour of a count above zero. */
  readonly verdict?: Verdict;
}

function summaryPieces(summary: Summary): SummaryPiece[] {
  const pieces: SummaryPiece[] = [
    { count: summary.errors, label: plural(summary.errors, 'error'), mark: '✗', verdict: 'wrong' },
  ];
  if (summary.warnings > 0)
    pieces.push({ count: summary.warnings, label: plural(summary.warnings, 'warning'), mark: '⚠', verdict: 'approx' });
  if (summary.notes > 0) pieces.push({ count: summary.notes, label: plural(summary.notes, 'note'), mark: '' });
  pieces.push({ count: summary.right, label: 'right', mark: '✓', verdict: 'right' });
  if (summary.followed > 0)
    pieces.push({ count: summary.followed, label: 'followed through', mark: '↪', verdict: 'follows' });
  if (summary.approx > 0) pieces.push({ count: summary.approx, label: 'approximate', mark: '≈', verdict: 'approx' });
  if (summary.filled > 0) pieces.push({ count: summary.filled, label: 'filled', mark: '?', verdict: 'filled' });
  return pieces;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

/** The summary line as HTML: `<p class="hw-summary">…</p>`. */
export function renderSummary(summary: Summary, label?: string): string {
  const pieces = summaryPieces(summary).map((piece) => {
    const mark = piece.mark ? `<span aria-hidden="true">${piece.mark}</span> ` : '';
    const text = `${mark}${piece.count} ${escapeHtml(piece.label)}`;
    const active = piece.verdict !== undefined && piece.count > 0;
    return active
      ? `<span class="hw-count hw-v-${piece.verdict}">${text}</span>`
      : `<span class="hw-count">${text}</span>`;
  });
  const prefix = label ? `<span class="hw-summary-label">${escapeHtml(label)}:</span> ` : '';
  return `<p class="hw-summary">${prefix}${pieces.join(' <span aria-hidden="true">·</span> ')}</p>`;
}

// ------------------------------------------------------------------ prose

/** Prose as HTML: text escaped, `$…$` rendered inline by KaTeX (untrusted). */
export function renderProseText(text: string): string {
  return splitInlineMath(text)
    .map((piece) =>
      piece.kind === 'math' ? renderMath(piece.value, { display: false, source: 'prose' }) : escapeHtml(piece.value),
    )
    .join('');
}

// ------------------------------------------------------------------ statements

/** Links longer than this are not quoted on their verdict line (the statement above shows them). */
const MAX_QUOTED_LINK_LENGTH = 120;

/** What a statement's rendering needs from the rest of the page. */
export interface StatementContext {
  /** The key of the part a `followsFrom` span lies in (for the ↪ link), if any. */
  readonly partKeyAt?: (span: Span) => string | undefined;
}

/**
 * The statement's display LaTeX, with the wrong entries of its wrong links
 * marked inside the stated matrices. The core's LaTeX for the statement is
 * kept; each wrong link's LaTeX is found in it (left to right) and replaced
 * by the rebuilt, marked matrix. A link that cannot be found stays as it is
 * (its wrong entries are still listed under the statement).
 */
export function statementLatex(statement: StatementModel, style: 'html-class' | 'text-color' = 'html-class'): string {
  let latex = statement.latex;
  let searchFrom = 0;
  for (const link of statement.links) {
    const at = link.latex ? latex.indexOf(link.latex, searchFrom) : -1;
    if (at < 0) continue;
    const marked = markedLinkLatex(link, style);
    if (marked === undefined) {
      searchFrom = at + link.latex.length;
      continue;
    }
    latex = latex.slice(0, at) + marked + latex.slice(at + link.latex.length);
    searchFrom = at + marked.length;
  }
  return latex;
}

/**
 * A link written as one literal matrix (after its relation, which the core may include), or as a `;;` literal
 * of written matrices (`\left[ \begin{bmatrix}…\end{bmatrix} \mathbin{;;} … \right]`).
 */
const LITERAL_MATRIX_LINK =
  /^(\s*(?:=|\\approx|<|>|\\le|\\ge|\\leq|\\geq|\\ne|\\neq)?\s*)(?:\\begin\{bmatrix\}(?:(?!\\begin\{bmatrix\})[\s\S])*\\end\{bmatrix\}|\\left\[ (?:\\begin\{bmatrix\}(?:(?!\\begin\{bmatrix\}|\\left)[\s\S])*\\end\{bmatrix\}(?: \\mathbin\{;;;?\} )?)+ \\right\])\s*$/;

/**
 * True when the link states a matrix (more than one entry) written out literally:
 * its entries can be marked where they stand.
 */
export function isLiteralMatrixLink(link: LinkModel): boolean {
  return link.value !== undefined && link.value.rows * link.value.cols > 1 && LITERAL_MATRIX_LINK.test(link.latex);
}

/**
 * The link's LaTeX with its wrong entries marked, rebuilt from the stated
 * value's entries; undefined when there is nothing to mark in place (no
 * wrong entries, a scalar, or a link that is a formula rather than a
 * written-out matrix: replacing a formula by its value would misquote it).
 */
function markedLinkLatex(link: LinkModel, style: 'html-class' | 'text-color'): string | undefined {
  if (!link.wrongEntries || link.wrongEntries.length === 0 || !link.value || !isLiteralMatrixLink(link))
    return undefined;
  const marked = markedMatrixLatex(link.value, link.wrongEntries, style);
  if (marked === undefined) return undefined;
  const prefix = LITERAL_MATRIX_LINK.exec(link.latex)?.[1] ?? '';
  return prefix + marked;
}

/** The link as written (with its relation), for the verdict line of a formula or a number. */
export function linkLatex(link: LinkModel): string {
  return /^\s*(=|\\approx|<|>|\\le|\\ge|\\ne)/.test(link.latex)
    ? link.latex
    : `${relationLatex(link.relation)} ${link.latex}`;
}

/** The zero-based wrong entries worth naming: only for matrices (a wrong scalar is just wrong). */
export function namedWrongEntries(
  link: LinkModel,
): readonly { readonly row: number; readonly col: number; readonly index?: readonly number[] }[] {
  const entries = link.wrongEntries ?? [];
  const value = link.expected ?? link.value;
  return value && value.rows * value.cols > 1 ? entries : [];
}

/** `(2, 2)` — one-based, as a student counts rows and columns; a tensor's entry by its full index, `(2, 1, 3)`. */
export function entryLabel(entry: {
  readonly row: number;
  readonly col: number;
  readonly index?: readonly number[];
}): string {
  return `(${(entry.index ?? [entry.row, entry.col]).map((i) => i + 1).join(', ')})`;
}

/** The true value with the entries that differ marked, when it is a matrix. */
function expectedLatex(link: LinkModel, expected: ValueView): string {
  const entries = namedWrongEntries(link);
  return entries.length > 0 ? (markedMatrixLatex(expected, entries, 'html-class') ?? expected.latex) : expected.latex;
}

function renderLinkVerdict(link: LinkModel, index: number, context: StatementContext): string {
  const presentation = VERDICT_PRESENTATION[link.verdict];
  const pieces: string[] = [
    `<span class="hw-mark" aria-hidden="true">${presentation.mark}</span>`,
    `<span class="hw-verdict-label">${escapeHtml(presentation.label)}</span>`,
  ];
  const relation = relationLatex(link.relation);
  if (link.verdict === 'filled' && link.value) {
    pieces.push(
      `<span class="hw-value">${renderMath(`${relation} ${link.value.latex}`, { display: false, source: 'model' })}</span>`,
    );
  } else if (link.verdict !== 'right' && !isLiteralMatrixLink(link) && link.latex.length <= MAX_QUOTED_LINK_LENGTH) {
    // Which link of the chain this line is about (a written-out matrix is marked in place instead).
    pieces.push(
      `<span class="hw-link-quote">${renderMath(linkLatex(link), { display: false, source: 'model' })}</span>`,
    );
    // A formula's own value, when it is not what is written (`= (39 + 1)/2 × 39` gives 780).
    const quoted = link.latex.replace(/\s+/g, '');
    if (link.value && !quoted.endsWith(link.value.latex.replace(/\s+/g, ''))) {
      pieces.push(
        `<span class="hw-gives">gives ${renderMath(link.value.latex, { display: false, source: 'model' })}</span>`,
      );
    }
  }
  const entries = namedWrongEntries(link);
  if (entries.length > 0) {
    const noun = entries.length === 1 ? 'entry' : 'entries';
    pieces.push(`<span class="hw-entries">${noun} ${escapeHtml(entries.map(entryLabel).join(', '))}</span>`);
  }
  if (link.expected && (link.verdict === 'wrong' || link.verdict === 'follows' || link.verdict === 'approx')) {
    pieces.push(
      `<span class="hw-expected"><span class="hw-expected-label">true value</span> ${renderMath(expectedLatex(link, link.expected), { display: false, source: 'trusted' })}</span>`,
    );
  }
  if (link.verdict === 'follows' && link.followsFrom) {
    const target = context.partKeyAt?.(link.followsFrom);
    pieces.push(
      target
        ? `<a class="hw-follows-link" href="#${target}" data-target-key="${target}">see the earlier mistake</a>`
        : '<span class="hw-follows-link">from an earlier mistake</span>',
    );
  }
  return `<li class="hw-verdict hw-v-${link.verdict}" data-link="${index}">${pieces.join(' ')}</li>`;
}

/** A statement as one part: display math, its verdicts, and its backward passes and built-ins' steps as `<details>`. */
export function renderStatement(statement: StatementModel, key: string, context: StatementContext = {}): string {
  const verdict = statementVerdict(statement);
  const classes = ['hw-part', 'hw-statement', `hw-kind-${statement.statementKind}`];
  if (verdict) classes.push(`hw-v-${verdict}`);
  if (statement.isAnswer) classes.push('hw-answer');
  const ariaLabel = [
    statement.isAnswer ? 'answer' : statement.statementKind,
    verdict ? VERDICT_PRESENTATION[verdict].label : '',
  ]
    .filter(Boolean)
    .join(', ');

  const badge = verdict ? VERDICT_PRESENTATION[verdict].mark : '';
  const head =
    `<div class="hw-statement-row">` +
    `<span class="hw-badge" aria-hidden="true">${badge}</span>` +
    `<div class="hw-math">${renderMath(`\\displaystyle ${statementLatex(statement)}`, { display: false, source: 'trusted' })}</div>` +
    (statement.isAnswer ? '<span class="hw-answer-tag">answer</span>' : '') +
    `</div>`;

  // Right links say one thing together; every other verdict gets its own line with its details.
  const rightLinks = statement.links.filter((link) => link.verdict === 'right').length;
  const checkedLinks = statement.links.filter((link) => link.verdict !== 'truth').length;
  const verdictItems = statement.links
    .map((link, index) => ({ link, index }))
    .filter(({ link }) => link.verdict !== 'truth' && link.verdict !== 'right')
    .map(({ link, index }) => renderLinkVerdict(link, index, context));
  if (rightLinks > 0) {
    verdictItems.unshift(
      `<li class="hw-verdict hw-v-right"><span class="hw-mark" aria-hidden="true">✓</span> ` +
        `<span class="hw-verdict-label">${rightLinks === checkedLinks ? 'right' : `${rightLinks} ${plural(rightLinks, 'step')} right`}</span></li>`,
    );
  }
  const verdicts = verdictItems.length > 0 ? `<ul class="hw-verdicts">${verdictItems.join('')}</ul>` : '';

  const backward = statement.backward
    .map(
      (pass, index) =>
        `<details class="hw-backward" data-details-id="backward-${index}">` +
        `<summary>Backward pass ${renderMath(`\\partial ${nameLatex(pass.of)} / \\partial ${nameLatex(pass.wrt)}`, { display: false, source: 'trusted' })}` +
        ` <span class="hw-step-count">${pass.steps.length} ${plural(pass.steps.length, 'step')}</span></summary>` +
        backwardTable(pass) +
        `</details>`,
    )
    .join('');
  const solvers = statement.solvers.map((trace, index) => renderSolverTrace(trace, index)).join('');

  return (
    `<article class="${classes.join(' ')}" id="${key}" data-key="${key}" tabindex="0" aria-label="${escapeHtml(ariaLabel)}">` +
    head +
    verdicts +
    backward +
    solvers +
    `</article>`
  );
}

/**
 * The backward pass as the table a TA writes on the board: one row per node
 * from L back to X, with the chain-rule step, the local derivative, the
 * upstream gradient (with its numbers) and their product ∂L/∂node.
 */
export function backwardTable(pass: BackwardPass): string {
  const header =
    '<thead><tr>' +
    '<th scope="col">node</th>' +
    '<th scope="col">chain rule</th>' +
    '<th scope="col">local derivative</th>' +
    '<th scope="col">upstream gradient</th>' +
    `<th scope="col">${renderMath(`\\frac{\\partial ${nameLatex(pass.of)}}{\\partial\\,\\text{node}}`, { display: false, source: 'trusted' })}</th>` +
    '</tr></thead>';
  const rows = pass.steps.map((step) => backwardRow(pass, step)).join('');
  return (
    `<table class="hw-backward-table">` +
    `<caption>Backward pass of ${escapeHtml(`∂${pass.of}/∂${pass.wrt}`)}, node by node from ${escapeHtml(pass.of)} to ${escapeHtml(pass.wrt)}</caption>` +
    header +
    `<tbody>${rows}</tbody></table>`
  );
}

function backwardRow(pass: BackwardPass, step: BackwardStep): string {
  const inline = (latex: string, source: 'model' | 'trusted' = 'model'): string =>
    renderMath(latex, { display: false, source });
  const upstreamNode = step.upstreamNodes[0];
  const upstream =
    upstreamNode !== undefined && step.upstream
      ? inline(`${gradientLatex(pass.of, upstreamNode)} = ${step.upstream.latex}`, 'trusted')
      : '<span class="hw-none">—</span>';
  return (
    `<tr data-node="${escapeHtml(step.node)}">` +
    `<th scope="row">${inline(nameLatex(step.node), 'trusted')}</th>` +
    `<td>${inline(step.latex)}</td>` +
    `<td>${step.local ? inline(step.local) : '<span class="hw-none">—</span>'}</td>` +
    `<td>${upstream}</td>` +
    `<td class="hw-gradient-value">${inline(step.value.latex)}</td>` +
    `</tr>`
  );
}

function renderSolverTrace(trace: SolverTrace, index: number): string {
  const steps = trace.steps
    .map(
      (step) =>
        `<li>${renderMath(step.latex, { display: false, source: 'model' })}` +
        (step.note ? ` <span class="hw-note">${renderProseText(step.note)}</span>` : '') +
        `</li>`,
    )
    .join('');
  return (
    `<details class="hw-solver" data-details-id="solver-${index}">` +
    `<summary><span class="hw-solver-name">${escapeHtml(trace.solver)}</span> ${renderMath(trace.title, { display: false, source: 'model' })}</summary>` +
    `<ol class="hw-solver-steps">${steps}</ol>` +
    `</details>`
  );
}

function renderProse(prose: ProseModel, key: string): string {
  return `<p class="hw-part hw-prose" id="${key}" data-key="${key}" tabindex="0">${renderProseText(prose.text)}</p>`;
}

function headingText(word: string, number: string | undefined, title: string | undefined): string {
  const name = number !== undefined ? `${word} ${number}` : word;
  return title ? `${name} — ${title}` : name;
}

// ------------------------------------------------------------------ the document

/** One part of the page, in document order. */
export interface DocumentPart extends RenderedPart {
  readonly kind: PartKind;
  readonly span?: Span;
}

export interface RenderedDocument {
  readonly title?: string;
  readonly parts: readonly DocumentPart[];
  readonly summary: Summary;
  readonly summaryHtml: string;
}

/**
 * HTML of parts already rendered, by key. Pass the same cache to every
 * render of a document: parts whose key is in it are not rendered again.
 */
export class PartCache {
  private current = new Map<string, string>();

  get(key: string): string | undefined {
    return this.current.get(key);
  }

  /** Keeps exactly the parts of the latest render (what the page shows). */
  replaceWith(parts: readonly RenderedPart[]): void {
    this.current = new Map(parts.map((part) => [part.key, part.html]));
  }

  set(key: string, html: string): void {
    this.current.set(key, html);
  }

  /** Forgets every part not in `keep` (after a render, the parts no longer on the page). */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const key of this.current.keys()) if (!keep.has(key)) this.current.delete(key);
  }

  get size(): number {
    return this.current.size;
  }
}

export interface RenderOptions {
  readonly cache?: PartCache;
  /** Put the file summary as a part at the top (the export does; the panel shows it in its header). */
  readonly includeDocumentSummary?: boolean;
}

/** A part whose key and place are known and whose HTML is rendered on demand. */
export interface LaidOutPart {
  readonly key: string;
  readonly kind: PartKind;
  readonly span?: Span;
  /** Renders the part's HTML (KaTeX: the expensive step, a few ms per formula). */
  readonly render: () => string;
}

/** A part of a problem as laid out once per checked problem: content fingerprints, spans from the problem's start. */
interface ProblemLayoutEntry {
  readonly kind: PartKind;
  readonly content: string;
  readonly span: Span;
  readonly questionIndex: number;
  readonly itemIndex: number;
  readonly heading?: { readonly text: string; readonly summary: Summary; readonly level: 2 | 3 };
  /** Each link's `followsFrom`, from the problem's start. */
  readonly follows: readonly (Span | undefined)[];
}

/**
 * Layouts of problems by checked problem, kept across updates of one view. It relies on the checker's
 * contract (`ProblemModel.summary`): a problem it did not check again, also one that merely moved, keeps
 * the same summary object. A re-layout after one edit then fingerprints only the edited problem and never
 * reads the others' models (a moved problem's model is shifted only when read). Models built by hand do
 * not keep that contract: lay them out without a cache.
 */
export class LayoutCache {
  readonly problems = new WeakMap<Summary, { readonly heading: string; readonly entries: ProblemLayoutEntry[] }>();
  /**
   * The parts of a checked problem as last laid out, with where it stood (its rank among the problems, its
   * offset): while both are the same, so are its parts' keys, spans and HTML.
   */
  readonly laidOut = new WeakMap<
    Summary,
    {
      readonly entries: readonly ProblemLayoutEntry[];
      readonly index: number;
      readonly origin: number;
      readonly parts: readonly LaidOutPart[];
      readonly statements: readonly { readonly span: Span; readonly key: string }[];
    }
  >();
  /** Numbers the checked problems whose statements are keyed by identity (see `LayoutOptions.fingerprintLimit`). */
  private serial = 0;

  /** Lays out one problem ahead of `layoutDocument` (a caller can spread a long file's first layout over time). */
  prepare(problem: ProblemModel): void {
    runSteps(problemLayout(problem, this, true));
  }

  nextSerial(): number {
    return ++this.serial;
  }
}

/**
 * One problem's parts, a step per statement fingerprinted. `fingerprint` false keys the statements of a checked
 * problem by its identity instead (a serial of the cache, and the statement's place in the problem): what it
 * shows cannot change while the checked problem is the same, and nothing of the model is read.
 */
function* problemLayout(
  problem: ProblemModel,
  cache: LayoutCache | undefined,
  fingerprint: boolean,
): Steps<readonly ProblemLayoutEntry[]> {
  const headingKey = `${problem.number ?? ''}\u0000${problem.title ?? ''}`;
  const cached = cache?.problems.get(problem.summary);
  if (cached && cached.heading === headingKey) return cached.entries;
  const serial = cache && !fingerprint ? cache.nextSerial() : undefined;
  const origin = problem.span.start;
  const relative = (span: Span): Span => ({ start: span.start - origin, end: span.end - origin });
  const entries: ProblemLayoutEntry[] = [];
  if (problem.number !== undefined || problem.title !== undefined) {
    const text = headingText('Problem', problem.number, problem.title);
    entries.push({
      kind: 'problem',
      content: contentFingerprint([text, problem.summary]),
      span: relative(problem.headingSpan ?? problem.span),
      questionIndex: -1,
      itemIndex: -1,
      heading: { text, summary: problem.summary, level: 2 },
      follows: [],
    });
  }
  for (const [questionIndex, question] of problem.questions.entries()) {
    if (question.number !== undefined || question.title !== undefined) {
      const text = headingText('Question', question.number, question.title);
      entries.push({
        kind: 'question',
        content: contentFingerprint([text, question.summary]),
        span: relative(question.headingSpan ?? question.span),
        questionIndex,
        itemIndex: -1,
        heading: { text, summary: question.summary, level: 3 },
        follows: [],
      });
    }
    for (const [itemIndex, item] of question.items.entries()) {
      if (item.kind === 'prose') {
        entries.push({
          kind: 'prose',
          content: item.text,
          span: relative(item.span),
          questionIndex,
          itemIndex,
          follows: [],
        });
        continue;
      }
      // A fingerprint reads the whole model of the statement (its LaTeX, values, backward passes): a step each.
      entries.push({
        kind: 'statement',
        content:
          serial === undefined ? hashString(contentFingerprint(item)) : `#${serial}.${questionIndex}.${itemIndex}`,
        span: relative(item.span),
        questionIndex,
        itemIndex,
        follows:
          serial === undefined
            ? item.links.map((link) => (link.followsFrom ? relative(link.followsFrom) : undefined))
            : [],
      });
      if (serial === undefined) yield;
    }
  }
  cache?.problems.set(problem.summary, { heading: headingKey, entries });
  return entries;
}

/**
 * The page's parts in document order, with their keys, without rendering
 * any HTML yet: cheap (no KaTeX), so the panel can learn the whole order at
 * once and render only the parts it lacks, a slice at a time.
 */
export function layoutDocument(model: DocumentModel, options: LayoutOptions = {}): LaidOutPart[] {
  return runSteps(layoutDocumentInSteps(model, options));
}

export type LayoutOptions = Pick<RenderOptions, 'includeDocumentSummary'> & {
  readonly layouts?: LayoutCache;
  /**
   * How many problems not in `layouts` to key by content (fingerprinting each statement's model); the others
   * are keyed by identity. Content keys let a re-checked problem keep the parts that did not change; the first
   * layout of a long file need not read 10,000 statements' models for that. All of them when absent.
   */
  readonly fingerprintLimit?: number;
  /**
   * An offset (the cursor's) whose problem and the problems on either side are keyed by content whatever the
   * limit: where the student types next, the first edit then sends only the statements it changed.
   */
  readonly fingerprintAround?: number;
};

/**
 * `layoutDocument` as steps, one per problem and one per statement fingerprinted: 10,000 statements take a
 * tenth of a second or more.
 */
export function* layoutDocumentInSteps(model: DocumentModel, options: LayoutOptions = {}): Steps<LaidOutPart[]> {
  let fingerprints = options.layouts
    ? (options.fingerprintLimit ?? Number.POSITIVE_INFINITY)
    : Number.POSITIVE_INFINITY;
  const around = options.fingerprintAround;
  const cursorProblem =
    around === undefined ? -1 : model.problems.findIndex((p) => around >= p.span.start && around <= p.span.end);
  const parts: LaidOutPart[] = [];
  /** Statement spans with their keys, in order, for resolving `followsFrom`. */
  const statementKeys: { span: Span; key: string }[] = [];
  const partKeyAt = (span: Span): string | undefined => {
    for (let i = statementKeys.length - 1; i >= 0; i--) {
      const entry = statementKeys[i];
      if (span.start >= entry.span.start && span.start < Math.max(entry.span.end, entry.span.start + 1))
        return entry.key;
    }
    return undefined;
  };
  const add = (kind: PartKind, key: string, span: Span | undefined, render: () => string): void => {
    parts.push({ key, kind, render, ...(span ? { span } : {}) });
  };

  if (model.title !== undefined) {
    const title = model.title;
    const key = new KeyAllocator().allocate('t', title);
    add(
      'title',
      key,
      model.titleSpan,
      () => `<h1 class="hw-part hw-title" id="${key}" data-key="${key}">${escapeHtml(title)}</h1>`,
    );
  }
  if (options.includeDocumentSummary) {
    const key = new KeyAllocator().allocate('f', contentFingerprint(model.summary));
    add(
      'summary',
      key,
      undefined,
      () =>
        `<div class="hw-part hw-file-summary" id="${key}" data-key="${key}">${renderSummary(model.summary, 'File')}</div>`,
    );
  }

  for (const [problemIndex, problem] of model.problems.entries()) {
    // Keys are unique within a problem by content, and across problems by the problem's place: an edit that
    // changes one problem's parts never renumbers another's (as one counter of equal contents would).
    const keys = new KeyAllocator();
    const scoped = (content: string): string => `${problemIndex}\u0000${content}`;
    const origin = problem.span.start;
    const at = (span: Span): Span => ({ start: span.start + origin, end: span.end + origin });
    const layouts = options.layouts;
    const known = layouts?.problems.has(problem.summary) ?? false;
    const near = cursorProblem >= 0 && Math.abs(problemIndex - cursorProblem) <= 1;
    const entries = yield* problemLayout(problem, layouts, known || near || fingerprints > 0);
    if (!known && !near) fingerprints--;
    // The same checked problem at the same place and rank: the same parts (a typing update reads one problem).
    const previous = layouts?.laidOut.get(problem.summary);
    if (previous && previous.entries === entries && previous.index === problemIndex) {
      // Moved (an edit above): the same keys and HTML, its spans shifted.
      const delta = origin - previous.origin;
      const shift = (span: Span): Span => ({ start: span.start + delta, end: span.end + delta });
      const moved =
        delta === 0
          ? previous
          : {
              ...previous,
              origin,
              parts: previous.parts.map((part) => (part.span ? { ...part, span: shift(part.span) } : part)),
              statements: previous.statements.map((statement) => ({ ...statement, span: shift(statement.span) })),
            };
      if (moved !== previous) layouts!.laidOut.set(problem.summary, moved);
      for (const part of moved.parts) parts.push(part);
      for (const statement of moved.statements) statementKeys.push(statement);
      yield;
      continue;
    }
    const firstPart = parts.length;
    const firstStatement = statementKeys.length;
    for (const entry of entries) {
      const span = at(entry.span);
      if (entry.kind === 'problem' || entry.kind === 'question') {
        const key = keys.allocate(entry.kind === 'problem' ? 'p' : 'q', scoped(entry.content));
        const { text, summary, level } = entry.heading!;
        add(
          entry.kind,
          key,
          span,
          () =>
            `<section class="hw-part hw-${entry.kind}" id="${key}" data-key="${key}"><h${level}>${escapeHtml(text)}</h${level}>${renderSummary(summary)}</section>`,
        );
        continue;
      }
      // The model of the item is read only when its part is rendered (a moved problem's model is shifted lazily).
      const item = (): ItemModel => problem.questions[entry.questionIndex].items[entry.itemIndex];
      if (entry.kind === 'prose') {
        const key = keys.allocate('m', scoped(entry.content));
        add('prose', key, span, () => renderProse(item() as ProseModel, key));
        continue;
      }
      // The ↪ link's target is part of what the statement shows, so it is part of the key.
      const targets = entry.follows.map((follows) => (follows ? (partKeyAt(at(follows)) ?? '') : ''));
      const key = keys.allocate('s', scoped(entry.content + targets.join(',')));
      add('statement', key, span, () => renderStatement(item() as StatementModel, key, { partKeyAt }));
      statementKeys.push({ span, key });
    }
    layouts?.laidOut.set(problem.summary, {
      entries,
      index: problemIndex,
      origin,
      parts: parts.slice(firstPart),
      statements: statementKeys.slice(firstStatement),
    });
    yield;
  }
  return parts;
}

/** The whole homework as ordered parts, reusing cached HTML for unchanged parts. */
export function renderDocument(model: DocumentModel, options: RenderOptions = {}): RenderedDocument {
  const parts: DocumentPart[] = layoutDocument(model, options).map((part) => ({
    key: part.key,
    kind: part.kind,
    html: options.cache?.get(part.key) ?? part.render(),
    ...(part.span ? { span: part.span } : {}),
  }));
  return {
    ...(model.title !== undefined ? { title: model.title } : {}),
    parts,
    summary: model.summary,
    summaryHtml: renderSummary(model.summary),
  };
}

/** Where each part stands, for the protocol's `order`. */
export function placements(
  parts: readonly { key: string; kind: PartKind; span?: Span }[] | RenderedDocument,
): PartPlacement[] {
  const list = 'parts' in parts ? parts.parts : parts;
  return list.map((part) => ({ key: part.key, kind: part.kind, ...(part.span ? { span: part.span } : {}) }));
}

/** The key of the part whose span holds `offset` (the innermost, latest-starting one). */
export function partAt(order: readonly PartPlacement[], offset: number): string | undefined {
  let found: string | undefined;
  for (const part of order) {
    if (!part.span || part.kind === 'title') continue;
    if (part.kind === 'problem' || part.kind === 'question') continue;
    if (offset >= part.span.start && offset <= part.span.end) found = part.key;
  }
  return found;
}

/**
 * Checking a homework written in Markdown or LaTeX: the document level finds
 * headings and math, the reader builds `.hw` statements with spans into the
 * file, the checker judges them as it judges `.hw`, and this file turns the
 * result back into the student's notation:
 *
 * - what could not be read is one information diagnostic `source.not-checked`
 *   with the reason, never an error;
 * - fixes write LaTeX (`\approx`, `\begin{pmatrix}…`), not `.hw`;
 * - a shape disagreement between a symbolic formula and the truth is a
 *   mistake only when the student's own arithmetic in the same chain agrees
 *   with the truth; otherwise it is the layout of a chain rule written in no
 *   particular convention (`\cdot` between Jacobians), reported as not checked.
 *
 * Example:
 *   checkSource('Problem 1\n\n$x = 2 + 2 = 5$', 'markdown')
 *   // one error value.wrong on `5`, with a fix to `4`
 */
import type { CheckOptions, CheckResult, Diagnostic, Fix } from '../model';
import { checkStatementsInSteps } from '../check/checker';
import { runSteps, type Steps } from '../check/steps';
import { parse } from '../syntax/parser';
import { exprToLatex } from '../syntax/latexPrinter';
import type { Span } from '../text/span';
import { firstIndexWhere } from '../text/sorted';
import { relayChainRules } from './chainRuleLayout';
import { readHomeworkParts, type SourceReading } from './homeworkSource';
import { readLatexOutline } from './latexDocument';
import { readMarkdownOutline } from './markdownDocument';
import { notChecked, setAsideInformalNotation, withSetAsideVerdicts } from './setAside';
import { softmaxOverRows } from './softmaxRows';

export type SourceFormat = 'markdown' | 'latex';

/** How many math blocks were read, for the summary line. */
export interface SourceSummary {
  readonly format: SourceFormat;
  readonly mathBlocks: number;
  /** Blocks with at least one claim judged. */
  readonly checked: number;
  /** Of those, blocks where something else was set aside as not checked. */
  readonly partly: number;
  /** Blocks where something was set aside and no claim was judged. */
  readonly notChecked: number;
  /** Blocks whose math text contains a digit, anywhere (a number, an index such as `w^{(1)}`, a label). */
  readonly withNumbers: number;
  /**
   * Of those, blocks checked: a claim in them judged, or read in full with nothing set aside (a block with no
   * claim, such as `$36 \times 36 \times 3$`, has nothing to skip). A block with something set aside or not read
   * (`\begin{cases}` alone) and no claim judged is not checked.
   */
  readonly withNumbersChecked: number;
  /** `withNumbersChecked` of `withNumbers` in percent, rounded down (79.9% is 79); 100 when there are none. */
  readonly withNumbersCheckedPercent: number;
  /** Of those, blocks with a claim judged. */
  readonly withNumbersJudged: number;
  /** Blocks with an expression of numbers alone, something to compute; and how many of them were checked. */
  readonly numeric: number;
  readonly numericChecked: number;
}

export interface SourceCheckResult extends CheckResult {
  readonly source: SourceSummary;
  /** Where the file's math is (completion offers names inside math only), from the reading the check made. */
  readonly mathSpans: readonly Span[];
}

/** The format a file name says, if it is one the reader reads. */
export function sourceFormatOfPath(path: string): SourceFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.tex')) return 'latex';
  return undefined;
}

/**
 * Whether a Markdown or LaTeX file says it is homework: front matter with
 * `homework: true`, or a first line `<!-- homework -->` / `% homework`.
 */
export function declaresHomework(text: string, format: SourceFormat): boolean {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = /^[^\n]*/.exec(body)![0].trim();
  if (format === 'markdown') {
    if (/^<!--\s*homework\s*-->$/i.test(firstLine)) return true;
    const front = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(body);
    return front !== null && /^homework[ \t]*:[ \t]*(true|yes)[ \t]*$/im.test(front[1]);
  }
  return /^%\s*homework\s*$/i.test(firstLine);
}

export function readSource(text: string, format: SourceFormat): SourceReading {
  const parts = format === 'markdown' ? readMarkdownOutline(text) : readLatexOutline(text);
  return readHomeworkParts(text, parts);
}

export function checkSource(text: string, format: SourceFormat, options: CheckOptions = {}): SourceCheckResult {
  return runSteps(checkSourceInSteps(text, format, options, false));
}

/** `checkSource` as steps, one per statement evaluated (see check/steps.ts); the reading is one step. */
export function* checkSourceInSteps(
  text: string,
  format: SourceFormat,
  options: CheckOptions = {},
  pauses = true,
): Steps<SourceCheckResult> {
  const reading = readSource(text, format);
  yield;
  return yield* checkReadingInSteps(text, format, reading, options, pauses);
}

/** The check of a reading made already (a notebook's cells, read one by one: see notebookCells.ts). */
export function* checkReadingInSteps(
  text: string,
  format: SourceFormat,
  read: SourceReading,
  options: CheckOptions,
  pauses: boolean,
): Steps<SourceCheckResult> {
  let reading = read;
  let result = yield* checkStatementsInSteps(text, reading.statements, options, pauses);
  // Notation read again once the first check knows the names' shapes and what it judged wrong, then checked again:
  // a chain rule that fits only in one layout (chainRuleLayout.ts), a softmax of a matrix over rows (softmaxRows.ts).
  let statements = reading.statements;
  if (reading.hasDerivativeProducts)
    statements = relayChainRules(statements, result.document.symbols)?.statements ?? statements;
  statements = softmaxOverRows(statements, result.diagnostics, () => result.document.symbols) ?? statements;
  if (statements !== reading.statements) {
    reading = { ...reading, statements };
    result = yield* checkStatementsInSteps(text, statements, options, pauses);
  }
  const judged = setAsideInformalNotation(result.diagnostics, reading);
  const diagnostics = judged.map(inLatex).concat(reading.skipped.map((s) => notChecked(s.span, s.reason)));
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const setAside = judged.filter((d, i) => d !== result.diagnostics[i]).map((d) => d.span);
  const document = withSetAsideVerdicts(result.document, setAside, diagnostics);
  const source = summarise(format, reading, diagnostics);
  return { diagnostics, document, source, mathSpans: reading.blocks.map((block) => block.span) };
}

/**
 * Per math block: whether something in it was set aside (a `source.not-checked`
 * diagnostic inside it), and whether a claim in it was judged.
 */
function summarise(format: SourceFormat, reading: SourceReading, diagnostics: readonly Diagnostic[]): SourceSummary {
  const overlapsSkipped = overlapTest(diagnostics.filter((d) => d.code === 'source.not-checked').map((d) => d.span));
  let checked = 0;
  let notChecked = 0;
  let partly = 0;
  let withNumbers = 0;
  let withNumbersRead = 0;
  let withNumbersJudged = 0;
  let numeric = 0;
  let numericChecked = 0;
  for (const block of reading.blocks) {
    const skipped = overlapsSkipped(block.span);
    const judged = block.claimSpans.some((c) => !overlapsSkipped(c));
    if (judged) checked++;
    if (skipped && judged) partly++;
    if (skipped && !judged) notChecked++;
    if (block.hasNumbers) {
      withNumbers++;
      if (judged || (!skipped && block.readInFull)) withNumbersRead++;
      if (judged) withNumbersJudged++;
    }
    if (block.hasNumericExpression) {
      numeric++;
      if (!skipped || judged) numericChecked++;
    }
  }
  return {
    format,
    mathBlocks: reading.blocks.length,
    checked,
    partly,
    notChecked,
    withNumbers,
    withNumbersChecked: withNumbersRead,
    withNumbersCheckedPercent: withNumbers === 0 ? 100 : Math.floor((100 * withNumbersRead) / withNumbers),
    withNumbersJudged,
    numeric,
    numericChecked,
  };
}

/**
 * Whether a span overlaps any of `spans`: the spans by start, with the furthest end reached so far, so each
 * question is a binary search (a file whose every block is set aside asked blocks × spans questions before).
 */
export function overlapTest(spans: readonly Span[]): (span: Span) => boolean {
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  const furthestEnd: number[] = [];
  for (const s of byStart) furthestEnd.push(Math.max(s.end, furthestEnd[furthestEnd.length - 1] ?? -Infinity));
  return (span) => {
    // The spans that start before `span` ends: the furthest end among them reaches past its start, or none does.
    const lo = firstIndexWhere(byStart.length, (k) => byStart[k].start >= span.end);
    return lo > 0 && furthestEnd[lo - 1] > span.start;
  };
}

/** The figure of blocks with numbers, for the summary line: `76 of 94 math blocks with numbers checked (80%)`. */
export function numbersCheckedFigure(s: SourceSummary): string {
  return `${s.withNumbersChecked} of ${s.withNumbers} math blocks with numbers checked (${s.withNumbersCheckedPercent}%)`;
}

/** Fixes in the student's notation: values as LaTeX, `≈` as `\approx`, `ᵀ` as `^T`. */
function inLatex(d: Diagnostic): Diagnostic {
  if (d.fixes.length === 0) return d;
  const fixes: Fix[] = d.fixes.map((f) => ({
    ...f,
    edits: f.edits.map((e) => ({ ...e, newText: latexText(e.newText) })),
  }));
  return { ...d, fixes };
}

/** A `.hw` value or symbol as the student's LaTeX: what fixes and Solve with Steps write. */
export function latexText(hw: string): string {
  if (hw === '≈') return '\\approx';
  if (hw === 'ᵀ') return '^T';
  if (hw === ')ᵀ') return ')^T';
  if (hw === '(' || hw === '') return hw;
  if (/^-?[0-9.]+(e[-+]?[0-9]+)?$/i.test(hw)) return hw;
  const file = parse(`x = ${hw}`);
  const st = file.statements[0];
  if (file.errors.length > 0 || !st || st.kind !== 'chain' || st.links.length !== 2) return hw;
  const expr = st.links[1].expr;
  if (expr.kind === 'matrix') {
    const rows = expr.rows.map((r) => r.map((x) => exprToLatex(x)).join(' & '));
    return `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}`;
  }
  return exprToLatex(expr);
}

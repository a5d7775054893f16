/**
 * A notebook's markdown cells checked as one Markdown homework, in cell
 * order: a name defined in one cell is known in the cells after it, and a
 * mistake is followed through into them, as problems are within one file.
 *
 * Each cell is read on its own (an unclosed `$$` in one cell cannot swallow
 * the next), then the readings are joined: the cells' texts are laid end to
 * end with a blank line between them, and every offset is shifted to where
 * its cell starts in that joined text. `cellResult` takes the part of the
 * notebook's result that lies in one cell, with offsets into that cell.
 *
 * Example:
 *   const checked = checkNotebookCells(['$x = 2$', '$y = x + 1 = 4$']);
 *   cellResult(checked.result, checked.cells[1])
 *   // one error value.wrong on `4` (offsets 12 to 13 of the second cell), with a fix to `3`
 */
import type { CheckOptions, CheckResult, Diagnostic, DocumentModel, SymbolModel } from '../model';
import { runSteps, type Steps } from '../check/steps';
import type { Span } from '../text/span';
import { checkReadingInSteps, type SourceCheckResult } from './checkSource';
import { readHomeworkParts } from './homeworkSource';
import { readMarkdownOutline } from './markdownDocument';
import type { DocumentPart } from './outline';

/** Between two cells in the joined text: a blank line, so that no paragraph runs from one cell into the next. */
export const CELL_SEPARATOR = '\n\n';

export interface NotebookCheck {
  readonly result: SourceCheckResult;
  /** Where each cell lies in the joined text, in the order given. */
  readonly cells: readonly Span[];
}

export function checkNotebookCells(cells: readonly string[], options: CheckOptions = {}): NotebookCheck {
  return runSteps(checkNotebookCellsInSteps(cells, options, false));
}

/** `checkNotebookCells` as steps (see check/steps.ts); reading the cells is one step. */
export function* checkNotebookCellsInSteps(
  cells: readonly string[],
  options: CheckOptions = {},
  pauses = true,
): Steps<NotebookCheck> {
  const spans: Span[] = [];
  const parts: DocumentPart[] = [];
  let start = 0;
  for (const cell of cells) {
    spans.push({ start, end: start + cell.length });
    for (const part of readMarkdownOutline(cell)) parts.push(shiftPart(part, start));
    start += cell.length + CELL_SEPARATOR.length;
  }
  const text = cells.join(CELL_SEPARATOR);
  const reading = readHomeworkParts(text, parts);
  yield;
  const result = yield* checkReadingInSteps(text, 'markdown', reading, options, pauses);
  return { result, cells: spans };
}

/** How many notebook states a memo keeps: the file's own and a few variants (fixes being verified). */
const MEMO_SIZE = 4;

/**
 * The last checks of one notebook, shared by its cells. After an edit every markdown cell is checked again (the
 * cells after it may read what it defines), and each cell's check is the whole notebook's: without the memo a
 * notebook of n cells was checked n times per edit. A check stopped before its end is not kept.
 */
export class NotebookCheckMemo {
  private readonly kept: { cells: readonly string[]; options: string; checked: NotebookCheck }[] = [];

  *checkInSteps(cells: readonly string[], options: CheckOptions = {}, pauses = true): Steps<NotebookCheck> {
    const key = optionsKey(options);
    const found = this.kept.find((k) => k.options === key && sameTexts(k.cells, cells));
    if (found) return found.checked;
    const checked = yield* checkNotebookCellsInSteps(cells, options, pauses);
    this.kept.unshift({ cells: [...cells], options: key, checked });
    if (this.kept.length > MEMO_SIZE) this.kept.pop();
    return checked;
  }

  check(cells: readonly string[], options: CheckOptions = {}): NotebookCheck {
    return runSteps(this.checkInSteps(cells, options, false));
  }
}

/** What of the options decides a check's result (the error callback does not). */
function optionsKey(options: CheckOptions): string {
  return JSON.stringify({ ...options, onInternalError: undefined });
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, i) => text === b[i]);
}

/**
 * The part of a notebook's result inside `cell`, with offsets into the cell:
 * its diagnostics (with the related places and the fixes that lie in the
 * cell too) and its symbols. The problems' models are left out (they span
 * cells); the summary is the notebook's.
 */
export function cellResult(result: CheckResult, cell: Span): CheckResult {
  const inside = (span: Span) => span.start >= cell.start && span.end <= cell.end;
  const local = (span: Span): Span => ({ start: span.start - cell.start, end: span.end - cell.start });
  const diagnostics: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    if (!inside(d.span)) continue;
    diagnostics.push({
      ...d,
      span: local(d.span),
      related: d.related.filter((r) => inside(r.span)).map((r) => ({ ...r, span: local(r.span) })),
      fixes: d.fixes
        .filter((f) => f.edits.every((e) => inside(e.span)))
        .map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: local(e.span) })) })),
    });
  }
  const symbols: SymbolModel[] = result.document.symbols
    .filter((s) => inside(s.definitionSpan))
    .map((s) => ({
      ...s,
      definitionSpan: local(s.definitionSpan),
      references: s.references.filter(inside).map(local),
    }));
  const document: DocumentModel = { problems: [], symbols, summary: result.document.summary };
  return { diagnostics, document };
}

function shiftPart(part: DocumentPart, by: number): DocumentPart {
  const shift = (span: Span): Span => ({ start: span.start + by, end: span.end + by });
  if (part.kind === 'math')
    return { ...part, span: shift(part.span), contentStart: part.contentStart + by, contentEnd: part.contentEnd + by };
  const heading = part.heading;
  return {
    ...part,
    span: shift(part.span),
    heading: {
      ...heading,
      span: shift(heading.span),
      keywordSpan: shift(heading.keywordSpan),
      number: heading.number && { ...heading.number, span: shift(heading.number.span) },
      title: heading.title && { ...heading.title, span: shift(heading.title.span) },
    },
  };
}

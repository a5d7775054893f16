/**
 * Finding things under the cursor in the core's model, by spans alone: the
 * editor features never parse the text to know what a position means.
 *
 * A query about one place reads the problems there only (found by binary
 * search over their spans, which follow each other in text order): reading
 * the whole file's statements or symbol table costs about 85 ms at 10,000
 * statements, and a hover or a completion must not block the host that long.
 */
import { problemSymbols, symbolsReaching } from '../../core';
import type {
  CheckResult,
  Diagnostic,
  LinkModel,
  ProblemModel,
  QuestionModel,
  Span,
  StatementModel,
  SymbolModel,
} from '../../core';
import { spansOverlap, spanTouches } from './ranges';

export interface ProblemAt {
  readonly problem: ProblemModel;
  readonly problemIndex: number;
}

export interface QuestionAt extends ProblemAt {
  readonly question: QuestionModel;
}

export interface SymbolOccurrence {
  readonly symbol: SymbolModel;
  /** The span of the name under the cursor: the definition or one reference. */
  readonly span: Span;
  readonly isDefinition: boolean;
}

export function problemAt(result: CheckResult, offset: number): ProblemAt | undefined {
  const touching = problemsTouching(result, offset);
  if (!touching) return undefined;
  return { problem: result.document.problems[touching.first], problemIndex: touching.first };
}

/**
 * The indices of the problems whose span touches the offset (two where one ends and the next starts),
 * by binary search: problems follow each other in text order.
 */
export function problemsTouching(result: CheckResult, offset: number): { first: number; last: number } | undefined {
  const problems = result.document.problems;
  // The first problem that does not end before the offset.
  let low = 0;
  let high = problems.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (problems[middle].span.end < offset) low = middle + 1;
    else high = middle;
  }
  let last = low - 1;
  while (last + 1 < problems.length && problems[last + 1].span.start <= offset) last++;
  if (last < low) return undefined;
  return { first: low, last };
}

export function questionAt(result: CheckResult, offset: number): QuestionAt | undefined {
  const found = problemAt(result, offset);
  if (!found) return undefined;
  const question = found.problem.questions.find((candidate) => spanTouches(candidate.span, offset));
  return question ? { ...found, question } : undefined;
}

/**
 * The statements of the document, or of the problems that overlap `within`:
 * a problem's questions are built (shifted to its place) on first read, so a
 * query about what is in view reads only the problems in view.
 */
export function* allStatements(result: CheckResult, within?: Span): Iterable<StatementModel> {
  for (const problem of result.document.problems) {
    if (within && !spansOverlap(problem.span, within)) continue;
    for (const question of problem.questions) {
      for (const item of question.items) if (item.kind === 'statement') yield item;
    }
  }
}

export function statementAt(result: CheckResult, offset: number): StatementModel | undefined {
  const found = questionAt(result, offset);
  if (!found) return undefined;
  for (const item of found.question.items) {
    if (item.kind === 'statement' && spanTouches(item.span, offset)) return item;
  }
  return undefined;
}

/** The statement with this id: looked for in `problemIndex` first (where a symbol's statement is), then anywhere. */
export function statementById(result: CheckResult, id: number, problemIndex?: number): StatementModel | undefined {
  const problem = problemIndex === undefined ? undefined : result.document.problems[problemIndex];
  for (const question of problem?.questions ?? [])
    for (const item of question.items) if (item.kind === 'statement' && item.id === id) return item;
  for (const statement of allStatements(result)) if (statement.id === id) return statement;
  return undefined;
}

export function linkAt(statement: StatementModel, offset: number): LinkModel | undefined {
  return statement.links.find((link) => spanTouches(link.span, offset));
}

/**
 * The name under the cursor, whether it is where the name is defined or one
 * of its uses. The narrowest span wins. A text cursor just after a name
 * touches it (`endInclusive`, the default); a mouse over the next character
 * does not (hovers pass `false`).
 */
export function symbolAt(result: CheckResult, offset: number, endInclusive = true): SymbolOccurrence | undefined {
  let best: SymbolOccurrence | undefined;
  const consider = (symbol: SymbolModel, span: Span, isDefinition: boolean): void => {
    if (endInclusive ? !spanTouches(span, offset) : !(offset >= span.start && offset < span.end)) return;
    if (!best || span.end - span.start < best.span.end - best.span.start) best = { symbol, span, isDefinition };
  };
  // Off every problem, none (or, for a model the checker did not build, all) of the symbols.
  const touching = problemsTouching(result, offset) ?? { first: 0, last: -1 };
  for (const symbol of symbolsReaching(result.document, touching.first, touching.last)) {
    consider(symbol, symbol.definitionSpan, true);
    for (const reference of symbol.references) consider(symbol, reference, false);
  }
  return best;
}

/** Diagnostics whose span contains the offset, the narrowest first. */
export function diagnosticsAt(result: CheckResult, offset: number): Diagnostic[] {
  return result.diagnostics
    .filter((diagnostic) => spanTouches(diagnostic.span, offset))
    .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
}

/** Names usable at the offset: those of its problem defined before it (functions and units anywhere in it). */
export function namesInScope(result: CheckResult, offset: number): SymbolModel[] {
  const found = problemAt(result, offset);
  if (!found) return [];
  const seen = new Set<string>();
  const names: SymbolModel[] = [];
  for (const symbol of problemSymbols(result.document, found.problemIndex)) {
    if (seen.has(symbol.name)) continue;
    const visibleEverywhere = symbol.kind === 'function' || symbol.kind === 'unit';
    if (!visibleEverywhere && symbol.definitionSpan.start >= offset) continue;
    seen.add(symbol.name);
    names.push(symbol);
  }
  return names;
}

/** `Problem 1 · Backpropagation…`, `Question 2 · The loss`, `Question` (unnumbered). */
export function headingLabel(
  word: 'Problem' | 'Question',
  number: string | undefined,
  title: string | undefined,
): string {
  const head = number ? `${word} ${number}` : word;
  return title ? `${head}: ${title}` : head;
}

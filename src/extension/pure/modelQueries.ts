/**
 * Finding things under the cursor in the core's model, by spans alone: the
 * editor features never parse the text to know what a position means.
 */
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
  const problems = result.document.problems;
  for (let problemIndex = 0; problemIndex < problems.length; problemIndex++) {
    if (spanTouches(problems[problemIndex].span, offset)) return { problem: problems[problemIndex], problemIndex };
  }
  return undefined;
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

export function statementById(result: CheckResult, id: number): StatementModel | undefined {
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
  for (const symbol of result.document.symbols) {
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
  for (const symbol of result.document.symbols) {
    if (symbol.problemIndex !== found.problemIndex || seen.has(symbol.name)) continue;
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

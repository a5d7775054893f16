/**
 * The outline (homework › problem › question › statement) and the folding
 * ranges, from the model's spans.
 */
import {
  runSteps,
  type CheckResult,
  type LineIndex,
  type ProblemModel,
  type Span,
  type StatementModel,
  type Steps,
} from '../../core';
import { headingLabel } from './modelQueries';

export type OutlineKind = 'homework' | 'problem' | 'question' | StatementModel['statementKind'];

export interface OutlineNode {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  readonly span: Span;
  /** The part to highlight and reveal (a heading or the defined name); inside `span`. */
  readonly selectionSpan: Span;
  readonly children: readonly OutlineNode[];
}

/**
 * Files with more statements than this list their problems and questions only. VS Code converts,
 * serialises and sends the whole outline in one go after each edit (breadcrumbs and sticky scroll ask for
 * it): 10,000 statements' symbols blocked the extension host for 100-200 ms, 2,000 for about 20 ms.
 */
export const OUTLINE_STATEMENT_LIMIT = 2000;

/** `textOf` reads a statement's source for its label (display only; nothing is parsed). */
export function outline(
  result: CheckResult,
  textOf: (span: Span) => string,
  statementLimit = OUTLINE_STATEMENT_LIMIT,
): OutlineNode[] {
  return runSteps(outlineInSteps(result, textOf, statementLimit));
}

/**
 * The outline as steps, one per problem: its first reading realises every
 * statement's model (a third of a second for 10,000 statements), which a
 * host runs in slices (see slicedRuns.ts). Statements are listed up to `statementLimit` in the file.
 */
export function* outlineInSteps(
  result: CheckResult,
  textOf: (span: Span) => string,
  statementLimit = OUTLINE_STATEMENT_LIMIT,
): Steps<OutlineNode[]> {
  const document = result.document;
  const withStatements = document.summary.statements <= statementLimit;
  const problems: OutlineNode[] = [];
  for (const problem of document.problems) {
    problems.push(problemNode(problem, withStatements ? textOf : undefined));
    yield;
  }
  if (document.title === undefined) return problems;
  const end = Math.max(document.titleSpan?.end ?? 0, ...document.problems.map((problem) => problem.span.end));
  const start = Math.min(document.titleSpan?.start ?? 0, ...document.problems.map((problem) => problem.span.start));
  const span = { start, end };
  return [
    {
      name: document.title,
      detail: `✓ ${document.summary.right} ✗ ${document.summary.wrong}`,
      kind: 'homework',
      span,
      selectionSpan: document.titleSpan ?? span,
      children: problems,
    },
  ];
}

/** Without `textOf`, the problem's headings only (a long file). */
function problemNode(problem: ProblemModel, textOf: ((span: Span) => string) | undefined): OutlineNode {
  return {
    name: headingLabel('Problem', problem.number, problem.title),
    detail: problem.summary.wrong > 0 ? `✗ ${problem.summary.wrong}` : '',
    kind: 'problem',
    span: problem.span,
    selectionSpan: problem.headingSpan ?? problem.span,
    children: problem.questions.flatMap((question): OutlineNode[] => {
      const statements = textOf
        ? question.items.flatMap((item) => (item.kind === 'statement' ? [statementNode(item, textOf)] : []))
        : [];
      // Statements before a problem's first `question` (a `unit`, say) sit under the problem itself.
      if (question.number === undefined && question.title === undefined && question.headingSpan === undefined)
        return statements;
      return [
        {
          name: headingLabel('Question', question.number, question.title),
          detail: question.summary.wrong > 0 ? `✗ ${question.summary.wrong}` : '',
          kind: 'question',
          span: question.span,
          selectionSpan: question.headingSpan ?? question.span,
          children: statements,
        },
      ];
    }),
  };
}

function statementNode(statement: StatementModel, textOf: (span: Span) => string): OutlineNode {
  const label = statement.defines?.length ? statement.defines.join(', ') : firstLine(textOf(statement.span));
  return {
    name: (statement.isAnswer ? 'answer ' : '') + (label || statement.statementKind),
    detail: statement.errors > 0 ? `✗ ${statement.errors}` : '',
    kind: statement.statementKind,
    span: statement.span,
    selectionSpan: statement.span,
    children: [],
  };
}

function firstLine(text: string, maxLength = 60): string {
  const line = text.split(/\r?\n/, 1)[0].trim();
  return line.length <= maxLength ? line : `${line.slice(0, maxLength - 1)}…`;
}

export interface LineFold {
  readonly startLine: number;
  readonly endLine: number;
}

/** A fold per problem and per question, from its heading line to its last non-empty line. */
export function foldingRanges(result: CheckResult, lines: LineIndex): LineFold[] {
  return runSteps(foldingRangesInSteps(result, lines));
}

/**
 * The folds as steps, one per problem: a problem's questions are built and
 * shifted to its place on first read, and after an edit every problem below
 * it has moved (0.15-0.2 s at 10,000 statements).
 */
export function* foldingRangesInSteps(result: CheckResult, lines: LineIndex): Steps<LineFold[]> {
  const folds: LineFold[] = [];
  const add = (span: Span): void => {
    const startLine = lines.positionAt(span.start).line;
    const endLine = lastLineOf(lines, span);
    if (endLine > startLine) folds.push({ startLine, endLine });
  };
  for (const problem of result.document.problems) {
    add(problem.span);
    for (const question of problem.questions) add(question.span);
    yield;
  }
  return folds;
}

/** A span that ends just after a newline ends on the line before. */
function lastLineOf(lines: LineIndex, span: Span): number {
  const end = lines.positionAt(span.end);
  return end.character === 0 && span.end > span.start ? end.line - 1 : end.line;
}

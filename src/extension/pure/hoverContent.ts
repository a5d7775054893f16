/**
 * The Markdown of a hover, built from the model: the value (matrices
 * aligned), its shape and unit, where the name is defined, and for a wrong
 * value the expected one and why.
 */
import type {
  CheckResult,
  Diagnostic,
  LineIndex,
  LinkModel,
  Span,
  StatementModel,
  SymbolModel,
  ValueView,
} from '../../core';
import {
  diagnosticsAt,
  linkAt,
  problemAt,
  questionAt,
  statementAt,
  statementById,
  symbolAt,
  headingLabel,
} from './modelQueries';
import { isInvitation } from './problemCounts';
import { formatValueBlock, shapeLabel } from './valueFormat';

export interface HoverData {
  /** Markdown paragraphs. */
  readonly markdown: string;
  readonly span: Span;
}

const SYMBOL_KIND_LABELS: Record<SymbolModel['kind'], string> = {
  given: 'given',
  definition: 'defined',
  function: 'function',
  unit: 'unit',
  parameter: 'parameter',
};

/** Names and messages are shown as text: `y_hat` must not turn italic. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (character) => `\\${character}`);
}

function codeBlock(text: string): string {
  return '```\n' + text + '\n```';
}

function valueParagraphs(value: ValueView): string[] {
  const facts = [`shape ${shapeLabel(value)}`];
  if (value.unit) facts.push(`unit ${value.unit}`);
  return [codeBlock(formatValueBlock(value)), facts.join(' · ')];
}

function whereLabel(result: CheckResult, lines: LineIndex, span: Span): string {
  const parts: string[] = [];
  const question = questionAt(result, span.start);
  const problem = question ?? problemAt(result, span.start);
  if (problem) parts.push(headingLabel('Problem', problem.problem.number, undefined));
  // Statements before a problem's first `question` sit in an unnumbered question: no "Question" to name.
  if (question?.question.number !== undefined)
    parts.push(headingLabel('Question', question.question.number, undefined));
  parts.push(`line ${lines.positionAt(span.start).line + 1}`);
  return parts.join(', ');
}

function symbolParagraphs(result: CheckResult, lines: LineIndex, symbol: SymbolModel): string[] {
  const paragraphs = [`**${escapeMarkdown(symbol.name)}** — ${SYMBOL_KIND_LABELS[symbol.kind]}`];
  const statement =
    symbol.statementId !== undefined ? statementById(result, symbol.statementId, symbol.problemIndex) : undefined;
  const value = symbol.value ?? statement?.value;
  // A name defined by a `?` keeps its value to itself until the student asks (Solve).
  if (value && !statement?.links.some((link) => link.verdict === 'filled')) paragraphs.push(...valueParagraphs(value));
  paragraphs.push(`Defined in ${whereLabel(result, lines, symbol.definitionSpan)}`);
  return paragraphs;
}

/**
 * The expected value of a problem under the cursor. Its message is not repeated: VS Code shows the
 * diagnostic's message in the same hover, just above.
 */
function wrongParagraphs(diagnostic: Diagnostic, link: LinkModel | undefined): string[] {
  const paragraphs: string[] = [];
  if (diagnostic.expected !== undefined) {
    paragraphs.push(
      `**Expected** \`${diagnostic.expected}\`` +
        (diagnostic.found !== undefined ? `, written \`${diagnostic.found}\`` : ''),
    );
  } else if (link?.expected) {
    paragraphs.push('**Expected**', codeBlock(formatValueBlock(link.expected)));
  }
  return paragraphs;
}

/**
 * `∂L/∂W2`, `d(L)/d(W2)`, `grad(L, W2)`, and a Hessian `∂²L/∂x²`, `hessian(L, x)`: derivatives the core
 * computes by reverse-mode differentiation.
 */
const GRADIENT = /^\s*(∂|d\(|grad\(|hessian\()/;

function linkParagraphs(
  result: CheckResult,
  lines: LineIndex,
  statement: StatementModel,
  link: LinkModel,
  textOf: ((span: Span) => string) | undefined,
): string[] {
  const isHead = statement.links[0] === link;
  const value = link.value ?? (isHead ? statement.value : undefined);
  if (!value) return [];
  const paragraphs: string[] = [];
  const written = isHead && textOf ? textOf(link.span).trim() : undefined;
  if (written) {
    const how = GRADIENT.test(written) ? ' — by reverse-mode differentiation through the problem' : '';
    paragraphs.push(`**${escapeMarkdown(written)}**${how}`);
  }
  paragraphs.push(...valueParagraphs(value));
  if (written) paragraphs.push(`Stated in ${whereLabel(result, lines, statement.span)}`);
  return paragraphs;
}

/** `textOf`, when given, reads a link's own text to title its hover (`∂L/∂W2`); nothing is parsed. */
export function hoverAt(
  result: CheckResult,
  lines: LineIndex,
  offset: number,
  textOf?: (span: Span) => string,
): HoverData | undefined {
  const paragraphs: string[] = [];
  let span: Span | undefined;

  const statement = statementAt(result, offset);
  const link = statement ? linkAt(statement, offset) : undefined;
  const occurrence = symbolAt(result, offset, false);

  // Anywhere on a gradient that heads its statement (`∂L/∂W2 = …`), the gradient is what is asked about.
  if (statement && link && link === statement.links[0] && textOf && GRADIENT.test(textOf(link.span))) {
    paragraphs.push(...linkParagraphs(result, lines, statement, link, textOf));
    if (paragraphs.length > 0) {
      span = link.span;
      return { markdown: paragraphs.join('\n\n'), span };
    }
  }

  if (occurrence) {
    paragraphs.push(...symbolParagraphs(result, lines, occurrence.symbol));
    span = occurrence.span;
  }

  // A `?` invites solving: its value shows only when asked for (Solve), never on a passing hover.
  const problems = diagnosticsAt(result, offset).filter(
    (diagnostic) => (diagnostic.severity !== 'info' || diagnostic.expected) && !isInvitation(diagnostic),
  );
  if (problems.length > 0 && wrongParagraphs(problems[0], link).length > 0) {
    const [narrowest] = problems;
    if (paragraphs.length > 0) paragraphs.push('---');
    paragraphs.push(...wrongParagraphs(narrowest, link));
    span ??= narrowest.span;
  } else if (!occurrence && statement && link && link.verdict !== 'filled') {
    // A link with no name under the cursor (`∂L/∂W2`, `W1 z0 + b1`): its value.
    paragraphs.push(...linkParagraphs(result, lines, statement, link, textOf));
    span = link.span;
  }

  if (paragraphs.length === 0 || !span) return undefined;
  return { markdown: paragraphs.join('\n\n'), span };
}

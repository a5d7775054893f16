/**
 * The derivation model → Markdown with `$$` display math and `$…$` inline
 * math (GitHub, VS Code's preview, pandoc). Wrong matrix entries are marked
 * with `\textcolor{red}{\boxed{…}}`, which both KaTeX and MathJax know.
 * Homework text is escaped so that it shows as text (`escapeMarkdown`).
 */
import type { BackwardPass, DocumentModel, LinkModel, StatementModel } from '../core';
import { escapeMarkdown, splitInlineMath } from './escape';
import { gradientLatex, markedMatrixLatex, nameLatex } from './viewLatex';
import {
  entryLabel,
  isLiteralMatrixLink,
  linkLatex,
  namedWrongEntries,
  statementLatex,
  summaryText,
  VERDICT_PRESENTATION,
} from './render';

/**
 * Math reaches a Markdown renderer as text it may pass through as HTML (one
 * without a math extension does): `<` followed by a letter, `/`, `!` or `?`
 * would open a tag. A space after every `<` means no tag can open, and
 * costs nothing in math mode, where spaces are not shown.
 */
function inertMath(latex: string): string {
  return latex.replace(/</g, '< ');
}

/** `$…$` must not be broken by a `$` or a table's `|` inside the LaTeX. */
function inlineMath(latex: string): string {
  return `$${inertMath(latex).replace(/\$/g, '\\$').replace(/\|/g, '\\vert ').replace(/\n/g, ' ')}$`;
}

function displayMath(latex: string): string {
  return `$$\n${inertMath(latex).replace(/\$\$/g, '\\$\\$')}\n$$`;
}

/** Prose: inline math kept as `$…$`, the text around it escaped. */
function proseMarkdown(text: string): string {
  return splitInlineMath(text)
    .map((piece) => (piece.kind === 'math' ? inlineMath(piece.value) : escapeMarkdown(piece.value)))
    .join('');
}

function heading(level: number, word: string, number: string | undefined, title: string | undefined): string {
  const name = number !== undefined ? `${word} ${number}` : word;
  return `${'#'.repeat(level)} ${escapeMarkdown(title ? `${name} — ${title}` : name)}`;
}

function linkLine(link: LinkModel): string | undefined {
  if (link.verdict === 'truth') return undefined;
  const presentation = VERDICT_PRESENTATION[link.verdict];
  let line = `- ${presentation.mark} ${presentation.label}`;
  if (link.verdict === 'filled' && link.value) line += `: ${inlineMath(link.value.latex)}`;
  else if (link.verdict !== 'right' && !isLiteralMatrixLink(link)) line += `: ${inlineMath(linkLatex(link))}`;
  const entries = namedWrongEntries(link);
  if (entries.length > 0) {
    line += ` (${entries.length === 1 ? 'entry' : 'entries'} ${entries.map(entryLabel).join(', ')})`;
  }
  if (link.expected && (link.verdict === 'wrong' || link.verdict === 'follows' || link.verdict === 'approx')) {
    const expected =
      (entries.length > 0 ? markedMatrixLatex(link.expected, entries, 'text-color') : undefined) ?? link.expected.latex;
    line += `; true value ${inlineMath(expected)}`;
  }
  return line;
}

/** The backward pass as a Markdown table (node, chain rule, local, upstream, ∂L/∂node). */
function backwardMarkdown(pass: BackwardPass): string {
  const lines = [
    `Backward pass ${inlineMath(gradientLatex(pass.of, pass.wrt))}, from ${escapeMarkdown(pass.of)} to ${escapeMarkdown(pass.wrt)}:`,
    '',
    '| node | chain rule | local derivative | upstream gradient | ∂L/∂node |',
    '|---|---|---|---|---|',
  ];
  for (const step of pass.steps) {
    const upstreamNode = step.upstreamNodes[0];
    const upstream =
      upstreamNode !== undefined && step.upstream
        ? inlineMath(`${gradientLatex(pass.of, upstreamNode)} = ${step.upstream.latex}`)
        : '—';
    lines.push(
      `| ${inlineMath(nameLatex(step.node))} | ${inlineMath(step.latex)} | ${step.local ? inlineMath(step.local) : '—'} | ${upstream} | ${inlineMath(step.value.latex)} |`,
    );
  }
  return lines.join('\n');
}

function statementMarkdown(statement: StatementModel): string {
  const blocks = [displayMath(statementLatex(statement, 'text-color'))];
  const rightLinks = statement.links.filter((link) => link.verdict === 'right').length;
  const checkedLinks = statement.links.filter((link) => link.verdict !== 'truth').length;
  const verdictLines = statement.links
    .filter((link) => link.verdict !== 'right')
    .map(linkLine)
    .filter((line): line is string => line !== undefined);
  if (rightLinks > 0)
    verdictLines.unshift(
      `- ✓ ${rightLinks === checkedLinks ? 'right' : `${rightLinks} ${rightLinks === 1 ? 'step' : 'steps'} right`}`,
    );
  if (statement.isAnswer) verdictLines.unshift('- answer');
  if (verdictLines.length > 0) blocks.push(verdictLines.join('\n'));
  for (const pass of statement.backward) blocks.push(backwardMarkdown(pass));
  for (const trace of statement.solvers) {
    const steps = trace.steps.map(
      (step, i) => `${i + 1}. ${inlineMath(step.latex)}${step.note ? ` ${proseMarkdown(step.note)}` : ''}`,
    );
    blocks.push([`${escapeMarkdown(trace.solver)}: ${inlineMath(trace.title)}`, '', ...steps].join('\n'));
  }
  return blocks.join('\n\n');
}

/** The whole homework as Markdown. */
export function renderMarkdown(model: DocumentModel): string {
  const blocks: string[] = [];
  blocks.push(`# ${escapeMarkdown(model.title ?? 'Derivations')}`);
  blocks.push(`_${summaryText(model.summary)}_`);
  for (const problem of model.problems) {
    if (problem.number !== undefined || problem.title !== undefined) {
      blocks.push(heading(2, 'Problem', problem.number, problem.title));
    }
    for (const question of problem.questions) {
      if (question.number !== undefined || question.title !== undefined) {
        blocks.push(heading(3, 'Question', question.number, question.title));
        blocks.push(`_${summaryText(question.summary)}_`);
      }
      for (const item of question.items) {
        blocks.push(item.kind === 'prose' ? proseMarkdown(item.text) : statementMarkdown(item));
      }
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

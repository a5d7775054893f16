/**
 * "Solve with Steps" in a Markdown or LaTeX homework: the substitution steps
 * that lead to the value of the statement at the cursor, written in LaTeX by
 * the writer the fixes use, each as display math of its own after the line
 * where the statement's math ends (`$$ … $$` in Markdown, `\[ … \]` in
 * LaTeX), so that the inserted steps are read and checked too. The backward
 * pass's rows are `.hw` notation, so a gradient gets no steps here.
 *
 * Example: in `$$u = A v + v$$` with `A` and `v` defined, the cursor on `u`
 * inserts `$$A v = \begin{pmatrix} … \end{pmatrix} \begin{pmatrix} … \end{pmatrix} = …$$`
 * and `$$A v + v = … = …$$` on lines of their own.
 */
import { checkedProblemAt } from '../check/checker';
import { stepLinesAt } from '../check/solveSteps';
import type { CheckOptions, Insertion } from '../model';
import { latexText, readSource, type SourceFormat } from './checkSource';

export function solveWithStepsInSource(
  text: string,
  format: SourceFormat,
  offset: number,
  options: CheckOptions = {},
): Insertion | undefined {
  const reading = readSource(text, format);
  const problem = checkedProblemAt(text, reading.statements, offset, options);
  if (!problem) return undefined;
  const found = stepLinesAt(problem, offset, options.onInternalError, latexText);
  if (!found) return undefined;
  const block = reading.blocks.find(
    (b) => b.span.start <= found.statement.span.start && found.statement.span.end <= b.span.end,
  );
  const after = block ? block.span.end : found.statement.span.end;
  const lineEnd = text.indexOf('\n', after);
  const at = lineEnd < 0 ? text.length : lineEnd;
  const display = (line: string) => (format === 'markdown' ? `\n\n$$${line}$$` : `\n\\[ ${line} \\]`);
  return { offset: at, text: found.lines.map(display).join('') };
}

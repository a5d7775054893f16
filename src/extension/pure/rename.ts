/**
 * Rename within a problem: the name's definition and every use, from the
 * model's symbol table.
 */
import { problemSymbols, type CheckResult, type TextEdit } from '../../core';
import { symbolAt, type SymbolOccurrence } from './modelQueries';

/** A plain name of the language: a letter or `_`, then letters, digits, `_` (`W1`, `yhat`, `λ_2`). */
const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function isValidName(name: string): boolean {
  return NAME.test(name);
}

/** The occurrence that can be renamed at the offset: a plain name of the problem (not `∂L/∂X`, not a unit). */
export function renameableAt(result: CheckResult, offset: number): SymbolOccurrence | undefined {
  const occurrence = symbolAt(result, offset);
  if (!occurrence || occurrence.symbol.kind === 'unit' || !isValidName(occurrence.symbol.name)) return undefined;
  return occurrence;
}

export type RenameOutcome = { readonly edits: TextEdit[] } | { readonly error: string };

export function renameEdits(result: CheckResult, offset: number, newName: string): RenameOutcome {
  const occurrence = renameableAt(result, offset);
  if (!occurrence) return { error: 'Only a name defined in this homework can be renamed.' };
  if (!isValidName(newName))
    return { error: `'${newName}' is not a name: use letters, digits and _, starting with a letter.` };
  const { symbol } = occurrence;
  // Its problem's symbols only: the whole file's table costs about 85 ms to build at 10,000 statements.
  const own = problemSymbols(result.document, symbol.problemIndex);
  const clash = own.find((other) => other !== symbol && other.name === newName);
  if (clash) return { error: `'${newName}' is already defined in this problem.` };
  // The same name may have several symbol entries in one problem (a parameter, a restatement): rename them all.
  const spans = own
    .filter((other) => other.name === symbol.name && other.kind === symbol.kind)
    .flatMap((other) => [other.definitionSpan, ...other.references]);
  const unique = new Map(spans.map((span) => [`${span.start}:${span.end}`, span]));
  return { edits: [...unique.values()].sort((a, b) => a.start - b.start).map((span) => ({ span, newText: newName })) };
}

/**
 * The names of one problem without building the whole file's symbol table.
 * `DocumentModel.symbols` shifts every problem's symbols to its place on
 * first read (about 85 ms at 10,000 statements); a hover, a completion or a
 * rename asks about one place, so it reads the problems there only. The
 * checker records, per document, each problem's own part of the table; a
 * document it did not build (a hand-made one, an internal-error result) is
 * read from `symbols` as before.
 *
 * Example:
 *   problemSymbols(result.document, 2)  // the symbols with problemIndex 2, in the order `symbols` lists them
 */
import type { DocumentModel, SymbolModel } from '../model';
import { defineLazy } from './lazy';

interface SymbolParts {
  /** Per problem, in order: its symbols, shifted to its place when first asked for. */
  readonly parts: readonly (() => SymbolModel[])[];
  /**
   * Whether a problem's names are used in later problems (Markdown and LaTeX: each problem sees
   * the names of those before it), so that a name's references may lie in a later problem.
   */
  readonly namesReachLaterProblems: boolean;
}

const partsByDocument = new WeakMap<DocumentModel, SymbolParts>();

/** For the checker: `parts[i]` gives the symbols of problem `i`, the same objects `document.symbols` lists. */
export function recordProblemSymbols(
  document: DocumentModel,
  parts: readonly (() => SymbolModel[])[],
  namesReachLaterProblems: boolean,
): void {
  partsByDocument.set(document, { parts, namesReachLaterProblems });
}

/** The symbols of problem `problemIndex` (`symbol.problemIndex === problemIndex`), in the order of `symbols`. */
export function problemSymbols(document: DocumentModel, problemIndex: number): readonly SymbolModel[] {
  const recorded = partsByDocument.get(document);
  if (!recorded) return document.symbols.filter((symbol) => symbol.problemIndex === problemIndex);
  return recorded.parts[problemIndex]?.() ?? [];
}

/**
 * A document made from `from` with other problems or summaries and the same names: `symbols` stays unread
 * until asked for (building it is the costly part), and the per-problem record carries over.
 */
export function withSameSymbols(from: DocumentModel, to: Omit<DocumentModel, 'symbols'>): DocumentModel {
  const out = to as DocumentModel;
  defineLazy(out, 'symbols', () => from.symbols);
  const recorded = partsByDocument.get(from);
  if (recorded) partsByDocument.set(out, recorded);
  return out;
}

/**
 * The symbols that may have a span (a definition or a use) in problems `first` to `last`, in the order
 * of `symbols`: those problems' own, and where names reach later problems those of every problem before.
 */
export function symbolsReaching(document: DocumentModel, first: number, last: number): readonly SymbolModel[] {
  const recorded = partsByDocument.get(document);
  if (!recorded) return document.symbols;
  const out: SymbolModel[] = [];
  for (let index = recorded.namesReachLaterProblems ? 0 : first; index <= last; index++)
    for (const symbol of recorded.parts[index]?.() ?? []) out.push(symbol);
  return out;
}

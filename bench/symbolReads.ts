/**
 * The work behind the editor's symbol reads and fix verification, as the
 * providers call it, for `hostBlocks.ts`: completion (names in scope),
 * hover, go to definition and references (the name under the cursor and
 * its places), rename (its edits), the light bulb's verification of one
 * fix, and Fix All's verification of every safe fix.
 *
 * Each symbol read is the first read of a document's first check (a fresh
 * checker each time), the longest there is: nothing of the model has been
 * built yet (a problem's symbols and statements are built when first read,
 * and kept for later checks in which the problem did not change).
 */
import {
  HomeworkChecker,
  LineIndex,
  selectSafeFixes,
  verifyFix,
  type CheckResult,
  type Fix,
  type Span,
} from '../src/core';
import { nameCompletions } from '../src/extension/pure/completionData';
import { hoverAt } from '../src/extension/pure/hoverContent';
import { namesInScope, symbolAt } from '../src/extension/pure/modelQueries';
import { spanToLineRange } from '../src/extension/pure/ranges';
import { renameableAt, renameEdits } from '../src/extension/pure/rename';

export const SYMBOL_READS = ['completion', 'hover', 'definition', 'references', 'rename'] as const;
export type SymbolRead = (typeof SYMBOL_READS)[number];

/** A homework, with a name used in the middle of the file to ask about. */
export class SymbolReadBench {
  private readonly nameOffset: number;

  constructor(private readonly text: string) {
    const result = new HomeworkChecker().check(text);
    // The use of a name nearest the middle (reading every symbol is fine here: this is the set-up).
    const middle = text.length / 2;
    let best: Span | undefined;
    for (const symbol of result.document.symbols)
      for (const use of symbol.references)
        if (!best || Math.abs(use.start - middle) < Math.abs(best.start - middle)) best = use;
    this.nameOffset = best!.start + 1;
  }

  /** A first check, nothing of it read yet, and the offset of the name. */
  fresh(): { text: string; result: CheckResult; offset: number } {
    return { text: this.text, result: new HomeworkChecker().check(this.text), offset: this.nameOffset };
  }

  /** What the provider computes from the check, as in completion.ts, hover.ts and navigation.ts. */
  static read(which: SymbolRead, text: string, result: CheckResult, offset: number): unknown {
    const lines = new LineIndex(text);
    switch (which) {
      case 'completion':
        return nameCompletions(namesInScope(result, offset));
      case 'hover':
        symbolAt(result, offset, false);
        return hoverAt(result, lines, offset, (span) => text.slice(span.start, span.end));
      case 'definition': {
        const occurrence = symbolAt(result, offset);
        return occurrence && spanToLineRange(lines, occurrence.symbol.definitionSpan);
      }
      case 'references': {
        const occurrence = symbolAt(result, offset);
        return occurrence?.symbol.references.map((span) => spanToLineRange(lines, span));
      }
      case 'rename':
        renameableAt(result, offset);
        return renameEdits(result, offset, 'renamed');
    }
  }
}

/** The preferred fix of the wrong value nearest the middle: what the light bulb verifies under the cursor. */
export function fixNearMiddle(text: string, result: CheckResult): Fix {
  let best: Fix | undefined;
  let distance = Infinity;
  for (const diagnostic of result.diagnostics) {
    const fix = diagnostic.fixes.find((f) => f.isPreferred && f.safe);
    const from = Math.abs(diagnostic.span.start - text.length / 2);
    if (fix && from < distance) [best, distance] = [fix, from];
  }
  return best!;
}

/** The verifications as one synchronous call (as before issue 12), for comparison with the sliced ones. */
export const verifyInOneGo = {
  lightBulb: (text: string, result: CheckResult, fix: Fix, checker: HomeworkChecker) =>
    verifyFix(text, result, fix, (variant) => checker.checkVariant(variant)),
  fixAll: (text: string, result: CheckResult, checker: HomeworkChecker) =>
    selectSafeFixes(text, result, (variant) => checker.checkVariant(variant)),
};

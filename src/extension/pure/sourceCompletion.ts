/**
 * Completion inside the math of a Markdown or LaTeX homework: the names
 * defined before the cursor, offered as the student wrote them (`w^{(1)}`,
 * `\hat{y}`), not as the checker spells them (`w^(1)`, `ŷ`), since what is
 * inserted must read back as the same name. Names carry across problems
 * there, as the reader has it; outside math (prose, code) nothing is offered.
 *
 * Example: in `$w^{(1)} = 2$ … $3 w|$` (cursor at `|`), `w^{(1)}` is offered,
 * replacing the `w` typed.
 */
import type { CheckResult, Span, SymbolModel } from '../../core';

export interface SourceNameCompletion {
  /** The name as written where it is defined. */
  readonly label: string;
  readonly kind: SymbolModel['kind'];
  readonly detail: string;
}

/** Whether `offset` lies inside one of the math blocks (between its delimiters). */
export function insideMath(spans: readonly Span[], offset: number): boolean {
  return spans.some((span) => offset > span.start && offset < span.end);
}

/** The names defined before `offset` (functions and units anywhere), each once, as written at its latest definition. */
export function sourceNameCompletions(result: CheckResult, text: string, offset: number): SourceNameCompletion[] {
  const byName = new Map<string, SymbolModel>();
  for (const symbol of result.document.symbols) {
    if (symbol.name.includes('∂')) continue;
    const visibleEverywhere = symbol.kind === 'function' || symbol.kind === 'unit';
    if (!visibleEverywhere && symbol.definitionSpan.start >= offset) continue;
    const known = byName.get(symbol.name);
    if (!known || known.definitionSpan.start < symbol.definitionSpan.start) byName.set(symbol.name, symbol);
  }
  const seen = new Set<string>();
  const completions: SourceNameCompletion[] = [];
  for (const symbol of byName.values()) {
    const label = text.slice(symbol.definitionSpan.start, symbol.definitionSpan.end).trim();
    if (label === '' || seen.has(label)) continue;
    seen.add(label);
    const value = symbol.value?.text;
    const detail = value ? `${symbol.kind} = ${value.length > 40 ? value.slice(0, 39) + '…' : value}` : symbol.kind;
    completions.push({ label, kind: symbol.kind, detail });
  }
  return completions;
}

/** Where the name being typed starts on the line (`\hat{y` or `w^{(` before the cursor), for the item's range. */
export function typedNameStart(linePrefix: string): number {
  const m = /\\?[A-Za-z][A-Za-z0-9_^{}()[\]\\]*$/.exec(linePrefix);
  return m ? m.index : linePrefix.length;
}

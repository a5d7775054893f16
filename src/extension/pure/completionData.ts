/**
 * What completion offers, as data: LaTeX-style escapes that become the
 * language's symbols, names in scope, and the built-in functions.
 */
import type { SymbolModel } from '../../core';

export interface SymbolEscape {
  /** What the writer types, `\partial`. */
  readonly trigger: string;
  /** What it becomes, `∂`. */
  readonly symbol: string;
  readonly description: string;
}

export const SYMBOL_ESCAPES: readonly SymbolEscape[] = [
  { trigger: '\\partial', symbol: '∂', description: 'partial derivative: ∂L/∂W' },
  { trigger: '\\odot', symbol: '⊙', description: 'elementwise product (also .*)' },
  { trigger: '\\approx', symbol: '≈', description: 'approximately equal, to the digits written (also ~=)' },
  { trigger: '\\leq', symbol: '≤', description: 'less than or equal (also <=)' },
  { trigger: '\\geq', symbol: '≥', description: 'greater than or equal (also >=)' },
  { trigger: '\\neq', symbol: '≠', description: 'not equal (also !=)' },
  { trigger: '\\times', symbol: '×', description: 'product' },
  { trigger: '\\cdot', symbol: '·', description: 'product' },
  { trigger: '^T', symbol: 'ᵀ', description: 'transpose (also ^T)' },
];

/** A prose line (`> …`, whose `$…$` math is LaTeX and must keep `\partial`) or a comment: nothing to complete. */
export function isProseOrComment(linePrefix: string): boolean {
  return /^\s*>/.test(linePrefix) || linePrefix.includes('#');
}

export interface EscapeCompletion extends SymbolEscape {
  /** Character where the typed escape starts on the line: the completion replaces from there to the cursor. */
  readonly replaceFrom: number;
}

/**
 * The escapes that the text just before the cursor could be the start of
 * (`\pa` → `\partial`; `^` → `^T`).
 */
export function escapeCompletions(linePrefix: string): EscapeCompletion[] {
  const backslash = /\\[A-Za-z]*$/.exec(linePrefix);
  if (backslash) {
    const typed = backslash[0];
    return SYMBOL_ESCAPES.filter((escape) => escape.trigger.startsWith('\\') && escape.trigger.startsWith(typed)).map(
      (escape) => ({ ...escape, replaceFrom: backslash.index }),
    );
  }
  const caret = /\^T?$/.exec(linePrefix);
  if (caret) {
    return SYMBOL_ESCAPES.filter((escape) => escape.trigger === '^T').map((escape) => ({
      ...escape,
      replaceFrom: caret.index,
    }));
  }
  return [];
}

/** A name the writer may use here, as completion shows it. */
export interface NameCompletion {
  readonly label: string;
  readonly kind: SymbolModel['kind'];
  readonly detail?: string;
}

export function nameCompletions(symbols: readonly SymbolModel[]): NameCompletion[] {
  return symbols
    .filter((symbol) => !symbol.name.includes('∂'))
    .map((symbol) => ({
      label: symbol.name,
      kind: symbol.kind,
      detail: symbol.value
        ? `${symbol.kind} = ${symbol.value.text.length > 40 ? symbol.value.text.slice(0, 39) + '…' : symbol.value.text}`
        : symbol.kind,
    }));
}

/** The part of a built-in that completion and hover show (see `core/solvers/builtin.ts`). */
export interface BuiltinDoc {
  readonly name: string;
  readonly signature: string;
  readonly summary: string;
  readonly example: string;
  /** Positional order, with defaults: what signature help and hover show beside the signature. */
  readonly params: readonly { readonly name: string; readonly default?: number; readonly defaultFrom?: string }[];
  /** Takes any number of arguments by position (`max`). */
  readonly variadic?: boolean;
}

export interface BuiltinCompletion {
  readonly label: string;
  readonly detail: string;
  /** Markdown. */
  readonly documentation: string;
  /** A snippet: `conv2d($1)`. */
  readonly insertSnippet: string;
}

export function builtinCompletions(
  builtins: Iterable<Pick<BuiltinDoc, 'name' | 'signature' | 'summary' | 'example'>>,
): BuiltinCompletion[] {
  const items: BuiltinCompletion[] = [];
  for (const builtin of builtins) {
    items.push({
      label: builtin.name,
      detail: builtin.signature,
      documentation: `${builtin.summary}\n\n\`\`\`homework\n${builtin.example}\n\`\`\``,
      insertSnippet: `${builtin.name}($1)`,
    });
  }
  return items.sort((a, b) => a.label.localeCompare(b.label));
}

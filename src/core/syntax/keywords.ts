/**
 * Words with a fixed meaning in the language. Statement keywords are
 * keywords only as the first word of a statement (and not when a relation
 * follows, so `answer = 42` still defines a name `answer`).
 */
export type StatementKeyword = 'homework' | 'problem' | 'question' | 'given' | 'unit' | 'answer' | 'for';

const STATEMENT_KEYWORDS: ReadonlySet<string> = new Set<StatementKeyword>([
  'homework',
  'problem',
  'question',
  'given',
  'unit',
  'answer',
  'for',
]);

export function isStatementKeyword(word: string): word is StatementKeyword {
  return STATEMENT_KEYWORDS.has(word);
}

/** The spellings a derivative may take besides `∂L/∂X`: `d(L)/d(X)` and `grad(L, X)`. */
export const DERIVATIVE_D = 'd';
export const DERIVATIVE_GRAD = 'grad';
/** `hessian(L, X)`, the ASCII spelling of `∂²L/∂X²`. */
export const DERIVATIVE_HESSIAN = 'hessian';

/** `A^T` is a transpose when the exponent is exactly this name. */
export const TRANSPOSE_NAME = 'T';

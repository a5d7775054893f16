/**
 * Every diagnostic code, in one table: its severity, what it means, the fix
 * offered. Call sites write the code as a string literal, checked against
 * this table by the compiler (`DiagnosticCode`), so a misspelt code does not
 * compile, and `diagnostic()` accepts only a severity the table allows for
 * the code. docs/language.md has a row and a heading per code; its test
 * reads this table, row by row.
 *
 * Adding a code: a row here, its row and heading in docs/language.md, and
 * the call site that emits it.
 */
import type { Severity } from './model';

export interface DiagnosticCodeInfo {
  /** The severity, or those a setting chooses between (`value.orientation`: `homework.vectorOrientation`). */
  readonly severity: Severity | readonly Severity[];
  /** A few words, as the docs table's "Meaning" column reads. */
  readonly meaning: string;
  /** The quick fix offered, as the docs table's "Fix" column reads; absent when none. */
  readonly fix?: string;
}

export const DIAGNOSTIC_CODES = {
  'syntax.adjacent-numbers': { severity: 'error', meaning: 'two numbers side by side' },
  'syntax.empty-matrix': { severity: 'error', meaning: '`[]`' },
  'syntax.expected-expression': { severity: 'error', meaning: 'an expression is missing' },
  'syntax.expected-name': { severity: 'error', meaning: 'a name is missing' },
  'syntax.internal': { severity: 'error', meaning: 'the parser failed (a bug)' },
  'syntax.invalid-character': { severity: 'error', meaning: 'a character the language does not use' },
  'syntax.positional-after-named': { severity: 'error', meaning: '`f(a=1, 2)`' },
  'syntax.ragged-matrix': { severity: 'error', meaning: 'rows of different lengths' },
  'syntax.unclosed-bracket': { severity: 'error', meaning: '`(` or `[` never closed' },
  'syntax.unexpected-token': { severity: 'error', meaning: 'something out of place' },
  'syntax.unmatched-bracket': { severity: 'error', meaning: 'a closer with no opener' },
  'syntax.unterminated-string': { severity: 'error', meaning: 'a title without its closing `"`' },
  'name.undefined': { severity: 'error', meaning: 'a name not defined in the problem', fix: 'did you mean' },
  'name.function-as-value': { severity: 'error', meaning: 'a function used without `( )`' },
  'call.arity': { severity: 'error', meaning: 'wrong number of arguments' },
  'call.domain': { severity: 'error', meaning: "an argument outside the function's domain" },
  'call.duplicate-argument': { severity: 'error', meaning: 'an argument given twice' },
  'call.no-derivative': { severity: 'error', meaning: 'a prime on a function without one' },
  'call.not-a-function': { severity: 'error', meaning: 'a value called like a function' },
  'call.unknown-function': { severity: 'error', meaning: 'no such function', fix: 'did you mean' },
  'call.unknown-parameter': { severity: 'error', meaning: 'no such named argument' },
  'call.axis': { severity: 'error', meaning: 'an axis the value does not have' },
  'function.extra-links': { severity: 'warning', meaning: "links after a function's body" },
  'shape.mismatch': { severity: 'error', meaning: 'shapes that do not fit an operation', fix: 'transpose' },
  'shape.block': { severity: 'error', meaning: 'blocks of a block matrix do not line up' },
  'shape.not-scalar': { severity: 'error', meaning: 'a matrix where one number is needed' },
  'shape.rank': { severity: 'error', meaning: 'a value of rank 3 or 4 where a matrix is needed, or rank over 4' },
  'shape.broadcast': { severity: 'error', meaning: 'shapes that do not broadcast' },
  'index.out-of-range': { severity: 'error', meaning: 'an index outside its axis' },
  'value.wrong': { severity: 'error', meaning: 'a wrong value', fix: 'the right value (safe, literals)' },
  'value.wrong-entry': { severity: 'error', meaning: 'a wrong matrix entry', fix: 'the right entry (safe)' },
  'value.shape': { severity: 'error', meaning: 'a value of the wrong shape', fix: 'the right value (safe, literals)' },
  'value.rounded': { severity: 'warning', meaning: 'right only to the digits written', fix: '`=` → `≈` (safe)' },
  'value.orientation': {
    severity: ['info', 'warning'],
    meaning: 'a vector in the other orientation',
    fix: 'the other orientation',
  },
  'value.follows': { severity: 'info', meaning: 'follows from an earlier mistake' },
  'value.unknown': { severity: 'info', meaning: 'the value of a `?`', fix: 'fill in (safe)' },
  'value.unknown-definition': { severity: 'error', meaning: '`x = ?`' },
  'value.unknown-position': { severity: 'error', meaning: '`?` inside an expression' },
  'value.unknown-relation': { severity: 'error', meaning: '`?` that cannot be filled' },
  'relation.false': { severity: 'error', meaning: 'an inequality that does not hold' },
  'relation.incomparable': { severity: 'error', meaning: 'an inequality between matrices' },
  'unit.mismatch': { severity: 'error', meaning: 'units of different dimensions' },
  'unit.bad-name': { severity: 'error', meaning: 'a unit name that is not a plain identifier' },
  'gradient.not-scalar': { severity: 'error', meaning: '`∂L/∂X` of a non-scalar L' },
  'gradient.undefined': { severity: 'error', meaning: '`∂L/∂X` with L a function' },
  'gradient.unsupported': { severity: 'error', meaning: 'a gradient through a quantity' },
  'gradient.cycle': { severity: 'error', meaning: 'a definition that depends on itself' },
  'gradient.shape': { severity: 'error', meaning: 'internal: a backward rule gave a wrong shape' },
  'gradient.not-matrix': { severity: 'error', meaning: 'internal: a quantity reached the tape' },
  'gradient.foreign-node': { severity: 'error', meaning: 'internal: a node from another tape' },
  'hessian.not-scalar': { severity: 'error', meaning: '`∂²f/∂x²` of a non-scalar f' },
  'hessian.unsupported': {
    severity: 'error',
    meaning: 'a Hessian through an operation without second derivatives, or too large',
  },
  'taylor.wrong': { severity: 'error', meaning: 'an expansion that is not the second-order Taylor expansion' },
  'identity.false': { severity: 'error', meaning: 'an identity fails at a sampled point' },
  'identity.few-samples': { severity: 'warning', meaning: 'few sampled points in the domain' },
  'identity.no-claim': { severity: 'error', meaning: '`for …:` without a relation' },
  'limit.matrix-size': { severity: 'error', meaning: 'over 10⁶ entries' },
  'limit.overflow': { severity: 'error', meaning: 'beyond double precision' },
  'limit.nesting': { severity: 'error', meaning: 'nested too deep' },
  'limit.time': { severity: 'error', meaning: 'over the work budget' },
  'limit.diagnostics': {
    severity: ['error', 'warning', 'info'],
    meaning: 'over 1000 diagnostics in one problem (as severe as the worst it hides)',
  },
  'internal.error': { severity: 'error', meaning: 'the checker failed on a statement (a bug)' },
  'source.not-checked': { severity: 'info', meaning: 'Markdown or LaTeX math that was not checked, with the reason' },
} as const satisfies Record<string, DiagnosticCodeInfo>;

/** A stable dotted code, `value.wrong-entry`: a key of `DIAGNOSTIC_CODES`. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

type SeverityIn<S> = S extends readonly (infer T)[] ? T : S;

/** The severities the table allows for a code (for a union of codes, any of theirs). */
export type SeverityOf<C extends DiagnosticCode> = SeverityIn<(typeof DIAGNOSTIC_CODES)[C]['severity']>;

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code);
}

/** The severities a code may have, in the table's order (the first is the default). */
export function diagnosticSeverities(code: DiagnosticCode): readonly Severity[] {
  const severity: Severity | readonly Severity[] = DIAGNOSTIC_CODES[code].severity;
  return typeof severity === 'string' ? [severity] : severity;
}

/**
 * The anchor of a code's heading in docs/language.md, as GitHub derives it
 * from a heading that reads exactly the code: `value.wrong-entry` → `valuewrong-entry`.
 */
export function diagnosticDocsAnchor(code: DiagnosticCode): string {
  return code
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * Errors raised while evaluating. Operations throw these; the checker catches
 * them at the statement and turns them into diagnostics at the span of the
 * offending node, using the structured fields (never the message text) to
 * build its own message and fixes.
 */
import type { DiagnosticCode } from '../diagnosticCodes';

export class EvalError extends Error {
  constructor(
    /** Stable dotted diagnostic code (`shape.mismatch`, `call.domain`, …). */
    readonly code: DiagnosticCode,
    message: string,
  ) {
    super(withoutStackTrace(message));
    restoreStackTraces();
  }
}

/** V8's limit on captured frames (the core's platform-neutral typings do not name it; elsewhere it does nothing). */
const ErrorWithLimit = Error as unknown as { stackTraceLimit?: number };
let saving = false;
let savedStackTraceLimit: number | undefined;

/**
 * For errors that are control flow (a sampled point outside the domain, a
 * name without a value): capturing a stack trace costs more than the rest
 * of the operation, and a `for` identity may throw thousands of them. Call
 * it on the message passed to `super`, and `restoreStackTraces()` after.
 */
export function withoutStackTrace(message: string): string {
  if (!saving) {
    saving = true;
    savedStackTraceLimit = ErrorWithLimit.stackTraceLimit;
  }
  ErrorWithLimit.stackTraceLimit = 0;
  return message;
}

export function restoreStackTraces(): void {
  if (!saving) return;
  saving = false;
  ErrorWithLimit.stackTraceLimit = savedStackTraceLimit;
}

export type ShapeOp = 'add' | 'sub' | 'mul' | 'hadamard' | 'div' | 'pow' | 'call';

/** Two operands whose shapes do not fit the operator. */
export class ShapeError extends EvalError {
  constructor(
    readonly op: ShapeOp,
    readonly left: { rows: number; cols: number },
    readonly right: { rows: number; cols: number },
    message: string,
  ) {
    super('shape.mismatch', message);
  }
}

/**
 * A bad named argument (`axis=5` on a matrix, `reduction=total`): the
 * diagnostic goes on that argument, not on the whole call.
 */
export class ArgumentError extends EvalError {
  constructor(
    code: DiagnosticCode,
    /** The parameter's name, as written before `=`. */
    readonly parameter: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** An argument outside a function's domain (`ln(-1)`, `conv_out` with a kernel larger than the input). */
export class DomainError extends EvalError {
  constructor(message: string) {
    super('call.domain', message);
  }
}

/** A value over a guard rail: too many entries, an overflow. */
export class LimitError extends EvalError {
  constructor(code: Extract<DiagnosticCode, `limit.${string}`>, message: string) {
    super(code, message);
  }
}

export class UnitError extends EvalError {
  constructor(message: string) {
    super('unit.mismatch', message);
  }
}

/** Matrices over this many entries are refused before they are built. */
export const MAX_MATRIX_ENTRIES = 1_000_000;

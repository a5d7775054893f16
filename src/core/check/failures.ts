/**
 * Telling an expected failure from a bug. Evaluation fails as a matter of
 * course (a shape error, a `?`, a name with no value, a limit): those are
 * typed (`EvalError`, `LocatedError`, `Unavailable`) and mean "no value here".
 * Anything else is a bug: it is reported as an `InternalError`, never
 * swallowed.
 *
 * Three layers catch bugs, each the only one that sees its failure, and each
 * keeps the rest of the document checked:
 * - per statement (`ProblemRun.run`): a bug costs one statement an
 *   `internal.error`, not the file;
 * - per parse (`parse`): a parser bug becomes `syntax.internal` over one
 *   problem's text, and the other problems are still read;
 * - per document (the extension's `CheckService`): a bug outside any
 *   statement (splitting, placing, the model) leaves one `internal.error`
 *   instead of stale diagnostics, and the output channel has the stack.
 * Off the check path (lazy parts of the model, Solve with Steps), a bug
 * leaves that part out and is reported here.
 */
import type { InternalError } from '../model';
import { EvalError } from '../values/errors';
import { LocatedError, Unavailable } from './walk';

/** Where internal errors go; absent when the caller did not ask. */
export type InternalErrorSink = ((error: InternalError) => void) | undefined;

/** A failure evaluation raises on purpose: the value is not available, and that is all. */
export function isEvaluationFailure(error: unknown): boolean {
  return error instanceof EvalError || error instanceof LocatedError || error instanceof Unavailable;
}

export function internalError(context: string, error: unknown): InternalError {
  if (error instanceof Error) {
    return { context, message: error.message, ...(error.stack !== undefined ? { stack: error.stack } : {}) };
  }
  return { context, message: String(error) };
}

/**
 * `compute()`, or undefined when it fails: silently for an evaluation
 * failure, with a report for anything else.
 */
export function valueOrUndefined<T>(compute: () => T, context: string, sink: InternalErrorSink): T | undefined {
  try {
    return compute();
  } catch (error) {
    if (!isEvaluationFailure(error)) sink?.(internalError(context, error));
    return undefined;
  }
}

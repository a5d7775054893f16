/**
 * A check as steps: the checker yields after each problem it parses and
 * each statement it evaluates, so that whoever drives it may stop it or
 * pause it there. The core stays
 * synchronous and host-free; a host that must not block (the editor) drives
 * the steps in slices and gives its event loop a turn between them, and the
 * verdicts are the same as in one run, since a statement is never split.
 *
 * Example:
 *   runSteps(new HomeworkChecker().checkInSteps(text))           // the whole check, now
 *   runSteps(new HomeworkChecker().checkInSteps(text), token)    // undefined once token says stop
 */

/** Anything that can say the work is no longer wanted (VS Code's CancellationToken has this shape). */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}

/** Work that yields between statements and returns its result at the end. */
export type Steps<T> = Generator<void, T, void>;

/**
 * Runs the steps to the end now. With a signal, it is read between
 * statements (a property read: cheap), and once it asks to stop the steps
 * are closed and the result is undefined.
 */
export function runSteps<T>(steps: Steps<T>): T;
export function runSteps<T>(steps: Steps<T>, signal: CancellationSignal | undefined): T | undefined;
export function runSteps<T>(steps: Steps<T>, signal?: CancellationSignal): T | undefined {
  for (;;) {
    if (signal?.isCancellationRequested) {
      steps.return(undefined as T);
      return undefined;
    }
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Long checks without blocking the extension host: a check runs as steps
 * (one per statement, see core/check/steps.ts) in slices of about
 * {@link SLICE_MS}, with a turn of the host's event loop between slices, so
 * that other extensions, keystrokes and cancellations are served while a
 * 10,000-statement file is checked. The verdicts are those of one run: a
 * statement is never split.
 *
 * One run per document at a time, shared by everyone who asks for the same
 * version. A run of an older version stops when a newer one is asked for; a
 * run whose every asker has cancelled stops between two statements. A
 * stopped run settles with `undefined` at once, and what its last step would
 * have done (store and publish the check) never happens.
 */
import type { CancellationSignal, Steps } from '../../core';

/** What a run needs of VS Code's CancellationToken (which has this shape). */
export interface CancellationToken extends CancellationSignal {
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** Work between two turns of the event loop: well under the 50 ms a host may block, with room for a statement. */
export const SLICE_MS = 10;

/** The clock and the pause between slices (a fake in tests). */
export interface SliceHost {
  now(): number;
  /** Lets the event loop run what is waiting (I/O, timers, messages), then resumes. */
  pause(): Promise<void>;
}

export const NODE_SLICE_HOST: SliceHost = {
  now: () => performance.now(),
  pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
};

class Run<T> {
  readonly stop = { isCancellationRequested: false };
  waiters = 0;
  private settled = false;
  private resolveResult!: (value: T | undefined) => void;
  readonly result = new Promise<T | undefined>((resolve) => (this.resolveResult = resolve));

  constructor(readonly version: number) {}

  get isSettled(): boolean {
    return this.settled;
  }

  settle(value: T | undefined): void {
    if (this.settled) return;
    this.settled = true;
    this.resolveResult(value);
  }

  /** Stops the steps at their next turn; whoever waits gets `undefined` now. */
  cancel(): void {
    this.stop.isCancellationRequested = true;
    this.settle(undefined);
  }
}

export class SlicedRuns<T> {
  private readonly runs = new Map<string, Run<T>>();

  constructor(
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly host: SliceHost = NODE_SLICE_HOST,
    private readonly sliceMs: number = SLICE_MS,
  ) {}

  /**
   * The result of `version` of `key`: from the run of that version under way,
   * or from a new run of `start()` (which stops a run of another version).
   * `undefined` when `token` is cancelled first, or the run is stopped.
   */
  request(key: string, version: number, start: () => Steps<T>, token?: CancellationToken): Promise<T | undefined> {
    if (token?.isCancellationRequested) return Promise.resolve(undefined);
    let run = this.runs.get(key);
    if (run && run.version !== version) {
      run.cancel();
      run = undefined;
    }
    if (!run) {
      run = new Run<T>(version);
      this.runs.set(key, run);
      void this.drive(key, run, start());
    }
    const joined = run;
    joined.waiters++;
    return new Promise<T | undefined>((resolve) => {
      let answered = false;
      const answer = (value: T | undefined): void => {
        if (answered) return;
        answered = true;
        listener?.dispose();
        resolve(value);
      };
      const listener = token?.onCancellationRequested(() => {
        answer(undefined);
        // Nobody else waits: the work is wanted no more.
        if (--joined.waiters === 0) this.stop(key, joined);
      });
      void joined.result.then(answer);
    });
  }

  /**
   * `version` of `key` was checked by other means (at once, for a command):
   * its run, if under way, settles with `value` and stops; a run of another version stops.
   */
  settle(key: string, version: number, value: T): void {
    const run = this.runs.get(key);
    if (!run) return;
    if (run.version === version) run.settle(value);
    this.stop(key, run);
  }

  /** Stops the run of `key` (the document closed). */
  cancel(key: string): void {
    const run = this.runs.get(key);
    if (run) this.stop(key, run);
  }

  /** Whether a run of `key` is under way. */
  isRunning(key: string): boolean {
    return this.runs.has(key);
  }

  dispose(): void {
    for (const [key, run] of [...this.runs]) this.stop(key, run);
  }

  private stop(key: string, run: Run<T>): void {
    run.cancel();
    if (this.runs.get(key) === run) this.runs.delete(key);
  }

  private async drive(key: string, run: Run<T>, steps: Steps<T>): Promise<void> {
    try {
      run.settle(await runInSlices(steps, run.stop, this.host, this.sliceMs));
    } catch (error) {
      this.onError(error);
    } finally {
      run.settle(undefined);
      if (this.runs.get(key) === run) this.runs.delete(key);
    }
  }
}

/**
 * Runs the steps in slices of about `sliceMs`, pausing between slices;
 * `undefined` once `signal` asks to stop (read between steps: the steps are
 * closed there). An error of a step rejects.
 */
export async function runInSlices<T>(
  steps: Steps<T>,
  signal: CancellationSignal | undefined,
  host: SliceHost = NODE_SLICE_HOST,
  sliceMs: number = SLICE_MS,
): Promise<T | undefined> {
  let sliceStart = host.now();
  for (;;) {
    if (signal?.isCancellationRequested) {
      steps.return(undefined as T);
      return undefined;
    }
    const step = steps.next();
    if (step.done) return step.value;
    if (host.now() - sliceStart >= sliceMs) {
      await host.pause();
      sliceStart = host.now();
    }
  }
}

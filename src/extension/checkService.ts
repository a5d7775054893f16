/**
 * The one place that checks `.hw` documents. Every feature (diagnostics,
 * code actions, hovers, commands, the derivations view) reads its results
 * from here, so a document is checked once per version, however many
 * features ask.
 *
 * Each open document has its own `HomeworkChecker`, which caches problems so
 * that a re-check after an edit evaluates only the problems that changed.
 *
 * Checks for the editor's features (`check`) run in slices that give the
 * extension host's event loop a turn every few milliseconds, and stop when
 * the asker's CancellationToken is cancelled (see pure/slicedRuns.ts); the
 * automatic checks (open, typing, save) stop at the document's next edit.
 * Commands may still check at once (`checkNow`).
 */
import * as vscode from 'vscode';
import { checkSource, checkSourceInSteps, EMPTY_SUMMARY, HomeworkChecker, LineIndex } from '../core';
import type { CheckOptions, CheckResult, InternalError, Steps } from '../core';
import { isSnapshotScheme } from './pure/schemes';
import { checkOptions, type HomeworkSettings } from './pure/settings';
import { SlicedRuns } from './pure/slicedRuns';
import { cellPlace, checkCell, checkCellInSteps, markdownCellsOf } from './notebookChecks';
import { isHomeworkSource, sourceFormatOf } from './sourceFiles';

export const HOMEWORK_LANGUAGE_ID = 'homework';

export interface DocumentCheck {
  readonly document: vscode.TextDocument;
  readonly version: number;
  readonly result: CheckResult;
  /** The text that was checked (fixes are verified against it). */
  readonly text: string;
  readonly lines: LineIndex;
}

/** Quiet time after the last keystroke before a re-check. */
const TYPING_DEBOUNCE_MS = 250;

function internalErrorResult(message: string): CheckResult {
  const summary = { ...EMPTY_SUMMARY, errors: 1 };
  return {
    diagnostics: [
      {
        code: 'internal.error',
        severity: 'error',
        span: { start: 0, end: 0 },
        message: `The homework checker failed on this file (${message}). See the Homework output channel.`,
        related: [],
        fixes: [],
      },
    ],
    document: { problems: [], symbols: [], summary },
  };
}

/** A bug the core caught and went on from: its record, with the stack, in the output channel. */
function logInternalError(log: vscode.LogOutputChannel | undefined, error: InternalError): void {
  log?.error(`internal error (${error.context}): ${error.stack ?? error.message}`);
}

export function isHomeworkDocument(document: vscode.TextDocument): boolean {
  return document.languageId === HOMEWORK_LANGUAGE_ID || isHomeworkSource(document);
}

export class CheckService implements vscode.Disposable {
  private readonly didCheck = new vscode.EventEmitter<DocumentCheck>();
  readonly onDidCheck: vscode.Event<DocumentCheck> = this.didCheck.event;

  private readonly checkers = new Map<string, HomeworkChecker>();
  private readonly checks = new Map<string, DocumentCheck>();
  private readonly pendingChecks = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per document, the token of its automatic checks: cancelled by its next edit, or its closing. */
  private readonly automatic = new Map<string, vscode.CancellationTokenSource>();
  private readonly runs: SlicedRuns<DocumentCheck | undefined>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private settings: HomeworkSettings;
  private initialChecks: ReturnType<typeof setTimeout> | undefined;

  /**
   * `readSettings` is asked again whenever the `homework` configuration
   * changes; `log`, when given, receives each check's duration.
   */
  constructor(
    private readonly readSettings: () => HomeworkSettings,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    this.settings = readSettings();
    this.runs = new SlicedRuns((error) => this.log?.error(`a sliced check failed: ${String(error)}`));
    this.subscriptions.push(
      this.didCheck,
      vscode.workspace.onDidOpenTextDocument((document) => this.checkIfHomework(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        // The automatic check of the text before this edit is wanted no more.
        this.cancelAutomatic(event.document.uri.toString());
        if (this.settings.checkOn === 'type') {
          this.schedule(event.document);
          // A notebook's cells are checked together: the cells after this one may read what it defines.
          for (const sibling of cellPlace(event.document)?.cells ?? [])
            if (sibling !== event.document) this.recheckCell(sibling);
        }
      }),
      vscode.workspace.onDidOpenNotebookDocument((notebook) => {
        for (const cell of markdownCellsOf(notebook)) this.checkIfHomework(cell);
      }),
      vscode.workspace.onDidChangeNotebookDocument((event) => {
        // Cells added, removed or moved: each markdown cell now reads other cells before it.
        if (event.contentChanges.length === 0) return;
        for (const cell of markdownCellsOf(event.notebook)) this.recheckCell(cell);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.checkSaved(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('homework')) this.reconfigure();
      }),
    );
    // The documents already open are checked just after activation, not during it,
    // so that activating never waits for a check (the first one loads the numeric core).
    this.initialChecks = setTimeout(() => {
      this.initialChecks = undefined;
      for (const document of vscode.workspace.textDocuments) this.checkIfHomework(document);
    }, 0);
  }

  latest(uri: vscode.Uri): DocumentCheck | undefined {
    return this.checks.get(uri.toString());
  }

  /**
   * The check of the document's current version, run in slices unless that
   * version was checked already; `undefined` when `token` is cancelled first,
   * or the document changed before the check ended.
   */
  async check(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<DocumentCheck | undefined> {
    const key = document.uri.toString();
    const cached = this.checks.get(key);
    const check =
      cached && cached.version === document.version && cached.document === document
        ? cached
        : await this.runs.request(key, document.version, () => this.checkInSteps(document), token);
    // Read here once, so that no provider has to: a request cancelled while it waited gets nothing.
    return token?.isCancellationRequested ? undefined : check;
  }

  /** A provider's read at `position`: the check and the position's offset in it; undefined once cancelled. */
  async checkAt(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<{ check: DocumentCheck; offset: number } | undefined> {
    const check = await this.check(document, token);
    return check && { check, offset: check.lines.offsetAt(position.line, position.character) };
  }

  /** An automatic check (the publisher's): it stops at the document's next edit, or its closing. */
  checkSoon(document: vscode.TextDocument): Promise<DocumentCheck | undefined> {
    return this.check(document, this.automaticToken(document.uri.toString()));
  }

  /** Checks the document's current version now, unless that version was checked already (for commands). */
  checkNow(document: vscode.TextDocument): DocumentCheck {
    const key = document.uri.toString();
    this.cancelPending(key);
    const cached = this.checks.get(key);
    if (cached && cached.version === document.version && cached.document === document) return cached;

    const text = document.getText();
    const startedAt = Date.now();
    const check = this.store(document, text, this.checkSafely(document, text), startedAt);
    // A sliced check of this version under way answers its askers with this one.
    this.runs.settle(key, document.version, check);
    return check;
  }

  /** Drops the document's latest check, so that the next asks check it again (it became homework). */
  forgetCheck(document: vscode.TextDocument): void {
    this.checks.delete(document.uri.toString());
  }

  /**
   * Checks variants of the document (its text with fixes applied) against
   * its own checker, without replacing its result.
   */
  recheck(document: vscode.TextDocument): (text: string) => CheckResult {
    const place = cellPlace(document);
    if (place) return (text) => checkCell(place, text, this.options());
    // Markdown and LaTeX are read as such: a variant read as `.hw` would show errors that are not there.
    const format = sourceFormatOf(document);
    if (format) return (text) => checkSource(text, format, this.options());
    const checker = this.checkerFor(document.uri.toString());
    return (text) => checker.checkVariant(text);
  }

  /** `recheck` as steps, for verifying fixes in slices (the light bulb, Fix All): the same results. */
  recheckInSteps(document: vscode.TextDocument): (text: string) => Steps<CheckResult> {
    // A notebook cell is checked with the cells before it, as `recheck` checks it.
    const place = cellPlace(document);
    if (place) return (text) => checkCellInSteps(place, text, this.options());
    const format = sourceFormatOf(document);
    if (format) return (text) => checkSourceInSteps(text, format, this.options());
    const checker = this.checkerFor(document.uri.toString());
    return (text) => checker.checkVariantInSteps(text);
  }

  dispose(): void {
    if (this.initialChecks !== undefined) clearTimeout(this.initialChecks);
    for (const timer of this.pendingChecks.values()) clearTimeout(timer);
    this.pendingChecks.clear();
    for (const key of [...this.automatic.keys()]) this.cancelAutomatic(key);
    this.runs.dispose();
    this.checks.clear();
    this.checkers.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.subscriptions.length = 0;
  }

  /** The options every check of this service uses (Solve with Steps too): from the settings, bugs to the log. */
  options(): CheckOptions {
    return { ...checkOptions(this.settings), onInternalError: (error) => logInternalError(this.log, error) };
  }

  /**
   * The one save handler. A save is news even when this version was checked
   * already (a hover asked): the check is announced again, so that what waits
   * for saved text (diagnostics with `checkOn: save`) sees it.
   */
  private checkSaved(document: vscode.TextDocument): void {
    if (!isHomeworkDocument(document) || document.isClosed || isSnapshotScheme(document.uri.scheme)) return;
    const key = document.uri.toString();
    this.cancelPending(key);
    const before = this.checks.get(key);
    if (before && before.version === document.version && before.document === document) this.didCheck.fire(before);
    else void this.check(document, this.automaticToken(key));
  }

  /** Automatic checks (open, save, typing) skip snapshots such as `git:` originals; features may still ask for them. */
  private checkIfHomework(document: vscode.TextDocument): void {
    if (isHomeworkDocument(document) && !document.isClosed && !isSnapshotScheme(document.uri.scheme))
      void this.check(document, this.automaticToken(document.uri.toString()));
  }

  /** A cell whose text did not change, but whose notebook did: its check is stale, check it again. */
  private recheckCell(cell: vscode.TextDocument): void {
    if (!isHomeworkDocument(cell)) return;
    const key = cell.uri.toString();
    this.checks.delete(key);
    this.cancelAutomatic(key);
    this.runs.cancel(key);
    this.schedule(cell);
  }

  /** Debounced: each keystroke restarts the wait, so only the last version of a burst is checked. */
  private schedule(document: vscode.TextDocument): void {
    if (!isHomeworkDocument(document) || isSnapshotScheme(document.uri.scheme)) return;
    const key = document.uri.toString();
    this.cancelPending(key);
    const scheduledVersion = document.version;
    this.pendingChecks.set(
      key,
      setTimeout(() => {
        this.pendingChecks.delete(key);
        // A run for a version that has since changed or closed is stale: drop it.
        if (document.isClosed || document.version !== scheduledVersion) return;
        void this.check(document, this.automaticToken(key));
      }, TYPING_DEBOUNCE_MS),
    );
  }

  private automaticToken(key: string): vscode.CancellationToken {
    let source = this.automatic.get(key);
    if (!source) {
      source = new vscode.CancellationTokenSource();
      this.automatic.set(key, source);
    }
    return source.token;
  }

  private cancelAutomatic(key: string): void {
    const source = this.automatic.get(key);
    if (!source) return;
    this.automatic.delete(key);
    source.cancel();
    source.dispose();
  }

  /** The document's check as steps (one per statement): stored and announced only if the text is still current. */
  private *checkInSteps(document: vscode.TextDocument): Steps<DocumentCheck | undefined> {
    const key = document.uri.toString();
    const version = document.version;
    const text = document.getText();
    const startedAt = Date.now();
    const format = sourceFormatOf(document);
    const place = cellPlace(document);
    let result: CheckResult;
    try {
      // Markdown and LaTeX are read whole each time (no per-problem cache yet); a cell with its notebook.
      result = yield* place
        ? checkCellInSteps(place, text, this.options())
        : format
          ? checkSourceInSteps(text, format, this.options())
          : this.checkerFor(key).checkInSteps(text);
    } catch (error) {
      result = this.failed(key, error);
    }
    if (document.isClosed || document.version !== version) return undefined;
    return this.store(document, text, result, startedAt);
  }

  private store(document: vscode.TextDocument, text: string, result: CheckResult, startedAt: number): DocumentCheck {
    const key = document.uri.toString();
    const cached = this.checks.get(key);
    const check: DocumentCheck = { document, version: document.version, result, text, lines: new LineIndex(text) };
    const message = `checked ${document.uri.toString(true)} (version ${document.version}) in ${Date.now() - startedAt} ms`;
    if (cached) this.log?.trace(message);
    else this.log?.info(message);
    this.checks.set(key, check);
    this.didCheck.fire(check);
    return check;
  }

  private cancelPending(key: string): void {
    const timer = this.pendingChecks.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.pendingChecks.delete(key);
    }
  }

  /**
   * The core never throws by contract; should a bug make it, the editor keeps
   * working: the failure is logged and shown as one diagnostic, and the
   * document's checker starts afresh next time. This is the document layer of
   * the three that catch bugs (see core/check/failures.ts): it sees what falls
   * outside any statement or parse.
   */
  private checkSafely(document: vscode.TextDocument, text: string): CheckResult {
    const key = document.uri.toString();
    try {
      // Markdown and LaTeX are read whole each time (no per-problem cache yet); a cell with its notebook.
      const place = cellPlace(document);
      if (place) return checkCell(place, text, this.options());
      const format = sourceFormatOf(document);
      if (format) return checkSource(text, format, this.options());
      return this.checkerFor(key).check(text);
    } catch (error) {
      return this.failed(key, error);
    }
  }

  private failed(key: string, error: unknown): CheckResult {
    this.checkers.delete(key);
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.log?.error(`the checker failed: ${detail}`);
    return internalErrorResult(error instanceof Error ? error.message : String(error));
  }

  private checkerFor(key: string): HomeworkChecker {
    let checker = this.checkers.get(key);
    if (!checker) {
      checker = new HomeworkChecker(this.options());
      this.checkers.set(key, checker);
    }
    return checker;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancelPending(key);
    this.cancelAutomatic(key);
    this.runs.cancel(key);
    this.checks.delete(key);
    this.checkers.delete(key);
  }

  /** New options invalidate every cached problem: start fresh checkers and re-check what is open. */
  private reconfigure(): void {
    this.settings = this.readSettings();
    this.runs.dispose();
    this.checkers.clear();
    this.checks.clear();
    for (const document of vscode.workspace.textDocuments) this.checkIfHomework(document);
  }
}

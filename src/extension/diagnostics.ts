/**
 * Publishes each check's diagnostics; clears them when the document closes.
 *
 * With `homework.checkOn: save`, the editor's features still check the text
 * they are asked about, but the diagnostics show the saved text only: they
 * change on open and on save, not while the file is dirty.
 *
 * Quiet while typing: the statement being edited keeps its diagnostics back
 * until the cursor leaves it (then it is checked at once) or the text has
 * been idle for `homework.quietWhileTypingMs`. What is published is what
 * every surface counts (`onDidPublish`).
 */
import * as vscode from 'vscode';
import { isHomeworkDocument, type CheckService, type DocumentCheck } from './checkService';
import { toVscodeDiagnostic } from './convert';
import { DIAGNOSTIC_SOURCE, toDiagnosticData } from './pure/diagnosticData';
import { countProblems, isInvitation, NO_PROBLEMS, type ProblemCounts } from './pure/problemCounts';
import { heldBackRegion, isTypingEdit, lineSpanAt, shownDiagnostics } from './pure/quietWhileTyping';
import { isSnapshotScheme } from './pure/schemes';
import type { CheckTrigger } from './pure/settings';

export interface PublishedCounts {
  readonly uri: vscode.Uri;
  readonly counts: ProblemCounts;
}

/** The statement being typed in one document. */
interface Typing {
  /** Where the last edit ended, in the document's current text. */
  offset: number;
  /** The lines held back at the last publish (first and last, 0-based); the edit's line until then. */
  firstLine: number;
  lastLine: number;
  timer: ReturnType<typeof setTimeout>;
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly subscriptions: vscode.Disposable[];
  private readonly didPublish = new vscode.EventEmitter<PublishedCounts>();
  readonly onDidPublish: vscode.Event<PublishedCounts> = this.didPublish.event;
  private readonly counts = new Map<string, ProblemCounts>();
  private readonly typing = new Map<string, Typing>();
  /** An edit that looks typed, waiting for the cursor move that says whether a key made it. */
  private pendingKeystroke: { key: string; document: vscode.TextDocument; offset: number } | undefined;

  constructor(
    private readonly service: CheckService,
    private readonly checkOn: () => CheckTrigger,
    private readonly quietMs: () => number = () => 1000,
  ) {
    // Checks made before this registration (documents already open at activation).
    for (const document of vscode.workspace.textDocuments) {
      const latest = service.latest(document.uri);
      if (latest) this.publishIfDue(latest);
    }
    this.subscriptions = [
      this.didPublish,
      // A save announces its check even when that version was checked already (CheckService.checkSaved).
      service.onDidCheck((check) => this.publishIfDue(check)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)),
      vscode.window.onDidChangeTextEditorSelection((event) => this.onCursor(event)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.stopTyping(document.uri.toString());
        this.collection.delete(document.uri);
        this.counts.delete(document.uri.toString());
      }),
    ];
  }

  /** What the Problems panel lists for this document, counted. */
  countsOf(uri: vscode.Uri): ProblemCounts | undefined {
    return this.counts.get(uri.toString());
  }

  /** Shows this check's diagnostics whatever `checkOn` says (the Check File command). */
  publish(check: DocumentCheck): void {
    const uri = check.document.uri;
    // A `git:` original's diagnostics would repeat the file's own in the Problems panel.
    if (isSnapshotScheme(uri.scheme)) return;
    const key = uri.toString();
    const typing = this.typing.get(key);
    let held: { start: number; end: number } | undefined;
    if (typing) {
      held = heldBackRegion(check.result, typing.offset, (offset) => lineSpanAt(check.lines, offset));
      typing.firstLine = check.lines.positionAt(held.start).line;
      typing.lastLine = check.lines.positionAt(held.end).line;
    }
    const shown = shownDiagnostics(check.result.diagnostics, held).filter((diagnostic) => !isInvitation(diagnostic));
    this.collection.set(
      uri,
      shown.map((diagnostic) => toVscodeDiagnostic(uri, toDiagnosticData(diagnostic, check.lines))),
    );
    const counts = shown.length === 0 ? NO_PROBLEMS : countProblems(shown);
    this.counts.set(key, counts);
    this.didPublish.fire({ uri, counts });
  }

  dispose(): void {
    for (const key of [...this.typing.keys()]) this.stopTyping(key);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }

  private publishIfDue(check: DocumentCheck): void {
    if (this.checkOn() === 'save' && check.document.isDirty) return;
    this.publish(check);
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (!isHomeworkDocument(document) || event.contentChanges.length === 0 || this.checkOn() !== 'type') return;
    if (this.quietMs() <= 0) return;
    const key = document.uri.toString();
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
    const typed = isTypingEdit(
      event.contentChanges.map((change) => ({
        startLine: change.range.start.line,
        startCharacter: change.range.start.character,
        endLine: change.range.end.line,
        endCharacter: change.range.end.character,
        text: change.text,
      })),
      editor?.selection.active,
      event.reason !== undefined,
    );
    if (!typed) {
      // Not typing (a fix, a rename, undo): nothing to hold back, the next check shows everything.
      this.pendingKeystroke = undefined;
      this.stopTyping(key);
      return;
    }
    const change = event.contentChanges[0];
    // Typing moves the cursor from the keyboard; an edit applied by a command does not. Decided on that move.
    this.pendingKeystroke = { key, document, offset: change.rangeOffset + change.text.length };
  }

  private onCursor(event: vscode.TextEditorSelectionChangeEvent): void {
    const document = event.textEditor.document;
    const key = document.uri.toString();
    const keystroke = this.pendingKeystroke;
    this.pendingKeystroke = undefined;
    if (keystroke && keystroke.key === key && event.kind === vscode.TextEditorSelectionChangeKind.Keyboard) {
      this.startTyping(keystroke.document, keystroke.offset);
      return;
    }
    const typing = this.typing.get(key);
    if (!typing) return;
    const line = event.selections[0]?.active.line;
    if (line === undefined || (line >= typing.firstLine && line <= typing.lastLine)) return;
    this.finishTyping(document);
  }

  private startTyping(document: vscode.TextDocument, offset: number): void {
    const key = document.uri.toString();
    const line = document.positionAt(offset).line;
    const previous = this.typing.get(key);
    // A key on another statement (Enter at the end of a line, a click and type elsewhere) finishes the
    // statement typed before: judge it now rather than after the typing pause.
    const leftPrevious = previous !== undefined && (line < previous.firstLine || line > previous.lastLine);
    if (previous) clearTimeout(previous.timer);
    this.typing.set(key, {
      offset,
      firstLine: line,
      lastLine: line,
      timer: setTimeout(() => this.finishTyping(document), this.quietMs()),
    });
    if (leftPrevious) setTimeout(() => this.recheck(document), 0);
  }

  /** The statement is finished (left, or idle): show its diagnostics with the rest. */
  private finishTyping(document: vscode.TextDocument): void {
    this.stopTyping(document.uri.toString());
    this.recheck(document);
  }

  private recheck(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    // In slices, stopped by the next edit; a check of a version since changed is not published.
    void this.service.checkSoon(document).then((check) => {
      if (check && check.version === check.document.version && !check.document.isClosed) this.publishIfDue(check);
    });
  }

  private stopTyping(key: string): void {
    const typing = this.typing.get(key);
    if (!typing) return;
    clearTimeout(typing.timer);
    this.typing.delete(key);
  }
}

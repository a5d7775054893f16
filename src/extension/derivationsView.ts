/**
 * The derivations panel: the homework's working as rendered math beside the
 * editor (see issue 4). This file is the adapter between VS Code and the
 * pure renderer (`src/derivations`); the page's script is
 * `src/webview/main.ts`, and both speak `protocol/derivationsProtocol.ts`.
 *
 * - One panel per editor group, reused; restored after a reload by the
 *   serializer (the webview's `setState` holds the document and the view).
 * - Follows the active homework editor and its cursor; a click in the
 *   panel reveals the statement's line.
 * - Updates on each check, sending only the parts the webview lacks; a
 *   large page is rendered a slice at a time so the extension host never
 *   stalls for long.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { DerivationsSession, exportHtml, inlineCssFonts, renderMarkdown, webviewShellHtml } from '../derivations';
import {
  DERIVATIONS_VIEW_TYPE,
  isWebviewToExtensionMessage,
  type DerivationsState,
  type ExtensionToWebviewMessage,
  type PartPlacement,
  type RenderedPart,
  type WebviewToExtensionMessage,
} from '../protocol/derivationsProtocol';
import type { Steps } from '../core';
import { isHomeworkDocument, type CheckService, type DocumentCheck } from './checkService';
import type { DiagnosticsPublisher } from './diagnostics';
import { countProblems, isInvitation, type ProblemCounts } from './pure/problemCounts';
import { NODE_SLICE_HOST, runInSlices } from './pure/slicedRuns';

/** Coalesces a burst of checks (the check service already debounces typing). */
const UPDATE_DELAY_MS = 30;
/** Work per slice (laying out, rendering): above this the rest waits for the next turn (the host blocks ≤ 50 ms). */
const SLICE_BUDGET_MS = 10;

/** What `homework._derivationsState` returns (for the tests inside VS Code). */
export interface DerivationsTestState {
  readonly documentUri: string;
  readonly order: readonly PartPlacement[];
  /** Every part the webview has been sent and still shows, in order. */
  readonly parts: readonly RenderedPart[];
  readonly summaryHtml: string;
  /** The header's counts: those of the Problems panel. */
  readonly counts?: ProblemCounts;
  readonly highlightedKey?: string;
}

/** The panels and their serializer; the commands over them are in the command table (`commands.ts`). */
export function registerDerivationsView(
  context: vscode.ExtensionContext,
  checks: CheckService,
  published: DiagnosticsPublisher,
): DerivationsPanels {
  const panels = new DerivationsPanels(context.extensionUri, checks, published);
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(DERIVATIONS_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => panels.restore(panel, state as DerivationsState | undefined),
    }),
  );
  return panels;
}

/** `.hw`, and a Markdown or LaTeX file that is homework (its opt-in: sourceFiles.ts). */
function isHomework(document: vscode.TextDocument): boolean {
  return isHomeworkDocument(document);
}

function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Every panel, and what they follow. */
export class DerivationsPanels implements vscode.Disposable {
  private readonly panels = new Set<DerivationsPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The homework shown last, for when the active editor is not a homework. */
  private lastDocument: vscode.TextDocument | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly checks: CheckService,
    private readonly published: DiagnosticsPublisher,
  ) {
    this.subscriptions.push(
      checks.onDidCheck((check) => {
        for (const panel of this.panels) panel.onDidCheck(check);
      }),
      published.onDidPublish((event) => {
        for (const panel of this.panels) panel.onDidPublish(event.uri, event.counts);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || !isHomework(editor.document)) return;
        this.lastDocument = editor.document;
        for (const panel of this.panels) panel.showDocument(editor.document);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (!isHomework(event.textEditor.document)) return;
        for (const panel of this.panels) panel.followCursor(event.textEditor);
      }),
    );
  }

  get latestDocument(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    return active && isHomework(active) ? active : this.lastDocument;
  }

  async show(uri?: vscode.Uri): Promise<void> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : this.latestDocument;
    if (!document) {
      void vscode.window.showInformationMessage(
        'Open a homework (.hw, or a Markdown or LaTeX homework) to show its derivations.',
      );
      return;
    }
    this.lastDocument = document;
    const activeColumn = vscode.window.activeTextEditor?.viewColumn;
    // One panel per editor group: reuse one outside the editor's group, else open one beside it.
    const reusable = [...this.panels].find((panel) => panel.viewColumn !== activeColumn) ?? undefined;
    if (reusable) {
      reusable.reveal();
      reusable.showDocument(document);
      return;
    }
    const webviewPanel = vscode.window.createWebviewPanel(
      DERIVATIONS_VIEW_TYPE,
      `Derivations: ${baseName(document.uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.extensionUri),
    );
    this.adopt(webviewPanel, document);
  }

  /** After a window reload: the serializer hands back the panel with the webview's last state. */
  async restore(webviewPanel: vscode.WebviewPanel, state: DerivationsState | undefined): Promise<void> {
    webviewPanel.webview.options = webviewOptions(this.extensionUri);
    let document: vscode.TextDocument | undefined;
    if (state?.documentUri) {
      try {
        document = await vscode.workspace.openTextDocument(vscode.Uri.parse(state.documentUri));
      } catch {
        document = undefined; // moved or deleted since: show the active homework instead
      }
    }
    this.adopt(webviewPanel, document ?? this.latestDocument);
  }

  private adopt(webviewPanel: vscode.WebviewPanel, document: vscode.TextDocument | undefined): void {
    const panel = new DerivationsPanel(webviewPanel, this.extensionUri, this.checks, this.published, () =>
      this.panels.delete(panel),
    );
    this.panels.add(panel);
    if (document) panel.showDocument(document);
  }

  testState(): DerivationsTestState | undefined {
    let latest: DerivationsPanel | undefined;
    for (const panel of this.panels) if (!latest || panel.lastUpdateAt > latest.lastUpdateAt) latest = panel;
    return latest?.testState();
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    // Only the extension's own built assets and stylesheets; never the workspace.
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** One panel: its webview, the document it shows, and the session that knows what the webview has. */
class DerivationsPanel implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  /** What the webview shows, and the work of an update as steps (pure: `src/derivations/session.ts`). */
  private readonly session = new DerivationsSession((message) => this.post(message));
  /** The run of the session's steps under way (an update, or filling what came into view); a newer one stops it. */
  private running: { isCancellationRequested: boolean } | undefined;
  /** The webview reported parts in view while a run was under way: fill them after it. */
  private fillAfterRun = false;
  private ready = false;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private highlightedKey: string | undefined;
  lastUpdateAt = 0;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly checks: CheckService,
    private readonly published: DiagnosticsPublisher,
    private readonly onDispose: () => void,
  ) {
    panel.webview.html = this.shellHtml();
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewToExtensionMessage(message)) void this.onMessage(message);
      }),
      // The update of the text before an edit is wanted no more: the check of the new text brings the next one.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && event.document === this.document) this.stopRun();
      }),
    );
  }

  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel.viewColumn;
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn, true);
  }

  private shellHtml(): string {
    const webview = this.panel.webview;
    const asset = (...path: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    return webviewShellHtml({
      cspSource: webview.cspSource,
      // A fresh nonce per page, from a CSPRNG.
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('dist', 'webview.js'),
      katexCssUri: asset('dist', 'katex', 'katex.css'),
      stylesheetUri: asset('media', 'derivations.css'),
    });
  }

  showDocument(document: vscode.TextDocument): void {
    if (this.document?.uri.toString() === document.uri.toString()) return;
    this.document = document;
    this.panel.title = `Derivations: ${baseName(document.uri)}`;
    this.stopRun();
    this.session.reset();
    this.highlightedKey = undefined;
    this.scheduleUpdate(0);
  }

  onDidCheck(check: DocumentCheck): void {
    if (this.document && check.document.uri.toString() === this.document.uri.toString())
      this.scheduleUpdate(UPDATE_DELAY_MS);
  }

  /** The Problems panel's counts changed (a statement finished typing): the header follows. */
  onDidPublish(uri: vscode.Uri, counts: ProblemCounts): void {
    if (!this.ready || !this.document || uri.toString() !== this.document.uri.toString()) return;
    const check = this.checks.latest(uri);
    if (check) this.session.updateCounts(check.result.document, counts);
  }

  followCursor(editor: vscode.TextEditor): void {
    if (!this.document || editor.document.uri.toString() !== this.document.uri.toString()) return;
    this.sendHighlight(editor, true);
  }

  /** Tells the page which part is under the cursor; `force` after an update, whose keys may be new. */
  private sendHighlight(editor: vscode.TextEditor | undefined, scroll: boolean, force = false): void {
    if (!this.ready) return;
    const key = editor ? this.session.keyAt(editor.document.offsetAt(editor.selection.active)) : undefined;
    if (key === this.highlightedKey && !force) return;
    this.highlightedKey = key;
    this.post({ type: 'highlight', key, scroll });
  }

  private editorOfDocument(): vscode.TextEditor | undefined {
    const uri = this.document?.uri.toString();
    const active = vscode.window.activeTextEditor;
    if (active && active.document.uri.toString() === uri) return active;
    return vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri);
  }

  private async onMessage(message: WebviewToExtensionMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'resync':
        // A (re)loaded page has nothing, and one whose order no longer fits a patch must start over.
        this.ready = true;
        this.stopRun();
        this.session.reset();
        this.highlightedKey = undefined;
        this.scheduleUpdate(0);
        return;
      case 'reveal':
        await this.revealInEditor(message.key, message.span);
        return;
      case 'visible':
        this.session.setVisible(message.keys);
        if (this.running) this.fillAfterRun = true;
        else this.run(this.session.fillVisibleInSteps());
        return;
    }
  }

  private async revealInEditor(key: string, fallbackSpan: { start: number; end: number } | undefined): Promise<void> {
    if (!this.document) return;
    // The key is resolved against the latest order: the span the page holds may be stale.
    const span = this.session.order.find((part) => part.key === key)?.span ?? fallbackSpan;
    if (!span) return;
    const document = this.document;
    const start = document.positionAt(span.start);
    const existing = this.editorOfDocument();
    const viewColumn =
      existing?.viewColumn ??
      (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn,
      preserveFocus: false,
      selection: new vscode.Range(start, start),
    });
    editor.revealRange(
      new vscode.Range(start, document.positionAt(span.end)),
      vscode.TextEditorRevealType.InCenterIfOutsideViewport,
    );
    this.highlightedKey = key;
  }

  private scheduleUpdate(delayMs: number): void {
    if (this.updateTimer !== undefined) clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => {
      this.updateTimer = undefined;
      this.update();
    }, delayMs);
  }

  private currentCheck(): DocumentCheck | undefined {
    const document = this.document;
    if (!document || document.isClosed) return undefined;
    const latest = this.checks.latest(document.uri);
    if (latest && latest.version === document.version) return latest;
    // Not checked yet: a check in slices, whose announcement updates the view (onDidCheck).
    void this.checks.checkSoon(document);
    return undefined;
  }

  private update(): void {
    if (!this.ready || !this.document) return;
    const check = this.currentCheck();
    if (!check) return;
    const editor = this.editorOfDocument();
    this.run(
      this.session.updateInSteps({
        model: check.result.document,
        documentUri: check.document.uri.toString(),
        documentName: baseName(check.document.uri),
        version: check.version,
        // The Problems panel's counts; before the first publish, the same count made from the check.
        counts:
          this.published.countsOf(check.document.uri) ??
          countProblems(check.result.diagnostics.filter((diagnostic) => !isInvitation(diagnostic))),
        ...(editor && editor.document.version === check.version
          ? { cursor: editor.document.offsetAt(editor.selection.active) }
          : {}),
      }),
    );
  }

  /** Runs the session's steps in slices (the host blocks ≤ 50 ms), stopping the run under way. */
  private run(steps: Steps<void>): void {
    this.stopRun();
    const running = { isCancellationRequested: false };
    this.running = running;
    void runInSlices(steps, running, NODE_SLICE_HOST, SLICE_BUDGET_MS).then(
      () => this.afterRun(running),
      () => this.afterRun(running),
    );
  }

  private afterRun(running: { isCancellationRequested: boolean }): void {
    if (this.running !== running) return;
    this.running = undefined;
    if (this.fillAfterRun || this.session.lacksVisible) {
      this.fillAfterRun = false;
      if (this.session.lacksVisible) this.run(this.session.fillVisibleInSteps());
    }
  }

  private stopRun(): void {
    if (this.running) this.running.isCancellationRequested = true;
    this.running = undefined;
  }

  private post(message: ExtensionToWebviewMessage): void {
    void this.panel.webview.postMessage(message);
    if (message.type !== 'update') return;
    this.lastUpdateAt = Date.now();
    // The statement under the cursor may have a new key now; on a fresh page, show it (typing never scrolls).
    this.sendHighlight(this.editorOfDocument(), message.reset, true);
  }

  testState(): DerivationsTestState | undefined {
    if (!this.document) return undefined;
    const parts: RenderedPart[] = [];
    for (const placement of this.session.order) {
      const html = this.session.htmlOf(placement.key);
      if (html !== undefined) parts.push({ key: placement.key, html });
    }
    const counts = this.session.counts;
    return {
      documentUri: this.document.uri.toString(),
      order: this.session.order.map((part) => ({
        key: part.key,
        kind: part.kind,
        ...(part.span ? { span: part.span } : {}),
      })),
      parts,
      summaryHtml: this.session.summaryHtml,
      ...(counts ? { counts } : {}),
      ...(this.highlightedKey ? { highlightedKey: this.highlightedKey } : {}),
    };
  }

  dispose(): void {
    this.stopRun();
    if (this.updateTimer !== undefined) clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.onDispose();
    this.panel.dispose();
  }
}

// ------------------------------------------------------------------ export

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function withExtension(uri: vscode.Uri, from: RegExp, to: string): vscode.Uri {
  return uri.with({ path: uri.path.replace(from, to) });
}

/** KaTeX's bundled stylesheet with its woff2 fonts inlined as data URLs. */
async function inlinedKatexCss(extensionUri: vscode.Uri): Promise<string> {
  const katexFolder = vscode.Uri.joinPath(extensionUri, 'dist', 'katex');
  const css = new TextDecoder().decode(
    await vscode.workspace.fs.readFile(vscode.Uri.joinPath(katexFolder, 'katex.css')),
  );
  const fonts = new Map<string, Uint8Array>();
  for (const match of css.matchAll(/url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/g)) {
    const relative = match[1];
    if (fonts.has(relative)) continue;
    try {
      fonts.set(relative, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(katexFolder, relative)));
    } catch {
      // A missing font falls back to the reader's serif: the math still reads.
    }
  }
  return inlineCssFonts(css, (relative) => {
    const bytes = fonts.get(relative);
    return bytes && Buffer.from(bytes).toString('base64');
  });
}

/**
 * Writes `<name>.derivations.html` (self-contained) and `<name>.derivations.md`
 * next to the homework, or where the user picks; asks before replacing.
 * `target` (the HTML file) skips the save dialog (tests, scripts).
 */
export async function exportDerivations(
  extensionUri: vscode.Uri,
  checks: CheckService,
  panels: DerivationsPanels,
  uri: vscode.Uri | undefined,
  target: vscode.Uri | undefined,
): Promise<vscode.Uri | undefined> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : panels.latestDocument;
  if (!document) {
    void vscode.window.showInformationMessage('Open a homework (.hw) file to export its derivations.');
    return undefined;
  }
  const latest = checks.latest(document.uri);
  const check = latest && latest.version === document.version ? latest : checks.checkNow(document);

  const suggested = withExtension(document.uri, /(\.hw)?$/, '.derivations.html');
  const htmlUri =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: suggested,
      filters: { HTML: ['html'] },
      saveLabel: 'Export Derivations',
      title: 'Export derivations (an HTML and a Markdown file)',
    }));
  if (!htmlUri) return undefined;
  const markdownUri = withExtension(htmlUri, /(\.html?)?$/, '.md');

  const existing: string[] = [];
  for (const file of [htmlUri, markdownUri]) if (await exists(file)) existing.push(baseName(file));
  if (existing.length > 0) {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(
      `${existing.join(' and ')} already ${existing.length === 1 ? 'exists' : 'exist'}. Replace?`,
      { modal: true },
      replace,
    );
    if (answer !== replace) return undefined;
  }

  const [katexCss, stylesheet] = await Promise.all([
    inlinedKatexCss(extensionUri),
    vscode.workspace.fs
      .readFile(vscode.Uri.joinPath(extensionUri, 'media', 'derivations.css'))
      .then((bytes) => new TextDecoder().decode(bytes)),
  ]);
  const model = check.result.document;
  const encoder = new TextEncoder();
  await vscode.workspace.fs.writeFile(
    htmlUri,
    encoder.encode(exportHtml(model, { katexCss, stylesheet, documentName: baseName(document.uri) })),
  );
  await vscode.workspace.fs.writeFile(markdownUri, encoder.encode(renderMarkdown(model)));
  if (!target) void vscode.window.showInformationMessage(`Exported ${baseName(htmlUri)} and ${baseName(markdownUri)}.`);
  return htmlUri;
}

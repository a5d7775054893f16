/**
 * The extension host's half of `npm run bench:editor` (loaded as the
 * test payload's `extensionTestsPath`, so it runs in the same extension
 * host as the extension). The runner (`test/e2e/benchEditor.ts`) types in
 * the workbench page; this side opens files, opens and closes the
 * derivations view, records when diagnostics arrive, and samples how long
 * the extension host's thread is blocked.
 *
 * The two sides talk through files in `HW_BENCH_DIR`: the runner writes
 * `request-N.json`, this side answers `response-N.json`. Both processes
 * read the same wall clock (`Date.now()`), so a keystroke's time taken by
 * the runner compares with a diagnostic's arrival taken here.
 */
import * as fs from 'fs';
import { Session } from 'inspector';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'homework-checker.homework-checker';
const SAMPLE_INTERVAL_MS = 5;

interface Request {
  readonly op:
    | 'open'
    | 'appendLines'
    | 'showView'
    | 'closeView'
    | 'window'
    | 'arrival'
    | 'profileStart'
    | 'profileStop'
    | 'finish';
  readonly file?: string;
  readonly count?: number;
  readonly label?: string;
  readonly line?: number;
  readonly code?: string;
  readonly timeoutMs?: number;
  /** Where `profileStop` writes the profile. */
  readonly profile?: string;
}

/** The longest gap between two timer ticks beyond the interval: how long the thread was blocked. */
class BlockSampler {
  private last = Date.now();
  private longest = 0;
  private readonly timer = setInterval(() => {
    const now = Date.now();
    this.longest = Math.max(this.longest, now - this.last - SAMPLE_INTERVAL_MS);
    this.last = now;
  }, SAMPLE_INTERVAL_MS);

  /** The longest block since the last call, and starts a new window. */
  take(): number {
    const longest = Math.max(this.longest, Date.now() - this.last - SAMPLE_INTERVAL_MS);
    this.longest = 0;
    return longest;
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}

/**
 * A CPU profile of this thread (the extension host's) between two requests, written as a `.cpuprofile`
 * (Chrome DevTools' format): where a long block comes from, which only the real host shows.
 */
class HostProfiler {
  private readonly session = new Session();
  private started = false;

  constructor() {
    this.session.connect();
  }

  private post(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    return new Promise((resolve, reject) =>
      this.session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.post('Profiler.enable');
    // Every 0.25 ms: a 50 ms block is 200 samples.
    await this.post('Profiler.setSamplingInterval', { interval: 250 });
    await this.post('Profiler.start');
    this.started = true;
  }

  async stop(file: string): Promise<void> {
    if (!this.started) return;
    this.started = false;
    const { profile } = (await this.post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
  }

  dispose(): void {
    this.session.disconnect();
  }
}

/** When an error with a given code first appeared on a line, per document. */
class DiagnosticArrivals {
  private readonly seen = new Map<string, number>();
  private readonly subscription = vscode.languages.onDidChangeDiagnostics((event) => {
    const now = Date.now();
    for (const uri of event.uris) {
      const present = new Set<string>();
      for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
        if (diagnostic.source !== 'homework') continue;
        const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
        present.add(`${uri.toString()}#${diagnostic.range.start.line}#${code}`);
      }
      for (const key of present) if (!this.seen.has(key)) this.seen.set(key, now);
      // An error that went away and comes back counts from its return.
      for (const key of [...this.seen.keys()])
        if (key.startsWith(`${uri.toString()}#`) && !present.has(key)) this.seen.delete(key);
    }
  });

  at(uri: vscode.Uri, line: number, code: string): number | undefined {
    return this.seen.get(`${uri.toString()}#${line}#${code}`);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

async function poll<T>(probe: () => T | undefined, timeoutMs: number, intervalMs = 5): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function run(): Promise<void> {
  const dir = process.env.HW_BENCH_DIR;
  if (!dir) throw new Error('HW_BENCH_DIR is not set: run this through `npm run bench:editor`');
  const sampler = new BlockSampler();
  const profiler = new HostProfiler();
  const arrivals = new DiagnosticArrivals();
  const documents = new Map<string, vscode.TextDocument>();
  let activatedAt: number | undefined;
  const activation = setInterval(() => {
    if (activatedAt === undefined && vscode.extensions.getExtension(EXTENSION_ID)?.isActive) activatedAt = Date.now();
  }, 1);

  const handle = async (request: Request): Promise<unknown> => {
    switch (request.op) {
      case 'open': {
        const uri = vscode.Uri.file(request.file!);
        const startedAt = Date.now();
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
        documents.set(request.file!, document);
        const diagnosedAt = await poll(
          () => (vscode.languages.getDiagnostics(uri).length > 0 ? Date.now() : undefined),
          120_000,
          1,
        );
        await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
        return {
          openToDiagnostics: diagnosedAt === undefined ? null : diagnosedAt - startedAt,
          activationToDiagnostics:
            diagnosedAt === undefined || activatedAt === undefined ? null : diagnosedAt - activatedAt,
        };
      }
      case 'appendLines': {
        // A fresh line at the end for the runner to type on, with the cursor on it.
        const document = documents.get(request.file!)!;
        const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
        const end = document.lineAt(document.lineCount - 1).range.end;
        await editor.edit((edit) => edit.insert(end, '\n'.repeat(request.count ?? 1)));
        const last = document.lineAt(document.lineCount - 1).range.end;
        editor.selection = new vscode.Selection(last, last);
        editor.revealRange(new vscode.Range(last, last));
        return { line: last.line };
      }
      case 'showView': {
        const document = documents.get(request.file!)!;
        const startedAt = Date.now();
        await vscode.commands.executeCommand('homework.showDerivations', document.uri);
        type State = { documentUri: string; order: readonly unknown[]; parts: readonly unknown[] } | undefined;
        const deadline = Date.now() + 120_000;
        let state: State;
        while (Date.now() < deadline) {
          state = await vscode.commands.executeCommand<State>('homework._derivationsState');
          if (state && state.documentUri === document.uri.toString() && state.order.length > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
        return { shownAfter: Date.now() - startedAt, parts: state?.order.length ?? 0 };
      }
      case 'closeView': {
        for (const group of vscode.window.tabGroups.all)
          for (const tab of group.tabs)
            if (tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('homework.derivations'))
              await vscode.window.tabGroups.close(tab);
        const document = documents.get(request.file!);
        if (document) await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
        return {};
      }
      case 'window':
        return { longestBlockMs: sampler.take() };
      case 'arrival': {
        const uri = vscode.Uri.file(request.file!);
        const at = await poll(() => arrivals.at(uri, request.line!, request.code!), request.timeoutMs ?? 10_000);
        return { at: at ?? null };
      }
      case 'profileStart':
        await profiler.start();
        return {};
      case 'profileStop': {
        await profiler.stop(request.profile!);
        return {};
      }
      case 'finish':
        return {};
    }
  };

  try {
    for (let n = 0; ; n++) {
      const requestFile = path.join(dir, `request-${n}.json`);
      await poll(() => (fs.existsSync(requestFile) ? true : undefined), 600_000, 10);
      const request = JSON.parse(fs.readFileSync(requestFile, 'utf8')) as Request;
      let response: unknown;
      try {
        response = await handle(request);
      } catch (error) {
        response = { error: error instanceof Error ? error.message : String(error) };
      }
      fs.writeFileSync(path.join(dir, `response-${n}.json.tmp`), JSON.stringify(response));
      fs.renameSync(path.join(dir, `response-${n}.json.tmp`), path.join(dir, `response-${n}.json`));
      if (request.op === 'finish') return;
    }
  } finally {
    clearInterval(activation);
    sampler.dispose();
    profiler.dispose();
    arrivals.dispose();
  }
}

/**
 * `npm run bench:editor`: the extension as a student feels it, measured in a
 * real VS Code (code-server + headless Chromium). Types statements key by key
 * into the example homework and into generated 2,000- and 10,000-statement
 * homework, with the derivations view closed and open, and prints:
 *
 * - keystroke → diagnostic: from the keystroke that completes a wrong
 *   statement (its last character; Enter follows 120 ms later, as a person
 *   types) to the arrival of its error in the extension host, and from the
 *   Enter that leaves the line;
 * - the first edit with the view open, separately;
 * - keystroke → character drawn in the editor (page clock, next frames);
 * - open → first diagnostics on the example (after the open, and after activation);
 * - the longest block of the extension host's thread in each phase.
 *
 * Figures, not assertions: a shared machine's timings are no pass/fail signal.
 * The host half is `test/benchEditor/index.ts`.
 *
 * Env: HW_E2E_TIMEOUT_MS (default 1200000), HW_E2E_KEEP=1 keeps the run folder,
 * HW_BENCH_STATEMENTS (default 6) statements typed per phase, HW_BENCH_PROFILE=<folder> writes a CPU
 * profile of the extension host and one of the workbench page for each typing phase there
 * (`<phase>.host.cpuprofile`, `<phase>.page.cpuprofile`; the profiling slows both, so its figures are no
 * baseline). `node out/bench/profileBlocks.js <file>` lists a profile's longest tasks.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CDPSession, Page } from 'playwright-core';
import { generateHomework } from '../../bench/generate';
import {
  delay,
  launchBrowser,
  log,
  makeRunDir,
  onCleanup,
  remoteUri,
  repoRoot,
  runMain,
  startCodeServer,
  workbenchUrl,
} from './harness';

const timeoutMs = Number(process.env.HW_E2E_TIMEOUT_MS ?? 1_200_000);
const statementsPerPhase = Number(process.env.HW_BENCH_STATEMENTS ?? 6);
const KEY_INTERVAL_MS = 120;
/** A wrong statement: 2 + 3 is 5. Its error is `value.wrong` on the line. */
const wrongStatement = (n: number): string => `tk${n} = 2 + 3 = 6`;
const profileDir = process.env.HW_BENCH_PROFILE ? path.resolve(process.env.HW_BENCH_PROFILE) : undefined;

// ------------------------------------------------------------------ host RPC

class Host {
  private next = 0;
  constructor(private readonly dir: string) {}

  async call<T>(request: Record<string, unknown>, timeout = 300_000): Promise<T> {
    const n = this.next++;
    fs.writeFileSync(path.join(this.dir, `request-${n}.json.tmp`), JSON.stringify(request));
    fs.renameSync(path.join(this.dir, `request-${n}.json.tmp`), path.join(this.dir, `request-${n}.json`));
    const responseFile = path.join(this.dir, `response-${n}.json`);
    const deadline = Date.now() + timeout;
    while (!fs.existsSync(responseFile)) {
      if (Date.now() > deadline) throw new Error(`the host did not answer ${JSON.stringify(request)}`);
      await delay(10);
    }
    const response = JSON.parse(fs.readFileSync(responseFile, 'utf8')) as T & { error?: string };
    if (response.error) throw new Error(`host: ${response.error} (${JSON.stringify(request)})`);
    return response;
  }
}

// ------------------------------------------------------------------ page probes

/** Records, for each key pressed while `__hwExpect` is set, the time until a line shows that text. */
async function installDrawnProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __hwExpect: string; __hwDrawn: number[] };
    w.__hwExpect = '';
    w.__hwDrawn = [];
    const normal = (text: string): string => text.replace(/\u00a0/g, ' ').trimEnd();
    // A line's typed text: its token spans, not text injected into the line (a span with a `dyn-rule` class, as
    // an inlay hint's `…` after a statement being typed): with it the line never equals the keys typed, and a key
    // drawn at once counted as "never drawn".
    const typedText = (line: Element): string =>
      Array.from(line.querySelectorAll('span span'))
        .filter((span) => !span.className.includes('dyn-rule'))
        .map((span) => span.textContent ?? '')
        .join('');
    window.addEventListener(
      'keydown',
      () => {
        const expected = normal(w.__hwExpect);
        if (!expected) return;
        const startedAt = performance.now();
        const probe = (): void => {
          const editor = document.querySelector('.monaco-editor.focused');
          for (const line of Array.from(editor?.querySelectorAll('.view-line') ?? []))
            if (normal(typedText(line)) === expected) {
              w.__hwDrawn.push(performance.now() - startedAt);
              return;
            }
          if (performance.now() - startedAt > 5000) {
            w.__hwDrawn.push(-1);
            (w as unknown as { __hwMissed: string[] }).__hwMissed ??= [];
            (w as unknown as { __hwMissed: string[] }).__hwMissed.push(expected);
          } else requestAnimationFrame(probe);
        };
        requestAnimationFrame(probe);
      },
      true,
    );
  });
}

async function setExpected(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => ((window as unknown as { __hwExpect: string }).__hwExpect = value), text);
}

async function takeDrawn(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __hwDrawn: number[] };
    const taken = w.__hwDrawn;
    w.__hwDrawn = [];
    return taken;
  });
}

// ------------------------------------------------------------------ figures

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value: number | null | undefined): string =>
  value === null || value === undefined || Number.isNaN(value) ? 'n/a' : `${Math.round(value)} ms`;

interface TypingFigures {
  readonly fromLastKey: number[];
  readonly fromEnter: number[];
  readonly drawn: number[];
  missing: number;
  readonly longestBlockMs: number;
}

/** With HW_BENCH_PROFILE: profiles both threads (the host's, the page's) over one phase. */
class PhaseProfiler {
  private page: CDPSession | undefined;

  constructor(
    private readonly host: Host,
    private readonly workbench: Page,
  ) {}

  async start(): Promise<void> {
    if (!profileDir) return;
    await this.host.call({ op: 'profileStart' });
    this.page = await this.workbench.context().newCDPSession(this.workbench);
    await this.page.send('Profiler.enable');
    await this.page.send('Profiler.setSamplingInterval', { interval: 250 });
    await this.page.send('Profiler.start');
  }

  async stop(label: string): Promise<void> {
    if (!profileDir || !this.page) return;
    fs.mkdirSync(profileDir, { recursive: true });
    const slug = label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
    await this.host.call({ op: 'profileStop', profile: path.join(profileDir, `${slug}.host.cpuprofile`) });
    const { profile } = await this.page.send('Profiler.stop');
    fs.writeFileSync(path.join(profileDir, `${slug}.page.cpuprofile`), JSON.stringify(profile));
    await this.page.detach();
    this.page = undefined;
  }
}

/** Types `count` wrong statements on fresh lines at the end of `file`, one key at a time. */
async function typeStatements(page: Page, host: Host, file: string, count: number, first: number, label: string) {
  const { line: startLine } = await host.call<{ line: number }>({ op: 'appendLines', file, count: 2 });
  await delay(1500);
  await takeDrawn(page);
  const profiler = new PhaseProfiler(host, page);
  await profiler.start();
  await host.call({ op: 'window' });
  const figures: TypingFigures = { fromLastKey: [], fromEnter: [], drawn: [], missing: 0, longestBlockMs: 0 };
  for (let i = 0; i < count; i++) {
    const text = wrongStatement(first + i);
    let lastKeyAt = 0;
    for (let c = 0; c < text.length; c++) {
      const typed = text.slice(0, c + 1);
      await setExpected(page, text[c] === ' ' ? '' : typed);
      if (c === text.length - 1) lastKeyAt = Date.now();
      await page.keyboard.press(text[c] === ' ' ? 'Space' : text[c]);
      await delay(KEY_INTERVAL_MS);
    }
    await setExpected(page, '');
    const enterAt = Date.now();
    await page.keyboard.press('Enter');
    const { at } = await host.call<{ at: number | null }>({
      op: 'arrival',
      file,
      line: startLine + i,
      code: 'value.wrong',
      timeoutMs: 60_000,
    });
    if (at === null) figures.missing++;
    else {
      figures.fromLastKey.push(at - lastKeyAt);
      figures.fromEnter.push(at - enterAt);
    }
    await delay(1500);
  }
  figures.drawn.push(...(await takeDrawn(page)));
  const missed = await page.evaluate(() => {
    const w = window as unknown as { __hwMissed?: string[] };
    const taken = w.__hwMissed ?? [];
    w.__hwMissed = [];
    return taken;
  });
  for (const m of missed.slice(0, 3)) log(`  never drawn: the line \`${m}\``);
  const { longestBlockMs } = await host.call<{ longestBlockMs: number }>({ op: 'window' });
  await profiler.stop(label);
  return { ...figures, longestBlockMs };
}

function describeTyping(label: string, figures: TypingFigures): string[] {
  const drawn = figures.drawn.filter((value) => value >= 0);
  const lines = [
    `${label}:`,
    `  keystroke → diagnostic, from the completing key: median ${ms(median(figures.fromLastKey))}` +
      ` (each: ${figures.fromLastKey.map((v) => Math.round(v)).join(', ')})`,
    `  keystroke → diagnostic, from the Enter leaving the line: median ${ms(median(figures.fromEnter))}` +
      ` (first ${ms(figures.fromEnter[0])})`,
    `  key → drawn: median ${ms(median(drawn))}, max ${ms(Math.max(...drawn))},` +
      ` ${drawn.filter((v) => v > 100).length} of ${figures.drawn.length} keys over 100 ms` +
      (figures.drawn.length > drawn.length ? `, ${figures.drawn.length - drawn.length} never drawn in 5 s` : ''),
    `  longest host block while typing: ${ms(figures.longestBlockMs)}`,
  ];
  if (figures.missing > 0) lines.push(`  ${figures.missing} statements never got their diagnostic within 60 s`);
  return lines;
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
  const suite = path.join(repoRoot, 'out', 'test', 'benchEditor', 'index.js');
  if (!fs.existsSync(suite)) throw new Error('no compiled host half: run `npm run compile-tests`');
  const runDir = makeRunDir('bench');
  const rpcDir = path.join(runDir, 'rpc');
  fs.mkdirSync(rpcDir);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-'));
  onCleanup(() => fs.rmSync(workspace, { recursive: true, force: true }));
  const example = path.join(workspace, 'homework1.hw');
  fs.copyFileSync(path.join(repoRoot, 'examples', 'homework1.hw'), example);
  const long2k = path.join(workspace, 'long-2000.hw');
  const long10k = path.join(workspace, 'long-10000.hw');
  fs.writeFileSync(long2k, generateHomework(2000).text);
  fs.writeFileSync(long10k, generateHomework(10000).text);

  const server = await startCodeServer({
    runDir,
    env: { HW_BENCH_DIR: rpcDir },
    // The workbench looks for ports to forward by spawning a process from the extension host every few
    // seconds; the spawn blocks the host's thread for 50-450 ms (more, the bigger its heap), which is no
    // check's and no view's work: the figures here are the extension's. code-server has a tunnel provider,
    // which keeps the scan on unless the ports are read from the terminal's output instead.
    settings: { 'remote.autoForwardPorts': false, 'remote.autoForwardPortsSource': 'output' },
  });
  const { page } = await launchBrowser();
  let exitCode: number | undefined;
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const line = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
    if (type === 'error' && !/open-vsx|authentication provider/.test(line.join(' ')))
      log(`host error: ${line.join(' ')}`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => (exitCode = Number(code)));
  const url = workbenchUrl(server.port, workspace, [
    ['extensionDevelopmentPath', remoteUri(server.port, repoRoot)],
    ['extensionTestsPath', remoteUri(server.port, suite)],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 120_000 });
  await installDrawnProbe(page);
  const host = new Host(rpcDir);
  const report: string[] = [];
  const say = (lines: string[]): void => {
    for (const line of lines) log(line);
    report.push(...lines);
  };

  const opened = await host.call<{ openToDiagnostics: number | null; activationToDiagnostics: number | null }>({
    op: 'open',
    file: example,
  });
  say([
    `example homework: open → first diagnostics ${ms(opened.openToDiagnostics)}` +
      ` (${ms(opened.activationToDiagnostics)} after activation)`,
  ]);
  await page.locator('.monaco-editor .view-lines').first().click();
  const typed = async (label: string, file: string, count: number, first: number): Promise<void> =>
    say(describeTyping(label, await typeStatements(page, host, file, count, first, label)));
  await typed('example, view closed', example, statementsPerPhase, 1);
  const exampleView = await host.call<{ shownAfter: number; parts: number }>({ op: 'showView', file: example });
  say([`example: view shown after ${ms(exampleView.shownAfter)} (${exampleView.parts} parts)`]);
  await typed('example, view open', example, statementsPerPhase, 101);
  await host.call({ op: 'closeView', file: example });

  for (const [file, label] of [
    [long2k, '2,000 statements'],
    [long10k, '10,000 statements'],
  ] as const) {
    await host.call({ op: 'window' });
    const openProfiler = new PhaseProfiler(host, page);
    await openProfiler.start();
    const open = await host.call<{ openToDiagnostics: number | null }>({ op: 'open', file });
    const { longestBlockMs: openBlock } = await host.call<{ longestBlockMs: number }>({ op: 'window' });
    await openProfiler.stop(`${label}, open`);
    say([`${label}: open → first diagnostics ${ms(open.openToDiagnostics)}; longest host block ${ms(openBlock)}`]);
    const count = file === long10k ? Math.min(3, statementsPerPhase) : statementsPerPhase;
    await typed(`${label}, view closed`, file, count, 201);
    const viewProfiler = new PhaseProfiler(host, page);
    await viewProfiler.start();
    const view = await host.call<{ shownAfter: number; parts: number }>({ op: 'showView', file });
    const { longestBlockMs: viewBlock } = await host.call<{ longestBlockMs: number }>({ op: 'window' });
    await viewProfiler.stop(`${label}, view shown`);
    say([
      `${label}: view shown after ${ms(view.shownAfter)} (${view.parts} parts); longest host block ${ms(viewBlock)}`,
    ]);
    await typed(`${label}, view open (first edit = first figure)`, file, count, 301);
    await host.call({ op: 'closeView', file });
  }
  await host.call({ op: 'finish' });
  for (let waited = 0; exitCode === undefined && waited < 10_000; waited += 100) await delay(100);

  log('');
  log('bench:editor summary');
  for (const line of report) log(`  ${line}`);
  return 0;
}

runMain('bench:editor', timeoutMs, main);

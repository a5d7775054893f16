/**
 * Shared pieces of the real-VS Code harness: code-server (the real workbench
 * and a real Node extension host) started on a free loopback port with a
 * fresh profile, and Debian's chromium driven headless by playwright-core.
 * See shared/REAL-VSCODE.md for why each flag is there.
 *
 * Everything started here is registered for cleanup, which also runs on
 * SIGINT/SIGTERM and on the overall timeout, so no code-server or chromium
 * outlives a run.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

/** The repository root: this file compiles to out/test/e2e/harness.js. */
export const repoRoot = findRepoRoot(__dirname);
export const harnessDir = path.join(repoRoot, 'test', 'e2e');
const harnessBin = path.join(harnessDir, 'node_modules', '.bin');
/** Node 24 from the harness's own `node` npm package: code-server needs it. */
export const node24 = path.join(harnessBin, 'node');
const codeServerEntry = path.join(harnessDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'homework-checker') {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`no homework-checker package.json above ${start}`);
    }
  }
}

export function log(message: string): void {
  process.stdout.write(`[e2e] ${message}\n`);
}

// ---------------------------------------------------------------- cleanup --

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
let cleaningUp: Promise<void> | undefined;

/** Registers a cleanup step; they run last-in first-out. */
export function onCleanup(step: Cleanup): void {
  cleanups.push(step);
}

export function cleanupAll(): Promise<void> {
  if (!cleaningUp) {
    cleaningUp = (async () => {
      while (cleanups.length > 0) {
        const step = cleanups.pop()!;
        try {
          await step();
        } catch (err) {
          log(`cleanup step failed: ${String(err)}`);
        }
      }
    })();
  }
  return cleaningUp;
}

/**
 * Runs main() with an overall deadline; whatever happens, cleans up and exits
 * with main's exit code (1 on an exception, 124 on the timeout).
 */
export function runMain(name: string, timeoutMs: number, main: () => Promise<number>): void {
  const finish = async (code: number): Promise<never> => {
    await cleanupAll();
    process.exit(code);
  };
  const timer = setTimeout(() => {
    log(`${name}: timed out after ${Math.round(timeoutMs / 1000)} s; stopping everything`);
    void finish(124);
  }, timeoutMs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${name}: ${signal}; stopping everything`);
      void finish(130);
    });
  }
  main().then(
    (code) => {
      clearTimeout(timer);
      return finish(code);
    },
    (err: unknown) => {
      clearTimeout(timer);
      log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return finish(1);
    },
  );
}

// -------------------------------------------------------------- run dirs --

/**
 * A fresh folder for one run under test/e2e/.harness/ (ignored by git),
 * removed at the end unless HW_E2E_KEEP=1 (then its logs can be read).
 */
export function makeRunDir(prefix: string): string {
  const base = path.join(harnessDir, '.harness');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `${prefix}-`));
  onCleanup(() => {
    if (process.env.HW_E2E_KEEP === '1') {
      log(`kept ${dir}`);
    } else {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return dir;
}

/**
 * A fixture workspace in a temp folder holding a copy of the seed homework,
 * so tests may edit files without touching examples/.
 */
export function makeFixtureWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-fixture-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  const seed = path.join(repoRoot, 'examples', 'homework1.hw');
  if (fs.existsSync(seed)) {
    fs.copyFileSync(seed, path.join(dir, 'homework1.hw'));
  } else {
    log(`note: ${path.relative(repoRoot, seed)} does not exist yet; the fixture workspace is empty`);
  }
  copyMarkdownFixtures(dir);
  return dir;
}

/** The reference sheet in Markdown, and a README that is no homework (its wrong sum must stay unflagged). */
export function copyMarkdownFixtures(dir: string): void {
  fs.copyFileSync(
    path.join(repoRoot, 'test', 'fixtures', 'homework1-solution.md'),
    path.join(dir, 'homework1-solution.md'),
  );
  fs.writeFileSync(path.join(dir, 'README.md'), '# Notes\n\nNot homework: $2 + 2 = 5$ stays unflagged.\n');
}

// ----------------------------------------------------------- code-server --

export interface CodeServer {
  port: number;
  /** Its combined stdout and stderr so far. */
  output(): string;
  userDataDir: string;
  extensionsDir: string;
  /** Runs the same code-server (same profile) with other arguments, e.g. --install-extension. */
  cli(args: string[]): Promise<{ code: number; output: string }>;
}

export interface CodeServerOptions {
  runDir: string;
  /** Extra environment for code-server, which passes it on to the extension host. */
  env?: Record<string, string>;
  /** User settings on top of the quiet defaults. */
  settings?: Record<string, unknown>;
}

function codeServerPaths(runDir: string) {
  return {
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir: path.join(runDir, 'extensions'),
    config: path.join(runDir, 'config.yaml'),
    tmp: path.join(runDir, 'tmp'),
  };
}

/** A fresh profile: settings that keep the workbench quiet and offline. */
export function prepareProfile(runDir: string, extraSettings: Record<string, unknown> = {}): void {
  const p = codeServerPaths(runDir);
  for (const dir of [p.userDataDir, p.extensionsDir, p.tmp, path.join(p.userDataDir, 'User')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.tips.enabled': false,
    'update.mode': 'none',
    // Screenshots show the editor, not an empty chat side bar.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extraSettings,
  };
  fs.writeFileSync(path.join(p.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  fs.writeFileSync(p.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
}

function codeServerEnv(runDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const p = codeServerPaths(runDir);
  return {
    ...process.env,
    PATH: `${harnessBin}${path.delimiter}${process.env.PATH ?? ''}`,
    TMPDIR: p.tmp,
    // code-server would otherwise read and write ~/.config/code-server and ~/.local/share.
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    ...extra,
  };
}

function profileArgs(runDir: string): string[] {
  const p = codeServerPaths(runDir);
  return ['--config', p.config, '--user-data-dir', p.userDataDir, '--extensions-dir', p.extensionsDir];
}

function checkInstalled(): void {
  if (!fs.existsSync(codeServerEntry) || !fs.existsSync(node24)) {
    throw new Error('the harness is not installed: run `bash test/e2e/setup.sh` first');
  }
}

/** Kills a detached child's whole process group (code-server and its extension hosts). */
async function killGroup(child: ChildProcess, what: string): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  signalGroup('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), delay(5000).then(() => true)]);
  if (timedOut) {
    log(`${what} ignored SIGTERM; SIGKILL`);
    signalGroup('SIGKILL');
    await Promise.race([exited, delay(2000)]);
  }
  // Extension hosts and other helpers share the group: make sure none is left.
  signalGroup('SIGKILL');
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  checkInstalled();
  const { runDir } = options;
  const paths = codeServerPaths(runDir);
  prepareProfile(runDir, options.settings);
  const env = codeServerEnv(runDir, options.env);
  const args = [
    codeServerEntry,
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Without it, released builds ignore the extensionTestsPath payload.
    '--vscode-option',
    'enable-smoke-test-driver',
    ...profileArgs(runDir),
  ];
  // Own process group, so that cleanup reaches the extension hosts as well.
  const child = spawn(node24, args, { cwd: runDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  onCleanup(() => killGroup(child, 'code-server'));

  let output = '';
  const logFile = fs.createWriteStream(path.join(runDir, 'code-server.log'));
  onCleanup(() => new Promise<void>((resolve) => logFile.end(resolve)));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      logFile.write(text);
      const match = /HTTP server listening on https?:\/\/[^\s/]+:(\d+)/.exec(output);
      if (match) {
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) =>
      reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output}`)),
    );
    setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${output}`)), 60_000);
  });
  log(`code-server listening on 127.0.0.1:${port} (pid ${child.pid})`);

  return {
    port,
    output: () => output,
    userDataDir: paths.userDataDir,
    extensionsDir: paths.extensionsDir,
    cli: (cliArgs) => runCodeServerCli(runDir, cliArgs),
  };
}

/** A one-shot code-server command on the run's profile (it exits by itself). */
export function runCodeServerCli(runDir: string, cliArgs: string[]): Promise<{ code: number; output: string }> {
  checkInstalled();
  prepareProfileOnce(runDir);
  const child = spawn(node24, [codeServerEntry, ...profileArgs(runDir), ...cliArgs], {
    cwd: runDir,
    env: codeServerEnv(runDir),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  onCleanup(() => killGroup(child, 'code-server cli'));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code: code ?? 1, output })));
}

function prepareProfileOnce(runDir: string): void {
  if (!fs.existsSync(codeServerPaths(runDir).config)) {
    prepareProfile(runDir);
  }
}

// --------------------------------------------------------------- browser --

export const chromiumPath = '/usr/bin/chromium';

/** Headless Chromium on this closed network: no sandbox as root, nothing that phones home. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run \`bash test/e2e/setup.sh\` (Debian's chromium)`);
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Playwright refuses --user-data-dir; it makes a temporary profile itself.
    args: [...CHROMIUM_ARGS],
    // Our own handlers run cleanup (which closes the browser) on signals.
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  onCleanup(async () => {
    await Promise.race([browser.close(), delay(10_000)]);
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  return { browser, context, page };
}

/** The workbench URL on a folder, with an optional test payload. */
export function workbenchUrl(port: number, folder: string, payload?: Array<[string, string]>): string {
  const url = new URL(`http://127.0.0.1:${port}/`);
  url.searchParams.set('folder', folder);
  if (payload) {
    url.searchParams.set('payload', JSON.stringify(payload));
  }
  return url.toString();
}

/** A vscode-remote URI for a path on this machine, as the payload wants. */
export function remoteUri(port: number, absPath: string): string {
  return `vscode-remote://127.0.0.1:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

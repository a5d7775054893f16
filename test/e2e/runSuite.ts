/**
 * Runs the extension's test suite inside a real VS Code: code-server serves
 * the workbench, headless chromium opens it with VS Code's own test payload
 * (extensionDevelopmentPath + extensionTestsPath), and the suite's run() runs
 * in the real extension host, exactly as @vscode/test-electron would run it.
 *
 *   node out/test/e2e/runSuite.js [compiled suite index.js]
 *
 * Default suite: out/test/suite/index.js (needs `npm run build` and
 * `npm run compile-tests` first). Exit code: the suite's own.
 * Env: HW_E2E_TIMEOUT_MS (default 300000), HW_E2E_KEEP=1 keeps the run folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  launchBrowser,
  log,
  makeFixtureWorkspace,
  makeRunDir,
  remoteUri,
  repoRoot,
  runMain,
  startCodeServer,
  workbenchUrl,
} from './harness';

const timeoutMs = Number(process.env.HW_E2E_TIMEOUT_MS ?? 300_000);

/** Harmless workbench noise on an offline machine: counted, not printed. */
const knownNoise = [/ENOTFOUND open-vsx\.org/, /authentication provider 'github'/];

function suitePath(): string {
  const arg = process.argv[2];
  const suite = path.resolve(arg ?? path.join(repoRoot, 'out', 'test', 'suite', 'index.js'));
  if (!fs.existsSync(suite)) {
    throw new Error(`no compiled suite at ${suite}: run \`npm run compile-tests\``);
  }
  return suite;
}

async function main(): Promise<number> {
  const started = Date.now();
  const since = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const suite = suitePath();
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    log('note: dist/extension.js is missing (run `npm run build`); the extension will not activate');
  }
  const runDir = makeRunDir('suite');
  const workspace = makeFixtureWorkspace();
  // code-server passes its environment on to the extension host, where the suite reads it.
  const server = await startCodeServer({ runDir, env: { HW_FIXTURE_WORKSPACE: workspace } });
  log(`code-server up after ${since()}`);

  const { page } = await launchBrowser();
  const suiteLog: string[] = [];
  let noise = 0;
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  // VS Code's browser test driver reports through these two window functions.
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const line = (Array.isArray(args) ? args : [args])
      .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ');
    if (knownNoise.some((re) => re.test(line))) {
      noise++;
      return;
    }
    suiteLog.push(line);
    process.stdout.write(type === 'error' ? `[suite:error] ${line}\n` : `[suite] ${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
  page.on('pageerror', (err) => log(`page error: ${err.message}`));
  page.on('crash', () => {
    log('the workbench page crashed');
    resolveExit(1);
  });

  const url = workbenchUrl(server.port, workspace, [
    ['extensionDevelopmentPath', remoteUri(server.port, repoRoot)],
    ['extensionTestsPath', remoteUri(server.port, suite)],
    ['skipWelcome', 'true'],
  ]);
  log(`opening the workbench on ${workspace} with suite ${path.relative(repoRoot, suite)}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  const code = await exited;
  log(
    `suite exited with code ${code} after ${since()} (${suiteLog.length} log lines, ${noise} known-harmless offline errors hidden)`,
  );
  if (code !== 0) {
    const tail = server.output().split('\n').slice(-40).join('\n');
    log(`last lines of code-server's output:\n${tail}`);
  }
  return code;
}

runMain('runSuite', timeoutMs, main);

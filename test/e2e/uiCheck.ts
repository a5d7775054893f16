/**
 * What a person sees: packages the .vsix, checks that it holds only what the
 * extension needs, installs it into code-server as a user would, opens the
 * seed homework in the workbench (headless chromium), waits for the squiggle,
 * reads the Problems panel, and saves the README's screenshots:
 *   docs/images/editor.png  the editor with the seed's diagnostics
 *   docs/images/panel.png   the derivations view (when its command exists)
 *
 *   node out/test/e2e/uiCheck.js      (after `npm run build`)
 *
 * Env: HW_E2E_TIMEOUT_MS (default 300000), HW_E2E_KEEP=1 keeps the run folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Frame, Page } from 'playwright-core';
import {
  delay,
  harnessDir,
  launchBrowser,
  log,
  makeFixtureWorkspace,
  makeRunDir,
  repoRoot,
  runCodeServerCli,
  runMain,
  startCodeServer,
  workbenchUrl,
} from './harness';

const timeoutMs = Number(process.env.HW_E2E_TIMEOUT_MS ?? 300_000);
const imagesDir = path.join(repoRoot, 'docs', 'images');

// ------------------------------------------------------------------ vsix --

/** Entry names and uncompressed sizes from a zip's central directory. */
export function zipEntries(zip: Buffer): Array<{ name: string; size: number }> {
  // The end-of-central-directory record sits in the last 64 KiB (after an optional comment).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new Error('not a zip file: no end-of-central-directory record');
  }
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: Array<{ name: string; size: number }> = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) {
      throw new Error(`bad central directory entry at ${at}`);
    }
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** What the .vsix may hold: the bundles, KaTeX's css + fonts, media, grammar, manifest, docs. */
const allowedInVsix = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  // vsce stores readme.md and changelog.md in lower case
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/i,
  /^extension\/dist\/(extension|webview)\.js$/,
  /^extension\/dist\/katex\/katex\.css$/,
  /^extension\/dist\/katex\/fonts\/[^/]+\.woff2$/,
  /^extension\/media\/[^/]+$/,
  /^extension\/syntaxes\/[^/]+\.json$/,
];
const requiredInVsix = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/syntaxes/homework.tmLanguage.json',
];

function packageVsix(outDir: string): string {
  const vsix = path.join(outDir, 'homework-checker.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  // --no-dependencies: esbuild has bundled the dependencies into dist/. No public repository
  // exists to rewrite the README's relative links and images against: keep them relative.
  const args = [
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '-o',
    vsix,
  ];
  const result = spawnSync(vsce, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    throw new Error(`vsce package failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const entries = zipEntries(fs.readFileSync(vsix));
  const size = fs.statSync(vsix).size;
  log(`packaged ${path.basename(vsix)}: ${(size / 1024).toFixed(0)} KiB, ${entries.length} files`);
  for (const e of entries.filter((e) => !e.name.includes('/fonts/'))) {
    log(`  ${String(e.size).padStart(9)}  ${e.name}`);
  }
  const fonts = entries.filter((e) => e.name.includes('/fonts/'));
  log(`  ${String(fonts.reduce((s, e) => s + e.size, 0)).padStart(9)}  (${fonts.length} KaTeX fonts)`);
  const unexpected = entries.filter((e) => !allowedInVsix.some((re) => re.test(e.name)));
  if (unexpected.length > 0) {
    throw new Error(`the .vsix holds files it does not need:\n  ${unexpected.map((e) => e.name).join('\n  ')}`);
  }
  const missing = requiredInVsix.filter((name) => !entries.some((e) => e.name === name));
  if (missing.length > 0) {
    throw new Error(`the .vsix lacks ${missing.join(', ')}`);
  }
  return vsix;
}

// -------------------------------------------------------------- workbench --

async function waitFor<T>(what: string, timeout: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
    }
    await delay(250);
  }
}

async function problemRows(page: Page): Promise<string[]> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  const labels: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    labels.push((await row.getAttribute('aria-label')) ?? (await row.innerText()));
  }
  return labels;
}

async function runCommand(page: Page, label: string): Promise<boolean> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  try {
    await row.waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    await page.keyboard.press('Escape');
    return false;
  }
  await page.keyboard.press('Enter');
  return true;
}

/** A webview's content sits in nested iframes: find the frame holding `selector`. */
async function frameWith(page: Page, selector: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    try {
      if ((await frame.locator(selector).count()) > 0) {
        return frame;
      }
    } catch {
      /* a frame that went away while we looked */
    }
  }
  return undefined;
}

async function main(): Promise<number> {
  const started = Date.now();
  const since = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  }
  const runDir = makeRunDir('ui');
  const vsix = packageVsix(runDir);
  log(`packaged after ${since()}`);

  // Install as a user would; the running server below then loads it from the same extensions dir.
  const install = await runCodeServerCli(runDir, ['--install-extension', vsix]);
  if (install.code !== 0 || !/successfully installed/i.test(install.output)) {
    throw new Error(`code-server --install-extension failed (${install.code}):\n${install.output}`);
  }
  log(`installed the .vsix into code-server after ${since()}`);

  const workspace = makeFixtureWorkspace();
  if (!fs.existsSync(path.join(workspace, 'homework1.hw'))) {
    throw new Error('examples/homework1.hw is missing: nothing to check');
  }
  const server = await startCodeServer({ runDir });
  const { page } = await launchBrowser();
  page.on('pageerror', (err) => log(`page error: ${err.message}`));
  await page.goto(workbenchUrl(server.port, workspace), { waitUntil: 'domcontentloaded' });
  try {
    return await checkWorkbench(page, since);
  } catch (err) {
    // What the page showed when it went wrong, for whoever reads the log.
    const shot = path.join(harnessDir, '.harness', 'ui-failure.png');
    await page.screenshot({ path: shot }).then(
      () => log(`screenshot of the failure: ${path.relative(repoRoot, shot)}`),
      () => undefined,
    );
    throw err;
  }
}

async function checkWorkbench(page: Page, since: () => string): Promise<number> {
  // The Explorer lists the fixture; a click opens the file as a person would.
  const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'homework1.hw' }).first();
  await item.waitFor({ state: 'visible', timeout: 90_000 });
  log(`workbench up after ${since()}; opening homework1.hw from the Explorer`);
  await item.click();
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 30_000 });

  // Problems panel: Ctrl+Shift+M, as in the docs; the findings arrive once the extension has activated.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Shift+M');
  const rows = await waitFor('the -96 finding in the Problems panel', 90_000, async () => {
    const found = await problemRows(page);
    return found.some((r) => r.includes('-96')) ? found : undefined;
  }).catch(async (err: Error) => {
    log(`Problems rows seen: ${JSON.stringify(await problemRows(page), null, 1)}`);
    throw err;
  });
  log(`Problems panel after ${since()} (${rows.length} rows):`);
  for (const row of rows) {
    log(`  ${row}`);
  }
  const row96 = rows.find((r) => r.includes('-96'))!;
  log(`found the -46 → -96 finding: ${row96}`);

  // A click on its row reveals the line in the editor, where the squiggle must show.
  // Click its message at the row's left end: the diagnostic code further right is a link.
  await page
    .locator('.markers-panel .monaco-list-row', { hasText: '-96' })
    .first()
    .click({ position: { x: 90, y: 10 } });
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 30_000 });
  log(`the editor shows the error squiggle after ${since()}`);
  await delay(300);
  // Focus the editor (the click left focus in the panel), then show the hover at the cursor.
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await page
    .locator('.monaco-hover')
    .first()
    .waitFor({ state: 'visible', timeout: 5_000 })
    .catch(() => {
      log('note: no hover appeared for the finding; the screenshot shows the squiggle only');
    });
  await delay(500);
  fs.mkdirSync(imagesDir, { recursive: true });
  await page.screenshot({ path: path.join(imagesDir, 'editor.png') });
  log(`saved docs/images/editor.png after ${since()}`);
  await page.keyboard.press('Escape');

  // The derivations view, if its command exists yet.
  if (await runCommand(page, 'Homework: Show Derivations')) {
    const frame = await waitFor('the derivations view to render', 60_000, async () => frameWith(page, '.katex'));
    const katexErrors = await frame.locator('.katex-error').count();
    log(`derivations view rendered (${await frame.locator('.katex').count()} formulas, ${katexErrors} KaTeX errors)`);
    // Give the view the room of the Problems panel, and move the cursor on the -46 line
    // (back in the editor) so that a view that follows the cursor shows that statement.
    await page.keyboard.press('Control+J');
    await page.keyboard.press('Control+1');
    await page.keyboard.press('End');
    await delay(1500);
    // The view renders what is in view: wait until no placeholder is left there.
    const pendingInView = (): Promise<number> =>
      frame.evaluate(
        () =>
          Array.from(document.querySelectorAll('.hw-pending')).filter((element) => {
            const rect = element.getBoundingClientRect();
            return rect.bottom > 0 && rect.top < window.innerHeight;
          }).length,
      );
    await waitFor('the parts in view to be rendered', 60_000, async () =>
      (await pendingInView()) === 0 ? true : undefined,
    );
    await delay(300);
    await page.screenshot({ path: path.join(imagesDir, 'panel.png') });
    log(`saved docs/images/panel.png after ${since()}`);
    if (katexErrors > 0) {
      throw new Error(`${katexErrors} formulas failed to render in the derivations view`);
    }
  } else {
    log('note: "Homework: Show Derivations" is not in the command palette yet; panel.png not taken');
  }
  log(`UI check passed in ${since()}`);
  return 0;
}

runMain('uiCheck', timeoutMs, main);

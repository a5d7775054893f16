/**
 * The derivations page in a real browser (Debian's headless Chromium, driven
 * by playwright-core): the page the panel shows, with the real CSP, the real
 * script (`dist/webview.js`) and the bundled KaTeX assets, served from a
 * local origin that stands in for `webview.cspSource`.
 *
 * Asserts that KaTeX rendered (`.katex`, no `.katex-error`, fonts loaded),
 * that no CSP violation or console error occurred, that the wrong entry is
 * marked inside the matrix, that updates apply by key (open sections and
 * unchanged elements survive), the cursor highlight and the click → reveal;
 * saves docs/images/derivations.png for the README.
 *
 * Run: `npm run test:browser` (builds dist/webview.js and dist/katex first).
 * `HW_CSP_EXPERIMENT=1` also loads the page without `style-src-attr
 * 'unsafe-inline'` and prints what breaks (the measurement behind the CSP
 * comment in src/derivations/page.ts).
 */
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { extname, join, normalize, resolve } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { check, HomeworkChecker, runSteps } from '../../src/core';
import type { DocumentModel } from '../../src/core/model';
import {
  DerivationsSession,
  derivationsCsp,
  escapeHtml,
  exportHtml,
  inlineCssFonts,
  layoutDocument,
  placements,
  renderSummary,
  webviewShellHtml,
} from '../../src/derivations';
import type {
  ExtensionToWebviewMessage,
  PartPlacement,
  RenderedPart,
  UpdateMessage,
  WebviewToExtensionMessage,
} from '../../src/protocol/derivationsProtocol';
import { VIRTUAL_LIMIT } from '../../src/webview/rowHeights';
import { seedModel } from '../derivations/fixtures';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/harness';

const REPO = resolve(__dirname, '..', '..', '..');
const SCREENSHOT = join(REPO, 'docs', 'images', 'derivations.png');

/** Dark Modern's colours for the variables the stylesheet reads (VS Code defines them in a real webview). */
const DARK_THEME: Record<string, string> = {
  '--vscode-font-family': 'system-ui, "Segoe UI", sans-serif',
  '--vscode-font-size': '14px',
  '--vscode-editor-font-family': 'monospace',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-errorForeground': '#f85149',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorInfo-foreground': '#3794ff',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-editor-selectionHighlightBackground': '#add6ff26',
  '--vscode-diffEditor-removedTextBackground': '#ff000033',
  '--vscode-textCodeBlock-background': '#2b2b2b',
};

/** The seed's model from the real checker once it produces one; the hand-made fixture before that. */
function seedDocument(): { model: DocumentModel; source: string } {
  const example = join(REPO, 'examples', 'homework1.hw');
  if (existsSync(example)) {
    const model = check(readFileSync(example, 'utf8')).document;
    if (model.problems.length > 0) return { model, source: 'examples/homework1.hw via check()' };
  }
  return { model: seedModel(), source: 'the fixture model (check() returned an empty model)' };
}

let server: Server;
let origin: string;
let siteDir: string;
let browser: Browser;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
};

before(async () => {
  siteDir = mkdtempSync(join(tmpdir(), 'hw-derivations-'));
  for (const required of ['dist/webview.js', 'dist/katex/katex.css']) {
    assert.ok(
      existsSync(join(REPO, required)),
      `${required} is missing: run npm run build:webview && npm run build:katex`,
    );
  }
  // The same layout as the extension: dist/ and media/ are the only resource roots.
  mkdirSync(join(siteDir, 'dist'));
  cpSync(join(REPO, 'dist', 'webview.js'), join(siteDir, 'dist', 'webview.js'));
  cpSync(join(REPO, 'dist', 'katex'), join(siteDir, 'dist', 'katex'), { recursive: true });
  cpSync(join(REPO, 'media'), join(siteDir, 'media'), { recursive: true });

  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(siteDir, path);
    if (path === '/favicon.ico') {
      response.writeHead(204).end(); // browsers ask; a webview never does
      return;
    }
    if (!file.startsWith(siteDir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_ARGS] });
});

after(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

/** Writes the panel's page with the given CSP and returns its URL. */
function writePage(name: string, csp?: string): string {
  const nonce = Buffer.from(Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 255)).toString('base64');
  let html = webviewShellHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview.js`,
    katexCssUri: `${origin}/dist/katex/katex.css`,
    stylesheetUri: `${origin}/media/derivations.css`,
  });
  if (csp !== undefined) {
    const written = escapeHtml(derivationsCsp(origin, nonce));
    assert.ok(html.includes(written));
    html = html.replace(written, escapeHtml(csp));
  }
  writeFileSync(join(siteDir, name), html);
  return `${origin}/${name}`;
}

interface PageProbe {
  readonly page: Page;
  readonly violations: () => Promise<{ directive: string; blocked: string; sample: string }[]>;
  readonly posted: () => Promise<WebviewToExtensionMessage[]>;
  readonly consoleErrors: string[];
  readonly foreignRequests: string[];
}

/**
 * Opens a page with a stand-in for `acquireVsCodeApi` and a CSP-violation recorder,
 * both installed before any page script.
 */
async function openPage(url: string, initialState?: unknown): Promise<PageProbe> {
  const page = await browser.newPage({ viewport: { width: 860, height: 1000 }, deviceScaleFactor: 1 });
  // Generous: CI machines are shared, and a first KaTeX layout of a whole homework is seconds there.
  page.setDefaultTimeout(180_000);
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
  });
  await page.addInitScript(
    ({ theme, restored }: { theme: Record<string, string>; restored: unknown }) => {
      const w = window as unknown as Record<string, unknown>;
      const violations: unknown[] = [];
      const posted: unknown[] = [];
      let state: unknown = restored ?? undefined;
      w.__state = () => state;
      w.__violations = violations;
      w.__posted = posted;
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample }),
      );
      w.acquireVsCodeApi = () => ({
        postMessage: (message: unknown) => posted.push(message),
        getState: () => state,
        setState: (next: unknown) => {
          state = next;
        },
      });
      // VS Code sets its theme variables on the page; CSSOM writes are not inline-style markup, the CSP allows them.
      const applyTheme = (): void => {
        for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value);
      };
      if (document.documentElement) applyTheme();
      document.addEventListener('DOMContentLoaded', applyTheme);
    },
    { theme: DARK_THEME, restored: initialState ?? null },
  );
  await page.goto(url);
  return {
    page,
    consoleErrors,
    foreignRequests,
    violations: () =>
      page.evaluate(
        () =>
          (window as unknown as { __violations: { directive: string; blocked: string; sample: string }[] })
            .__violations,
      ),
    posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewToExtensionMessage[] }).__posted),
  };
}

/** What the extension would send after `ready`: every part. */
function fullUpdate(
  model: DocumentModel,
  updateId: number,
  sentBefore?: ReadonlySet<string>,
): UpdateMessage & { readonly order: readonly PartPlacement[] } {
  const laidOut = layoutDocument(model);
  const parts: RenderedPart[] = laidOut
    .filter((part) => !sentBefore?.has(part.key))
    .map((part) => ({ key: part.key, html: part.render() }));
  return {
    type: 'update',
    documentUri: 'file:///work/examples/homework1.hw',
    documentName: 'homework1.hw',
    version: updateId,
    updateId,
    reset: sentBefore === undefined,
    order: placements(laidOut),
    parts,
    summary: model.summary,
    summaryHtml: renderSummary(model.summary),
  };
}

async function postToPage(page: Page, message: unknown): Promise<void> {
  await page.evaluate((data) => window.postMessage(data, '*'), message as Record<string, unknown>);
}

test('the derivations page renders the seed with KaTeX under the real CSP, inertly, and applies updates by key', async () => {
  const { model, source } = seedDocument();
  console.log(`# model: ${source}`);
  const probe = await openPage(writePage('panel.html'));
  const { page } = probe;

  // 1. The script loaded under the nonce and said ready.
  await page.waitForFunction(() =>
    (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'),
  );

  // 2. The first update fills the page.
  const first = fullUpdate(model, 1);
  await postToPage(page, first);
  await page.waitForSelector('#hw-parts .katex');
  await page.evaluate(() => document.fonts.ready);
  const counts = await page.evaluate(() => ({
    parts: document.querySelectorAll('#hw-parts > .hw-part').length,
    katex: document.querySelectorAll('#hw-parts .katex').length,
    errors: Array.from(document.querySelectorAll('.katex-error')).map((e) => e.getAttribute('title') ?? e.textContent),
    mathml: document.querySelectorAll('#hw-parts .katex-mathml math').length,
    fontMain: document.fonts.check('16px KaTeX_Main'),
    fontMath: document.fonts.check('italic 16px KaTeX_Math'),
    fontsLoaded: [...(document.fonts as unknown as Iterable<FontFace>)]
      .filter((font) => font.status === 'loaded')
      .map((font) => font.family),
  }));
  console.log(
    `# ${counts.parts} parts, ${counts.katex} KaTeX formulas, fonts loaded: ${counts.fontsLoaded.join(', ')}`,
  );
  assert.equal(counts.parts, first.order.length);
  assert.ok(counts.katex > 5, 'KaTeX rendered');
  assert.deepEqual(counts.errors, [], 'no .katex-error');
  assert.equal(counts.mathml, counts.katex, 'every formula keeps its MathML for screen readers');
  assert.ok(
    counts.fontsLoaded.some((family) => family.includes('KaTeX_Main')),
    'KaTeX fonts loaded from the bundled folder',
  );

  // 3. The -46 entry is marked inside the matrix, and styled as an error.
  const wrongEntry = await page.evaluate(() => {
    const entry = document.querySelector('.hw-statement .hw-math .hw-wrong-entry');
    if (!entry) return undefined;
    const style = getComputedStyle(entry);
    return { text: entry.textContent, color: style.color, insideMatrix: entry.closest('.mtable') !== null };
  });
  assert.ok(wrongEntry, 'a wrong entry is marked');
  assert.equal(wrongEntry.text, '−46');
  assert.ok(wrongEntry.insideMatrix, 'the mark is inside the matrix');
  assert.equal(wrongEntry.color, 'rgb(248, 81, 73)', 'coloured by --vscode-errorForeground');

  // 4. Cursor highlight: the wrong statement becomes current and is scrolled into view.
  const wrongKey = await page.evaluate(
    () => (document.querySelector('.hw-statement.hw-v-wrong') as HTMLElement).dataset.key,
  );
  assert.ok(wrongKey);
  await postToPage(page, { type: 'highlight', key: wrongKey, scroll: true });
  await page.waitForSelector(`[data-key="${wrongKey}"].hw-current`);

  // 5. Click → reveal with that key and its span.
  await page.click(`[data-key="${wrongKey}"] .hw-math`);
  const reveal = (await probe.posted()).find((m) => m.type === 'reveal');
  assert.deepEqual(reveal, { type: 'reveal', key: wrongKey, span: first.order.find((p) => p.key === wrongKey)?.span });

  // 6. Open the backward pass of ∂L/∂W1, then send an update where one other statement changed:
  //    the unchanged parts are the same elements, the section stays open.
  const backward = await page.$('details.hw-backward');
  if (backward) {
    await page.evaluate(() => {
      const details = document.querySelector('details.hw-backward') as HTMLDetailsElement;
      details.open = true;
      (details.closest('.hw-part') as unknown as Record<string, unknown>).__marker = 'kept';
    });
  }
  await page.evaluate(() => {
    for (const part of Array.from(document.querySelectorAll('#hw-parts > .hw-part')))
      (part as unknown as Record<string, unknown>).__same = true;
  });
  const edited = editFirstStatement(model);
  const sent = new Set(first.order.map((p) => p.key));
  const second = fullUpdate(edited, 2, sent);
  assert.equal(second.parts.length, 1, 'only the edited statement is sent again');
  await postToPage(page, second);
  await page.waitForFunction((key) => document.querySelector(`[data-key="${key}"]`) !== null, second.parts[0].key);
  const afterUpdate = await page.evaluate(() => {
    const parts = Array.from(document.querySelectorAll('#hw-parts > .hw-part')) as unknown as Record<string, unknown>[];
    return {
      count: parts.length,
      replaced: parts.filter((part) => part.__same !== true).length,
      backwardOpen: (document.querySelector('details.hw-backward') as HTMLDetailsElement | null)?.open ?? null,
      current: document.querySelectorAll('.hw-current').length,
    };
  });
  assert.equal(afterUpdate.count, second.order.length);
  assert.equal(afterUpdate.replaced, 1, 'one element replaced, the others kept');
  if (backward) assert.equal(afterUpdate.backwardOpen, true, 'the open backward pass stayed open');
  assert.equal(afterUpdate.current, 1, 'the highlight survived');

  // 7. Nothing was refused, nothing failed, nothing left the origin.
  assert.deepEqual(await probe.violations(), [], 'no CSP violation');
  assert.deepEqual(probe.consoleErrors, [], 'no console error');
  assert.deepEqual(probe.foreignRequests, [], 'no request outside the extension’s folders');

  // 8. The screenshot for the README: the ∂L/∂W2 statement with its wrong entry and the backward pass below.
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    const statement = document.querySelector('.hw-math .hw-wrong-entry')?.closest('.hw-part');
    const backwardPass = statement?.querySelector('details.hw-backward') as HTMLDetailsElement | null;
    if (backwardPass) backwardPass.open = true;
    statement?.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -60);
  });
  mkdirSync(join(REPO, 'docs', 'images'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  console.log(`# screenshot: ${SCREENSHOT}`);
  await page.close();
});

test('homework text that is HTML and script stays inert in the browser', async () => {
  const { hostileModel } = await import('../derivations/fixtures');
  const probe = await openPage(writePage('hostile.html'));
  await probe.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  await probe.page.evaluate(() => {
    (window as unknown as { __alerts: number }).__alerts = 0;
    window.alert = () => {
      (window as unknown as { __alerts: number }).__alerts++;
    };
  });
  await postToPage(probe.page, fullUpdate(hostileModel(), 1));
  await probe.page.waitForSelector('#hw-parts .katex');
  const result = await probe.page.evaluate(() => ({
    alerts: (window as unknown as { __alerts: number }).__alerts,
    scripts: document.querySelectorAll('#hw-parts script').length,
    images: document.querySelectorAll('#hw-parts img').length,
    handlers: Array.from(document.querySelectorAll('#hw-parts *')).filter((e) =>
      Array.from(e.attributes).some((a) => a.name.startsWith('on')),
    ).length,
    title: document.querySelector('.hw-title')?.textContent,
  }));
  assert.deepEqual(result, {
    alerts: 0,
    scripts: 0,
    images: 0,
    handlers: 0,
    title: '<script>alert("title")</script> & "Homework"',
  });
  assert.deepEqual(await probe.violations(), []);
  await probe.page.close();
});

test('after a reload, the state saved with setState brings back the scroll position and the open sections', async () => {
  const { model } = seedDocument();
  const update = fullUpdate(model, 1);
  const withBackward = layoutDocument(model).find(
    (part) => part.kind === 'statement' && part.render().includes('data-details-id="backward-0"'),
  );
  assert.ok(withBackward, 'the seed has a statement with a backward pass');
  const saved = { documentUri: update.documentUri, scrollTop: 900, openDetails: [`${withBackward.key}/backward-0`] };
  const probe = await openPage(writePage('restore.html'), saved);
  await probe.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  await postToPage(probe.page, update);
  await probe.page.waitForSelector('#hw-parts .katex');
  const restored = await probe.page.evaluate(
    (key) => ({
      open: (
        document.querySelector(`[data-key="${key}"] details[data-details-id="backward-0"]`) as HTMLDetailsElement | null
      )?.open,
      scrollY: Math.round(window.scrollY),
    }),
    withBackward.key,
  );
  assert.deepEqual(restored, { open: true, scrollY: 900 });
  // And the page keeps its state current: closing the section is saved.
  await probe.page.evaluate((key) => {
    (document.querySelector(`[data-key="${key}"] details[data-details-id="backward-0"]`) as HTMLDetailsElement).open =
      false;
  }, withBackward.key);
  const state = await probe.page.waitForFunction(() => {
    const current = (window as unknown as { __state: () => { openDetails: string[]; documentUri: string } }).__state();
    return current.openDetails.length === 0 ? current : undefined;
  });
  assert.equal(((await state.jsonValue()) as { documentUri: string }).documentUri, update.documentUri);
  await probe.page.close();
});

test('a 1,000-statement page applies, and a one-statement update touches one element', async () => {
  const base = seedModel();
  const template = base.problems[0].questions[1];
  const items = Array.from({ length: 1000 }, (_, i) => ({
    ...template.items[i % 2],
    latex: `x_{${i}} = ${i}`,
    span: { start: i * 10, end: i * 10 + 9 },
  }));
  const big: DocumentModel = { ...base, problems: [{ ...base.problems[0], questions: [{ ...template, items }] }] };
  const probe = await openPage(writePage('big.html'));
  await probe.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  const first = fullUpdate(big, 1);
  /** Time to apply a message, and then to lay the page out (reading a size forces layout). */
  const applyMs = async (message: UpdateMessage): Promise<{ apply: number; layout: number }> =>
    probe.page.evaluate(
      (data) => {
        const started = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data }));
        const applied = performance.now();
        void document.body.getBoundingClientRect().height;
        return { apply: applied - started, layout: performance.now() - applied };
      },
      message as unknown as Record<string, unknown>,
    );
  const fullMs = await applyMs(first);
  // Fonts arriving after the first layout relayout everything once; a panel sees that once, not per keystroke.
  await probe.page.evaluate(() => document.fonts.ready);
  const edited = {
    ...big,
    problems: [
      {
        ...big.problems[0],
        questions: [{ ...template, items: items.map((s, i) => (i === 500 ? { ...s, latex: 'x_{500} = 501' } : s)) }],
      },
    ],
  };
  const second = fullUpdate(edited, 2, new Set(first.order.map((p) => p.key)));
  const oneMs = await applyMs(second);
  console.log(
    `# 1000 statements in the browser: first update ${fullMs.apply.toFixed(0)} + layout ${fullMs.layout.toFixed(0)} ms, one-statement update ${oneMs.apply.toFixed(0)} + layout ${oneMs.layout.toFixed(0)} ms`,
  );
  assert.equal(second.parts.length, 1);
  assert.equal(
    await probe.page.evaluate(() => document.querySelectorAll('#hw-parts > .hw-part').length),
    second.order.length,
  );
  // 100 ms on an idle machine; the CI machines are shared and loaded, hence the margin.
  assert.ok(oneMs.apply + oneMs.layout < 250, `a one-statement update takes ${JSON.stringify(oneMs)} ms`);
  assert.deepEqual(await probe.violations(), []);
  await probe.page.close();
});

test('a long page of placeholders reports what is in view, and again after a scroll', async () => {
  const base = seedModel();
  const template = base.problems[0].questions[1];
  const items = Array.from({ length: 600 }, (_, i) => ({
    ...template.items[i % 2],
    latex: `x_{${i}} = ${i}`,
    span: { start: i * 10, end: i * 10 + 9 },
  }));
  const big: DocumentModel = { ...base, problems: [{ ...base.problems[0], questions: [{ ...template, items }] }] };
  const probe = await openPage(writePage('long.html'));
  await probe.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  // As the extension sends a long page: the order, and no HTML yet.
  const update = { ...fullUpdate(big, 1), parts: [] };
  await postToPage(probe.page, update);
  const visible = async (): Promise<string[][]> =>
    (await probe.posted())
      .filter(
        (message): message is Extract<WebviewToExtensionMessage, { type: 'visible' }> => message.type === 'visible',
      )
      .map((message) => [...message.keys]);
  const firstReport = await waitUntil(async () => (await visible())[0]);
  const index = (key: string): number => update.order.findIndex((part) => part.key === key);
  assert.ok(firstReport.length > 0 && firstReport.length < 200, `${firstReport.length} keys in view`);
  assert.ok(
    firstReport.some((key) => index(key) === 0),
    'the top of the page is in view',
  );
  await probe.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
  const afterScroll = await waitUntil(async () => {
    const reports = await visible();
    return reports.length > 1 ? reports[reports.length - 1] : undefined;
  });
  const indexes = afterScroll.map(index);
  assert.ok(Math.min(...indexes) > 100, `after scrolling to the middle, parts from ${Math.min(...indexes)} on`);
  // The extension answers with their HTML: the placeholders in view are filled.
  const laidOut = layoutDocument(big);
  const wanted = new Set(afterScroll);
  await postToPage(probe.page, {
    type: 'parts',
    updateId: 1,
    parts: laidOut.filter((part) => wanted.has(part.key)).map((part) => ({ key: part.key, html: part.render() })),
  });
  const pendingInView = await probe.page.evaluate(
    (keys) => keys.filter((key) => document.querySelector(`[data-key="${key}"]`)?.classList.contains('hw-pending')),
    afterScroll,
  );
  assert.deepEqual(pendingInView, []);
  await probe.page.close();
});

test('a 5,000-statement page keeps a few hundred rows in the DOM, and scrolling to the end shows the last statement', async () => {
  const base = seedModel();
  const template = base.problems[0].questions[1];
  const items = Array.from({ length: 5000 }, (_, i) => ({
    ...template.items[i % 2],
    latex: `x_{${i}} = ${i}`,
    span: { start: i * 10, end: i * 10 + 9 },
  }));
  const big: DocumentModel = { ...base, problems: [{ ...base.problems[0], questions: [{ ...template, items }] }] };
  const laidOut = layoutDocument(big);
  assert.ok(laidOut.length > VIRTUAL_LIMIT, `${laidOut.length} parts: a page scrolled virtually`);
  const htmlOf = new Map(laidOut.map((part) => [part.key, part]));
  const probe = await openPage(writePage('virtual.html'));
  const { page } = probe;
  await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  // As the extension sends a long page: the order, the HTML of the first parts; the rest when reported in view.
  const update = { ...fullUpdate(big, 1), parts: [] as RenderedPart[] };
  await postToPage(page, update);
  let answered = 0;
  /** Answers the webview's reports of what is in view with those parts' HTML, as the extension does. */
  const answerVisible = async (): Promise<void> => {
    const reports = (await probe.posted()).filter(
      (message): message is Extract<WebviewToExtensionMessage, { type: 'visible' }> => message.type === 'visible',
    );
    for (const report of reports.slice(answered))
      await postToPage(page, {
        type: 'parts',
        updateId: 1,
        parts: report.keys.map((key) => ({ key, html: htmlOf.get(key)!.render() })),
      });
    answered = reports.length;
  };
  /** Whether the part's row is in the DOM, filled, and inside the viewport (below the sticky header). */
  const shown = (key: string): Promise<boolean> =>
    page.evaluate((wanted) => {
      const row = document.querySelector(`#hw-parts [data-key="${wanted}"]`);
      if (!row || row.classList.contains('hw-pending')) return false;
      const rect = row.getBoundingClientRect();
      const header = document.getElementById('hw-header')!.getBoundingClientRect();
      return rect.top >= header.bottom - 1 && rect.bottom <= window.innerHeight + 1;
    }, key);
  /** Answers reports until the part is shown (the webview reports again as rows are measured and filled). */
  const untilShown = (key: string): Promise<true> =>
    waitUntil(async () => {
      await answerVisible();
      return (await shown(key)) || undefined;
    });
  await untilShown(laidOut[0].key);
  const rowCount = (): Promise<number> => page.evaluate(() => document.querySelectorAll('#hw-parts .hw-part').length);
  const atTop = await rowCount();
  assert.ok(atTop > 0 && atTop <= 300, `${atTop} rows in the DOM at the top`);
  // The scrollbar stands for the whole page: far more than the rows in the DOM.
  const scrollHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(scrollHeight > 50 * 1000, `the page is ${scrollHeight} px high`);

  // To the end, as End or a drag of the scrollbar does; the webview asks for what came into view.
  const last = laidOut[laidOut.length - 1];
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await untilShown(last.key);
  const atEnd = await rowCount();
  assert.ok(atEnd <= 300, `${atEnd} rows in the DOM at the end`);

  // The cursor on a statement in the middle: the view follows, below the sticky header, and marks it.
  const middle = laidOut[Math.floor(laidOut.length / 2)];
  await postToPage(page, { type: 'highlight', key: middle.key, scroll: true });
  await untilShown(middle.key);
  const followed = await page.evaluate(
    (key) => ({
      current: document.querySelector(`#hw-parts [data-key="${key}"]`)?.classList.contains('hw-current') ?? false,
      rows: document.querySelectorAll('#hw-parts .hw-part').length,
    }),
    middle.key,
  );
  assert.deepEqual({ ...followed, rows: followed.rows <= 300 }, { current: true, rows: true });
  assert.deepEqual(await probe.violations(), []);
  assert.deepEqual(probe.consoleErrors, []);
  await page.close();
});

test('patched updates from the session touch only what changed, and a patch that does not fit asks for a fresh page', async () => {
  const example = readFileSync(join(REPO, 'examples', 'homework1.hw'), 'utf8');
  const checker = new HomeworkChecker();
  const messages: ExtensionToWebviewMessage[] = [];
  const session = new DerivationsSession((message) => messages.push(message));
  const update = (text: string): void =>
    runSteps(
      session.updateInSteps({
        model: checker.check(text).document,
        documentUri: 'file:///work/examples/homework1.hw',
        documentName: 'homework1.hw',
        version: 1,
        counts: { errors: 0, warnings: 0, notes: 0 },
      }),
    );
  const probe = await openPage(writePage('patched.html'));
  await probe.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
  update(example);
  for (const message of messages.splice(0)) await postToPage(probe.page, message);
  await probe.page.waitForSelector('#hw-parts .katex');
  await probe.page.evaluate(() => {
    for (const part of Array.from(document.querySelectorAll('#hw-parts > .hw-part')))
      (part as unknown as Record<string, unknown>).__same = true;
  });
  // A wrong statement typed before problem 2: the update is a patch.
  const problem2 = example.indexOf('\nproblem 2');
  update(example.slice(0, problem2) + '\ntk1 = 2 + 3 = 6' + example.slice(problem2));
  const patched = messages.find((message): message is UpdateMessage => message.type === 'update');
  assert.ok(patched?.patch && !patched.order, 'the edit is sent as a patch');
  for (const message of messages.splice(0)) await postToPage(probe.page, message);
  const after = await probe.page.evaluate(() => {
    const parts = Array.from(document.querySelectorAll('#hw-parts > .hw-part')) as HTMLElement[];
    return {
      keys: parts.map((part) => part.dataset.key),
      replaced: parts.filter((part) => (part as unknown as Record<string, unknown>).__same !== true).length,
      pending: parts.filter((part) => part.classList.contains('hw-pending')).length,
    };
  });
  assert.deepEqual(
    after.keys,
    session.order.map((part) => part.key),
    'the page shows the session’s order',
  );
  assert.equal(after.pending, 0);
  assert.ok(
    after.replaced > 0 && after.replaced <= patched.patch.insert.length,
    `${after.replaced} elements replaced, within the patch's ${patched.patch.insert.length}`,
  );
  // A patch made for another order: the page keeps what it has and asks for a fresh page.
  await postToPage(probe.page, {
    ...patched,
    updateId: patched.updateId + 1,
    patch: { ...patched.patch, length: patched.patch.length + 5 },
  });
  await probe.page.waitForFunction(() =>
    (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'resync'),
  );
  assert.deepEqual(await probe.violations(), []);
  assert.deepEqual(probe.consoleErrors, []);
  await probe.page.close();
});

async function waitUntil<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('the exported HTML renders on its own (fonts inlined, no script, no request)', async () => {
  const { model } = seedDocument();
  const katexDir = join(REPO, 'dist', 'katex');
  const katexCss = inlineCssFonts(readFileSync(join(katexDir, 'katex.css'), 'utf8'), (relative) =>
    readFileSync(join(katexDir, relative)).toString('base64'),
  );
  const html = exportHtml(model, {
    katexCss,
    stylesheet: readFileSync(join(REPO, 'media', 'derivations.css'), 'utf8'),
    documentName: 'homework1.hw',
  });
  writeFileSync(join(siteDir, 'export.html'), html);
  console.log(`# export: ${(html.length / 1024).toFixed(0)} KiB`);
  const page = await browser.newPage();
  page.setDefaultTimeout(180_000);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${origin}/export.html`);
  await page.evaluate(() => document.fonts.ready);
  const result = await page.evaluate(() => ({
    katex: document.querySelectorAll('.katex').length,
    errors: document.querySelectorAll('.katex-error').length,
    scripts: document.querySelectorAll('script').length,
    fonts: [...(document.fonts as unknown as Iterable<FontFace>)].filter((font) => font.status === 'loaded').length,
  }));
  assert.ok(result.katex > 5, `only ${result.katex} formulas in the export`);
  assert.equal(result.errors, 0);
  assert.equal(result.scripts, 0);
  assert.ok(result.fonts > 0, 'inlined fonts loaded');
  assert.deepEqual(
    requests.filter((url) => !url.startsWith('data:')),
    [`${origin}/export.html`],
    'nothing but the page itself was requested',
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test(
  'CSP experiment: what breaks without style-src-attr',
  { skip: process.env.HW_CSP_EXPERIMENT !== '1' },
  async () => {
    const { model } = seedDocument();
    const measure = async (name: string, csp?: string): Promise<void> => {
      const probe = await openPage(writePage(`${name}.html`, csp));
      await probe.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
      await postToPage(probe.page, fullUpdate(model, 1));
      await probe.page.waitForSelector('#hw-parts .katex');
      await probe.page.evaluate(() => document.fonts.ready);
      const layout = await probe.page.evaluate(() => {
        const wrong = document.querySelector('.hw-statement.hw-v-wrong') as HTMLElement;
        // Rows of the stated matrix: distinct vertical positions of its entries (2 when laid out, 1 when collapsed).
        const matrixHeight = (root: Element): number =>
          new Set(
            Array.from(root.querySelectorAll('.hw-math .mtable .mord')).map((cell) =>
              Math.round(cell.getBoundingClientRect().top),
            ),
          ).size;
        const before = (window as unknown as { __violations: unknown[] }).__violations.length;
        // The same HTML parsed straight into the live document (not through an inert <template>).
        wrong.insertAdjacentHTML('afterend', wrong.outerHTML.replace(/ id="[^"]*"/, ''));
        const live = wrong.nextElementSibling as Element;
        const result = {
          styledElements: document.querySelectorAll('#hw-parts [style]').length,
          pageHeight: Math.round(document.getElementById('hw-parts')?.getBoundingClientRect().height ?? -1),
          viaTemplateMatrix: matrixHeight(wrong),
          liveParseMatrix: matrixHeight(live),
          liveParseViolations: (window as unknown as { __violations: unknown[] }).__violations.length - before,
        };
        live.remove();
        return result;
      });
      const violations = await probe.violations();
      const directives = [...new Set(violations.map((v) => v.directive))];
      console.log(
        `# ${name}: ${violations.length} violations (${directives.join(', ') || 'none'}); ${layout.styledElements} elements with style attributes; ` +
          `page ${layout.pageHeight}px; the -46 matrix's entries sit on ${layout.viaTemplateMatrix} distinct lines when applied through <template> (as the script does), ` +
          `${layout.liveParseMatrix} when parsed into the live document (${layout.liveParseViolations} violations)`,
      );
      await probe.page.evaluate(() => document.querySelector('.hw-statement.hw-v-wrong')?.scrollIntoView());
      await probe.page.screenshot({ path: join(tmpdir(), `hw-csp-${name}.png`) });
      await probe.page.close();
    };
    await measure('with-style-src-attr');
    const nonce = Buffer.from(Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 255)).toString('base64');
    await measure(
      'without-style-src-attr',
      derivationsCsp(origin, nonce).replace("; style-src-attr 'unsafe-inline'", ''),
    );
    console.log(`# screenshots: ${join(tmpdir(), 'hw-csp-*.png')}`);
  },
);

/** The model with its first checked statement's LaTeX changed, as after an edit of that line. */
function editFirstStatement(model: DocumentModel): DocumentModel {
  let done = false;
  return {
    ...model,
    problems: model.problems.map((problem) => ({
      ...problem,
      questions: problem.questions.map((question) => ({
        ...question,
        items: question.items.map((item) => {
          if (
            done ||
            item.kind !== 'statement' ||
            item.backward.length > 0 ||
            item.links.some((l) => l.verdict === 'wrong')
          )
            return item;
          done = true;
          return { ...item, latex: `${item.latex} \\quad` };
        }),
      })),
    })),
  };
}

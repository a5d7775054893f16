/**
 * The longest block of the thread while the extension host's work runs, in
 * plain Node: the first check of a generated 2,000- and 10,000-statement
 * homework, a re-check after a one-line edit, the first outline and the
 * folding ranges after an edit, each run in one go (as before issue 12) and
 * in slices (pure/slicedRuns.ts, as the extension runs them). Target: ≤ 50 ms
 * in slices.
 *
 * Then the providers' reads of a check (completion, hover, definition,
 * references, rename: see symbolReads.ts), each the first read of a fresh
 * result, and fix verification: the light bulb's re-check of one fix and Fix
 * All's of every safe fix, in one go and in slices.
 *
 * Two probes, read together: `perf_hooks.monitorEventLoopDelay` (its
 * maximum, less its 1 ms resolution) and the longest gap between 1 ms timer
 * ticks beyond the interval (as `bench:editor` measures inside VS Code).
 * Each figure is the median of {@link ROUNDS} rounds, each with a fresh
 * checker, after a warm-up that loads the numeric core (a one-time block of
 * its own, reported first). The machine's load average is printed too: on a
 * busy machine the OS, not the work, makes the longest gaps.
 * Figures, never assertions (a shared machine's timings are no pass/fail).
 *
 * Usage: npm run bench:blocks [-- checks | reads]   (only the checks' rows, or only the reads' and fixes')
 */
import * as os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  HomeworkChecker,
  LineIndex,
  runSteps,
  selectSafeFixesInSteps,
  verifyFixInSteps,
  type CheckResult,
  type Steps,
} from '../src/core';
import { DerivationsSession, layoutDocumentInSteps } from '../src/derivations';
import { foldingRangesInSteps, outlineInSteps } from '../src/extension/pure/outline';
import { runInSlices } from '../src/extension/pure/slicedRuns';
import { generateHomework } from './generate';
import { fixNearMiddle, SYMBOL_READS, SymbolReadBench, verifyInOneGo } from './symbolReads';

const TICK_MS = 1;
/** `checks` or `reads`: run only those rows. */
const only = process.argv[2];
const ROUNDS = 3;

/** Runs `work` while both probes watch; the longest block each saw, in ms. */
async function longestBlock(work: () => Promise<unknown>): Promise<{ histogramMs: number; gapMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  let last = performance.now();
  let gapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last - TICK_MS);
    last = now;
  }, TICK_MS);
  histogram.enable();
  // Let both probes start before the work does.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await work();
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();
  clearInterval(ticker);
  return { histogramMs: Math.max(0, histogram.max / 1e6 - TICK_MS), gapMs };
}

/** One go, as a synchronous call would (after a turn, so the probes see it as one block). */
async function inOneGo<T>(steps: () => Steps<T>): Promise<T> {
  await new Promise((resolve) => setImmediate(resolve));
  return runSteps(steps());
}

async function inSlices<T>(steps: () => Steps<T>): Promise<T | undefined> {
  return runInSlices(steps(), undefined);
}

function edited(text: string, version = 1): string {
  // One stated number in the middle changed: one problem to check again, every later one moved.
  const at = text.indexOf(' = ', Math.floor(text.length / 2));
  return `${text.slice(0, at)} = ${'0 + '.repeat(version)}${text.slice(at + 3)}`;
}

interface Block {
  histogramMs: number;
  gapMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const longest = (b: Block): number => Math.max(b.histogramMs, b.gapMs);
const figure = (values: number[]): string => ` ${Math.round(median(values))} ms`.padStart(8);

/** Work run after a turn of the event loop, so that the probes see it as one block. */
async function afterATurn(work: () => unknown): Promise<unknown> {
  await new Promise((resolve) => setImmediate(resolve));
  return work();
}

/** Each provider's read of a fresh check, in the middle of the file: the longest block (median of ROUNDS). */
async function symbolReadRows(statements: number, text: string): Promise<void> {
  const bench = new SymbolReadBench(text);
  const cells: string[] = [];
  for (const which of SYMBOL_READS) {
    const blocks: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { text: fresh, result, offset } = bench.fresh();
      blocks.push(
        longest(await longestBlock(() => afterATurn(() => SymbolReadBench.read(which, fresh, result, offset)))),
      );
    }
    cells.push(`${which}${figure(blocks)}`);
  }
  console.log(`${String(statements).padStart(6)} statements, symbol reads: longest block — ${cells.join(', ')}`);
}

/** The light bulb's verification of one fix and Fix All's, in one go and in slices (median of ROUNDS). */
async function fixVerificationRows(statements: number, text: string): Promise<void> {
  const checker = new HomeworkChecker();
  const result = checker.check(text);
  const fix = fixNearMiddle(text, result);
  const inSteps = (variant: string): Steps<CheckResult> => checker.checkVariantInSteps(variant);
  const runs = {
    'one go   ': {
      lightBulb: () => afterATurn(() => verifyInOneGo.lightBulb(text, result, fix, checker)),
      fixAll: () => afterATurn(() => verifyInOneGo.fixAll(text, result, checker)),
    },
    'in slices': {
      lightBulb: () => runInSlices(verifyFixInSteps(text, result, fix, inSteps), undefined),
      fixAll: () => runInSlices(selectSafeFixesInSteps(text, result, inSteps), undefined),
    },
  };
  for (const [mode, run] of Object.entries(runs)) {
    const lightBulb: number[] = [];
    const fixAll: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      lightBulb.push(longest(await longestBlock(run.lightBulb)));
      fixAll.push(longest(await longestBlock(run.fixAll)));
    }
    console.log(
      `${String(statements).padStart(6)} statements, ${mode}: fix verification, longest block — light bulb (one fix)` +
        `${figure(lightBulb)}, Fix All${figure(fixAll)}`,
    );
  }
}

/**
 * The derivations view's host-side work on one check, as the panel runs it: the session's update in slices
 * (layout, patch, the HTML of the parts in view), then the parts the webview reports in view (those around the
 * cursor, as it would). Returns the characters posted (`postMessage` serialises each message as JSON).
 */
async function viewUpdate(session: DerivationsSession, posted: { chars: number }, result: CheckResult, cursor: number) {
  const started = posted.chars;
  const counts = { errors: result.document.summary.errors, warnings: result.document.summary.warnings, notes: 0 };
  await runInSlices(
    session.updateInSteps({
      model: result.document,
      documentUri: 'file:///bench.hw',
      documentName: 'bench.hw',
      version: 1,
      counts,
      cursor,
    }),
    undefined,
  );
  const order = session.order;
  const key = session.keyAt(cursor);
  const at = order.findIndex((part) => part.key === key);
  session.setVisible(order.slice(Math.max(0, at - 20), at + 20).map((part) => part.key));
  await runInSlices(session.fillVisibleInSteps(), undefined);
  return posted.chars - started;
}

async function main(): Promise<void> {
  const warmUp = await longestBlock(() =>
    inOneGo(() => new HomeworkChecker().checkInSteps('unit epoch\nx = 2 epoch\n')),
  );
  console.log(
    `loading the numeric core (once per process): ${Math.round(Math.max(warmUp.histogramMs, warmUp.gapMs))} ms`,
  );
  const katex = await longestBlock(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    const result = new HomeworkChecker().check('x = [1, 2] [3; 4] = 11\n');
    for (const part of runSteps(layoutDocumentInSteps(result.document))) part.render();
  });
  console.log(`the first KaTeX render (once per process): ${Math.round(Math.max(katex.histogramMs, katex.gapMs))} ms`);
  for (const statements of only === 'reads' ? [] : [2000, 10000]) {
    const text = generateHomework(statements).text;
    const textOf = (span: { start: number; end: number }): string => text.slice(span.start, span.end);
    for (const [mode, run] of [
      ['one go   ', inOneGo],
      ['in slices', inSlices],
    ] as const) {
      const figures: Record<'first' | 'recheck' | 'outline' | 'folds', number[]> = {
        first: [],
        recheck: [],
        outline: [],
        folds: [],
      };
      for (let round = 0; round < ROUNDS; round++) {
        const checker = new HomeworkChecker();
        let result: CheckResult | undefined;
        figures.first.push(
          longest(await longestBlock(async () => (result = await run(() => checker.checkInSteps(text))))),
        );
        figures.outline.push(longest(await longestBlock(() => run(() => outlineInSteps(result!, textOf)))));
        const after = await run(() => checker.checkInSteps(edited(text)));
        figures.recheck.push(longest(await longestBlock(() => run(() => checker.checkInSteps(edited(text, 2))))));
        // The folds VS Code asks for after an edit: every problem below it is read at its new place.
        const lines = new LineIndex(edited(text));
        figures.folds.push(longest(await longestBlock(() => run(() => foldingRangesInSteps(after!, lines)))));
      }
      console.log(
        `${String(statements).padStart(6)} statements, ${mode}: longest block (median of ${ROUNDS}) — first check` +
          `${figure(figures.first)}, re-check after an edit${figure(figures.recheck)},` +
          ` first outline${figure(figures.outline)}, folds after an edit${figure(figures.folds)}`,
      );
    }
    const view: Record<'first' | 'edit', number[]> = { first: [], edit: [] };
    const bytes: Record<'first' | 'edit', number> = { first: 0, edit: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const checker = new HomeworkChecker();
      const posted = { chars: 0 };
      const session = new DerivationsSession((message) => (posted.chars += JSON.stringify(message).length));
      const middle = Math.floor(text.length / 2);
      const first = await longestBlock(async () => {
        const result = (await inSlices(() => checker.checkInSteps(text)))!;
        bytes.first = await viewUpdate(session, posted, result, middle);
      });
      const after = edited(text);
      const edit = await longestBlock(async () => {
        const result = (await inSlices(() => checker.checkInSteps(after)))!;
        bytes.edit = await viewUpdate(session, posted, result, middle);
      });
      view.first.push(Math.max(first.histogramMs, first.gapMs));
      view.edit.push(Math.max(edit.histogramMs, edit.gapMs));
    }
    console.log(
      `${String(statements).padStart(6)} statements, view open: longest block (median of ${ROUNDS}) — first check` +
        ` + first view update${figure(view.first)}, re-check + view update after an edit${figure(view.edit)};` +
        ` posted ${(bytes.first / 1024).toFixed(1)} KiB, then ${(bytes.edit / 1024).toFixed(1)} KiB`,
    );
  }
  for (const statements of only === 'checks' ? [] : [2000, 10000]) {
    const text = generateHomework(statements).text;
    await symbolReadRows(statements, text);
    await fixVerificationRows(statements, text);
  }
  console.log(
    `load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
}

void main();

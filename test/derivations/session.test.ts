/**
 * The view's host-side session (src/derivations/session.ts): after updates sent as patches, rendered in
 * steps and only where the webview looks, the page the webview ends up with is the page a full render of the
 * same check gives; and what an edit sends is a patch of a few parts, not the page.
 *
 * The webview is simulated by applying the messages to an order and a map of HTML, as src/webview/main.ts
 * applies them to the DOM (same protocol function for the patch).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { HomeworkChecker, runSteps, type CheckResult } from '../../src/core';
import { DerivationsSession, movedRange, renderDocument, renderHeaderSummary } from '../../src/derivations';
import {
  applyOrderPatch,
  type ExtensionToWebviewMessage,
  type PartPlacement,
  type UpdateMessage,
} from '../../src/protocol/derivationsProtocol';
import { generateHomework } from '../../bench/generate';

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'homework1.hw'), 'utf8');

/** The webview's side: its order, the HTML of its parts, its header. */
class SimulatedPage {
  order: readonly PartPlacement[] = [];
  readonly html = new Map<string, string>();
  summaryHtml = '';
  updateId = -1;
  readonly updates: UpdateMessage[] = [];

  receive(message: ExtensionToWebviewMessage): void {
    switch (message.type) {
      case 'update': {
        this.updates.push(message);
        if (message.reset) this.html.clear();
        const next = message.patch ? applyOrderPatch(this.order, message.patch) : message.order;
        assert.ok(next, 'the patch fits the page');
        assert.ok(message.reset || !message.order || !message.patch);
        const keys = new Set(next.map((part) => part.key));
        assert.equal(keys.size, next.length, 'keys are unique');
        for (const key of [...this.html.keys()]) if (!keys.has(key)) this.html.delete(key);
        for (const part of message.parts) {
          assert.ok(keys.has(part.key), 'a part sent is in the order');
          this.html.set(part.key, part.html);
        }
        this.order = next;
        this.updateId = message.updateId;
        this.summaryHtml = message.summaryHtml;
        return;
      }
      case 'parts':
        if (message.updateId !== this.updateId) return;
        for (const part of message.parts)
          if (this.order.some((placement) => placement.key === part.key)) this.html.set(part.key, part.html);
        return;
      case 'summary':
        this.summaryHtml = message.summaryHtml;
        return;
      case 'highlight':
        return;
    }
  }
}

const COUNTS = { errors: 1, warnings: 0, notes: 0 };

function show(session: DerivationsSession, result: CheckResult, cursor?: number): void {
  runSteps(
    session.updateInSteps({
      model: result.document,
      documentUri: 'file:///homework.hw',
      documentName: 'homework.hw',
      version: 1,
      counts: COUNTS,
      ...(cursor !== undefined ? { cursor } : {}),
    }),
  );
}

/** The student scrolls through the whole page: every part comes into view, and its HTML is sent. */
function scrollThrough(session: DerivationsSession, page: SimulatedPage): void {
  for (let from = 0; from < page.order.length; from += 50) {
    session.setVisible(page.order.slice(from, from + 50).map((part) => part.key));
    runSteps(session.fillVisibleInSteps());
  }
}

/** Keys replaced by their place in the page: the session may key a part by identity, a full render by content. */
function normalised(parts: readonly { key: string; kind: string; span?: unknown; html: string }[]): unknown[] {
  const index = new Map(parts.map((part, i) => [part.key, i]));
  const rename = (key: string): string => (index.has(key) ? `#${index.get(key)}` : key);
  return parts.map((part) => ({
    kind: part.kind,
    span: part.span,
    html: part.html
      .replace(
        /(id|data-key|data-target-key)="([^"]*)"/g,
        (_all, name: string, key: string) => `${name}="${rename(key)}"`,
      )
      .replace(/href="#([^"]*)"/g, (_all, key: string) => `href="${rename(key)}"`),
  }));
}

function assertSameAsFullRender(page: SimulatedPage, session: DerivationsSession, result: CheckResult): void {
  scrollThrough(session, page);
  const shown = page.order.map((placement) => {
    const html = page.html.get(placement.key);
    assert.ok(html !== undefined, `part ${placement.key} has its HTML`);
    return { ...placement, span: session.order.find((part) => part.key === placement.key)?.span, html };
  });
  const full = renderDocument(result.document).parts;
  assert.equal(shown.length, full.length);
  assert.deepEqual(normalised(shown), normalised(full));
  assert.equal(page.summaryHtml, renderHeaderSummary(result.document.summary, COUNTS));
}

/** The text with one edit: `find` (the first at or after `from`) replaced by `replace`. */
function edit(text: string, find: string, replace: string, from = 0): string {
  const at = text.indexOf(find, from);
  assert.ok(at >= 0, `${find} is in the text`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

test('on the example, the page after patched updates is the page a full render gives, edit after edit', () => {
  const checker = new HomeworkChecker();
  const page = new SimulatedPage();
  const session = new DerivationsSession((message) => page.receive(message));
  const problem2 = SEED.indexOf('\nproblem 2');
  assert.ok(problem2 > 0);
  const versions = [
    SEED,
    // A wrong statement typed in problem 1, then a comment above problem 2 (every later part moves).
    SEED.slice(0, problem2) + '\ntk1 = 2 + 3 = 6' + SEED.slice(problem2),
    SEED.slice(0, problem2) + '\ntk1 = 2 + 3 = 5\n# moved' + SEED.slice(problem2),
    // Problem 2 taken out, then the file as it was.
    SEED.slice(0, problem2),
    SEED,
  ];
  for (const [n, text] of versions.entries()) {
    const result = checker.check(text);
    show(session, result, text.length);
    assert.equal(page.updates.length, n + 1);
    assert.equal(page.updates[n].reset, n === 0, 'only the first update is a fresh page');
    assertSameAsFullRender(page, session, result);
  }
});

test('on a generated 2,000-statement file, the page after patched updates equals a full render', () => {
  const generated = generateHomework(2000);
  const checker = new HomeworkChecker();
  const page = new SimulatedPage();
  const session = new DerivationsSession((message) => page.receive(message));
  const middle = Math.floor(generated.text.length / 2);
  let text = generated.text;
  let result = checker.check(text);
  show(session, result, middle);
  const first = page.updates[0];
  assert.ok(first.order && first.order.length > 2000, 'a fresh page gets the whole order');
  assert.ok(first.parts.length < 100, `a long page is rendered around the cursor only (${first.parts.length} parts)`);
  session.setVisible(page.order.slice(0, 40).map((part) => part.key));

  // A stated number in the middle changed: the update is a patch of that problem, with few parts' HTML.
  text = edit(text, ' = ', ' = 0 + ', middle);
  result = checker.check(text);
  const problem = result.document.problems.find((p) => p.span.start <= middle + 10 && middle < p.span.end)!;
  const problemParts = renderDocument({ ...result.document, problems: [problem] }).parts.length;
  show(session, result, middle);
  const typed = page.updates[1];
  assert.equal(typed.order, undefined, 'an edit sends no order');
  assert.ok(typed.patch, 'an edit sends a patch');
  assert.ok(
    typed.patch.insert.length <= problemParts,
    `the patch is within the edited problem (${typed.patch.insert.length} of its ${problemParts} parts)`,
  );
  assert.ok(typed.parts.length <= problemParts, `${typed.parts.length} parts' HTML sent`);
  assertSameAsFullRender(page, session, result);

  // A line added near the top moves every later part; their keys stay, so the patch stays small.
  text = edit(text, '\nproblem 2', '\n# a comment\nproblem 2');
  result = checker.check(text);
  show(session, result, 0);
  const moved = page.updates[page.updates.length - 1];
  assert.ok(moved.patch && moved.patch.insert.length < 200, 'a moved page is still a patch');
  assertSameAsFullRender(page, session, result);

  // A unit declared at the top re-checks every problem: most are keyed by identity again, none keeps stale HTML.
  text = edit(text, '\nproblem 1', '\nunit lap\nproblem 1');
  result = checker.check(text);
  show(session, result);
  assertSameAsFullRender(page, session, result);
});

test('an update stopped part-way leaves the session in step with the page: the next update is right', () => {
  const checker = new HomeworkChecker();
  const page = new SimulatedPage();
  const session = new DerivationsSession((message) => page.receive(message));
  show(session, checker.check(SEED), 0);
  const problem2 = SEED.indexOf('\nproblem 2');
  const edited = SEED.slice(0, problem2) + '\ntk1 = 2 + 3 = 6' + SEED.slice(problem2);
  // Every stopping point of the edited update: then the update of the text after it.
  const steps = session.updateInSteps({
    model: checker.check(edited).document,
    documentUri: 'file:///homework.hw',
    documentName: 'homework.hw',
    version: 2,
    counts: COUNTS,
  });
  for (let i = 0; i < 7; i++) steps.next();
  steps.return(undefined);
  const again = SEED.slice(0, problem2) + '\ntk1 = 2 + 3 = 5' + SEED.slice(problem2);
  const result = checker.check(again);
  show(session, result, 0);
  assertSameAsFullRender(page, session, result);
});

test('a patch that does not fit the order is refused (the webview then asks for a fresh page)', () => {
  const order: PartPlacement[] = [
    { key: 'a', kind: 'statement' },
    { key: 'b', kind: 'statement' },
  ];
  assert.deepEqual(
    applyOrderPatch(order, { start: 1, deleteCount: 1, insert: [{ key: 'c', kind: 'prose' }], length: 2 }),
    [order[0], { key: 'c', kind: 'prose' }],
  );
  assert.equal(applyOrderPatch(order, { start: 1, deleteCount: 2, insert: [], length: 1 }), undefined);
  assert.equal(applyOrderPatch(order, { start: 0, deleteCount: 0, insert: [], length: 3 }), undefined);
});

test('the parts in view move with a patch: kept before it, shifted after it, widened over what it put in', () => {
  // Parts 10-20 in view; the patch replaces parts 30-32 (3) with 5.
  const after = { start: 30, deleteCount: 3, insertCount: 5 };
  assert.deepEqual(movedRange({ from: 10, to: 20 }, after), { from: 10, to: 20 });
  // After the patch: shifted by the 2 parts it added.
  assert.deepEqual(movedRange({ from: 40, to: 50 }, after), { from: 42, to: 52 });
  // Ending inside the replaced parts: the view takes in the 5 put there.
  assert.deepEqual(movedRange({ from: 25, to: 31 }, after), { from: 25, to: 35 });
  // Starting inside them: from their start.
  assert.deepEqual(movedRange({ from: 31, to: 40 }, after), { from: 30, to: 42 });
  // Every part in view deleted, nothing put in: empty.
  assert.deepEqual(movedRange({ from: 30, to: 33 }, { start: 30, deleteCount: 3, insertCount: 0 }), {
    from: 30,
    to: 30,
  });
});

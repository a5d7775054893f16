/**
 * The derivations webview's script (bundled to `dist/webview.js`, loaded
 * with the page's nonce). It keeps the page in step with the extension's
 * messages (see `protocol/derivationsProtocol.ts` for both sides'
 * obligations): parts are applied by key, so an update touches only the
 * parts that changed, and scroll position, open `<details>` and focus
 * survive. A long page is scrolled virtually: only the rows in and near the
 * viewport are in the DOM (see `rowHeights.ts`).
 */
import {
  applyOrderPatch,
  isExtensionToWebviewMessage,
  type DerivationsState,
  type HighlightMessage,
  type OffsetSpan,
  type OrderPatch,
  type PartPlacement,
  type PartsMessage,
  type UpdateMessage,
  type WebviewToExtensionMessage,
} from '../protocol/derivationsProtocol';
import { RowHeights, VIRTUAL_LIMIT } from './rowHeights';

interface VsCodeApi {
  postMessage(message: WebviewToExtensionMessage): void;
  getState(): DerivationsState | undefined;
  setState(state: DerivationsState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

const container = document.getElementById('hw-parts') as HTMLElement;
const summaryElement = document.getElementById('hw-summary') as HTMLElement;
const documentNameElement = document.getElementById('hw-document-name') as HTMLElement;
const emptyElement = document.getElementById('hw-empty') as HTMLElement;

const CURRENT_CLASS = 'hw-current';

/** What the page shows now. */
let order: PartPlacement[] = [];
let spans = new Map<string, OffsetSpan | undefined>();
let currentUpdateId = -1;
let currentKey: string | undefined;
let documentUri: string | undefined;
let lastSummaryHtml = '';

/** Restored from `getState` (after a reload): reapplied once the first update has filled the page. */
let pendingRestore: DerivationsState | undefined = vscode.getState();

// ------------------------------------------------------------------ rows

/** The HTML received for each part of the order (the placeholder's until it comes). */
const htmlByKey = new Map<string, string>();
/** The rows in the DOM, by key. */
const rows = new Map<string, HTMLElement>();
/** The open `<details>` of each part (ids), kept while its row is out of the DOM. */
const openByKey = new Map<string, string[]>();
const heights = new RowHeights();
const topSpacer = spacer();
const bottomSpacer = spacer();
container.append(topSpacer, bottomSpacer);

function spacer(): HTMLElement {
  const element = document.createElement('div');
  element.className = 'hw-spacer';
  element.setAttribute('aria-hidden', 'true');
  return element;
}

function elementFromHtml(html: string): HTMLElement {
  const template = document.createElement('template');
  template.innerHTML = html;
  const element = template.content.firstElementChild;
  if (element instanceof HTMLElement) return element;
  const fallback = document.createElement('div');
  fallback.className = 'hw-part';
  return fallback;
}

function placeholder(): HTMLElement {
  const element = document.createElement('div');
  element.className = 'hw-part hw-pending';
  element.setAttribute('aria-busy', 'true');
  element.textContent = '…';
  return element;
}

/** A part's row: its HTML (or a placeholder), its open sections, the cursor's mark. */
function buildRow(key: string): HTMLElement {
  const html = htmlByKey.get(key);
  const element = html === undefined ? placeholder() : elementFromHtml(html);
  element.dataset.key = key;
  const open = openByKey.get(key);
  if (open) openDetailsByIds(element, open);
  if (key === currentKey) element.classList.add(CURRENT_CLASS);
  return element;
}

function openDetailsIds(element: Element): string[] {
  return Array.from(element.querySelectorAll('details[open]'))
    .map((details) => (details as HTMLElement).dataset.detailsId)
    .filter((id): id is string => id !== undefined);
}

function openDetailsByIds(element: Element, ids: readonly string[]): void {
  for (const id of ids) {
    const details = element.querySelector(`details[data-details-id="${CSS.escape(id)}"]`);
    if (details instanceof HTMLDetailsElement) details.open = true;
  }
}

/** The open sections of a part, from its row when it has one. */
function openIdsOf(key: string): string[] {
  const row = rows.get(key);
  return row ? openDetailsIds(row) : (openByKey.get(key) ?? []);
}

function rememberOpen(key: string, ids: readonly string[]): void {
  if (ids.length > 0) openByKey.set(key, [...ids]);
  else openByKey.delete(key);
}

/** A part left the order: its row, HTML and open sections go. */
function forgetPart(key: string): void {
  rows.get(key)?.remove();
  rows.delete(key);
  htmlByKey.delete(key);
  openByKey.delete(key);
}

/** The rows in the DOM, in order. */
function domRows(): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (let node = topSpacer.nextElementSibling; node && node !== bottomSpacer; node = node.nextElementSibling)
    out.push(node as HTMLElement);
  return out;
}

/** The first part visible at the top of the viewport, and how far below the top it starts. */
function scrollAnchor(): { key: string; offset: number } | undefined {
  const top = headerHeight();
  const children = domRows();
  // The parts stand one below the other: the first whose bottom is below the header, by bisection.
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (children[middle].getBoundingClientRect().bottom > top) high = middle;
    else low = middle + 1;
  }
  const child = children[low];
  if (!child) return undefined;
  const key = child.dataset.key;
  return key ? { key, offset: child.getBoundingClientRect().top } : undefined;
}

function headerHeight(): number {
  return document.getElementById('hw-header')?.getBoundingClientRect().height ?? 0;
}

/** The rows in and near the viewport (a screen above and below): what the extension renders on a long page. */
function nearRange(): { from: number; to: number } {
  if (order.length === 0) return { from: 0, to: 0 };
  const viewTop = -topSpacer.getBoundingClientRect().top;
  const screen = window.innerHeight;
  const from = heights.indexAt(viewTop - screen);
  const to = heights.indexAt(viewTop + 2 * screen) + 1;
  return { from, to };
}

/**
 * Puts the rows of the window in the DOM (all of a short page's, those near the viewport on a long one),
 * reusing the rows it has, measures them, sizes the spacers, and keeps `anchor` where it was.
 */
function render(anchor: { key: string; offset: number } | undefined): void {
  // Scrolled to the end (End, a drag to the bottom): the end stays in view as the rows there are measured.
  const stayAtEnd =
    window.scrollY > 0 && window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
  let near = nearRange();
  const virtual = order.length > VIRTUAL_LIMIT;
  const { from, to } = virtual ? near : { from: 0, to: order.length };
  const wanted = new Set<string>();
  for (let i = from; i < to; i++) wanted.add(order[i].key);
  for (const [key, row] of rows)
    if (!wanted.has(key)) {
      rememberOpen(key, openDetailsIds(row));
      row.remove();
      rows.delete(key);
    }
  let cursor: Element | null = topSpacer.nextElementSibling;
  for (let i = from; i < to; i++) {
    const key = order[i].key;
    let row = rows.get(key);
    if (row && row.classList.contains('hw-pending') && htmlByKey.has(key)) {
      if (row === cursor) cursor = row.nextElementSibling;
      row.remove();
      row = undefined;
    }
    if (!row) {
      row = buildRow(key);
      rows.set(key, row);
    }
    if (row !== cursor) container.insertBefore(row, cursor);
    cursor = row.nextElementSibling;
  }
  // Measured after one layout (reads only): each row from its top to the next one's, margins included. The
  // spacers are sized after: their heights move every row alike, so the differences do not depend on them.
  const inDom = domRows();
  const tops = inDom.map((row) => row.offsetTop);
  const end = bottomSpacer.offsetTop;
  inDom.forEach((_, index) => heights.set(from + index, (tops[index + 1] ?? end) - tops[index]));
  topSpacer.style.height = `${heights.topOf(from)}px`;
  bottomSpacer.style.height = `${heights.total - heights.topOf(to)}px`;
  if (stayAtEnd) window.scrollTo(0, document.documentElement.scrollHeight);
  else if (anchor) {
    // Parts above may have grown or shrunk: keep the part at the top where it was.
    const row = rows.get(anchor.key);
    const shift = row ? row.getBoundingClientRect().top - anchor.offset : 0;
    if (Math.abs(shift) >= 0.5) window.scrollBy(0, shift);
  }
  near = nearRange();
  if (virtual && (near.from < from || near.to > to)) renderSoon();
  reportView(near);
}

let renderFrame: number | undefined;
/** A render at the next frame (a scroll, a resize, fonts, a section opened): one per frame. */
function renderSoon(): void {
  if (renderFrame !== undefined) return;
  renderFrame = requestAnimationFrame(() => {
    renderFrame = undefined;
    render(scrollAnchor());
  });
}

// ------------------------------------------------------------------ visibility

let reportedView = '';
let reportTimer: ReturnType<typeof setTimeout> | undefined;
let nearKeys: string[] = [];

/** Reports the keys near the viewport (debounced), when they changed. */
function reportView(range: { from: number; to: number }): void {
  nearKeys = order.slice(range.from, range.to).map((part) => part.key);
  if (reportTimer !== undefined) return;
  reportTimer = setTimeout(() => {
    reportTimer = undefined;
    const signature = nearKeys.join(' ');
    if (signature === reportedView) return;
    reportedView = signature;
    vscode.postMessage({ type: 'visible', keys: nearKeys });
  }, 50);
}

// ------------------------------------------------------------------ updates

function applyUpdate(message: UpdateMessage): void {
  if (message.patch && !message.reset) {
    applyPatchUpdate(message, message.patch);
    return;
  }
  if (!message.order) return;
  applyWholeUpdate(message, message.order);
}

/**
 * An update after an edit: only the parts in the patch's range change (a few rows, whatever the length
 * of the page); the parts before and after it, with their open sections and focus, stay as they are.
 */
function applyPatchUpdate(message: UpdateMessage, patch: OrderPatch): void {
  const next = applyOrderPatch(order, patch);
  if (!next || heights.length !== order.length) {
    // The page is not the one the patch was made for: ask for a fresh page.
    vscode.postMessage({ type: 'resync' });
    return;
  }
  const anchor = scrollAnchor();
  const insertedKeys = new Set(patch.insert.map((part) => part.key));
  patch.insert.forEach((placement, index) => {
    // A statement being edited gets a new key at the same place: keep its sections open.
    const replaced = order[patch.start + index];
    if (
      index < patch.deleteCount &&
      !spans.has(placement.key) &&
      replaced.kind === placement.kind &&
      !insertedKeys.has(replaced.key)
    )
      rememberOpen(placement.key, openIdsOf(replaced.key));
  });
  // A part that only moved within the range keeps its row and its measured height.
  const keptHeights = new Map<string, number>();
  for (let i = patch.start; i < patch.start + patch.deleteCount; i++) {
    const key = order[i].key;
    if (insertedKeys.has(key)) keptHeights.set(key, heights.measured(i));
    else {
      forgetPart(key);
      spans.delete(key);
    }
  }
  heights.splice(
    patch.start,
    patch.deleteCount,
    patch.insert.map((part) => keptHeights.get(part.key) ?? NaN),
  );
  for (const part of patch.insert) spans.set(part.key, part.span);
  order = next;
  for (const part of message.parts) if (spans.has(part.key)) htmlByKey.set(part.key, part.html);
  render(anchor);
  finishUpdate(message);
}

function applyWholeUpdate(message: UpdateMessage, messageOrder: readonly PartPlacement[]): void {
  const anchor = message.reset ? undefined : scrollAnchor();
  const previousOrder = order;
  const previousHeights = new Map<string, number>();
  if (message.reset) {
    for (const key of [...rows.keys()]) forgetPart(key);
    htmlByKey.clear();
    openByKey.clear();
    currentKey = undefined;
  } else previousOrder.forEach((part, index) => previousHeights.set(part.key, heights.measured(index)));
  const newKeys = new Set(messageOrder.map((part) => part.key));
  messageOrder.forEach((placement, index) => {
    // A statement being edited gets a new key at the same place: keep its sections open.
    const replaced = previousOrder[index];
    if (!message.reset && replaced && !spans.has(placement.key) && replaced.kind === placement.kind)
      if (!newKeys.has(replaced.key)) rememberOpen(placement.key, openIdsOf(replaced.key));
  });
  for (const part of previousOrder) if (!newKeys.has(part.key)) forgetPart(part.key);
  order = [...messageOrder];
  spans = new Map(messageOrder.map((part) => [part.key, part.span]));
  heights.reset(order.length);
  order.forEach((part, index) => {
    const height = previousHeights.get(part.key);
    if (height !== undefined && !Number.isNaN(height)) heights.set(index, height);
  });
  for (const part of message.parts) if (spans.has(part.key)) htmlByKey.set(part.key, part.html);
  if (message.reset) window.scrollTo(0, 0);
  render(anchor);
  finishUpdate(message);
}

/** What every update does after placing its parts: header, current part, restored view, saved state. */
function finishUpdate(message: UpdateMessage): void {
  currentUpdateId = message.updateId;
  documentUri = message.documentUri;
  documentNameElement.textContent = message.documentName;
  // Rewriting the header restyles it: only when the counts changed.
  if (message.summaryHtml !== lastSummaryHtml) summaryElement.innerHTML = lastSummaryHtml = message.summaryHtml;
  if (emptyElement.hidden !== order.length > 0) emptyElement.hidden = order.length > 0;
  if (currentKey && !spans.has(currentKey)) currentKey = undefined;
  markCurrent(currentKey);
  if (pendingRestore) {
    restoreView(pendingRestore);
    pendingRestore = undefined;
  }
  saveState();
}

function applyParts(message: PartsMessage): void {
  if (message.updateId !== currentUpdateId) return;
  const anchor = scrollAnchor();
  let shown = false;
  for (const part of message.parts) {
    if (!spans.has(part.key) || htmlByKey.has(part.key)) continue;
    htmlByKey.set(part.key, part.html);
    if (rows.has(part.key)) shown = true;
  }
  // Rows in the DOM are filled now; the others when they come into the window.
  if (shown) render(anchor);
  if (pendingRestore) {
    restoreView(pendingRestore);
    pendingRestore = undefined;
  }
}

// ------------------------------------------------------------------ cursor

function markCurrent(key: string | undefined): HTMLElement | null {
  for (const element of Array.from(container.getElementsByClassName(CURRENT_CLASS))) {
    if ((element as HTMLElement).dataset.key !== key) element.classList.remove(CURRENT_CLASS);
  }
  const element = key ? (rows.get(key) ?? null) : null;
  element?.classList.add(CURRENT_CLASS);
  return element;
}

function isVisible(element: HTMLElement): boolean {
  const rect = element.getBoundingClientRect();
  return rect.top >= headerHeight() && rect.bottom <= window.innerHeight;
}

/** Brings a part's row into the DOM and into view (below the sticky header), unless it is visible already. */
function scrollToPart(key: string): HTMLElement | null {
  let row = rows.get(key);
  if (!row) {
    const index = order.findIndex((part) => part.key === key);
    if (index < 0) return null;
    // Where its row will be, by the heights known: close enough to render it, then exactly.
    const containerTop = topSpacer.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, containerTop + heights.topOf(index) - headerHeight());
    render(undefined);
    row = rows.get(key);
  }
  if (row && !isVisible(row)) row.scrollIntoView({ block: 'nearest', behavior: 'auto' });
  return row ?? null;
}

function applyHighlight(message: HighlightMessage): void {
  currentKey = message.key;
  if (message.key && message.scroll) scrollToPart(message.key);
  markCurrent(message.key);
}

// ------------------------------------------------------------------ reveal, keyboard

function reveal(key: string): void {
  vscode.postMessage({ type: 'reveal', key, ...(spans.get(key) ? { span: spans.get(key) } : {}) });
}

function partOf(target: EventTarget | null): HTMLElement | undefined {
  if (!(target instanceof Element)) return undefined;
  const part = target.closest<HTMLElement>('.hw-part[data-key]');
  return part && part.parentElement === container ? part : undefined;
}

container.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const followsLink = target?.closest<HTMLAnchorElement>('a.hw-follows-link');
  if (followsLink) {
    // ↪: go to the earlier mistake, here and in the editor.
    event.preventDefault();
    const key = followsLink.dataset.targetKey;
    if (key) {
      currentKey = key;
      scrollToPart(key);
      markCurrent(key)?.focus({ preventScroll: true });
      reveal(key);
    }
    return;
  }
  // Opening a section is not a request to jump in the editor.
  if (target?.closest('details')) return;
  if (window.getSelection()?.toString()) return; // selecting math to copy it
  const part = partOf(target);
  if (part?.dataset.key) reveal(part.dataset.key);
});

container.addEventListener('keydown', (event) => {
  const part = partOf(event.target);
  if (!part || event.target !== part) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    if (part.dataset.key) reveal(part.dataset.key);
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const focusable = Array.from(container.querySelectorAll<HTMLElement>(':scope > .hw-part[tabindex]'));
    const next = focusable[focusable.indexOf(part) + step];
    next?.focus();
  }
});

// ------------------------------------------------------------------ state

function restoreView(state: DerivationsState): void {
  for (const entry of state.openDetails) {
    const slash = entry.indexOf('/');
    const key = entry.slice(0, slash);
    if (!spans.has(key)) continue;
    const ids = [...openIdsOf(key), entry.slice(slash + 1)];
    rememberOpen(key, ids);
    const row = rows.get(key);
    if (row) openDetailsByIds(row, ids);
  }
  window.scrollTo(0, state.scrollTop);
  render(undefined);
}

function saveState(): void {
  const openDetails: string[] = [];
  // The rows in the DOM as they are, the others as they were when they left it.
  for (const [key, row] of rows) rememberOpen(key, openDetailsIds(row));
  for (const [key, ids] of openByKey) for (const id of ids) openDetails.push(`${key}/${id}`);
  vscode.setState({ ...(documentUri ? { documentUri } : {}), scrollTop: window.scrollY, openDetails });
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveStateSoon(): void {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    saveState();
  }, 200);
}

window.addEventListener(
  'scroll',
  () => {
    renderSoon();
    saveStateSoon();
  },
  { passive: true },
);
window.addEventListener('resize', renderSoon);
// Fonts arriving after the first layout change every row's height.
document.fonts?.addEventListener('loadingdone', renderSoon);
// `toggle` does not bubble: listen in the capture phase. An opened section changes its row's height.
container.addEventListener(
  'toggle',
  () => {
    renderSoon();
    saveStateSoon();
  },
  true,
);

// ------------------------------------------------------------------ messages

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isExtensionToWebviewMessage(message)) return;
  switch (message.type) {
    case 'update':
      applyUpdate(message);
      break;
    case 'parts':
      applyParts(message);
      break;
    case 'highlight':
      applyHighlight(message);
      break;
    case 'summary':
      if (message.summaryHtml !== lastSummaryHtml) summaryElement.innerHTML = lastSummaryHtml = message.summaryHtml;
      break;
  }
});

vscode.postMessage({ type: 'ready' });

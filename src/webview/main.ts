/**
 * The derivations webview's script (bundled to `dist/webview.js`, loaded
 * with the page's nonce). It keeps the page in step with the extension's
 * messages (see `protocol/derivationsProtocol.ts` for both sides'
 * obligations): parts are applied by key, so an update touches only the
 * parts that changed, and scroll position, open `<details>` and focus
 * survive.
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
  type RenderedPart,
  type UpdateMessage,
  type WebviewToExtensionMessage,
} from '../protocol/derivationsProtocol';

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

// ------------------------------------------------------------------ visibility

/** Keys of the parts in or near the viewport; reported to the extension, which renders a long page there only. */
const inView = new Set<string>();
let reportedView = '';
let reportTimer: ReturnType<typeof setTimeout> | undefined;

function reportViewSoon(): void {
  if (reportTimer !== undefined) return;
  reportTimer = setTimeout(() => {
    reportTimer = undefined;
    const keys = [...inView].filter((key) => spans.has(key));
    const signature = keys.join(' ');
    if (signature === reportedView) return;
    reportedView = signature;
    vscode.postMessage({ type: 'visible', keys });
  }, 50);
}

const viewObserver = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      const key = (entry.target as HTMLElement).dataset.key;
      if (!key) continue;
      if (entry.isIntersecting) inView.add(key);
      else inView.delete(key);
    }
    reportViewSoon();
  },
  // A screen above and below: what a scroll will show next is on its way already.
  { rootMargin: '100% 0px 100% 0px' },
);

/** Watches the parts added to the page and forgets the removed ones. */
const childObserver = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of Array.from(record.removedNodes)) {
      if (!(node instanceof HTMLElement)) continue;
      viewObserver.unobserve(node);
      if (node.dataset.key && !node.isConnected) inView.delete(node.dataset.key);
    }
    for (const node of Array.from(record.addedNodes)) if (node instanceof HTMLElement) viewObserver.observe(node);
  }
  reportViewSoon();
});

// ------------------------------------------------------------------ parts

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

function partElements(): Map<string, HTMLElement> {
  const elements = new Map<string, HTMLElement>();
  for (const child of Array.from(container.children)) {
    const key = (child as HTMLElement).dataset.key;
    if (key) elements.set(key, child as HTMLElement);
  }
  return elements;
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

/** The first part visible at the top of the viewport, and how far below the top it starts. */
function scrollAnchor(): { key: string; offset: number } | undefined {
  const top = headerHeight();
  const children = container.children;
  // The parts stand one below the other: the first whose bottom is below the header, by bisection.
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (children[middle].getBoundingClientRect().bottom > top) high = middle;
    else low = middle + 1;
  }
  const child = children[low] as HTMLElement | undefined;
  if (!child) return undefined;
  const key = child.dataset.key;
  return key ? { key, offset: child.getBoundingClientRect().top } : undefined;
}

function headerHeight(): number {
  return document.getElementById('hw-header')?.getBoundingClientRect().height ?? 0;
}

function applyUpdate(message: UpdateMessage): void {
  if (message.patch && !message.reset) {
    applyPatchUpdate(message, message.patch);
    return;
  }
  if (!message.order) return;
  applyWholeUpdate(message, message.order);
}

/**
 * An update after an edit: only the parts in the patch's range are touched (a few elements, whatever the
 * length of the page); the parts before and after it, with their open sections and focus, stay as they are.
 */
function applyPatchUpdate(message: UpdateMessage, patch: OrderPatch): void {
  const next = applyOrderPatch(order, patch);
  if (!next || container.children.length !== order.length) {
    // The page is not the one the patch was made for: ask for a fresh page.
    vscode.postMessage({ type: 'resync' });
    return;
  }
  const anchor = scrollAnchor();
  const incoming = new Map(message.parts.map((part) => [part.key, part.html]));
  const removed = Array.from(container.children).slice(patch.start, patch.start + patch.deleteCount) as HTMLElement[];
  const removedByKey = new Map<string, HTMLElement>();
  for (const element of removed) {
    if (element.dataset.key) removedByKey.set(element.dataset.key, element);
    element.remove();
  }
  const insertedKeys = new Set(patch.insert.map((part) => part.key));
  const before = container.children[patch.start] ?? null;
  const fragment = document.createDocumentFragment();
  patch.insert.forEach((placement, index) => {
    // A part that only moved within the range is the same element; an edited one is new HTML.
    let element = removedByKey.get(placement.key);
    const html = incoming.get(placement.key);
    if (html !== undefined && (!element || element.classList.contains('hw-pending'))) {
      const fresh = elementFromHtml(html);
      // A statement being edited gets a new key at the same place: keep its sections open.
      const replaced = removed[index];
      const replacedPlacement = order[patch.start + index];
      if (
        !element &&
        replaced &&
        replacedPlacement?.kind === placement.kind &&
        !insertedKeys.has(replacedPlacement.key)
      )
        openDetailsByIds(fresh, openDetailsIds(replaced));
      element = fresh;
    }
    if (!element) element = placeholder();
    if (element.dataset.key !== placement.key) element.dataset.key = placement.key;
    fragment.appendChild(element);
  });
  container.insertBefore(fragment, before);
  for (const part of order.slice(patch.start, patch.start + patch.deleteCount)) spans.delete(part.key);
  for (const part of patch.insert) spans.set(part.key, part.span);
  order = next;
  finishUpdate(message, anchor, (key) => !removedByKey.has(key) || insertedKeys.has(key));
}

function applyWholeUpdate(message: UpdateMessage, messageOrder: readonly PartPlacement[]): void {
  const anchor = message.reset ? undefined : scrollAnchor();
  if (message.reset) {
    container.replaceChildren();
    currentKey = undefined;
  }
  const previousOrder = order;
  const existing = partElements();
  const incoming = new Map(message.parts.map((part) => [part.key, part.html]));
  const newKeys = new Set(messageOrder.map((part) => part.key));

  // Remove the parts that left first, so that the kept ones line up with `order` and are not moved.
  const removedElements = new Map<string, HTMLElement>();
  for (const [key, element] of existing) {
    if (!newKeys.has(key)) {
      removedElements.set(key, element);
      element.remove();
    }
  }

  let cursor: ChildNode | null = container.firstChild;
  messageOrder.forEach((placement, index) => {
    let element = existing.get(placement.key);
    const html = incoming.get(placement.key);
    if (html !== undefined && (!element || element.classList.contains('hw-pending'))) {
      const fresh = elementFromHtml(html);
      // A statement being edited gets a new key at the same place: keep its sections open.
      const replaced = previousOrder[index];
      if (!element && replaced && replaced.kind === placement.kind && !newKeys.has(replaced.key)) {
        const old = removedElements.get(replaced.key);
        if (old) openDetailsByIds(fresh, openDetailsIds(old));
      }
      if (element) element.replaceWith(fresh);
      element = fresh;
    }
    if (!element) element = placeholder();
    if (element.dataset.key !== placement.key) element.dataset.key = placement.key;
    if (element !== cursor) container.insertBefore(element, cursor);
    cursor = element.nextSibling;
  });
  // Whatever is left after the cursor is no longer on the page.
  while (cursor) {
    const next: ChildNode | null = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }

  order = [...messageOrder];
  spans = new Map(messageOrder.map((part) => [part.key, part.span]));
  finishUpdate(message, anchor, (key) => existing.has(key));
}

/** What every update does after placing its parts: header, current part, scroll position, saved state. */
function finishUpdate(
  message: UpdateMessage,
  anchor: { key: string; offset: number } | undefined,
  keptElement: (key: string) => boolean,
): void {
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
  } else if (anchor) {
    // Parts above may have grown or shrunk: keep the part at the top where it was.
    const element = keptElement(anchor.key)
      ? container.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`)
      : null;
    if (element) window.scrollBy(0, element.getBoundingClientRect().top - anchor.offset);
  }
  saveState();
}

function applyParts(message: PartsMessage): void {
  if (message.updateId !== currentUpdateId) return;
  const existing = partElements();
  for (const part of message.parts) fillPart(existing, part);
  markCurrent(currentKey);
  if (pendingRestore) {
    restoreView(pendingRestore);
    pendingRestore = undefined;
  }
}

function fillPart(existing: Map<string, HTMLElement>, part: RenderedPart): void {
  const element = existing.get(part.key);
  if (!element || !element.classList.contains('hw-pending')) return;
  const fresh = elementFromHtml(part.html);
  fresh.dataset.key = part.key;
  element.replaceWith(fresh);
}

// ------------------------------------------------------------------ cursor

function partElement(key: string): HTMLElement | null {
  return container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
}

function markCurrent(key: string | undefined): HTMLElement | null {
  for (const element of Array.from(container.getElementsByClassName(CURRENT_CLASS))) {
    if ((element as HTMLElement).dataset.key !== key) element.classList.remove(CURRENT_CLASS);
  }
  const element = key ? partElement(key) : null;
  element?.classList.add(CURRENT_CLASS);
  return element;
}

function isVisible(element: HTMLElement): boolean {
  const rect = element.getBoundingClientRect();
  return rect.top >= headerHeight() && rect.bottom <= window.innerHeight;
}

function applyHighlight(message: HighlightMessage): void {
  currentKey = message.key;
  const element = markCurrent(message.key);
  if (element && message.scroll && !isVisible(element)) element.scrollIntoView({ block: 'nearest', behavior: 'auto' });
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
      const element = markCurrent(key);
      element?.scrollIntoView({ block: 'nearest' });
      element?.focus({ preventScroll: true });
      currentKey = key;
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
    const element = partElement(entry.slice(0, slash));
    if (element) openDetailsByIds(element, [entry.slice(slash + 1)]);
  }
  window.scrollTo(0, state.scrollTop);
}

function saveState(): void {
  const openDetails: string[] = [];
  for (const details of Array.from(container.querySelectorAll<HTMLDetailsElement>('details[open]'))) {
    const key = partOf(details)?.dataset.key;
    const id = details.dataset.detailsId;
    if (key && id) openDetails.push(`${key}/${id}`);
  }
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

window.addEventListener('scroll', saveStateSoon, { passive: true });
// `toggle` does not bubble: listen in the capture phase.
container.addEventListener('toggle', saveStateSoon, true);

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

childObserver.observe(container, { childList: true });
vscode.postMessage({ type: 'ready' });

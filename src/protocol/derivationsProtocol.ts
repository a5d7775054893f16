/**
 * The one message protocol between the extension (the panel adapter,
 * `src/extension/derivationsView.ts`) and the derivations webview
 * (`src/webview/main.ts`). Both sides import these types and nothing else
 * to talk to each other: no untyped `command` strings.
 *
 * The page is a flat, ordered list of *parts* (headings, statements, prose,
 * summaries), each an HTML fragment with a stable key. A key depends only on
 * what the part shows, never on where it is in the file, so typing above a
 * statement does not change its key and its HTML is not sent again.
 *
 * Lifecycle:
 * 1. The webview loads and posts {@link ReadyMessage}.
 * 2. The extension answers with a full {@link UpdateMessage} (every part; on a long page, the parts near
 *    the cursor, the others as placeholders filled when they come into view, see {@link VisibleMessage}).
 * 3. On each check the extension sends an {@link UpdateMessage} with what
 *    changed in the order (an {@link OrderPatch}: the parts removed and those
 *    put in their place) and only the HTML the webview does not have yet; a
 *    large page's HTML may follow in {@link PartsMessage}s (rendered a slice
 *    at a time so the extension host never stalls).
 * 4. On each cursor move the extension sends a {@link HighlightMessage}.
 * 5. A click (or Enter) on a part posts a {@link RevealMessage}.
 *
 * This file is pure types (no `vscode`, no DOM) so that both bundles can
 * import it.
 */

/** Half-open UTF-16 offsets `[start, end)` into the homework text, as the core's `Span`. */
export interface OffsetSpan {
  readonly start: number;
  readonly end: number;
}

export type PartKind = 'title' | 'problem' | 'question' | 'statement' | 'prose' | 'summary';

/**
 * Where a part stands in the page. Sent for every part on every update (it is
 * small); the HTML is sent only when the webview does not have the key.
 */
export interface PartPlacement {
  /** Stable, unique within one update, `[a-z0-9-]` only (usable as an element id). */
  readonly key: string;
  readonly kind: PartKind;
  /** The text the part stands for, in the current version of the document. */
  readonly span?: OffsetSpan;
}

/** The HTML of one part. Already escaped and sanitised by the extension: the webview inserts it as is. */
export interface RenderedPart {
  readonly key: string;
  readonly html: string;
}

/**
 * What changed in the order since the last update: `deleteCount` parts from `start` are removed and `insert`
 * put in their place (as `Array.prototype.splice`). An edit changes a few statements, so an update after it is
 * a few placements, not the whole page's order; parts outside the range keep their keys and their elements.
 * The spans of the parts after the range are not sent again: an edit above a part moves them, and the
 * webview uses a span only as a hint (the extension resolves a key against its own, current order).
 */
export interface OrderPatch {
  readonly start: number;
  readonly deleteCount: number;
  readonly insert: readonly PartPlacement[];
  /** The length of the order after the patch: a webview whose order does not match asks for a fresh page. */
  readonly length: number;
}

/**
 * Applies a patch to an order (a copy); undefined when the patch does not fit it (a message was lost or
 * the page was reloaded): then the page must start over.
 */
export function applyOrderPatch(order: readonly PartPlacement[], patch: OrderPatch): PartPlacement[] | undefined {
  if (patch.start < 0 || patch.deleteCount < 0 || patch.start + patch.deleteCount > order.length) return undefined;
  if (order.length - patch.deleteCount + patch.insert.length !== patch.length) return undefined;
  const next = order.slice(0, patch.start);
  for (const placement of patch.insert) next.push(placement);
  for (let i = patch.start + patch.deleteCount; i < order.length; i++) next.push(order[i]);
  return next;
}

/** The file's counts, for the sticky header. */
export interface SummaryView {
  readonly statements: number;
  /** The Problems panel's diagnostics in the part, by severity. */
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
  readonly checked: number;
  readonly right: number;
  readonly wrong: number;
  readonly followed: number;
  readonly filled: number;
  readonly approx: number;
}

// ------------------------------------------------------- extension → webview

/**
 * The page after a check.
 *
 * Extension's obligations: either `order` lists every part of the page in
 * document order (always after a {@link ReadyMessage} and with `reset`), or
 * `patch` turns the order of the last update into the new one; every key of
 * the new order that the webview does not have (after a `reset`, that is all
 * of them) and that it shows or will show is either in `parts` or follows in
 * {@link PartsMessage}s with the same `updateId`, unless a newer update
 * supersedes it; on a long page (more than {@link RENDER_ALL_LIMIT} parts)
 * only those near the cursor and those the webview reports visible are sent,
 * the others when they become visible; the HTML is escaped homework text plus
 * KaTeX output and contains no script.
 *
 * Webview's obligations: after applying, the page shows exactly the parts of
 * `order`, in that order (a placeholder for a key whose HTML has not come
 * yet); a part whose key it already shows is left untouched (its open
 * `<details>`, focus and selection survive); parts whose key is not in
 * `order` are removed and forgotten; the scroll position is kept.
 */
export interface UpdateMessage {
  readonly type: 'update';
  /** The homework shown (a `vscode.Uri` as string); the webview persists it for restore. */
  readonly documentUri: string;
  /** The document's file name, for the header. */
  readonly documentName: string;
  /** The document version checked. */
  readonly version: number;
  /** Increases with every update the extension sends to this webview; {@link PartsMessage}s name it. */
  readonly updateId: number;
  /** When true the webview drops every part it has before applying (a different document). */
  readonly reset: boolean;
  /** The whole order (with `reset`, and whenever the extension does not send a patch). */
  readonly order?: readonly PartPlacement[];
  /** What changed since the last update's order (never with `reset`). */
  readonly patch?: OrderPatch;
  readonly parts: readonly RenderedPart[];
  readonly summary: SummaryView;
  /** The summary line as HTML (escaped), for the header. */
  readonly summaryHtml: string;
}

/**
 * The part under the editor's cursor.
 *
 * Extension's obligation: `key` is a key of the last `order` sent, or
 * undefined when the cursor is on no part.
 * Webview's obligations: mark exactly that part (and no other) as current;
 * scroll it into view only when `scroll` is true and it is not visible
 * already (never steal the keyboard focus).
 */
export interface HighlightMessage {
  readonly type: 'highlight';
  readonly key: string | undefined;
  readonly scroll: boolean;
}

/**
 * More HTML for the current page (the rest of a large update).
 * Webview's obligation: fill the placeholders of these keys; ignore the
 * message when `updateId` is not that of the last update applied, and
 * ignore keys not in the current order.
 */
export interface PartsMessage {
  readonly type: 'parts';
  readonly updateId: number;
  readonly parts: readonly RenderedPart[];
}

/**
 * New counts for the header only (a statement finished typing changed what the Problems panel lists).
 * Webview's obligation: replace the header's summary; touch nothing else.
 */
export interface SummaryMessage {
  readonly type: 'summary';
  readonly summary: SummaryView;
  readonly summaryHtml: string;
}

export type ExtensionToWebviewMessage = UpdateMessage | PartsMessage | HighlightMessage | SummaryMessage;

// ------------------------------------------------------- webview → extension

/**
 * Sent once when the script has loaded, and again whenever it has lost its
 * parts (a reload of the page).
 * Extension's obligation: forget what it believed the webview has and answer
 * with a full `update` (`reset: true`).
 */
export interface ReadyMessage {
  readonly type: 'ready';
}

/**
 * A patch did not fit the webview's order (see {@link applyOrderPatch}).
 * Extension's obligation: answer as to {@link ReadyMessage}, with a full `update` (`reset: true`).
 */
export interface ResyncMessage {
  readonly type: 'resync';
}

/**
 * The user clicked (or pressed Enter on) a part.
 * Webview's obligation: send the part's key and the span it last received
 * for it.
 * Extension's obligation: reveal and select the start of that part in an
 * editor of the document (resolving the key against the latest order, so a
 * stale span is corrected), without moving the panel.
 */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly key: string;
  readonly span?: OffsetSpan;
}

/**
 * The keys of the parts in or near the viewport (about a screen above and below), after a scroll, a
 * resize or an update. A long page is rendered only where the user looks.
 * Webview's obligation: send it whenever the set changes (debounced), including placeholders.
 * Extension's obligation: send, in {@link PartsMessage}s of the current update, the HTML of every listed
 * key of the current order that the webview does not have.
 */
export interface VisibleMessage {
  readonly type: 'visible';
  readonly keys: readonly string[];
}

export type WebviewToExtensionMessage = ReadyMessage | ResyncMessage | RevealMessage | VisibleMessage;

// ------------------------------------------------------- persisted state

/**
 * What the webview keeps with `vscode.setState` and what the panel
 * serializer receives after a window reload.
 * Webview's obligation: keep it current (document, scroll, open sections).
 * Extension's obligation: on restore, show `documentUri` again; the webview
 * reapplies `scrollTop` and `openDetails` once the first update arrives.
 */
export interface DerivationsState {
  readonly documentUri?: string;
  readonly scrollTop: number;
  /** `partKey/detailsId` of every open `<details>`. */
  readonly openDetails: readonly string[];
}

/** Pages with up to this many parts are sent whole; longer ones only where the user looks. */
export const RENDER_ALL_LIMIT = 400;

/** The view type of the panel, as registered with `registerWebviewPanelSerializer`. */
export const DERIVATIONS_VIEW_TYPE = 'homework.derivations';

/** Type guard for messages arriving in the extension (they come from a page: never trust their shape). */
export function isWebviewToExtensionMessage(value: unknown): value is WebviewToExtensionMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; key?: unknown; span?: unknown; keys?: unknown };
  if (message.type === 'ready' || message.type === 'resync') return true;
  if (message.type === 'visible')
    return Array.isArray(message.keys) && message.keys.every((key) => typeof key === 'string');
  if (message.type !== 'reveal' || typeof message.key !== 'string') return false;
  if (message.span === undefined) return true;
  const span = message.span as { start?: unknown; end?: unknown } | null;
  return typeof span === 'object' && span !== null && Number.isInteger(span.start) && Number.isInteger(span.end);
}

/** Type guard for messages arriving in the webview. */
export function isExtensionToWebviewMessage(value: unknown): value is ExtensionToWebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'update' || type === 'parts' || type === 'highlight' || type === 'summary';
}

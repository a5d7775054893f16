/**
 * The host's half of one derivations webview, without VS Code: what the webview shows (the order of the
 * last update and the HTML it was sent), and the work of an update as steps, so that the panel adapter
 * (`src/extension/derivationsView.ts`) runs it in slices and stops it when a newer check comes.
 *
 * An update lays the page out (a problem per step; only re-checked problems are read), compares its keys
 * with the order the webview has and sends what changed as an {@link OrderPatch}, with the HTML of the
 * changed parts the webview shows or is about to show (a part rendered per step). A long page is rendered
 * only where the user looks: around the cursor on a fresh page, around what the webview reported visible
 * afterwards. Every message is small: a typing update is a few placements and a few statements' HTML, not
 * the page's order.
 *
 * The view reads the check's judgements (the model): it never judges again.
 *
 * State changes only when a message is posted, so a run stopped between two steps leaves the session in
 * step with the webview.
 */
import type { DocumentModel, Steps } from '../core';
import {
  RENDER_ALL_LIMIT,
  type ExtensionToWebviewMessage,
  type OrderPatch,
  type PartPlacement,
  type RenderedPart,
  type UpdateMessage,
} from '../protocol/derivationsProtocol';
import { renderHeaderSummary, type HeaderCounts } from './header';
import { layoutDocumentInSteps, LayoutCache, partAt, type LaidOutPart } from './render';

/** One check to show. */
export interface PageUpdate {
  readonly model: DocumentModel;
  readonly documentUri: string;
  readonly documentName: string;
  readonly version: number;
  /** The Problems panel's counts for the file (the header shows them). */
  readonly counts: HeaderCounts;
  /** The offset of the editor's cursor in the checked text, when an editor shows the document. */
  readonly cursor?: number;
}

/** Parts rendered on either side of the cursor's on a fresh page (where the webview scrolls to), with the update. */
const MARGIN = 10;
/** And after it, in small messages: what a screen above and below will show. */
const FOLLOWING_MARGIN = 30;
/** A parts message is posted once its HTML reaches this many characters (small messages, drawn as they come). */
const BATCH_CHARS = 48 * 1024;
/**
 * Checked problems keyed by content in one update (each statement's model is read to fingerprint it). An edit
 * re-checks one problem; a fresh page of a long file keys its problems by identity and reads no model.
 */
const FINGERPRINTED_PROBLEMS = 8;
/** A patch that would insert more placements than this sends the whole order instead. */
const PATCH_LIMIT = 2000;

export class DerivationsSession {
  private readonly layouts = new LayoutCache();
  /** The page the webview has: the parts of the last update posted, in order. */
  private page: readonly LaidOutPart[] = [];
  /** The HTML the webview has, by key. */
  private readonly sent = new Map<string, string>();
  /**
   * Where the parts the webview reported in view stand in `page` (the webview reports a run of parts: a
   * screen above and below its viewport). Kept as indices and moved with each patch, so that an update of a
   * 12,000-part page reads a few parts, not every key.
   */
  private visible: { from: number; to: number } | undefined;
  private updateId = 0;
  private fresh = true;
  private headerHtml = '';
  private headerCounts: HeaderCounts | undefined;

  constructor(private readonly post: (message: ExtensionToWebviewMessage) => void) {}

  /** The webview (re)loaded, or is to show another document: the next update sends the whole page. */
  reset(): void {
    this.fresh = true;
  }

  /** Where each part of the page stands (the last update posted). */
  get order(): readonly PartPlacement[] {
    return this.page;
  }

  /** The key of the part at `offset` of the text last shown. */
  keyAt(offset: number): string | undefined {
    return partAt(this.page, offset);
  }

  /** The HTML the webview has for `key`. */
  htmlOf(key: string): string | undefined {
    return this.sent.get(key);
  }

  get summaryHtml(): string {
    return this.headerHtml;
  }

  get counts(): HeaderCounts | undefined {
    return this.headerCounts;
  }

  /** The webview reported the parts in or near its viewport (those of the page it does not know are ignored). */
  setVisible(keys: readonly string[]): void {
    const wanted = new Set(keys);
    let from = Number.POSITIVE_INFINITY;
    let to = -1;
    for (let i = 0; i < this.page.length; i++)
      if (wanted.has(this.page[i].key)) {
        from = Math.min(from, i);
        to = i + 1;
      }
    this.visible = to >= 0 ? { from, to } : undefined;
  }

  /** The parts the webview reports visible. */
  private visibleParts(): readonly LaidOutPart[] {
    return this.visible ? this.page.slice(this.visible.from, this.visible.to) : [];
  }

  /** Whether a part the webview reports visible still lacks its HTML. */
  get lacksVisible(): boolean {
    return this.visibleParts().some((part) => !this.sent.has(part.key));
  }

  /** New counts for the header only; false when the header already says so. */
  updateCounts(model: DocumentModel, counts: HeaderCounts): boolean {
    const html = renderHeaderSummary(model.summary, counts);
    this.headerCounts = counts;
    if (html === this.headerHtml) return false;
    this.headerHtml = html;
    this.post({ type: 'summary', summary: model.summary, summaryHtml: html });
    return true;
  }

  /** Shows a check: the patch of the order and the HTML wanted, then (a short page) the rest of the HTML. */
  *updateInSteps(update: PageUpdate): Steps<void> {
    const reset = this.fresh;
    const laidOut = yield* layoutDocumentInSteps(update.model, {
      layouts: this.layouts,
      fingerprintLimit: reset && update.model.summary.statements > RENDER_ALL_LIMIT ? 0 : FINGERPRINTED_PROBLEMS,
      ...(update.cursor !== undefined ? { fingerprintAround: update.cursor } : {}),
    });
    const before = reset ? [] : this.page;
    const { start, deleteCount, insertCount } = changedRange(before, laidOut);
    yield;
    const kept = (key: string): boolean => !reset && this.sent.has(key);
    const visible = reset ? undefined : this.visible && movedRange(this.visible, { start, deleteCount, insertCount });
    const wanted = visible && visible.to > visible.from ? visible : cursorRange(laidOut, update.cursor);
    // What the webview will lack in the range it shows, rendered before the update goes: no placeholder flashes.
    const parts: RenderedPart[] = [];
    const inserted = new Set<string>();
    for (let i = start; i < start + insertCount; i++) inserted.add(laidOut[i].key);
    for (let i = wanted.from; i < wanted.to; i++) {
      const part = laidOut[i];
      // A key the webview has is kept by the patch, also one that moved within the changed range.
      if (kept(part.key)) continue;
      parts.push({ key: part.key, html: part.render() });
      yield;
    }
    const summaryHtml = renderHeaderSummary(update.model.summary, update.counts);
    const patch: OrderPatch | undefined =
      reset || insertCount > PATCH_LIMIT
        ? undefined
        : { start, deleteCount, insert: placementsOf(laidOut, start, start + insertCount), length: laidOut.length };
    const order = patch ? undefined : yield* placementsInSteps(laidOut);
    const message: UpdateMessage = {
      type: 'update',
      documentUri: update.documentUri,
      documentName: update.documentName,
      version: update.version,
      updateId: ++this.updateId,
      reset,
      ...(patch ? { patch } : { order: order! }),
      parts,
      summary: update.model.summary,
      summaryHtml,
    };
    // What the webview has once it applies the update: what it kept (parts still in the order) and what came
    // with it. Set before posting, so that whoever hears of the update (the highlight) reads the new page.
    if (reset) this.sent.clear();
    else {
      for (let i = start; i < start + deleteCount; i++)
        if (!inserted.has(before[i].key)) this.sent.delete(before[i].key);
    }
    for (const part of parts) this.sent.set(part.key, part.html);
    this.page = laidOut;
    this.visible = visible;
    this.fresh = false;
    this.headerHtml = summaryHtml;
    this.headerCounts = update.counts;
    this.post(message);
    // A short page is sent whole; a long one only where the user looks (the webview reports it).
    if (laidOut.length <= RENDER_ALL_LIMIT) yield* this.sendInSteps(laidOut);
    else if (reset)
      yield* this.sendInSteps(laidOut.slice(Math.max(0, wanted.from - FOLLOWING_MARGIN), wanted.to + FOLLOWING_MARGIN));
  }

  /** Sends the HTML of the parts the webview reports visible and lacks. */
  *fillVisibleInSteps(): Steps<void> {
    yield* this.sendInSteps(this.visibleParts());
  }

  /** Renders the parts the webview lacks, a part per step, posting them in small batches. */
  private *sendInSteps(parts: readonly LaidOutPart[]): Steps<void> {
    const updateId = this.updateId;
    let batch: RenderedPart[] = [];
    let chars = 0;
    const flush = (): void => {
      if (batch.length === 0) return;
      this.post({ type: 'parts', updateId, parts: batch });
      for (const part of batch) this.sent.set(part.key, part.html);
      batch = [];
      chars = 0;
    };
    for (const part of parts) {
      if (this.sent.has(part.key) || batch.some((b) => b.key === part.key)) continue;
      const html = part.render();
      batch.push({ key: part.key, html });
      chars += html.length;
      if (chars >= BATCH_CHARS) flush();
      yield;
    }
    flush();
  }
}

/** A fresh page's parts to have HTML for at once: the cursor's with a margin (where the webview scrolls to). */
function cursorRange(laidOut: readonly LaidOutPart[], cursor: number | undefined): { from: number; to: number } {
  const key = cursor === undefined ? undefined : partAt(laidOut, cursor);
  let at = 0;
  if (key !== undefined) for (let i = 0; i < laidOut.length; i++) if (laidOut[i].key === key) at = i;
  return { from: Math.max(0, at - MARGIN), to: Math.min(laidOut.length, at + MARGIN + 1) };
}

/**
 * A range of the page before a patch, in the page after it: the parts before the changed range stay, those
 * after it move by what the patch adds; an end inside the changed range takes in all that was put there.
 */
export function movedRange(
  range: { readonly from: number; readonly to: number },
  change: { readonly start: number; readonly deleteCount: number; readonly insertCount: number },
): { from: number; to: number } {
  const { start, deleteCount, insertCount } = change;
  const shift = insertCount - deleteCount;
  const from = range.from < start ? range.from : range.from >= start + deleteCount ? range.from + shift : start;
  const to = range.to <= start ? range.to : range.to >= start + deleteCount ? range.to + shift : start + insertCount;
  return { from, to: Math.max(from, to) };
}

/** The range of `after` that differs from `before`, by keys: the common head and tail are kept. */
export function changedRange(
  before: readonly { readonly key: string }[],
  after: readonly { readonly key: string }[],
): { start: number; deleteCount: number; insertCount: number } {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before[start].key === after[start].key) start++;
  let tail = 0;
  while (tail < shorter - start && before[before.length - 1 - tail].key === after[after.length - 1 - tail].key) tail++;
  return { start, deleteCount: before.length - start - tail, insertCount: after.length - start - tail };
}

function placementsOf(parts: readonly LaidOutPart[], from: number, to: number): PartPlacement[] {
  const out: PartPlacement[] = [];
  for (let i = from; i < to; i++) {
    const part = parts[i];
    out.push({ key: part.key, kind: part.kind, ...(part.span ? { span: part.span } : {}) });
  }
  return out;
}

/** The whole order, a thousand placements per step. */
function* placementsInSteps(parts: readonly LaidOutPart[]): Steps<PartPlacement[]> {
  const out: PartPlacement[] = [];
  for (let from = 0; from < parts.length; from += 1000) {
    for (const placement of placementsOf(parts, from, Math.min(parts.length, from + 1000))) out.push(placement);
    yield;
  }
  return out;
}

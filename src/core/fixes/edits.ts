/**
 * Text edits as the core hands them out: the one overlap rule every batch
 * of fixes follows (Fix All, `hwcheck --fix`, Fill All Unknowns), applying
 * a batch to a text, and mapping an offset of the edited text back.
 */
import type { TextEdit } from '../model';
import { runSteps, type Steps } from '../check/steps';
import type { Span } from '../text/span';

/** True when two spans share a character, or are the same insertion point. */
export function editsCollide(a: Span, b: Span): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/**
 * Keeps, of groups of edits that go together (the edits of one fix), each
 * group none of whose edits collides with an edit kept before it, in the
 * order given. Identical edits of two groups count once.
 */
export function nonCollidingGroups<T extends { readonly edits: readonly TextEdit[] }>(groups: readonly T[]): T[] {
  return runSteps(nonCollidingGroupsInSteps(groups));
}

/**
 * `nonCollidingGroups` as steps, one per group: each is compared with every edit kept, and a file with
 * thousands of fixes makes that a long comparison.
 */
export function* nonCollidingGroupsInSteps<T extends { readonly edits: readonly TextEdit[] }>(
  groups: readonly T[],
): Steps<T[]> {
  const kept: T[] = [];
  const taken: TextEdit[] = [];
  const takenKeys = new Set<string>();
  for (const group of groups) {
    const fresh = group.edits.filter((e) => !takenKeys.has(editKey(e)));
    if (!fresh.some((e) => taken.some((t) => editsCollide(t.span, e.span)))) {
      kept.push(group);
      for (const e of fresh) {
        taken.push(e);
        takenKeys.add(editKey(e));
      }
    }
    yield;
  }
  return kept;
}

/** Equal for identical edits (same span, same text) only: the numbers hold no `:`. */
function editKey(e: TextEdit): string {
  return `${e.span.start}:${e.span.end}:${e.newText}`;
}

/** The distinct edits of the groups, in text order (they must not collide: see `nonCollidingGroups`). */
export function editsOf(groups: readonly { readonly edits: readonly TextEdit[] }[]): TextEdit[] {
  const all: TextEdit[] = [];
  const seen = new Set<string>();
  for (const g of groups)
    for (const e of g.edits) {
      const key = editKey(e);
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(e);
    }
  return all.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** `text` with non-colliding `edits` applied (in one pass, in text order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, e.span.start), e.newText);
    at = e.span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Where an offset of the edited text was before the edits (sorted, non-colliding):
 * an offset inside inserted text maps to the span that text replaced.
 */
export function originalSpan(edits: readonly TextEdit[], span: Span): Span {
  const start = originalOffset(edits, span.start, 'start');
  const end = originalOffset(edits, span.end, 'end');
  return { start, end: Math.max(start, end) };
}

function originalOffset(edits: readonly TextEdit[], offset: number, side: 'start' | 'end'): number {
  let shift = 0; // new length minus old length, over the edits before `offset`
  for (const e of edits) {
    const newStart = e.span.start + shift;
    const newEnd = newStart + e.newText.length;
    if (offset < newStart) break;
    if (offset <= newEnd) {
      if (offset === newStart) return e.span.start;
      if (offset === newEnd) return e.span.end;
      return side === 'start' ? e.span.start : e.span.end;
    }
    shift += e.newText.length - (e.span.end - e.span.start);
  }
  return offset - shift;
}

/**
 * What must hold on every input, however broken (issue 8, "Done when"):
 * `check()` and reading the whole model neither throw nor take over 2 s;
 * every span lies inside the text; no message shows `undefined`, `NaN` or
 * `[object` (unless the homework itself wrote it); the safe fixes, applied,
 * add no error when the result is checked afresh.
 */
import { check, HomeworkChecker, type CheckResult } from '../../src/core';
import { addsError, selectSafeFixes } from '../../src/core/fixes';

/** The long run's bound (`npm run fuzz`). */
export const MAX_MS = 2000;

export interface Failure {
  readonly property: 'throws' | 'slow' | 'span' | 'message' | 'fix';
  readonly detail: string;
}

export interface Outcome {
  readonly failures: Failure[];
  /** Check plus reading the whole model. */
  readonly ms: number;
  /** The diagnostics, for comparing two runs of the same text. */
  readonly digest: string;
}

export function digestOf(result: CheckResult): string {
  return JSON.stringify(result.diagnostics.map((d) => [d.code, d.severity, d.span.start, d.span.end, d.message]));
}

const BAD_WORDS = ['undefined', 'NaN', '[object'];

export function checkProperties(text: string, maxMs: number = MAX_MS): Outcome {
  const failures: Failure[] = [];
  const checker = new HomeworkChecker();
  const started = performance.now();
  let result: CheckResult;
  let model: string;
  try {
    result = checker.check(text);
    model = JSON.stringify(result); // reads every lazy part: LaTeX, values, backward passes, steps
  } catch (e) {
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { failures: [{ property: 'throws', detail }], ms: performance.now() - started, digest: '' };
  }
  const ms = performance.now() - started;
  if (ms > maxMs) failures.push({ property: 'slow', detail: `${Math.round(ms)} ms` });

  for (const span of spansIn(JSON.parse(model))) {
    if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
      failures.push({ property: 'span', detail: `${span.start}..${span.end} in a text of ${text.length}` });
      break;
    }
  }

  const bad = BAD_WORDS.filter((w) => !text.includes(w));
  for (const d of result.diagnostics) {
    const texts = [d.message, d.expected, d.found, ...d.related.map((r) => r.message), ...d.fixes.map((f) => f.title)];
    for (const t of texts) {
      const word = t === undefined ? undefined : bad.find((w) => t.includes(w));
      if (word !== undefined) failures.push({ property: 'message', detail: `${d.code}: ${t}` });
    }
  }

  try {
    const selection = selectSafeFixes(text, result, (variant) => checker.checkVariant(variant));
    if (selection.fixes.length > 0) {
      const afresh = check(selection.text);
      if (addsError(result, afresh, selection.edits))
        failures.push({ property: 'fix', detail: `applying ${selection.edits.length} safe edits adds an error` });
      if (digestOf(afresh) !== digestOf(selection.result))
        failures.push({ property: 'fix', detail: 'a re-check of a variant differs from a fresh check of it' });
    }
  } catch (e) {
    failures.push({
      property: 'throws',
      detail: `selecting fixes: ${e instanceof Error ? (e.stack ?? e.message) : e}`,
    });
  }
  return { failures, ms, digest: digestOf(result) };
}

/** Every `{start, end}` in a JSON value, found with an explicit stack (the model can be deep). */
function spansIn(root: unknown): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2)
        out.push(o as { start: number; end: number });
      else for (const k of Object.keys(o)) stack.push(o[k]);
    }
  }
  return out;
}

/**
 * Diagnostic messages and their fixes, built from structured data (shapes,
 * values, spans) — never from another message's text. Each code is stable
 * and documented in docs/language.md.
 */
import type { DiagnosticCode, SeverityOf } from '../diagnosticCodes';
import type { Diagnostic, Fix, RelatedInformation, TextEdit } from '../model';
import type { Expr } from '../syntax/ast';
import type { Span } from '../text/span';
import { ShapeError } from '../values/errors';
import type { Value } from '../values/value';
import { formatValue } from '../values/format';

/** A diagnostic: the code is one of `DIAGNOSTIC_CODES`, the severity one the table allows for it. */
export function diagnostic<C extends DiagnosticCode>(
  code: C,
  severity: SeverityOf<C>,
  span: Span,
  message: string,
  extra: { related?: RelatedInformation[]; fixes?: Fix[]; expected?: string; found?: string } = {},
): Diagnostic {
  return {
    code,
    severity,
    span,
    message,
    related: extra.related ?? [],
    fixes: extra.fixes ?? [],
    ...(extra.expected !== undefined ? { expected: extra.expected } : {}),
    ...(extra.found !== undefined ? { found: extra.found } : {}),
  };
}

/** A quick fix of any kind (transpose, fill-unknown, use-approx, …): its edits, whether preferred and safe. */
export function makeFix(kind: Fix['kind'], title: string, edits: TextEdit[], isPreferred: boolean, safe: boolean): Fix {
  return { kind, title, edits, isPreferred, safe };
}

export function shapeText(v: Value): string {
  return v.kind === 'matrix' ? v.shapeText() : '1×1';
}

export function valueText(v: Value): string {
  return formatValue(v).text;
}

/** A short label for an expression in a message: its source text, or a description when long. */
function label(text: string, fallback: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 0 && t.length <= 28 ? t : fallback;
}

/** Whether appending `ᵀ` to this expression transposes all of it. */
function isAtomic(e: Expr): boolean {
  return (
    e.kind === 'name' ||
    e.kind === 'paren' ||
    e.kind === 'matrix' ||
    e.kind === 'call' ||
    e.kind === 'derivative' ||
    e.kind === 'index' ||
    e.kind === 'number' ||
    e.kind === 'transpose'
  );
}

function transposeEdits(e: Expr): TextEdit[] {
  if (isAtomic(e)) return [{ span: { start: e.span.end, end: e.span.end }, newText: 'ᵀ' }];
  return [
    { span: { start: e.span.start, end: e.span.start }, newText: '(' },
    { span: { start: e.span.end, end: e.span.end }, newText: ')ᵀ' },
  ];
}

const VERB: Record<string, string> = {
  add: 'added',
  sub: 'subtracted',
  hadamard: 'multiplied entry by entry',
  div: 'divided',
  pow: 'raised to that power',
  epow: 'raised entry by entry',
  mul: 'multiplied',
  gt: 'compared',
  lt: 'compared',
  ge: 'compared',
  le: 'compared',
  eq: 'compared',
  ne: 'compared',
};

/**
 * "W1 is 2×3 and ∂L/∂a1 is 2×1: they cannot be multiplied; W1ᵀ ∂L/∂a1 would
 * be 3×1", with the transpose as a fix where one makes the shapes fit.
 */
export function shapeDiagnostic(error: ShapeError, node: Expr, textOf: (s: Span) => string): Diagnostic {
  if (node.kind !== 'binary' || error.op === 'call') {
    return diagnostic('shape.mismatch', 'error', node.span, error.message);
  }
  const a = error.left;
  const b = error.right;
  const leftSource = textOf(node.left.span).replace(/\s+/g, ' ').trim();
  const rightSource = textOf(node.right.span).replace(/\s+/g, ' ').trim();
  const leftText = label(leftSource, 'the left factor');
  const rightText = label(rightSource, 'the right factor');
  const opWord = VERB[node.op] ?? 'combined';
  let message = `${leftText} is ${a.rows}×${a.cols} and ${rightText} is ${b.rows}×${b.cols}: they cannot be ${opWord}`;
  const fixes: Fix[] = [];
  const short = leftText === leftSource && rightText === rightSource;
  const sep = node.implicit ? ' ' : ` ${node.opText} `;
  const tLeft = isAtomic(node.left) ? `${leftText}ᵀ` : `(${leftText})ᵀ`;
  const tRight = isAtomic(node.right) ? `${rightText}ᵀ` : `(${rightText})ᵀ`;
  const suggest = (which: 'left' | 'right', rows: number, cols: number) => {
    const expr = which === 'left' ? node.left : node.right;
    const name = which === 'left' ? leftText : rightText;
    message += short
      ? `; ${which === 'left' ? `${tLeft}${sep}${rightText}` : `${leftText}${sep}${tRight}`} would be ${rows}×${cols}`
      : `; with ${name === leftText && which === 'left' ? name : name}ᵀ it would be ${rows}×${cols}`;
    fixes.push(makeFix('transpose', `Transpose ${name}`, transposeEdits(expr), false, false));
  };
  if (node.op === 'mul') {
    const leftWorks = a.rows === b.rows;
    const rightWorks = a.cols === b.cols;
    // Both work for two columns: the outer product (g zᵀ) is what backprop writes.
    if (rightWorks && (!leftWorks || b.cols === 1)) suggest('right', a.rows, b.rows);
    else if (leftWorks) suggest('left', a.cols, b.cols);
    else if (a.rows === b.cols) message += `; ${tLeft}${sep}${tRight} would be ${a.cols}×${b.rows}`;
    else message += ' (the columns of the left must match the rows of the right)';
  } else if (
    (node.op === 'add' || node.op === 'sub' || node.op === 'hadamard') &&
    a.rows === b.cols &&
    a.cols === b.rows
  ) {
    message += short ? `; ${leftText}${sep}${tRight} would fit` : `; with ${rightText}ᵀ they would fit`;
    fixes.push(makeFix('transpose', `Transpose ${rightText}`, transposeEdits(node.right), false, false));
  } else if (node.op === 'pow') {
    message = error.message;
  }
  return diagnostic('shape.mismatch', 'error', node.span, message, { fixes });
}

/**
 * Edit distance for "did you mean": Levenshtein plus the swap of two
 * neighbouring letters as one edit (`rleu` → `relu`), the commonest typo.
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let before: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cur[j] = Math.min(cur[j], before[j - 2] + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * The visible name closest to a misspelt one. Ties go to a name with the
 * same first letter and length (`a0` → `a1` rather than `z0`).
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const limit = Math.max(1, Math.floor(name.length / 3));
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, c);
    if (d > limit) continue;
    const score = d * 4 + (c[0] === name[0] ? 0 : 2) + (c.length === name.length ? 0 : 1);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** `(2,3)`; a tensor's entry by its full index, `(2,1,3)` (one-based, as the writer counts). */
export function entryLabel(row: number, col: number, index?: readonly number[]): string {
  return `(${(index ?? [row, col]).map((i) => i + 1).join(',')})`;
}

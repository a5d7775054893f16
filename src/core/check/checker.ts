/**
 * The checker's entry points: `check(text)` for one-off checks, and
 * `HomeworkChecker`, which remembers each problem's result and evaluates
 * again only the problems whose text changed (problems are independent
 * scopes, so an edit in one cannot change another's verdicts).
 *
 * Example:
 *   check('z = [1, 2] [3; 4] = 12').diagnostics  // one error: it is 11
 */
import type { CheckOptions, CheckResult, Diagnostic, ProblemModel, SymbolModel } from '../model';
import type { HeadingStatement, Statement } from '../syntax/ast';
import { parse } from '../syntax/parser';
import { shiftSpan, type Span } from '../text/span';
import { diagnostic } from './messages';
import { ProblemRun, summarize, type ProblemInput, type ProblemOutcome } from './problem';

interface Segment {
  readonly index: number;
  readonly span: Span;
  readonly statements: Statement[];
  readonly heading?: HeadingStatement;
}

interface CachedProblem {
  readonly start: number;
  readonly outcome: ProblemOutcome;
}

export function check(text: string, options: CheckOptions = {}): CheckResult {
  return new HomeworkChecker(options).check(text);
}

export class HomeworkChecker {
  private cache = new Map<string, CachedProblem>();
  private lastText = '';
  private last: CheckResult | undefined;
  /** Outcomes by problem, from the last check (for solve-with-steps). */
  lastOutcomes: { segment: Segment; outcome: ProblemOutcome; start: number }[] = [];

  constructor(private readonly options: CheckOptions = {}) {}

  check(text: string): CheckResult {
    if (this.last && text === this.lastText) return this.last;
    const file = parse(text);
    const diagnostics: Diagnostic[] = file.errors.map((e) => diagnostic(e.code, 'error', e.span, e.message));
    const segments = segment(file.statements, text.length);
    const countUnits = new Set<string>();
    for (const s of file.statements) if (s.kind === 'unit') for (const n of s.names) countUnits.add(n.name);
    const unitsKey = [...countUnits].sort().join(',');

    const nextCache = new Map<string, CachedProblem>();
    const problems: ProblemModel[] = [];
    const symbols: SymbolModel[] = [];
    const outcomes: { segment: Segment; outcome: ProblemOutcome; start: number }[] = [];
    let title: string | undefined;
    let titleSpan: Span | undefined;
    for (const s of file.statements) {
      if (s.kind === 'homework') {
        title = s.title?.text;
        titleSpan = s.span;
        break;
      }
    }
    for (const seg of segments) {
      const body = text.slice(seg.span.start, seg.span.end);
      const key = `${seg.index}\u0000${unitsKey}\u0000${body}`;
      let cached = this.cache.get(key) ?? nextCache.get(key);
      if (!cached) {
        const input: ProblemInput = {
          index: seg.index,
          number: seg.heading?.number?.text,
          title: seg.heading?.title?.text,
          headingSpan: seg.heading?.span,
          span: seg.span,
          statements: seg.statements,
          text,
          countUnits,
        };
        cached = { start: seg.span.start, outcome: new ProblemRun(input, this.options).run() };
      }
      nextCache.set(key, cached);
      const delta = seg.span.start - cached.start;
      const outcome = delta === 0 ? cached.outcome : shiftDeep(cached.outcome, delta);
      outcomes.push({ segment: seg, outcome, start: seg.span.start });
      diagnostics.push(...outcome.diagnostics);
      symbols.push(...outcome.symbols);
      problems.push({
        ...(seg.heading?.number ? { number: seg.heading.number.text } : {}),
        ...(seg.heading?.title ? { title: seg.heading.title.text } : {}),
        span: seg.span,
        ...(seg.heading ? { headingSpan: seg.heading.span } : {}),
        questions: outcome.questions,
        summary: outcome.summary,
      });
    }
    this.cache = nextCache;
    diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    const summary = summarize(problems.flatMap((p) => p.questions.flatMap((q) => q.items)));
    const result: CheckResult = {
      diagnostics,
      document: { ...(title !== undefined ? { title } : {}), ...(titleSpan ? { titleSpan } : {}), problems, symbols, summary },
    };
    this.lastText = text;
    this.last = result;
    this.lastOutcomes = outcomes;
    return result;
  }
}

/**
 * Splits the statements into problems. Statements before the first
 * `problem` (other than the `homework` heading) form a problem of their own.
 */
function segment(statements: readonly Statement[], textLength: number): Segment[] {
  const segments: Segment[] = [];
  let current: { start: number; statements: Statement[]; heading?: HeadingStatement } | undefined;
  const close = (end: number) => {
    if (!current) return;
    if (current.heading || current.statements.some((s) => s.kind !== 'homework')) {
      segments.push({ index: segments.length, span: { start: current.start, end }, statements: current.statements, ...(current.heading ? { heading: current.heading } : {}) });
    }
    current = undefined;
  };
  for (const s of statements) {
    if (s.kind === 'problem') {
      close(s.span.start);
      current = { start: s.span.start, statements: [s], heading: s };
      continue;
    }
    if (s.kind === 'homework') continue;
    if (!current) current = { start: s.span.start, statements: [] };
    current.statements.push(s);
  }
  close(textLength);
  // Each problem runs to the start of the next, so edits between statements land in one.
  return segments.map((seg, i) => ({ ...seg, span: { start: seg.span.start, end: i + 1 < segments.length ? segments[i + 1].span.start : textLength } }));
}

/** A copy with every span moved by `delta` (a cached problem further down the file). */
function shiftDeep<T>(value: T, delta: number): T {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (v instanceof Map) return v;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 2 && typeof o.start === 'number' && typeof o.end === 'number') return shiftSpan(o as unknown as Span, delta);
      if (Object.getPrototypeOf(o) !== Object.prototype) return v;
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = visit(o[k]);
      return out;
    }
    return v;
  };
  return visit(value) as T;
}

/** Text to insert after the statement at `offset`: the derivation that leads to its value, in `.hw` syntax. */
export interface Insertion {
  readonly offset: number;
  readonly text: string;
}

export { solveWithSteps } from './solveSteps';

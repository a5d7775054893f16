/**
 * The checker's entry points: `check(text)` for one-off checks, and
 * `HomeworkChecker`, which remembers each problem's result and evaluates
 * again only the problems whose text changed (problems are independent
 * scopes, so an edit in one cannot change another's verdicts).
 *
 * Example:
 *   check('z = [1, 2] [3; 4] = 12').diagnostics  // one error: it is 11
 */
import type {
  CheckOptions,
  CheckResult,
  Diagnostic,
  DocumentModel,
  Insertion,
  ProblemModel,
  Summary,
  SymbolModel,
} from '../model';
import type { HeadingStatement, HomeworkFile, Statement } from '../syntax/ast';
import { parse } from '../syntax/parser';
import { shiftSpan, type Span } from '../text/span';
import { diagnostic } from './messages';
import { defineLazy } from './lazy';
import { capDiagnostics } from './cap';
import { recordProblemSymbols } from './problemSymbols';
import { ProblemRun, type ProblemInput, type ProblemOutcome } from './problem';
import type { ProblemScope } from './scope';
import { stepsAt, type CheckedProblem } from './solveSteps';
import { runSteps, type Steps } from './steps';
import { addSummaries, withDiagnosticCounts } from './summaries';

/** Problems whose parse is reused, looked up per step of a sliced check (a few milliseconds' work). */
const REUSED_PER_STEP = 64;
/** Checked problems shifted to a new place (an edit above them) per step of a sliced check. */
const PLACED_PER_STEP = 16;

/** One problem's text, parsed on its own (spans relative to `start`). */
interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly file: HomeworkFile;
}

interface Segment {
  readonly index: number;
  readonly chunk: Chunk;
  readonly statements: Statement[];
  readonly heading?: HeadingStatement;
}

/** A problem's result as the document sees it: shifted to where the problem now starts. */
interface Placed {
  readonly start: number;
  readonly key: string;
  readonly problem: ProblemModel;
  readonly diagnostics: readonly Diagnostic[];
  readonly symbols: () => SymbolModel[];
}

export function check(text: string, options: CheckOptions = {}): CheckResult {
  return new HomeworkChecker(options).check(text);
}

/**
 * Checks a homework, remembering per problem its parse, its outcome and its
 * placed (shifted) model. A problem is checked, and even parsed, again only
 * when its own text changed; one that merely moved is shifted, lazily.
 */
export class HomeworkChecker {
  private parses = new Map<string, HomeworkFile>();
  private outcomes = new Map<string, ProblemOutcome>();
  private placed = new Map<string, Placed>();
  private lastText = '';
  private last: CheckResult | undefined;
  /** Outcomes by problem, from the last check (for Solve with Steps); spans relative to `segment.chunk.start`. */
  private lastOutcomes: { segment: Segment; outcome: ProblemOutcome }[] = [];
  /** How many checks to remember have started: only the last one started is remembered. */
  private started = 0;

  constructor(private readonly options: CheckOptions = {}) {}

  check(text: string): CheckResult {
    return runSteps(this.checkText(text, true, false));
  }

  /**
   * The same check as steps, one per problem parsed and per statement evaluated (see steps.ts);
   * remembered like `check` when run to the end. Stopped early, it keeps the
   * problems it finished, so the next check of the text starts from them.
   */
  checkInSteps(text: string): Steps<CheckResult> {
    return this.checkText(text, true, true);
  }

  /**
   * Checks a variant of the last text (the file with some fixes applied),
   * reusing every problem it shares with that text, and forgets it: the
   * next `check` still starts from the last real text.
   */
  checkVariant(text: string): CheckResult {
    return runSteps(this.checkText(text, false, false));
  }

  /** `checkVariant` as steps, for a host that verifies fixes in slices: the same result. */
  checkVariantInSteps(text: string): Steps<CheckResult> {
    return this.checkText(text, false, true);
  }

  /** `pauses`: yield between problems parsed and statements evaluated, for a host that slices the check. */
  private *checkText(text: string, remember: boolean, pauses: boolean): Steps<CheckResult> {
    if (this.last && text === this.lastText) return this.last;
    // Checks driven in slices may overlap: one that finishes after a later one started is not remembered.
    const generation = remember ? ++this.started : this.started;
    const nextParses = new Map<string, HomeworkFile>();
    const chunks: Chunk[] = [];
    // Problems reused (or placed again, below) are steps too, a batch at a time: after an edit near the top of
    // 10,000 statements, looking up 300 problems and shifting each to its new place is 20-30 ms in one go.
    let reused = 0;
    for (const { start, end } of splitProblems(text)) {
      const body = text.slice(start, end);
      let file = this.parses.get(body) ?? nextParses.get(body);
      if (!file) {
        file = parse(body, this.options.onInternalError);
        // A problem parsed is a step too: the first parse of 10,000 statements is a long one.
        if (pauses) yield;
      } else if (pauses && ++reused % REUSED_PER_STEP === 0) yield;
      nextParses.set(body, file);
      chunks.push({ start, end, text: body, file });
    }
    if (remember) this.parses = nextParses;

    const diagnostics: Diagnostic[] = [];
    // Per chunk (one problem): its syntax errors, then its checker's diagnostics, capped together.
    const chunkDiagnostics = new Map<Chunk, Diagnostic[]>();
    for (const chunk of chunks) {
      const own: Diagnostic[] = [];
      for (const e of chunk.file.errors)
        own.push(diagnostic(e.code, 'error', shiftSpan(e.span, chunk.start), e.message));
      chunkDiagnostics.set(chunk, own);
    }
    const countUnits = new Set<string>();
    for (const chunk of chunks)
      for (const st of chunk.file.statements) if (st.kind === 'unit') for (const n of st.names) countUnits.add(n.name);
    const unitsKey = [...countUnits].sort().join(',');

    let title: string | undefined;
    let titleSpan: Span | undefined;
    const heading = chunks[0]?.file.statements.find((st) => st.kind === 'homework');
    if (heading && heading.kind === 'homework') {
      title = heading.title?.text;
      titleSpan = heading.span;
    }

    const nextOutcomes = new Map<string, ProblemOutcome>();
    const nextPlaced = new Map<string, Placed>();
    const problems: ProblemModel[] = [];
    const symbolParts: (() => SymbolModel[])[] = [];
    const outcomes: { segment: Segment; outcome: ProblemOutcome }[] = [];
    let placedAgain = 0;
    let finished = false;
    try {
      for (const seg of segments(chunks)) {
        const key = `${seg.index}\u0000${unitsKey}\u0000${seg.chunk.text}`;
        let outcome = this.outcomes.get(key) ?? nextOutcomes.get(key);
        if (!outcome) {
          const input: ProblemInput = {
            index: seg.index,
            number: seg.heading?.number?.text,
            title: seg.heading?.title?.text,
            headingSpan: seg.heading?.span,
            span: { start: 0, end: seg.chunk.text.length },
            statements: seg.statements,
            text: seg.chunk.text,
            countUnits,
          };
          outcome = yield* new ProblemRun(input, this.options).runInSteps(pauses);
        }
        nextOutcomes.set(key, outcome);
        const placedKey = `${seg.chunk.start}\u0000${key}`;
        let placed = this.placed.get(placedKey);
        if (!placed) {
          placed = place(seg, outcome, placedKey);
          if (pauses && ++placedAgain % PLACED_PER_STEP === 0) yield;
        }
        nextPlaced.set(placedKey, placed);
        outcomes.push({ segment: seg, outcome });
        const own = chunkDiagnostics.get(seg.chunk)!;
        for (const d of placed.diagnostics) own.push(d);
        symbolParts.push(placed.symbols);
        problems.push(placed.problem);
      }
      finished = true;
    } finally {
      // Stopped part-way: the problems already checked are kept for the next check.
      if (!finished && remember && generation === this.started)
        for (const [key, outcome] of nextOutcomes) this.outcomes.set(key, outcome);
    }
    for (const own of chunkDiagnostics.values()) for (const d of capDiagnostics(own)) diagnostics.push(d);
    diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    const summary = addSummaries(problems.map((p) => p.summary));
    const parts = {
      ...(title !== undefined ? { title } : {}),
      ...(titleSpan ? { titleSpan } : {}),
      problems,
    } as Record<string, unknown>;
    // Key by key in the model's order: a lazy part is a new key, never one over a placeholder (see lazy.ts).
    defineLazy(parts, 'symbols', () => symbolParts.flatMap((part) => part()));
    parts.summary = summary;
    const document = parts as unknown as DocumentModel;
    recordProblemSymbols(document, symbolParts, false);
    const result: CheckResult = { diagnostics, document };
    if (remember && generation === this.started) {
      this.outcomes = nextOutcomes;
      this.placed = nextPlaced;
      this.lastText = text;
      this.last = result;
      this.lastOutcomes = outcomes;
    }
    return result;
  }

  /**
   * "Solve with Steps": the lines, in the language, that lead to the value
   * of the statement at `offset`, to insert after it; undefined when the
   * offset is on no statement with a value to derive.
   */
  solveWithSteps(text: string, offset: number): Insertion | undefined {
    this.check(text);
    const placed = this.lastOutcomes.find((o) => offset >= o.segment.chunk.start && offset <= o.segment.chunk.end);
    if (!placed) return undefined;
    return stepsAt(
      {
        start: placed.segment.chunk.start,
        text: placed.segment.chunk.text,
        statements: placed.segment.statements,
        items: placed.outcome.questions.flatMap((q) => q.items),
        scope: placed.outcome.scope,
      },
      offset,
      this.options.onInternalError,
    );
  }
}

/** Solve with Steps on a text checked once: see `HomeworkChecker.solveWithSteps`. */
export function solveWithSteps(text: string, offset: number, options: CheckOptions = {}): Insertion | undefined {
  return new HomeworkChecker(options).solveWithSteps(text, offset);
}

/**
 * Checks statements that another reader built (Markdown, LaTeX) with spans
 * into `text`: the same problem runs as for `.hw`, one per `problem` heading,
 * except that each problem sees the names of the problems before it (a
 * student's "Problem 2: the backward pass" works on Problem 1's network, with
 * no `given` to restate it); a definition in a later problem shadows them.
 */
export function checkStatements(
  text: string,
  statements: readonly Statement[],
  options: CheckOptions = {},
): CheckResult {
  return runSteps(checkStatementsInSteps(text, statements, options, false));
}

/** `checkStatements` as steps, one per statement evaluated (see steps.ts). */
export function* checkStatementsInSteps(
  text: string,
  statements: readonly Statement[],
  options: CheckOptions = {},
  pauses = true,
): Steps<CheckResult> {
  const { countUnits, groups, title } = problemGroups(statements);
  const whole = { start: 0, end: text.length, text, file: { statements, comments: [], errors: [] } };
  const diagnostics: Diagnostic[] = [];
  const problems: ProblemModel[] = [];
  const symbolParts: (() => SymbolModel[])[] = [];
  let inherited: ProblemScope | undefined;
  for (const [g, group] of groups.entries()) {
    if (group.statements.length === 0) continue;
    const next = groups[g + 1]?.heading;
    const span = { start: group.heading?.span.start ?? 0, end: next ? next.span.start : text.length };
    const seg: Segment = {
      index: problems.length,
      chunk: whole,
      statements: group.statements,
      ...(group.heading ? { heading: group.heading } : {}),
    };
    const outcome = yield* new ProblemRun(
      groupInput(group, seg.index, span, text, countUnits, inherited),
      options,
    ).runInSteps(pauses);
    inherited = outcome.scope;
    const placed = place(seg, outcome, '');
    // The spans are the file's already (delta 0); the problem reaches from its heading to the next one.
    (placed.problem as { span: Span }).span = span;
    diagnostics.push(...placed.diagnostics);
    symbolParts.push(placed.symbols);
    problems.push(placed.problem);
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const document: DocumentModel = {
    ...(title !== undefined ? { title } : {}),
    problems,
    symbols: [],
    summary: addSummaries(problems.map((p) => p.summary)),
  };
  defineLazy(document, 'symbols', () => symbolParts.flatMap((part) => part()));
  recordProblemSymbols(document, symbolParts, true);
  return { diagnostics, document };
}

interface ProblemGroup {
  readonly heading?: HeadingStatement;
  readonly statements: Statement[];
}

/** Statements another reader built, by problem (a `problem` heading starts one), with the file's count units. */
function problemGroups(statements: readonly Statement[]): {
  countUnits: Set<string>;
  groups: ProblemGroup[];
  title: string | undefined;
} {
  const countUnits = new Set<string>();
  for (const st of statements) if (st.kind === 'unit') for (const n of st.names) countUnits.add(n.name);
  const groups: ProblemGroup[] = [{ statements: [] }];
  let title: string | undefined;
  for (const st of statements) {
    if (st.kind === 'homework') title ??= st.title?.text;
    else if (st.kind === 'problem') groups.push({ heading: st, statements: [st] });
    else groups[groups.length - 1].statements.push(st);
  }
  return { countUnits, groups, title };
}

/** One problem of a homework another reader built, as its run takes it: it sees the problem before it. */
function groupInput(
  group: ProblemGroup,
  index: number,
  span: Span,
  text: string,
  countUnits: ReadonlySet<string>,
  inherited: ProblemScope | undefined,
): ProblemInput {
  return {
    index,
    number: group.heading?.number?.text,
    title: group.heading?.title?.text,
    headingSpan: group.heading?.span,
    span,
    statements: group.statements,
    text,
    countUnits,
    ...(inherited ? { inherited } : {}),
  };
}

/**
 * Solve with Steps in a homework another reader built: the problem at
 * `offset`, checked as `checkStatements` checks it (with the names of the
 * problems before it), as `stepLinesAt` reads it; undefined outside every problem.
 */
export function checkedProblemAt(
  text: string,
  statements: readonly Statement[],
  offset: number,
  options: CheckOptions = {},
): CheckedProblem | undefined {
  const { countUnits, groups } = problemGroups(statements);
  let inherited: ProblemScope | undefined;
  let index = 0;
  for (const [g, group] of groups.entries()) {
    if (group.statements.length === 0) continue;
    const next = groups[g + 1]?.heading;
    const span = { start: group.heading?.span.start ?? 0, end: next ? next.span.start : text.length };
    if (span.start > offset) return undefined;
    const outcome = new ProblemRun(groupInput(group, index++, span, text, countUnits, inherited), options).run();
    inherited = outcome.scope;
    if (offset <= span.end)
      return {
        start: 0,
        text,
        statements: group.statements,
        items: outcome.questions.flatMap((q) => q.items),
        scope: outcome.scope,
      };
  }
  return undefined;
}

/** Each outcome's summaries with the counts of what the document lists (see `countedSummaries`). */
const summariesByOutcome = new WeakMap<ProblemOutcome, { problem: Summary; questions: Summary[] }>();

/**
 * A problem's and its questions' summaries, with the diagnostics the
 * document lists for the problem (its syntax errors, then its own, capped)
 * counted. Made once per outcome: a problem not checked again, also one that
 * merely moved, keeps the same summary object (the view's layout cache relies on it).
 */
function countedSummaries(seg: Segment, outcome: ProblemOutcome): { problem: Summary; questions: Summary[] } {
  let summaries = summariesByOutcome.get(outcome);
  if (!summaries) {
    const listed = capDiagnostics([
      ...seg.chunk.file.errors.map((e) => diagnostic(e.code, 'error', e.span, e.message)),
      ...outcome.diagnostics,
    ]);
    summaries = {
      problem: withDiagnosticCounts(outcome.summary, listed, { start: 0, end: seg.chunk.text.length }),
      questions: outcome.questions.map((q) => withDiagnosticCounts(q.summary, listed, q.span)),
    };
    summariesByOutcome.set(outcome, summaries);
  }
  return summaries;
}

/** Shifts a problem's outcome to its place in the document; the model itself only when read. */
function place(seg: Segment, outcome: ProblemOutcome, key: string): Placed {
  const delta = seg.chunk.start;
  const heading = seg.heading;
  const summaries = countedSummaries(seg, outcome);
  const parts = {
    ...(heading?.number ? { number: heading.number.text } : {}),
    ...(heading?.title ? { title: heading.title.text } : {}),
    span: { start: seg.chunk.start, end: seg.chunk.end },
    ...(heading ? { headingSpan: shiftSpan(heading.span, delta) } : {}),
  } as Record<string, unknown>;
  defineLazy(parts, 'questions', () => {
    const questions = outcome.questions.map((q, i) => ({ ...q, summary: summaries.questions[i] }));
    // At delta 0 (the first problem; every problem of a Markdown or LaTeX file) the spans are in place already.
    return delta === 0 ? questions : shiftDeep(questions, delta);
  });
  parts.summary = summaries.problem;
  const problem = parts as unknown as ProblemModel;
  let symbols: SymbolModel[] | undefined;
  return {
    start: delta,
    key,
    problem,
    diagnostics: delta === 0 ? outcome.diagnostics : shiftDeep(outcome.diagnostics, delta),
    symbols: () => (symbols ??= delta === 0 ? outcome.symbols() : shiftDeep(outcome.symbols(), delta)),
  };
}

/**
 * Cuts the text where a line starts with the keyword `problem` (as the
 * parser reads it: not `problem = …` or `problem(…)`, which are names).
 * The first piece holds what comes before the first problem.
 */
function splitProblems(text: string): { start: number; end: number }[] {
  const starts = [0];
  const heading = /^[ \t\u00a0]*problem(?![\p{L}\p{N}\p{M}_'’])(?![ \t]*(?:=|≈|~=|<|>|≤|≥|≠|!=))(?!\()/gmu;
  for (let m = heading.exec(text); m; m = heading.exec(text)) {
    if (m.index > 0) starts.push(m.index);
  }
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : text.length }));
}

/**
 * The problems of the document: each chunk's statements; the first chunk's
 * statements other than the `homework` heading form a problem of their own.
 */
function segments(chunks: readonly Chunk[]): Segment[] {
  const out: Segment[] = [];
  for (const chunk of chunks) {
    const statements = chunk.file.statements.filter((st) => st.kind !== 'homework');
    const first = statements[0];
    const heading = first && first.kind === 'problem' ? first : undefined;
    if (!heading && statements.length === 0) continue;
    out.push({ index: out.length, chunk, statements, ...(heading ? { heading } : {}) });
  }
  return out;
}

/**
 * A copy with every span moved by `delta`. Lazy properties stay lazy: the
 * copy shifts the original's value when (and if) it is read.
 */
function shiftDeep<T>(value: T, delta: number): T {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (Object.getPrototypeOf(o) !== Object.prototype) return v;
    const keys = Object.keys(o);
    if (keys.length === 2 && typeof o.start === 'number' && typeof o.end === 'number')
      return shiftSpan(o as unknown as Span, delta);
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(o, k);
      if (descriptor?.get) defineLazy(out, k, () => visit(o[k]));
      else out[k] = visit(o[k]);
    }
    return out;
  };
  return visit(value) as T;
}

/**
 * Checks one problem: its statements in order, in one scope.
 *
 * Every chain is judged link by link. A link is compared with the chain's
 * truth (the first expression, or the defined name's value) and with the
 * link before it; in the writer's world (names read with the values the
 * writer stated) a link that is wrong but consistent with an earlier
 * mistake "follows" from it and is not a new error.
 *
 * Example: `a1 = W1 z0 + b1 = [2; 10; 4] + [0; -2; 5] = [2; 8; 9]` defines
 * a1 by `W1 z0 + b1` and checks the two further links against it.
 */
import type {
  CheckOptions,
  Diagnostic,
  ItemModel,
  LinkModel,
  QuestionModel,
  StatementKind,
  StatementModel,
  SymbolModel,
  Verdict,
  BackwardPass,
  SolverTrace,
  Summary,
} from '../model';
import type {
  CallExpr,
  ChainStatement,
  DerivativeExpr,
  Expr,
  ForStatement,
  GivenStatement,
  Link,
  NameRef,
  Statement,
  UnitStatement,
} from '../syntax/ast';
import { linkToLatex, exprToLatex, nameToLatex, statementToLatex } from '../syntax/latex';
import { findBuiltin, builtinNames } from '../solvers/registry';
import type { Span } from '../text/span';
import { EvalError, ShapeError } from '../values/errors';
import { formatValue, formatNumber, formatMatrix } from '../values/format';
import { declareCountUnit, inUnitsOf, quantityNumber, scaleQuantity, unitsCompatible } from '../values/units';
import { Matrix, type Value } from '../values/value';
import {
  compareValues,
  isWrittenValue,
  orderOf,
  quantityLiteralNumber,
  sameValue,
  writtenTolerances,
  type Comparison,
} from './compare';
import { Budget, Evaluator, type CallRecord, type EvalHost, type World } from './evaluate';
import { computeGradient, type GradientResult } from './gradient';
import { backwardPass } from './backwardSteps';
import { defineLazy } from './lazy';
import {
  closestName,
  diagnostic,
  entryLabel,
  label,
  replaceFix,
  shapeDiagnostic,
  shapeText,
  valueText,
} from './messages';
import { checkIdentity } from './identity';
import { derivativeKey, ProblemScope, type Binding } from './scope';
import { collectNames, LocatedError, Unavailable } from './walk';

export interface ProblemInput {
  readonly index: number;
  readonly number?: string;
  readonly title?: string;
  readonly headingSpan?: Span;
  readonly span: Span;
  readonly statements: readonly Statement[];
  readonly text: string;
  /** Count units declared anywhere in the file. */
  readonly countUnits: ReadonlySet<string>;
}

export interface ProblemOutcome {
  readonly diagnostics: Diagnostic[];
  readonly questions: QuestionModel[];
  /** Computed on first call (navigation and rename read them, the diagnostics do not). */
  readonly symbols: () => SymbolModel[];
  readonly summary: Summary;
  readonly scope: ProblemScope;
}

const EQUALITIES = new Set(['=', '≈']);

interface LinkState {
  truth?: Value;
  /** Writer-world value, computed on demand. */
  writer?: Value | null;
  verdict: Verdict;
  failed: boolean;
  /** Where the mistake behind this link is (its own span when it is the mistake). */
  mistake?: Span;
}

interface QuestionBuilder {
  number?: string;
  title?: string;
  span: Span;
  headingSpan?: Span;
  items: ItemModel[];
}

export const DEFAULT_OPTIONS = { tolerance: 1e-9, vectorOrientation: 'lenient' as const, statementTimeBudgetMs: 2000 };

export class ProblemRun implements EvalHost {
  readonly scope = new ProblemScope();
  budget = new Budget(DEFAULT_OPTIONS.statementTimeBudgetMs);
  readonly diagnostics: Diagnostic[] = [];
  private readonly questions: QuestionBuilder[] = [];
  private readonly relTol: number;
  private readonly strictOrientation: boolean;
  private readonly timeBudget: number;
  private readonly gradientCache = new Map<string, GradientResult>();
  /** Where a rounded value was written (`≈ 0.33`): what follows from it is no mistake. */
  private readonly roundings = new Set<number>();
  /** Each statement's link verdicts, for the summaries (the link models themselves are lazy). */
  private readonly verdicts = new Map<StatementModel, readonly Verdict[]>();
  /** One backward pass per traced gradient, however many statements use it. */
  private readonly passCache = new WeakMap<GradientResult, BackwardPass>();
  private statementId = 0;
  private currentStatement: Statement | undefined;
  private currentCalls: CallRecord[] = [];
  private currentGradients: { node: DerivativeExpr; result: GradientResult }[] = [];
  private localIndex = 0;

  constructor(
    private readonly input: ProblemInput,
    options: CheckOptions,
  ) {
    this.relTol = options.tolerance ?? DEFAULT_OPTIONS.tolerance;
    this.strictOrientation = (options.vectorOrientation ?? 'lenient') === 'strict';
    this.timeBudget = options.statementTimeBudgetMs ?? DEFAULT_OPTIONS.statementTimeBudgetMs;
  }

  // ------------------------------------------------------------ EvalHost

  isCountUnitElsewhere(name: string): boolean {
    return this.input.countUnits.has(name);
  }

  gradient(node: DerivativeExpr, world: World): Value {
    const key = `${world}|${node.of.name}|${node.wrt.name}|${this.scope.version}`;
    let result = this.gradientCache.get(key);
    if (!result) {
      result = computeGradient(this, node, world);
      this.gradientCache.set(key, result);
    }
    if (world === 'truth' && this.currentStatement && within(node.span, this.currentStatement.span)) {
      if (!this.currentGradients.some((g) => g.node.span.start === node.span.start))
        this.currentGradients.push({ node, result });
    }
    return result.value;
  }

  onCall(record: CallRecord): void {
    if (this.currentStatement && within(record.node.span, this.currentStatement.span)) {
      if (!this.currentCalls.some((c) => c.node.span.start === record.node.span.start)) this.currentCalls.push(record);
    }
  }

  // ------------------------------------------------------------ statements

  run(): ProblemOutcome {
    const first: QuestionBuilder = { span: this.input.span, items: [] };
    this.questions.push(first);
    for (const statement of this.input.statements) {
      this.budget = new Budget(this.timeBudget);
      this.currentStatement = statement;
      this.currentCalls = [];
      this.currentGradients = [];
      try {
        this.statement(statement);
      } catch (e) {
        // A bug must not take the editor down: report it on the statement.
        const message = e instanceof Error ? e.message : String(e);
        this.diagnostics.push(
          diagnostic('internal.error', 'error', statement.span, `the checker failed on this statement: ${message}`),
        );
      }
    }
    this.closeQuestions();
    const questions = this.questions
      .filter((q, i) => i > 0 || q.items.length > 0 || this.questions.length === 1)
      .map((q) => ({ ...q, summary: summarize(q.items, this.verdicts) }));
    const summary = summarize(
      questions.flatMap((q) => q.items),
      this.verdicts,
    );
    let symbols: SymbolModel[] | undefined;
    return {
      diagnostics: this.diagnostics,
      questions,
      symbols: () => (symbols ??= this.symbols()),
      summary,
      scope: this.scope,
    };
  }

  private get question(): QuestionBuilder {
    return this.questions[this.questions.length - 1];
  }

  private closeQuestions(): void {
    for (let i = 0; i < this.questions.length; i++) {
      const q = this.questions[i];
      const next = this.questions[i + 1];
      const end = next ? (next.headingSpan?.start ?? next.span.start) : this.input.span.end;
      q.span = {
        start: q.headingSpan?.start ?? q.items[0]?.span.start ?? q.span.start,
        end: Math.max(end, q.span.start),
      };
    }
  }

  private nextId(): number {
    return this.input.index * 1_000_000 + this.localIndex++;
  }

  private statement(s: Statement): void {
    switch (s.kind) {
      case 'homework':
      case 'problem':
        return;
      case 'question':
        this.questions.push({
          number: s.number?.text,
          title: s.title?.text,
          span: s.span,
          headingSpan: s.span,
          items: [],
        });
        return;
      case 'prose':
        this.question.items.push({ kind: 'prose', span: s.span, text: s.text });
        return;
      case 'unit':
        return this.unitStatement(s);
      case 'given':
        return this.givenStatement(s);
      case 'chain':
        return this.chainStatement(s, false);
      case 'answer':
        return this.chainStatement(s.body, true, s);
      case 'for':
        return this.forStatement(s);
      case 'error':
        return;
    }
  }

  private unitStatement(s: UnitStatement): void {
    for (const n of s.names) {
      if (declareCountUnit(n.name)) this.scope.declareUnit(n.name);
      else
        this.diagnostics.push(
          diagnostic(
            'unit.bad-name',
            'error',
            n.span,
            `${n.name} cannot name a unit: use a letter followed by letters or digits`,
          ),
        );
    }
    this.pushStatement(s, 'unit', [], undefined, false);
  }

  private givenStatement(s: GivenStatement): void {
    const defines: string[] = [];
    const values: (Value | undefined)[] = [];
    for (const binding of s.bindings) {
      const target = binding.target;
      const key = target.kind === 'name' ? target.name : derivativeKey(target.of.name, target.wrt.name);
      const value = this.evaluateReported(binding.value, 'truth');
      values.push(value);
      this.scope.define({
        key,
        kind: 'given',
        nameSpan: target.span,
        statementId: this.statementIdPreview(),
        truth: value,
        writer: value,
        expr: undefined,
        references: [],
      });
      defines.push(key);
    }
    const links = () =>
      s.bindings.map((binding, i): LinkModel => {
        const target = binding.target;
        const value = values[i];
        return {
          span: binding.span,
          latex: `${target.kind === 'name' ? nameToLatex(target.name) : exprToLatex(target)} = ${exprToLatex(binding.value)}`,
          verdict: 'truth',
          ...(value ? { value: formatValue(value) } : {}),
        };
      });
    const only = s.bindings.length === 1 ? values[0] : undefined;
    this.pushStatement(
      s,
      'given',
      links,
      only,
      false,
      defines,
      s.bindings.map(() => 'truth'),
    );
  }

  private statementIdPreview(): number {
    return this.input.index * 1_000_000 + this.localIndex;
  }

  // ------------------------------------------------------------ chains

  private chainStatement(chain: ChainStatement, isAnswer: boolean, outer: Statement = chain): void {
    const links = chain.links;
    const head = links[0].expr;
    // A function definition: f(x, y) = body.
    if (head.kind === 'call' && this.isFunctionHead(head) && links.length >= 2 && links[1].relation === '=') {
      return this.functionDefinition(head, links, outer, isAnswer);
    }
    let kind: StatementKind = 'claim';
    let definesKey: string | undefined;
    let definesSpan: Span | undefined;
    let subjectIndex = 0;
    let restated: Binding | undefined;
    let derivativeSubject: string | undefined;
    if (
      head.kind === 'name' &&
      links.length >= 2 &&
      links[1].relation !== undefined &&
      EQUALITIES.has(links[1].relation)
    ) {
      const existing = this.scope.lookup(head.name);
      if (!existing) {
        kind = 'definition';
        definesKey = head.name;
        definesSpan = head.span;
        subjectIndex = 1;
      } else if (existing.kind !== 'function') {
        restated = existing;
        this.addReference(existing, head);
      }
    } else if (
      head.kind === 'derivative' &&
      links.length >= 2 &&
      links[1].relation !== undefined &&
      EQUALITIES.has(links[1].relation)
    ) {
      const key = derivativeKey(head.of.name, head.wrt.name);
      const bound = this.scope.lookup(key);
      const of = this.scope.lookup(head.of.name);
      if (bound) {
        restated = bound;
        this.addReference(bound, head.of);
      } else if (!of) {
        kind = 'definition';
        definesKey = key;
        definesSpan = head.span;
        subjectIndex = 1;
      } else {
        derivativeSubject = key;
      }
    }
    if (subjectIndex === 1 && links[1].expr.kind === 'unknown') {
      this.diagnostics.push(
        diagnostic(
          'value.unknown-definition',
          'error',
          links[1].expr.span,
          `nothing to compute ${definesKey} from: write its expression before \`?\``,
        ),
      );
      this.pushStatement(outer, 'error', [], undefined, isAnswer);
      return;
    }

    const states = this.judgeChain(links, subjectIndex);
    const subject = states[subjectIndex];
    const models = () => this.linkModels(links, states, subjectIndex);
    const verdicts = states.map((st, i) => (i < subjectIndex ? 'truth' : st.verdict));

    // What the writer now believes the subject is.
    const last = lastJudged(states, subjectIndex);
    let writer: Value | undefined = subject.truth;
    let mistake: Span | undefined;
    if (last && (last.verdict === 'wrong' || last.verdict === 'follows')) {
      writer = last.writer ?? last.truth;
      mistake = last.mistake;
    } else if (
      last &&
      last.truth &&
      subject.truth &&
      (last.verdict === 'approx' || last.verdict === 'right') &&
      !sameValue(last.truth, subject.truth, this.relTol)
    ) {
      // A rounded value (`r = 1/3 ≈ 0.33`): later steps may use the digits written.
      writer = last.truth;
      mistake = links[states.indexOf(last)].expr.span;
      this.roundings.add(mistake.start);
    } else if (!last && subject.truth !== undefined && this.scope.hasDivergence()) {
      const w = this.writerValue(links[subjectIndex].expr, subject);
      if (w && !sameValue(w, subject.truth, this.relTol)) {
        writer = w;
        mistake = this.divergentMistake(links[subjectIndex].expr);
      }
    }

    if (kind === 'definition' && definesKey) {
      this.scope.define({
        key: definesKey,
        kind: 'definition',
        nameSpan: definesSpan!,
        statementId: this.statementIdPreview(),
        truth: subject.truth,
        writer,
        mistake,
        expr: links[subjectIndex].expr,
        references: [],
      });
    } else if (restated) {
      if (last) {
        restated.writer = last.verdict === 'wrong' || last.verdict === 'follows' ? writer : restated.truth;
        restated.mistake = mistake;
        this.scope.version++;
      }
    } else if (derivativeSubject && last && writer && (last.verdict === 'wrong' || last.verdict === 'follows')) {
      this.scope.setWriterDerivative(derivativeSubject, writer, mistake);
    }
    this.pushStatement(outer, kind, models, subject.truth, isAnswer, definesKey ? [definesKey] : undefined, verdicts);
  }

  private isFunctionHead(call: CallExpr): boolean {
    if (call.prime || call.named.length > 0) return false;
    if (findBuiltin(call.callee.name)) return false;
    const existing = this.scope.lookup(call.callee.name);
    if (existing && existing.kind !== 'function') return false;
    if (existing?.kind === 'function') return false; // restating f(…) = … is a claim
    return call.args.length > 0 && call.args.every((a) => a.kind === 'name');
  }

  private functionDefinition(head: CallExpr, links: readonly Link[], outer: Statement, isAnswer: boolean): void {
    const params = head.args.map((a) => (a as NameRef).name);
    const body = links[1].expr;
    // Defined first, so that a recursive body names itself (its calls then stop at the nesting limit).
    this.scope.define({
      key: head.callee.name,
      kind: 'function',
      nameSpan: head.callee.span,
      statementId: this.statementIdPreview(),
      truth: undefined,
      writer: undefined,
      expr: body,
      params,
      references: [],
    });
    // Names in the body must be parameters or visible names.
    const local = this.scope.child();
    for (const p of params)
      local.define({
        key: p,
        kind: 'parameter',
        nameSpan: head.span,
        statementId: -1,
        truth: Matrix.scalar(0),
        writer: Matrix.scalar(0),
        references: [],
      });
    this.reportUndefined(body, local);
    if (links.length > 2) {
      this.diagnostics.push(
        diagnostic(
          'function.extra-links',
          'warning',
          links[2].span,
          `a function definition has one body; the rest of this chain is not checked (state values with calls, e.g. ${head.callee.name}(1) = …)`,
        ),
      );
    }
    const models: LinkModel[] = [
      { span: links[0].span, latex: linkToLatex(links[0]), verdict: 'truth' },
      { span: links[1].span, relation: '=', latex: linkToLatex(links[1]), verdict: 'truth' },
    ];
    this.pushStatement(outer, 'function', models, undefined, isAnswer, [head.callee.name]);
  }

  /**
   * Evaluates every link and gives each a verdict. `subjectIndex` is the link
   * holding the truth (1 for a definition `x = …`, else 0).
   */
  private judgeChain(links: readonly Link[], subjectIndex: number): LinkState[] {
    const states: LinkState[] = links.map(() => ({ verdict: 'unchecked', failed: false }));
    for (let i = subjectIndex; i < links.length; i++) {
      const link = links[i];
      const state = states[i];
      if (link.expr.kind === 'unknown' && i > subjectIndex) continue;
      const value = this.evaluateReported(link.expr, 'truth');
      if (value === undefined) state.failed = true;
      else state.truth = value;
    }
    const subject = states[subjectIndex];
    if (!subject.failed) subject.verdict = 'truth';
    let equalitiesSoFar = true;
    for (let i = subjectIndex + 1; i < links.length; i++) {
      const link = links[i];
      const state = states[i];
      const relation = link.relation ?? '=';
      const isEquality = EQUALITIES.has(relation);
      equalitiesSoFar = equalitiesSoFar && isEquality;
      const refIndex = isEquality && equalitiesSoFar ? subjectIndex : i - 1;
      const ref = states[refIndex];
      if (link.expr.kind === 'unknown') {
        this.fillUnknown(link, state, ref, isEquality, links[refIndex]);
        continue;
      }
      if (state.failed || ref.truth === undefined || state.truth === undefined) continue;
      if (isEquality) this.judgeEquality(links, i, states, refIndex, relation === '≈');
      else this.judgeRelation(links, i, states, relation);
    }
    return states;
  }

  private fillUnknown(link: Link, state: LinkState, ref: LinkState, isEquality: boolean, refLink: Link): void {
    // The link it would be filled from failed: that failure is already reported, the `?` is no second mistake.
    if (!isEquality) {
      this.diagnostics.push(
        diagnostic('value.unknown-relation', 'error', link.expr.span, '`?` can only be filled after `=` or `≈`'),
      );
      return;
    }
    const truth = ref.truth;
    if (truth === undefined) return;
    state.truth = truth;
    state.verdict = 'filled';
    const text = valueText(truth);
    const subjectLabel = label(this.textOf(refLink.expr.span), 'the first expression');
    this.diagnostics.push(
      diagnostic('value.unknown', 'info', link.expr.span, `${subjectLabel} is ${shorten(text)}`, {
        expected: text,
        fixes: [
          replaceFix('fill-unknown', `Fill in ${shorten(text)}`, [{ span: link.expr.span, newText: text }], true, true),
        ],
      }),
    );
  }

  private judgeEquality(
    links: readonly Link[],
    i: number,
    states: LinkState[],
    refIndex: number,
    approx: boolean,
  ): void {
    const link = links[i];
    const state = states[i];
    const ref = states[refIndex];
    const stated = state.truth!;
    const expected = ref.truth!;
    const written = writtenTolerances(link.expr, (name) => this.isUnitName(name));
    const comparison = compareValues(stated, expected, { relTol: this.relTol, approx, writtenTolerance: written });
    if (comparison.kind === 'equal') {
      state.verdict = 'right';
      if (comparison.transposed) this.orientationDiagnostic(links, i, stated, expected, refIndex);
      return;
    }
    if (comparison.kind === 'rounded') {
      state.verdict = 'approx';
      const refLabel = label(this.textOf(links[refIndex].expr.span), 'the first expression');
      const fixes = link.relationSpan
        ? [replaceFix('use-approx', 'Write ≈ (rounded value)', [{ span: link.relationSpan, newText: '≈' }], true, true)]
        : [];
      this.diagnostics.push(
        diagnostic(
          'value.rounded',
          'warning',
          link.expr.span,
          `right only to the digits written: ${refLabel} is ${inStatedUnits(stated, expected)}; write ≈ for a rounded value`,
          { fixes, expected: inStatedUnits(stated, expected), found: valueText(stated) },
        ),
      );
      return;
    }
    // Wrong against the truth. Does it follow from an earlier mistake?
    const follows = this.followsFrom(links, i, states, refIndex);
    if (follows) {
      state.verdict = 'follows';
      state.mistake = follows;
      state.writer = state.writer ?? stated;
      const rounding = this.roundings.has(follows.start);
      const message = rounding
        ? `uses the rounded value written earlier: right for it (unrounded, it is ${shorten(valueText(expected))})`
        : `follows from an earlier mistake: right for the value written there (the true value is ${shorten(valueText(expected))})`;
      this.diagnostics.push(
        diagnostic('value.follows', 'info', link.expr.span, message, {
          related: [
            {
              span: follows,
              message: rounding ? 'the rounded value this step uses' : 'the mistake this step follows from',
            },
          ],
          expected: valueText(expected),
          found: valueText(stated),
        }),
      );
      return;
    }
    state.verdict = 'wrong';
    state.mistake = link.expr.span;
    this.wrongValueDiagnostics(links, i, stated, expected, refIndex, comparison);
  }

  private judgeRelation(links: readonly Link[], i: number, states: LinkState[], relation: string): void {
    const link = links[i];
    const state = states[i];
    const prev = states[i - 1];
    const holds = (a: Value, b: Value): boolean | undefined => {
      if (relation === '≠') return !sameValue(a, b, this.relTol);
      const order = orderOf(a, b, this.relTol);
      if (order === undefined) return undefined;
      switch (relation) {
        case '<':
          return order < 0;
        case '≤':
          return order <= 0;
        case '>':
          return order > 0;
        case '≥':
          return order >= 0;
      }
      return undefined;
    };
    if (prev.truth === undefined) return;
    const verdict = holds(prev.truth, state.truth!);
    if (verdict === undefined) {
      this.diagnostics.push(
        diagnostic(
          'relation.incomparable',
          'error',
          link.span,
          `${relation} compares single numbers (or quantities of one kind); these are ${shapeText(prev.truth)} and ${shapeText(state.truth!)}`,
        ),
      );
      return;
    }
    if (verdict) {
      state.verdict = 'right';
      return;
    }
    if (this.scope.hasDivergence()) {
      const w0 = this.writerValue(links[i - 1].expr, prev);
      const w1 = this.writerValue(link.expr, state);
      if (w0 && w1 && holds(w0, w1)) {
        const mistake = this.divergentMistake(link.expr) ?? this.divergentMistake(links[i - 1].expr);
        if (mistake) {
          state.verdict = 'follows';
          state.mistake = mistake;
          this.diagnostics.push(
            diagnostic(
              'value.follows',
              'info',
              link.span,
              'follows from an earlier mistake: true for the values written there',
              { related: [{ span: mistake, message: 'the mistake this step follows from' }] },
            ),
          );
          return;
        }
      }
    }
    state.verdict = 'wrong';
    state.mistake = link.span;
    const left = valueText(prev.truth);
    const right = valueText(state.truth!);
    this.diagnostics.push(
      diagnostic('relation.false', 'error', link.span, `${shorten(left)} ${relation} ${shorten(right)} is false`, {
        expected: left,
        found: right,
      }),
    );
  }

  /** The span of the mistake a wrong link is consistent with, if any. */
  private followsFrom(links: readonly Link[], i: number, states: LinkState[], refIndex: number): Span | undefined {
    const state = states[i];
    const prev = states[i - 1];
    // Consistent with the previous written step, which was itself wrong.
    if (
      (prev.verdict === 'wrong' || prev.verdict === 'follows') &&
      prev.truth !== undefined &&
      sameValue(state.truth!, prev.truth, this.relTol)
    ) {
      return prev.mistake ?? links[i - 1].expr.span;
    }
    if (!this.scope.hasDivergence()) return undefined;
    const ws = this.writerValue(links[i].expr, state);
    if (!ws) return undefined;
    const ref = states[refIndex];
    const wr = this.writerValue(links[refIndex].expr, ref);
    if (wr && sameValue(ws, wr, this.relTol))
      return this.divergentMistake(links[refIndex].expr) ?? this.divergentMistake(links[i].expr);
    if (i - 1 !== refIndex) {
      const wp = this.writerValue(links[i - 1].expr, prev);
      if (wp && sameValue(ws, wp, this.relTol))
        return prev.mistake ?? this.divergentMistake(links[i - 1].expr) ?? this.divergentMistake(links[i].expr);
    }
    return undefined;
  }

  /** The writer-world value of a link, computed once. */
  private writerValue(expr: Expr, state: LinkState): Value | undefined {
    if (state.writer === undefined) {
      if (!this.refersToDivergence(expr)) state.writer = state.truth ?? null;
      else {
        try {
          state.writer = new Evaluator(this, 'writer').evaluate(expr);
        } catch {
          state.writer = null;
        }
      }
    }
    return state.writer ?? undefined;
  }

  private refersToDivergence(expr: Expr): boolean {
    for (const use of collectNames(expr)) {
      if (use.role === 'value') {
        const b = this.scope.lookup(use.ref.name);
        if (b && b.writer !== b.truth) return true;
      } else if (use.role === 'derivative') {
        // A gradient diverges when any definition does.
        if (this.scope.hasDivergence()) return true;
      } else if (use.role === 'callee' && this.scope.lookup(use.ref.name)?.kind === 'function') {
        if (this.scope.hasDivergence()) return true;
      }
    }
    return false;
  }

  /** Where the first diverging name an expression reads went wrong. */
  private divergentMistake(expr: Expr): Span | undefined {
    for (const use of collectNames(expr)) {
      if (use.role === 'value') {
        const b = this.scope.lookup(use.ref.name);
        if (b && b.writer !== b.truth && b.mistake) return b.mistake;
      } else if (use.role === 'derivative' && use.derivative) {
        const stated = this.scope.writerDerivative(derivativeKey(use.derivative.of.name, use.derivative.wrt.name));
        if (stated?.mistake) return stated.mistake;
        const m = this.anyMistake();
        if (m) return m;
      }
    }
    return undefined;
  }

  private anyMistake(): Span | undefined {
    for (const b of this.scope.all) if (b.writer !== b.truth && b.mistake) return b.mistake;
    return undefined;
  }

  private orientationDiagnostic(
    links: readonly Link[],
    i: number,
    stated: Value,
    expected: Value,
    refIndex: number,
  ): void {
    const link = links[i];
    if (stated.kind !== 'matrix' || expected.kind !== 'matrix') return;
    const refLabel = label(this.textOf(links[refIndex].expr.span), 'the first expression');
    const statedShape = stated.rows === 1 ? `a 1×${stated.cols} row` : `a ${stated.rows}×1 column`;
    const expectedShape = expected.rows === 1 ? `the 1×${expected.cols} row` : `the ${expected.rows}×1 column`;
    const literal = link.expr.kind === 'matrix';
    const fixes = literal
      ? [
          replaceFix(
            'orientation',
            `Write it as ${expectedShape.replace('the ', 'a ')}`,
            [{ span: link.expr.span, newText: formatMatrix(expected) }],
            false,
            false,
          ),
        ]
      : [];
    this.diagnostics.push(
      diagnostic(
        'value.orientation',
        this.strictOrientation ? 'warning' : 'info',
        link.expr.span,
        `written as ${statedShape}; ${refLabel} is ${expectedShape} ${shorten(valueText(expected))} (same values)`,
        { fixes, expected: valueText(expected), found: valueText(stated) },
      ),
    );
  }

  private wrongValueDiagnostics(
    links: readonly Link[],
    i: number,
    stated: Value,
    expected: Value,
    refIndex: number,
    comparison: Comparison,
  ): void {
    const link = links[i];
    const expr = unwrapParens(link.expr);
    const refLabel = label(this.textOf(links[refIndex].expr.span), refIndex === 0 ? 'the first expression' : 'it');
    const literal = isWrittenValue(expr) || quantityLiteralNumber(expr, (name) => this.isUnitName(name)) !== undefined;
    // A quantity is best read in the unit the writer chose: "100 s is 1.66666666667 min, not 1.9 min".
    const expectedText = inStatedUnits(stated, expected);
    const foundText = valueText(stated);
    if (comparison.kind === 'entries' && stated.kind === 'matrix' && expected.kind === 'matrix') {
      if (expr.kind === 'matrix' && stated.rows === expected.rows && stated.cols === expected.cols) {
        for (const { row, col } of comparison.wrong) {
          const entry = expr.rows[row]?.[col];
          if (!entry) continue;
          const want = formatNumber(expected.get(row, col));
          const got = formatNumber(stated.get(row, col));
          this.diagnostics.push(
            diagnostic(
              'value.wrong-entry',
              'error',
              entry.span,
              `entry ${entryLabel(row, col)} of ${refLabel} is ${want}, written ${got}`,
              {
                expected: want,
                found: got,
                fixes: [
                  replaceFix('replace-value', `Change to ${want}`, [{ span: entry.span, newText: want }], true, true),
                ],
              },
            ),
          );
        }
        return;
      }
      const list = comparison.wrong
        .slice(0, 6)
        .map(
          ({ row, col }) =>
            `${entryLabel(row, col)} is ${formatNumber(expected.get(row, col))}, this gives ${formatNumber(stated.get(row, col))}`,
        )
        .join('; ');
      this.diagnostics.push(
        diagnostic(
          'value.wrong',
          'error',
          link.expr.span,
          `this step is wrong in ${comparison.wrong.length} entr${comparison.wrong.length === 1 ? 'y' : 'ies'} of ${refLabel}: ${list}`,
          { expected: expectedText, found: foundText },
        ),
      );
      return;
    }
    if (comparison.kind === 'shape') {
      this.diagnostics.push(
        diagnostic(
          'value.shape',
          'error',
          link.expr.span,
          `this is ${shapeText(stated)}${stated.kind === 'matrix' && stated.size <= 12 ? ` (${foundText})` : ''}, but ${refLabel} is ${shapeText(expected)}${expected.kind === 'matrix' && expected.size <= 12 ? ` (${expectedText})` : ''}`,
          {
            expected: expectedText,
            found: foundText,
            fixes: literal
              ? [
                  replaceFix(
                    'replace-value',
                    `Change to ${shorten(expectedText)}`,
                    [{ span: link.expr.span, newText: expectedText }],
                    true,
                    true,
                  ),
                ]
              : [],
          },
        ),
      );
      return;
    }
    if (comparison.kind === 'units') {
      this.diagnostics.push(
        diagnostic(
          'unit.mismatch',
          'error',
          link.expr.span,
          `the units differ: ${refLabel} is ${shorten(expectedText)}, this is ${shorten(foundText)}`,
          { expected: expectedText, found: foundText },
        ),
      );
      return;
    }
    // Messages stay short; `expected`/`found` and the fix carry the whole value.
    const message = literal
      ? `${refLabel} is ${shorten(expectedText)}, not ${shorten(foundText)}`
      : `this step gives ${shorten(foundText)}, but ${refLabel} is ${shorten(expectedText)}`;
    this.diagnostics.push(
      diagnostic('value.wrong', 'error', link.expr.span, message, {
        expected: expectedText,
        found: foundText,
        fixes: literal
          ? [
              replaceFix(
                'replace-value',
                `Change to ${shorten(expectedText)}`,
                [{ span: link.expr.span, newText: expectedText }],
                true,
                true,
              ),
            ]
          : [],
      }),
    );
  }

  // ------------------------------------------------------------ identities

  private forStatement(s: ForStatement): void {
    const local = this.scope.child();
    for (const v of s.variables)
      local.define({
        key: v.name,
        kind: 'parameter',
        nameSpan: v.span,
        statementId: -1,
        truth: Matrix.scalar(1),
        writer: Matrix.scalar(1),
        references: [],
      });
    let ok = true;
    for (const link of s.body.links) ok = this.reportUndefined(link.expr, local) && ok;
    const models: LinkModel[] = [];
    if (ok) {
      const result = checkIdentity(this, s, local, this.relTol, (span) => this.textOf(span));
      for (const d of result.diagnostics) this.diagnostics.push(d);
      s.body.links.forEach((link, i) => {
        models.push({
          span: link.span,
          ...(link.relation ? { relation: link.relation } : {}),
          latex: linkToLatex(link),
          verdict: i === 0 ? 'truth' : result.verdicts[i],
        });
      });
    }
    this.pushStatement(s, 'identity', models, undefined, false);
  }

  // ------------------------------------------------------------ helpers

  /** Evaluates, turning errors into diagnostics; undefined when it failed. */
  evaluateReported(expr: Expr, world: World, scope: ProblemScope = this.scope): Value | undefined {
    if (!this.reportUndefined(expr, scope)) return undefined;
    try {
      return new Evaluator(this, world, scope).evaluate(expr);
    } catch (e) {
      this.report(e);
      return undefined;
    }
  }

  report(e: unknown): void {
    if (e instanceof Unavailable) return;
    if (e instanceof LocatedError) {
      if (e.error instanceof ShapeError) this.diagnostics.push(shapeDiagnostic(e.error, e.node, (s) => this.textOf(s)));
      else this.diagnostics.push(diagnostic(e.error.code, 'error', e.span, e.error.message));
      return;
    }
    if (e instanceof EvalError) {
      this.diagnostics.push(diagnostic(e.code, 'error', this.currentStatement?.span ?? this.input.span, e.message));
      return;
    }
    throw e;
  }

  /**
   * Reports every undefined name in an expression (all of them, not just
   * the first) with a did-you-mean, and records references. False when any.
   */
  reportUndefined(expr: Expr, scope: ProblemScope = this.scope): boolean {
    let ok = true;
    for (const use of collectNames(expr)) {
      const name = use.ref.name;
      if (use.role === 'callee') {
        const b = scope.lookup(name);
        if (b) {
          this.addReference(b, use.ref);
          continue;
        }
        if (findBuiltin(name)) continue;
        const candidates = [
          ...builtinNames(),
          ...scope.visibleNames().filter((n) => scope.lookup(n)?.kind === 'function'),
        ];
        this.undefinedName(
          use.ref,
          closestName(name, candidates),
          'call.unknown-function',
          `there is no function ${name}`,
        );
        ok = false;
        continue;
      }
      if (use.role === 'derivative' && use.derivative) {
        const key = derivativeKey(use.derivative.of.name, use.derivative.wrt.name);
        const keyBinding = scope.lookup(key);
        if (keyBinding) {
          if (use.ref === use.derivative.of) this.addReference(keyBinding, use.derivative.of);
          continue;
        }
      }
      const b = scope.lookup(name);
      if (b) {
        this.addReference(b, use.ref);
        continue;
      }
      if (use.role === 'value' && new Evaluator(this, 'truth', scope).unit(name)) continue;
      // A value goes here: functions are no candidates.
      const suggestion = closestName(
        name,
        scope.visibleNames().filter((n) => scope.lookup(n)?.kind !== 'function'),
      );
      this.undefinedName(use.ref, suggestion, 'name.undefined', `${name} is not defined in this problem`);
      ok = false;
    }
    return ok;
  }

  private undefinedName(ref: NameRef, suggestion: string | undefined, code: string, message: string): void {
    this.diagnostics.push(
      diagnostic(code, 'error', ref.span, suggestion ? `${message}; did you mean ${suggestion}?` : message, {
        fixes: suggestion
          ? [
              replaceFix(
                'did-you-mean',
                `Change to ${suggestion}`,
                [{ span: ref.span, newText: suggestion }],
                true,
                false,
              ),
            ]
          : [],
      }),
    );
  }

  private addReference(b: Binding, ref: NameRef): void {
    if (b.kind === 'parameter') return;
    if (b.nameSpan.start === ref.span.start) return;
    b.references.push(ref.span); // duplicates are dropped when symbols are built
  }

  /** A name that is not bound here but names a unit. */
  private isUnitName(name: string): boolean {
    return !this.scope.has(name) && new Evaluator(this, 'truth').unit(name) !== undefined;
  }

  textOf(span: Span): string {
    return this.input.text.slice(span.start, span.end);
  }

  /**
   * Verdicts now; LaTeX and formatted values on first read (only the
   * derivations view, hovers and inlay hints read them).
   */
  private linkModels(links: readonly Link[], states: LinkState[], subjectIndex: number): LinkModel[] {
    return links.map((link, i) => {
      const s = states[i];
      const verdict: Verdict = i < subjectIndex ? 'truth' : s.verdict;
      const model: LinkModel = {
        span: link.span,
        ...(link.relation ? { relation: link.relation } : {}),
        latex: linkToLatex(link),
        verdict,
        ...(s.verdict === 'follows' && s.mistake ? { followsFrom: s.mistake } : {}),
      };
      const truth = s.truth;
      if (truth) (model as { value?: unknown }).value = formatValue(truth);
      if (s.verdict === 'wrong' || s.verdict === 'follows' || s.verdict === 'approx') {
        const reference = this.referenceOf(links, states, i, subjectIndex);
        if (reference) {
          (model as { expected?: unknown }).expected = formatValue(reference);
          if (
            s.verdict === 'wrong' &&
            truth?.kind === 'matrix' &&
            reference.kind === 'matrix' &&
            reference.rows === truth.rows &&
            reference.cols === truth.cols
          ) {
            const wrong = entriesDiffering(truth, reference.data, this.relTol);
            if (wrong.length > 0) (model as { wrongEntries?: unknown }).wrongEntries = wrong;
          }
        }
      }
      return model;
    });
  }

  /** The value link i is judged against: the truth while the chain is all equalities, else the link before. */
  private referenceOf(links: readonly Link[], states: LinkState[], i: number, subjectIndex: number): Value | undefined {
    let equalities = true;
    for (let k = subjectIndex + 1; k <= i; k++) equalities = equalities && EQUALITIES.has(links[k].relation ?? '=');
    return (equalities ? states[subjectIndex] : states[i - 1]).truth;
  }

  private pushStatement(
    s: Statement,
    kind: StatementKind,
    links: LinkModel[] | (() => LinkModel[]),
    value: Value | undefined,
    isAnswer: boolean,
    defines?: string[],
    verdicts?: readonly Verdict[],
  ): void {
    const id = this.nextId();
    // Kept by the lazy parts: copied to their size (an array grown by push keeps room for about 16 more).
    const gradients = this.currentGradients.slice();
    const calls = this.currentCalls.slice();
    let errors = 0;
    let warnings = 0;
    for (let k = this.diagnostics.length - 1; k >= 0 && this.diagnostics[k].span.start >= s.span.start; k--) {
      const d = this.diagnostics[k];
      if (!within(d.span, s.span)) continue;
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
    // Built key by key in the model's order; lazy parts are new keys, never over a placeholder (see lazy.ts).
    const parts: Record<string, unknown> = { kind: 'statement', id, statementKind: kind, isAnswer, span: s.span };
    defineLazy(parts, 'latex', () => safeLatex(s));
    if (defines) parts.defines = defines.slice();
    if (typeof links === 'function') defineLazy(parts, 'links', links);
    else parts.links = links;
    if (gradients.length > 0) defineLazy(parts, 'backward', () => this.backwardPasses(gradients));
    else parts.backward = [];
    if (calls.some((c) => c.builtin.steps)) defineLazy(parts, 'solvers', () => solverTraces(calls));
    else parts.solvers = [];
    parts.errors = errors;
    parts.warnings = warnings;
    if (value) defineLazy(parts, 'value', () => formatValue(value));
    const model = parts as unknown as StatementModel;
    this.verdicts.set(model, verdicts ?? (typeof links === 'function' ? links() : links).map((l) => l.verdict));
    this.question.items.push(model);
  }

  private backwardPasses(gradients: readonly { node: DerivativeExpr; result: GradientResult }[]): BackwardPass[] {
    // Read after the run: a fresh budget, so an old statement's deadline does not apply.
    this.budget = new Budget(this.timeBudget);
    return gradients.map(({ node, result }) => {
      let pass = this.passCache.get(result);
      if (!pass) {
        pass = backwardPass(node, result, this, (span) => this.textOf(span));
        this.passCache.set(result, pass);
      }
      return { ...pass, span: node.span };
    });
  }

  private symbols(): SymbolModel[] {
    return this.scope.all
      .filter((b) => b.kind !== 'parameter' && !b.key.startsWith('∂'))
      .map((b) => {
        const symbol: SymbolModel = {
          name: b.key,
          kind: b.kind === 'function' ? 'function' : b.kind === 'given' ? 'given' : 'definition',
          problemIndex: this.input.index,
          definitionSpan: b.nameSpan,
          references: uniqueSpans(b.references),
          statementId: b.statementId,
        };
        const truth = b.truth;
        if (truth) defineLazy(symbol, 'value', () => formatValue(truth));
        return symbol;
      });
  }
}

function solverTraces(calls: readonly CallRecord[]): SolverTrace[] {
  const out: SolverTrace[] = [];
  for (const call of calls) {
    if (!call.builtin.steps) continue;
    try {
      const steps = call.builtin.steps(call.args, call.output);
      out.push({
        span: call.node.span,
        solver: call.builtin.name,
        title: `${exprToLatex(call.node)} = ${formatValue(call.output).latex}`,
        steps,
      });
    } catch {
      // A solver that cannot explain this call still computed it; its steps are left out.
    }
  }
  return out;
}

function uniqueSpans(spans: readonly Span[]): Span[] {
  const seen = new Set<number>();
  const out: Span[] = [];
  for (const s of spans) {
    if (seen.has(s.start)) continue;
    seen.add(s.start);
    out.push(s);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The expected value, in the stated value's unit when both are quantities of one kind. */
function inStatedUnits(stated: Value, expected: Value): string {
  if (
    stated.kind === 'quantity' &&
    expected.kind === 'quantity' &&
    unitsCompatible(stated, expected) &&
    quantityNumber(stated) !== 0
  ) {
    return valueText(scaleQuantity(stated, inUnitsOf(expected, stated) / quantityNumber(stated)));
  }
  return valueText(expected);
}

function safeLatex(s: Statement): string {
  try {
    return statementToLatex(s);
  } catch {
    return '';
  }
}

function lastJudged(states: LinkState[], subjectIndex: number): LinkState | undefined {
  for (let i = states.length - 1; i > subjectIndex; i--) {
    const v = states[i].verdict;
    if (v === 'right' || v === 'wrong' || v === 'follows' || v === 'approx' || v === 'filled') return states[i];
  }
  return undefined;
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function unwrapParens(e: Expr): Expr {
  while (e.kind === 'paren') e = e.inner;
  return e;
}

function entriesDiffering(stated: Matrix, expected: ArrayLike<number>, relTol: number): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let i = 0; i < stated.rows; i++) {
    for (let j = 0; j < stated.cols; j++) {
      const a = stated.get(i, j);
      const b = expected[i * stated.cols + j];
      if (Math.abs(a - b) > relTol * Math.max(Math.abs(a), Math.abs(b)) && Math.abs(a - b) > 1e-12)
        out.push({ row: i, col: j });
    }
  }
  return out;
}

function shorten(text: string): string {
  return text.length > 100 ? `${text.slice(0, 97)}…` : text;
}

/** Counts of verdicts; `verdicts` (kept by the run) spares building the statements' link models. */
export function summarize(
  items: readonly ItemModel[],
  verdicts?: ReadonlyMap<StatementModel, readonly Verdict[]>,
): Summary {
  const s = { statements: 0, checked: 0, right: 0, wrong: 0, followed: 0, filled: 0, approx: 0 };
  for (const item of items) {
    if (item.kind !== 'statement') continue;
    s.statements++;
    for (const verdict of verdicts?.get(item) ?? item.links.map((l) => l.verdict)) {
      switch (verdict) {
        case 'right':
          s.right++;
          s.checked++;
          break;
        case 'wrong':
          s.wrong++;
          s.checked++;
          break;
        case 'follows':
          s.followed++;
          s.checked++;
          break;
        case 'filled':
          s.filled++;
          s.checked++;
          break;
        case 'approx':
          s.approx++;
          s.checked++;
          break;
        default:
          break;
      }
    }
  }
  return s;
}

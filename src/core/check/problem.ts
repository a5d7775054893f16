/**
 * Checks one problem: its statements in order, in one scope. It decides
 * what a chain is (definition, restatement, claim, function), has the judge
 * give each link its judgement (`judge.ts`), turns the judgements into
 * diagnostics (`verdictDiagnostics.ts`) and link models (`linkModels.ts`),
 * and records what the writer now believes each name is, for the
 * follow-through of later statements.
 *
 * Example: `a1 = W1 z0 + b1 = [2; 10; 4] + [0; -2; 5] = [2; 8; 9]` defines
 * a1 by `W1 z0 + b1` and checks the two further links against it.
 */
import type {
  BackwardPass,
  CheckOptions,
  Diagnostic,
  ItemModel,
  LinkModel,
  QuestionModel,
  SolverTrace,
  StatementKind,
  StatementModel,
  Summary,
  SymbolModel,
  Verdict,
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
import { linkToLatex, exprToLatex, nameToLatex, statementToLatex } from '../syntax/latexPrinter';
import { constantValue } from '../solvers/constants';
import { BUILTINS, findBuiltin, builtinNames } from '../solvers/registry';
import type { Span } from '../text/span';
import { EvalError, ShapeError } from '../values/errors';
import { formatValue } from '../values/format';
import { declareCountUnit } from '../values/units';
import { Matrix, type Value } from '../values/value';
import { Budget, Evaluator, type CallRecord, type EvalHost, type World } from './evaluate';
import { computeGradient, type GradientResult } from './gradient';
import { computeHessian } from './hessian';
import { backwardPass } from './backwardSteps';
import { defineLazy } from './lazy';
import { internalError, isEvaluationFailure, valueOrUndefined, type InternalErrorSink } from './failures';
import { closestName, diagnostic, makeFix, shapeDiagnostic } from './messages';
import { callableCandidates, definesFunction, definitionHint, knownSpelling } from './functionHeads';
import { checkIdentity } from './identity';
import { restateEntries } from './indexedClaims';
import type { Steps } from './steps';
import { EQUALITIES, judgeChain, type JudgeHost } from './judge';
import type { ChainJudgement } from './judgement';
import { chainLinkModels, chainVerdicts } from './linkModels';
import { derivativeKey, ProblemScope, type Binding } from './scope';
import { summarize } from './summaries';
import { judgeTaylor, taylorClaim, taylorLinkModels, type TaylorClaim, type TaylorJudgement } from './taylor';
import { chainDiagnostics, quoted, type Naming } from './verdictDiagnostics';
import { collectNames, LocatedError, Unavailable } from './walk';

export interface ProblemInput {
  readonly index: number;
  readonly number?: string;
  readonly title?: string;
  readonly headingSpan?: Span;
  readonly span: Span;
  readonly statements: readonly Statement[];
  readonly text: string;
  /** Count units declared anywhere in the homework (any of its problems). */
  readonly countUnits: ReadonlySet<string>;
  /** Markdown and LaTeX: the scope of the problem before, whose names this one sees (see `ProblemScope`). */
  readonly inherited?: ProblemScope;
}

export interface ProblemOutcome {
  readonly diagnostics: Diagnostic[];
  readonly questions: QuestionModel[];
  /** Computed on first call (navigation and rename read them, the diagnostics do not). */
  readonly symbols: () => SymbolModel[];
  readonly summary: Summary;
  readonly scope: ProblemScope;
}

interface QuestionBuilder {
  number?: string;
  title?: string;
  span: Span;
  headingSpan?: Span;
  items: ItemModel[];
}

const DEFAULT_OPTIONS = { tolerance: 1e-9, vectorOrientation: 'lenient' as const, statementTimeBudgetMs: 2000 };

export class ProblemRun implements EvalHost, JudgeHost {
  readonly scope: ProblemScope;
  budget = new Budget(DEFAULT_OPTIONS.statementTimeBudgetMs);
  readonly diagnostics: Diagnostic[] = [];
  private readonly questions: QuestionBuilder[] = [];
  readonly relTol: number;
  private readonly strictOrientation: boolean;
  private readonly timeBudget: number;
  private readonly gradientCache = new Map<string, GradientResult>();
  private readonly hessianCache = new Map<string, Matrix>();
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
  readonly internalErrors: InternalErrorSink;

  constructor(
    private readonly input: ProblemInput,
    options: CheckOptions,
  ) {
    this.scope = new ProblemScope(undefined, input.inherited);
    this.internalErrors = options.onInternalError;
    this.relTol = options.tolerance ?? DEFAULT_OPTIONS.tolerance;
    this.strictOrientation = (options.vectorOrientation ?? 'lenient') === 'strict';
    this.timeBudget = options.statementTimeBudgetMs ?? DEFAULT_OPTIONS.statementTimeBudgetMs;
  }

  // ------------------------------------------------------------ EvalHost

  isCountUnitDeclaredInHomework(name: string): boolean {
    return this.input.countUnits.has(name);
  }

  gradient(node: DerivativeExpr, world: World): Value {
    if (node.order === 2) return this.hessian(node, world);
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

  private hessian(node: DerivativeExpr, world: World): Value {
    const key = `${world}|${node.of.name}|${node.wrt.name}|${this.scope.version}`;
    let result = this.hessianCache.get(key);
    if (!result) {
      result = computeHessian(this, node, world);
      this.hessianCache.set(key, result);
    }
    return result;
  }

  onCall(record: CallRecord): void {
    if (this.currentStatement && within(record.node.span, this.currentStatement.span)) {
      if (!this.currentCalls.some((c) => c.node.span.start === record.node.span.start)) this.currentCalls.push(record);
    }
  }

  // ------------------------------------------------------------ statements

  /** The whole run now: a plain loop, since a generator's frame costs a check nobody slices. */
  run(): ProblemOutcome {
    this.begin();
    for (const statement of this.input.statements) this.runStatement(statement);
    return this.finish();
  }

  /** The same run, yielding after each statement (see steps.ts), for a host that slices it. */
  *runInSteps(pauses = true): Steps<ProblemOutcome> {
    if (!pauses) return this.run();
    this.begin();
    for (const statement of this.input.statements) {
      this.runStatement(statement);
      yield;
    }
    return this.finish();
  }

  private begin(): void {
    const first: QuestionBuilder = { span: this.input.span, items: [] };
    this.questions.push(first);
  }

  private runStatement(statement: Statement): void {
    this.budget = new Budget(this.timeBudget);
    this.currentStatement = statement;
    this.currentCalls = [];
    this.currentGradients = [];
    try {
      this.statement(statement);
    } catch (e) {
      // A bug must not take the editor down: report it on the statement (see failures.ts), and log it.
      this.internalErrors?.(internalError('checking a statement', e));
      const message = e instanceof Error ? e.message : String(e);
      this.diagnostics.push(
        diagnostic('internal.error', 'error', statement.span, `the checker failed on this statement: ${message}`),
      );
    }
  }

  private finish(): ProblemOutcome {
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
      const key = target.kind === 'name' ? target.name : derivativeKey(target.of.name, target.wrt.name, target.order);
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
    const taylor = taylorClaim(links, this.scope);
    if (taylor) return this.taylorStatement(taylor, links, outer, isAnswer);
    let kind: StatementKind = 'claim';
    let definesKey: string | undefined;
    let definesSpan: Span | undefined;
    let subjectIndex = 0;
    let restated: Binding | undefined;
    let derivativeSubject: string | undefined;
    const statesValue = statesSubjectValue(links);
    // `W[2,3] = 5` claims entries, never defines: afterwards the writer's W carries them (indexedClaims.ts).
    const indexedSubject = head.kind === 'index' && statesValue ? head : undefined;
    if (head.kind === 'name' && statesValue) {
      // An earlier problem's name (Markdown, LaTeX) is shadowed by a definition here, not restated.
      const existing = this.scope.lookupInProblem(head.name);
      if (!existing) {
        kind = 'definition';
        definesKey = head.name;
        definesSpan = head.span;
        subjectIndex = 1;
      } else if (existing.kind !== 'function') {
        restated = existing;
        this.addReference(existing, head);
      }
    } else if (head.kind === 'derivative' && statesValue) {
      const key = derivativeKey(head.of.name, head.wrt.name, head.order);
      const bound = this.scope.lookup(key);
      // About an earlier problem's L (Markdown, LaTeX), `∂L/∂X = …` sets a symbol: a new problem, a new L.
      const of = this.scope.lookupInProblem(head.of.name);
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

    const judged = judgeChain(this, links, subjectIndex);
    const naming: Naming = {
      // A gradient is named as `∂ℓ/∂W`, not by its spelling (`\frac{\partial \ell}{\par…` in LaTeX).
      subject:
        definesKey ??
        (head.kind === 'derivative' ? derivativeKey(head.of.name, head.wrt.name) : quoted(this.textOf(head.span))),
      textOf: (span) => this.textOf(span),
      strictOrientation: this.strictOrientation,
    };
    this.diagnostics.push(...chainDiagnostics(judged, links, naming));
    const subjectTruth = judged.links[subjectIndex].truth;

    // What the writer now believes the subject is.
    const departure = judged.departure;
    if (departure?.rounding) this.roundings.add(departure.span.start);
    if (kind === 'definition' && definesKey) {
      this.scope.define({
        key: definesKey,
        kind: 'definition',
        nameSpan: definesSpan!,
        statementId: this.statementIdPreview(),
        truth: subjectTruth,
        writer: departure ? judged.writer : subjectTruth,
        ...(departure && judged.unrounded ? { unrounded: judged.unrounded } : {}),
        ...(departure ? { mistake: departure.span } : {}),
        expr: links[subjectIndex].expr,
        references: [],
      });
    } else if (restated) {
      if (statesSubject(judged, links)) {
        restated.writer = departure ? judged.writer : restated.truth;
        restated.unrounded = departure ? judged.unrounded : undefined;
        restated.mistake = departure?.span;
        this.scope.version++;
      }
    } else if (derivativeSubject && departure && judged.writer) {
      // A gradient stated wrong, or rounded (`∂L/∂O ≈ [...]`): later steps may use the values written.
      this.scope.setWriterDerivative(derivativeSubject, {
        value: judged.writer,
        ...(judged.unrounded ? { unrounded: judged.unrounded } : {}),
        mistake: departure.span,
      });
    } else if (indexedSubject && subjectTruth && statesSubject(judged, links)) {
      restateEntries(this, indexedSubject, judged, subjectTruth);
    }
    this.pushStatement(
      outer,
      kind,
      () => chainLinkModels(judged, links),
      subjectTruth,
      isAnswer,
      definesKey ? [definesKey] : undefined,
      chainVerdicts(judged),
    );
  }

  /** `f(x0 + d) ≈ …`: judged to second order in d (taylor.ts), not by value. */
  private taylorStatement(claim: TaylorClaim, links: readonly Link[], outer: Statement, isAnswer: boolean): void {
    let judged: TaylorJudgement | undefined;
    if (links.map((link) => this.reportUndefined(link.expr)).every(Boolean)) {
      try {
        judged = judgeTaylor(this, claim, (span) => this.textOf(span));
      } catch (e) {
        this.report(e);
      }
    }
    if (judged?.diagnostic) this.diagnostics.push(judged.diagnostic);
    const models = taylorLinkModels(links, claim, judged);
    this.pushStatement(
      outer,
      'claim',
      models,
      undefined,
      isAnswer,
      undefined,
      models.map((m) => m.verdict),
    );
  }

  // ------------------------------------------------------------ JudgeHost

  evaluateTruth(expr: Expr): Value | undefined {
    return this.evaluateReported(expr, 'truth');
  }

  evaluateQuietly(expr: Expr, world: World): Value | undefined {
    const evaluate = () => new Evaluator(this, world).evaluate(expr);
    return valueOrUndefined(evaluate, `a value in the ${world} world`, this.internalErrors);
  }

  isRounding(span: Span): boolean {
    return this.roundings.has(span.start);
  }

  private isFunctionHead(call: CallExpr): boolean {
    return definesFunction(
      call,
      (name) => this.scope.lookup(name),
      (name) => findBuiltin(name) !== undefined,
    );
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
      const value = new Evaluator(this, world, scope).evaluate(expr);
      // `exp(-inf) inf`, `inf - inf`: no number, and no value to judge or to define a name by.
      if (world === 'truth' && value.kind === 'matrix' && value.data.some(Number.isNaN)) {
        this.diagnostics.push(
          diagnostic('call.domain', 'error', expr.span, 'this has no value: it takes 0 · ∞, ∞ − ∞ or ∞ / ∞'),
        );
        return undefined;
      }
      return value;
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
        const functions = scope.visibleNames().flatMap((n) => scope.lookup(n) ?? []);
        const candidates = use.call
          ? callableCandidates(
              use.call,
              [...BUILTINS.values()],
              functions.filter((b) => b.kind === 'function'),
            )
          : [...builtinNames(), ...functions.filter((b) => b.kind === 'function').map((b) => b.key)];
        const known = knownSpelling(name);
        this.undefinedName(
          use.ref,
          known?.rename ?? (known ? undefined : closestName(name, candidates)),
          'call.unknown-function',
          known?.hint
            ? `there is no function ${name}; ${known.hint}`
            : `there is no function ${name}${definitionHint(use.call, scope)}`,
        );
        ok = false;
        continue;
      }
      if (use.role === 'derivative' && use.derivative) {
        const key = derivativeKey(use.derivative.of.name, use.derivative.wrt.name, use.derivative.order);
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
      if (use.role === 'value' && (constantValue(name) || new Evaluator(this, 'truth', scope).unit(name))) continue;
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

  private undefinedName(ref: NameRef, suggestion: string | undefined, code: Diagnostic['code'], message: string): void {
    this.diagnostics.push(
      diagnostic(code, 'error', ref.span, suggestion ? `${message}; did you mean ${suggestion}?` : message, {
        fixes: suggestion
          ? [makeFix('did-you-mean', `Change to ${suggestion}`, [{ span: ref.span, newText: suggestion }], true, false)]
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
  isUnitName(name: string): boolean {
    return !this.scope.has(name) && new Evaluator(this, 'truth').unit(name) !== undefined;
  }

  textOf(span: Span): string {
    return this.input.text.slice(span.start, span.end);
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
    defineLazy(parts, 'latex', () => safeLatex(s, this.internalErrors));
    if (defines) parts.defines = defines.slice();
    if (typeof links === 'function') defineLazy(parts, 'links', links);
    else parts.links = links;
    if (gradients.length > 0) defineLazy(parts, 'backward', () => this.backwardPasses(gradients));
    else parts.backward = [];
    if (calls.some((c) => c.builtin.steps))
      defineLazy(parts, 'solvers', () => solverTraces(calls, this.internalErrors));
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

function solverTraces(calls: readonly CallRecord[], internalErrors: InternalErrorSink): SolverTrace[] {
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
    } catch (e) {
      // A built-in that cannot explain this call still computed it; its steps are left out.
      if (!isEvaluationFailure(e)) internalErrors?.(internalError(`the steps of ${call.builtin.name}`, e));
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

/** The printer raises nothing on purpose: a failure is a bug, reported, and the statement shows no math. */
function safeLatex(s: Statement, internalErrors: InternalErrorSink): string {
  try {
    return statementToLatex(s);
  } catch (e) {
    internalErrors?.(internalError('the LaTeX of a statement', e));
    return '';
  }
}

/** True when a link of the chain's leading `=`/`≈` run was judged: the chain states a value for its subject. */
function statesSubject(judged: ChainJudgement, links: readonly Link[]): boolean {
  for (let i = judged.subjectIndex + 1; i < links.length && EQUALITIES.has(links[i].relation ?? '='); i++) {
    const v = judged.links[i].verdict;
    if (v !== 'unchecked' && v !== 'truth') return true;
  }
  return false;
}

/** `E = …` or `E ≈ …`: the chain states a value for its first link. */
function statesSubjectValue(links: readonly Link[]): boolean {
  return links.length >= 2 && links[1].relation !== undefined && EQUALITIES.has(links[1].relation);
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * What the core returns: diagnostics as data, and a derivation model of the
 * whole homework. The CLI, the extension and the derivations view all read
 * these types and nothing else; none of them re-parses the text.
 *
 * All spans are offsets into the checked text (see `text/span.ts`).
 */
import type { DiagnosticCode } from './diagnosticCodes';
import type { Span } from './text/span';

export type { Span } from './text/span';

export type Severity = 'error' | 'warning' | 'info';

/** One replacement of an exact span. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export type FixKind =
  | 'replace-value' // a wrong stated value or matrix entry → the true one
  | 'use-approx' // `=` → `≈` for a value right only to the digits written
  | 'fill-unknown' // `?` → the computed value
  | 'did-you-mean' // an undefined name → a name in scope
  | 'transpose' // a shape error repaired by a transpose
  | 'orientation'; // a vector written in the other orientation → as computed

export interface Fix {
  readonly kind: FixKind;
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one fix to offer first. */
  readonly isPreferred: boolean;
  /** Safe to apply without looking (`source.fixAll`, `hwcheck --fix`). */
  readonly safe: boolean;
}

export interface RelatedInformation {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  /** Stable dotted code, e.g. `value.wrong-entry`: one of `DIAGNOSTIC_CODES`, documented in docs/language.md. */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly related: readonly RelatedInformation[];
  /** The payload quick fixes read. Empty when there is nothing to fix mechanically. */
  readonly fixes: readonly Fix[];
  /** The value that should stand here, in `.hw` syntax, where one applies. */
  readonly expected?: string;
  /** The value written here, in `.hw` syntax, where one applies. */
  readonly found?: string;
}

// ------------------------------------------------------------------ values

/** A computed value as the adapters show it. */
export interface ValueView {
  /** In `.hw` syntax, ready to insert: `[16, 64, 72; -24, -96, -108]`, `6000 min`. */
  readonly text: string;
  readonly latex: string;
  /** 1×1 for scalars and quantities; the last two axes of a tensor. */
  readonly rows: number;
  readonly cols: number;
  /** Every axis, outermost first: `[rows, cols]` for a matrix, `[C, H, W]` or `[N, C, H, W]` for a tensor. */
  readonly shape: readonly number[];
  /** Row-major entries (numbers only; absent for quantities with units and for matrices over 10,000 entries). */
  readonly entries?: readonly number[];
  /** Unit of a quantity, as mathjs prints it (`min`, `epoch`). */
  readonly unit?: string;
}

// ------------------------------------------------------------------ verdicts

/**
 * - `truth`: the first link, whose value the others are checked against
 * - `right`: equal to the truth (within the relation's tolerance)
 * - `approx`: right only to the digits written (a warning)
 * - `wrong`: neither right nor following from an earlier mistake
 * - `follows`: wrong, but it is what the writer's own earlier values give
 * - `filled`: a `?` the checker computed
 * - `unchecked`: not checked (the link could not be evaluated: see diagnostics)
 */
export type Verdict = 'truth' | 'right' | 'approx' | 'wrong' | 'follows' | 'filled' | 'unchecked';

export interface LinkModel {
  readonly span: Span;
  readonly relation?: string;
  readonly latex: string;
  readonly verdict: Verdict;
  readonly value?: ValueView;
  /** The true value, when the verdict is `wrong`, `follows` or `approx`. */
  readonly expected?: ValueView;
  /**
   * Zero-based (row, col) of wrong entries when a matrix is wrong entry by
   * entry; for a tensor also `index`, every axis (row and col are its last two).
   */
  readonly wrongEntries?: readonly { readonly row: number; readonly col: number; readonly index?: readonly number[] }[];
  /** Where the mistake this link follows from is. */
  readonly followsFrom?: Span;
}

/** One row of a backward pass: ∂L/∂node from its upstream gradient. */
export interface BackwardStep {
  /** The node this row computes the gradient of L for (`a3`, `z2`, `W1`). */
  readonly node: string;
  /**
   * The chain-rule formula, e.g.
   * `\frac{\partial L}{\partial a_3} = \frac{\partial L}{\partial \hat y} \odot \mathrm{relu}'(a_3)`.
   */
  readonly latex: string;
  /** The local derivative as LaTeX (`\mathrm{relu}'(a_3)`, `W_3^\top`). */
  readonly local: string;
  /** The nodes whose gradients flow into this one. */
  readonly upstreamNodes: readonly string[];
  /** The upstream gradient ∂L/∂(first upstream node), where there is one. */
  readonly upstream?: ValueView;
  /** ∂L/∂node. */
  readonly value: ValueView;
  /** The same step in `.hw` syntax (checkable): `∂L/∂a3 = ∂L/∂yhat ⊙ relu'(a3)`. */
  readonly hw: string;
}

export interface BackwardPass {
  readonly span: Span;
  /** `L` and `W1` of `∂L/∂W1`. */
  readonly of: string;
  readonly wrt: string;
  readonly steps: readonly BackwardStep[];
  readonly value: ValueView;
}

/** One step of a built-in's explanation of a call (the folder `solvers/` holds the built-ins). */
export interface SolverStep {
  readonly latex: string;
  /** Optional words beside the math. */
  readonly note?: string;
}

/** A built-in call in the truth world with its steps, shown under the statement. */
export interface SolverTrace {
  readonly span: Span;
  /** The built-in's name, `conv2d`. */
  readonly solver: string;
  /** What was computed, as LaTeX: `\mathrm{conv\_out}(36, 3, P{=}3, S{=}2) = 20`. */
  readonly title: string;
  readonly steps: readonly SolverStep[];
}

export type StatementKind = 'given' | 'definition' | 'claim' | 'function' | 'identity' | 'unit' | 'error';

export interface StatementModel {
  readonly kind: 'statement';
  /** Unique within one check. */
  readonly id: number;
  readonly statementKind: StatementKind;
  readonly isAnswer: boolean;
  readonly span: Span;
  readonly latex: string;
  /** The name a definition or given defines (`a1`, `∂L/∂z2`). */
  readonly defines?: readonly string[];
  readonly links: readonly LinkModel[];
  /** The statement's value (the truth), for hovers and inlay hints. */
  readonly value?: ValueView;
  readonly backward: readonly BackwardPass[];
  readonly solvers: readonly SolverTrace[];
  /** Counts of this statement's diagnostics by severity. */
  readonly errors: number;
  readonly warnings: number;
}

export interface ProseModel {
  readonly kind: 'prose';
  readonly span: Span;
  /** As written, with inline `$…$` math. */
  readonly text: string;
}

export type ItemModel = StatementModel | ProseModel;

export interface Summary {
  readonly statements: number;
  /**
   * The diagnostics listed in the Problems panel for this part of the file
   * (a `?`, an invitation to solve, is none), by severity: the counts every
   * surface names (status bar, view headers, Problems panel).
   */
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
  /** Checked links (claims). */
  readonly checked: number;
  readonly right: number;
  readonly wrong: number;
  readonly followed: number;
  readonly filled: number;
  readonly approx: number;
}

export interface QuestionModel {
  /** Undefined for statements before a problem's first `question`. */
  readonly number?: string;
  readonly title?: string;
  readonly span: Span;
  readonly headingSpan?: Span;
  readonly items: readonly ItemModel[];
  readonly summary: Summary;
}

export interface ProblemModel {
  /** Undefined for statements before the first `problem`. */
  readonly number?: string;
  readonly title?: string;
  readonly span: Span;
  readonly headingSpan?: Span;
  readonly questions: readonly QuestionModel[];
  /**
   * The same object from one check to the next when the problem was not checked again (also when it only
   * moved): the derivations view keeps its layout by it.
   */
  readonly summary: Summary;
}

export type SymbolKind = 'given' | 'definition' | 'function' | 'unit' | 'parameter';

/** A name of a problem: where it is defined and used, for hover, go to definition, references and rename. */
export interface SymbolModel {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly problemIndex: number;
  /** The span of the name where it is defined. */
  readonly definitionSpan: Span;
  /** Spans of every use, the definition excluded. */
  readonly references: readonly Span[];
  readonly value?: ValueView;
  readonly statementId?: number;
}

export interface DocumentModel {
  readonly title?: string;
  readonly titleSpan?: Span;
  readonly problems: readonly ProblemModel[];
  readonly symbols: readonly SymbolModel[];
  readonly summary: Summary;
}

/**
 * A failure the checker caught and did not expect: a bug. The checker goes on
 * (the statement gets `internal.error`, or a derivation part is left out) and
 * hands the record to `CheckOptions.onInternalError`; the extension writes it
 * to its output channel, the CLI to stderr.
 */
export interface InternalError {
  /** What the checker was doing: `checking a statement`, `the LaTeX of a statement`. */
  readonly context: string;
  readonly message: string;
  readonly stack?: string;
}

export interface CheckResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly document: DocumentModel;
}

/** Text to insert after the statement at `offset`: the derivation that leads to its value, in `.hw` syntax. */
export interface Insertion {
  readonly offset: number;
  readonly text: string;
}

export type VectorOrientation = 'lenient' | 'strict';

export interface CheckOptions {
  /** Relative tolerance of `=` (default 1e-9). */
  readonly tolerance?: number;
  /** `lenient` (default): a vector in the other orientation is info; `strict`: a warning. */
  readonly vectorOrientation?: VectorOrientation;
  /** Work budget per statement, in milliseconds of a typical machine's work (default 2000); counted, not timed. */
  readonly statementTimeBudgetMs?: number;
  /**
   * Told of every internal error as it is caught: during the check, or later,
   * when a lazy part of the model (LaTeX, backward pass, built-ins' steps) is read.
   */
  readonly onInternalError?: (error: InternalError) => void;
}

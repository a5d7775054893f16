/**
 * The syntax tree of a `.hw` homework. Every node carries its source span
 * (offsets into the text). The parser builds it and never throws; where the
 * text is broken it records a `SyntaxError` and puts an `ErrorExpr` or
 * `ErrorStatement` in the tree, so the rest of the file is still checked.
 *
 * The tree is purely syntactic: whether `f(x) = …` defines a function or
 * claims a value, or whether `min` in `2 min` is a unit, is decided by the
 * checker, which knows the names in scope.
 */
import type { DiagnosticCode } from '../diagnosticCodes';
import type { Span } from '../text/span';

// ---------------------------------------------------------------- expressions

export interface NumberLiteral {
  readonly kind: 'number';
  readonly span: Span;
  readonly value: number;
  /** The digits as written (`58.4`, `5e-6`, `5%`): `≈` and rounding read them. */
  readonly text: string;
}

export interface NameRef {
  readonly kind: 'name';
  readonly span: Span;
  readonly name: string;
}

/** `?`: a value the writer asks the checker to fill in. */
export interface UnknownValue {
  readonly kind: 'unknown';
  readonly span: Span;
}

/** `[1, 0; 3, 4]`: rows separated by `;`, entries by `,`. Always 2-D. */
export interface MatrixLiteral {
  readonly kind: 'matrix';
  readonly span: Span;
  readonly rows: readonly (readonly Expr[])[];
}

/**
 * `[1, 2; 3, 4;; 5, 6; 7, 8]`: a rank-3 value, its slices along the first
 * axis separated by `;;`; rank 4 separates rank-3 blocks by `;;;`. Each
 * slice is a `MatrixLiteral` (its span without brackets) or, in a rank-4
 * literal, a rank-3 `TensorLiteral`; `[A;; B]` stacks the values A and B.
 */
export interface TensorLiteral {
  readonly kind: 'tensor';
  readonly span: Span;
  readonly rank: 3 | 4;
  readonly slices: readonly (MatrixLiteral | TensorLiteral)[];
  /** A rank-3 block of a rank-4 literal: its position (from 1) in that literal, for messages (`[2,1,:,:]`). */
  readonly block?: number;
}

/** `a:b` or `a:step:b` (inclusive), a 1×n row. */
export interface RangeExpr {
  readonly kind: 'range';
  readonly span: Span;
  readonly start: Expr;
  readonly step: Expr | undefined;
  readonly end: Expr;
}

export interface UnaryExpr {
  readonly kind: 'unary';
  readonly span: Span;
  readonly op: '-' | '+';
  readonly operand: Expr;
}

/**
 * - `add`, `sub`: `+`, `-`
 * - `mul`: `*`, `·`, `×` or juxtaposition (`implicit`): matrix product for
 *   two matrices, scaling when either side is 1×1
 * - `hadamard`: `⊙` or `.*`
 * - `div`: `/`
 * - `pow`: `^` (right-associative)
 */
/** `epow` is `.^`; `gt` … `ne` are the element-wise comparisons, written inside brackets only. */
export type BinaryOp =
  'add' | 'sub' | 'mul' | 'hadamard' | 'div' | 'pow' | 'epow' | 'gt' | 'lt' | 'ge' | 'le' | 'eq' | 'ne';

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly span: Span;
  readonly op: BinaryOp;
  /** The operator as written (`×`, `.*`, `⊙`); empty for juxtaposition. */
  readonly opText: string;
  /** The operator's own span; for juxtaposition, the gap between operands. */
  readonly opSpan: Span;
  readonly implicit: boolean;
  readonly left: Expr;
  readonly right: Expr;
}

/** `Aᵀ` or `A^T`. (`transpose(A)` is a call.) */
export interface TransposeExpr {
  readonly kind: 'transpose';
  readonly span: Span;
  readonly operand: Expr;
}

export interface NamedArgument {
  readonly name: NameRef;
  readonly value: Expr;
  readonly span: Span;
}

/** `relu(a1)`, `relu'(a3)` (`prime`), `conv_out(36, 3, padding=3, stride=2)`. */
export interface CallExpr {
  readonly kind: 'call';
  readonly span: Span;
  readonly callee: NameRef;
  readonly prime: boolean;
  readonly args: readonly Expr[];
  readonly named: readonly NamedArgument[];
  /** Span of the parenthesised argument list, `(` to `)`. */
  readonly argsSpan: Span;
}

/**
 * `∂L/∂X`, `d(L)/d(X)` or `grad(L, X)`. `of` and `wrt` are names; which
 * spelling was used is kept for printing back.
 */
export interface DerivativeExpr {
  readonly kind: 'derivative';
  readonly span: Span;
  readonly of: NameRef;
  readonly wrt: NameRef;
  readonly spelling: 'partial' | 'd' | 'grad' | 'hessian';
  /** 2 for a Hessian, `∂²L/∂X²` or `hessian(L, X)`; absent for a first derivative. */
  readonly order?: 2;
}

/**
 * One position inside `X[…]` (1-based, inclusive): `:` (the whole axis), an
 * integer `i` (drops the axis, as long as the result stays 2-D), or `a:b`.
 */
export type IndexEntry =
  | { readonly kind: 'all'; readonly span: Span }
  | { readonly kind: 'at'; readonly span: Span; readonly index: Expr }
  | { readonly kind: 'slice'; readonly span: Span; readonly start: Expr; readonly end: Expr };

/**
 * `W[2,3]`, `X[:,1]`, `T[1]`, `∂L/∂W[2,3]`: an index written against a name,
 * `)` or `]` with no space (`W [2,3]`, with a space, is a product).
 * Missing trailing entries mean `:`.
 */
export interface IndexExpr {
  readonly kind: 'index';
  readonly span: Span;
  readonly target: Expr;
  readonly entries: readonly IndexEntry[];
  /** `[` to `]`. */
  readonly bracketSpan: Span;
}

/** Parentheses are kept so that LaTeX and fixes reproduce what was written. */
export interface ParenExpr {
  readonly kind: 'paren';
  readonly span: Span;
  readonly inner: Expr;
}

/** Stands where an expression was expected but the text had none. */
export interface ErrorExpr {
  readonly kind: 'error';
  readonly span: Span;
}

export type Expr =
  | NumberLiteral
  | NameRef
  | UnknownValue
  | MatrixLiteral
  | TensorLiteral
  | RangeExpr
  | UnaryExpr
  | BinaryExpr
  | TransposeExpr
  | CallExpr
  | DerivativeExpr
  | IndexExpr
  | ParenExpr
  | ErrorExpr;

// ----------------------------------------------------------------- statements

export type Relation = '=' | '≈' | '<' | '≤' | '>' | '≥' | '≠';

export interface Link {
  /** Undefined for the first link of a chain. */
  readonly relation: Relation | undefined;
  /** The relation as written (`~=`, `<=`, `!=` …). */
  readonly relationText: string;
  readonly relationSpan: Span | undefined;
  readonly expr: Expr;
  /** From the relation (or the expression, for the first link) to the expression's end. */
  readonly span: Span;
}

export interface HeadingStatement {
  readonly kind: 'homework' | 'problem' | 'question';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly number: { readonly text: string; readonly span: Span } | undefined;
  readonly title: { readonly text: string; readonly span: Span } | undefined;
}

export interface GivenBinding {
  /** A name, or a derivative symbol given as a value (`given ∂L/∂z2 = 0.01`). */
  readonly target: NameRef | DerivativeExpr;
  readonly value: Expr;
  readonly span: Span;
}

export interface GivenStatement {
  readonly kind: 'given';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly bindings: readonly GivenBinding[];
}

export interface UnitStatement {
  readonly kind: 'unit';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly names: readonly NameRef[];
}

/** `> text`: prose, rendered, never evaluated. `text` excludes the `>`. */
export interface ProseStatement {
  readonly kind: 'prose';
  readonly span: Span;
  readonly text: string;
  readonly textSpan: Span;
}

/**
 * `E0 REL E1 REL E2 …`. Whether E0 is a new name being defined, a restated
 * name, or a function head `f(x)` is the checker's call.
 */
export interface ChainStatement {
  readonly kind: 'chain';
  readonly span: Span;
  readonly links: readonly Link[];
}

/** `answer STATEMENT`: marks the question's final result. */
export interface AnswerStatement {
  readonly kind: 'answer';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly body: ChainStatement;
}

/** `for n, k: CLAIM`: an identity in free variables, checked by sampling. */
export interface ForStatement {
  readonly kind: 'for';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly variables: readonly NameRef[];
  readonly body: ChainStatement;
}

/** A line the parser could not make sense of; the error is in `errors`. */
export interface ErrorStatement {
  readonly kind: 'error';
  readonly span: Span;
}

export type Statement =
  | HeadingStatement
  | GivenStatement
  | UnitStatement
  | ProseStatement
  | ChainStatement
  | AnswerStatement
  | ForStatement
  | ErrorStatement;

export interface Comment {
  readonly span: Span;
  readonly text: string;
}

export interface SyntaxError {
  /** A stable dotted code, `syntax.*` or `limit.nesting` (see `DIAGNOSTIC_CODES`). */
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly span: Span;
}

export interface HomeworkFile {
  readonly statements: readonly Statement[];
  readonly comments: readonly Comment[];
  readonly errors: readonly SyntaxError[];
}

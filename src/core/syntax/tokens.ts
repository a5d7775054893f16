/**
 * The tokens of a `.hw` text. The scanner turns the whole text into one
 * array of these (plus comments and character-level diagnostics); the parser
 * walks the array, so any lookahead is an index, never a re-scan.
 */
import type { Relation } from './ast';
import { grown } from '../text/grow';

export enum TokenKind {
  EOF,
  /**
   * One or more line ends, with the blank lines and comment-only lines
   * between them: a single token, so "the next line" is one step away.
   */
  Newline,
  /** `> text` as the first thing on a line: the whole line, raw. */
  Prose,
  Number,
  Identifier,
  /** `"…"`; `TokenFlags.Unterminated` when the line ended first. */
  String,

  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  /** `;`, `;;` or `;;;` (a run of semicolons; its length is its level). */
  Semicolon,
  Colon,
  Question,
  Prime,
  Partial,
  /** `ᵀ` (U+1D40). `^T` is recognised by the parser. */
  Transpose,
  /** `²` (U+00B2), in a second derivative `∂²L/∂X²`. */
  Squared,

  Plus,
  Minus,
  /** `*` */
  Star,
  /** `·` */
  Dot,
  /** `×` */
  Times,
  Slash,
  /** `⊙` */
  Hadamard,
  /** `.*` */
  DotStar,
  Caret,

  Equals,
  /** `≈` or `~=` */
  Approx,
  Less,
  /** `<=` or `≤` */
  LessEqual,
  Greater,
  /** `>=` or `≥` */
  GreaterEqual,
  /** `≠` or `!=` */
  NotEqual,

  /** `.^`: element-wise power. */
  DotCaret,
  /** `==`: element-wise equality, inside brackets (a relation is `=`). */
  EqualEqual,
}

export const enum TokenFlags {
  None = 0,
  /** Whitespace, a comment or a line end comes right before the token. */
  SpaceBefore = 1,
  /** Newline only: the run of line ends includes a truly blank line (no comment). */
  BlankLine = 2,
  /** String only: the closing quote is missing. */
  Unterminated = 4,
}

/** One token as a plain object: what `TokenList.at` returns, for tests and debugging. */
export interface Token {
  readonly kind: TokenKind;
  /** Offset of the first character. */
  readonly start: number;
  /** One past the last character. */
  readonly end: number;
  readonly flags: number;
}

/**
 * The tokens of a text as parallel typed arrays, indexed by token number. A
 * 10,000-line homework has some 300,000 tokens and is re-scanned on every
 * keystroke: an object per token would be garbage for the collector to copy.
 */
export class TokenList {
  length = 0;
  kinds: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
  flags: Uint8Array;

  constructor(capacity = 64) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  push(kind: TokenKind, start: number, end: number, flags: number): void {
    if (this.length === this.kinds.length) this.grow();
    const i = this.length++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    this.flags[i] = flags;
  }

  /** Token `index` as an object (not for hot paths). */
  at(index: number): Token {
    return { kind: this.kinds[index], start: this.starts[index], end: this.ends[index], flags: this.flags[index] };
  }

  /** All tokens as objects (for tests and debugging). */
  toArray(): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    this.kinds = grown(this.kinds, capacity);
    this.starts = grown(this.starts, capacity);
    this.ends = grown(this.ends, capacity);
    this.flags = grown(this.flags, capacity);
  }
}

export function isRelationToken(kind: TokenKind): boolean {
  return kind >= TokenKind.Equals && kind <= TokenKind.NotEqual;
}

const RELATIONS: Partial<Record<TokenKind, Relation>> = {
  [TokenKind.Equals]: '=',
  [TokenKind.Approx]: '≈',
  [TokenKind.Less]: '<',
  [TokenKind.LessEqual]: '≤',
  [TokenKind.Greater]: '>',
  [TokenKind.GreaterEqual]: '≥',
  [TokenKind.NotEqual]: '≠',
};

/** The canonical relation of a relation token, or undefined for any other token. */
export function relationOf(kind: TokenKind): Relation | undefined {
  return RELATIONS[kind];
}

/** Tokens that can begin an operand: juxtaposition multiplies only before these. */
export function startsOperand(kind: TokenKind): boolean {
  return (
    kind === TokenKind.Number ||
    kind === TokenKind.Identifier ||
    kind === TokenKind.LParen ||
    kind === TokenKind.LBracket ||
    kind === TokenKind.Partial ||
    kind === TokenKind.Question
  );
}

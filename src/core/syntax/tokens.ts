/**
 * The tokens of a `.hw` text. The scanner turns the whole text into one
 * array of these (plus comments and character-level diagnostics); the parser
 * walks the array, so any lookahead is an index, never a re-scan.
 */
import type { Relation } from './ast';

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
  Semicolon,
  Colon,
  Question,
  Prime,
  Partial,
  /** `ᵀ` (U+1D40). `^T` is recognised by the parser. */
  Transpose,

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

export interface Token {
  readonly kind: TokenKind;
  /** Offset of the first character. */
  readonly start: number;
  /** One past the last character. */
  end: number;
  flags: number;
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

/**
 * The scanner: text → tokens, in one pass over char codes (no regular
 * expression per character, no slicing). It never throws: a character it
 * does not know becomes a `syntax.invalid-character` diagnostic and is
 * skipped, in the manner of microsoft/node-jsonc-parser's scanner.
 *
 * Whitespace and comments are trivia: they set `TokenFlags.SpaceBefore` on
 * the next token (calls need `f(` with no space) and comments are collected
 * on the side. Line ends are tokens, because statements are line based.
 */
import type { Comment, SyntaxError } from './ast';
import { TokenFlags, TokenKind, TokenList } from './tokens';

export interface ScanResult {
  /** Always ends with one `EOF` token at `text.length`. */
  readonly tokens: TokenList;
  readonly comments: Comment[];
  /** Character-level problems: invalid characters, unterminated strings. */
  readonly diagnostics: SyntaxError[];
}

// Char codes used below, named once.
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const BANG = 0x21;
const QUOTE = 0x22;
const HASH = 0x23;
const PERCENT = 0x25;
const APOSTROPHE = 0x27;
const LPAREN = 0x28;
const RPAREN = 0x29;
const STAR = 0x2a;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const LESS = 0x3c;
const EQUALS = 0x3d;
const GREATER = 0x3e;
const QUESTION = 0x3f;
const UPPER_E = 0x45;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const CARET = 0x5e;
const UNDERSCORE = 0x5f;
const LOWER_E = 0x65;
const TILDE = 0x7e;
const MIDDLE_DOT = 0x00b7; // ·
const MULTIPLY_SIGN = 0x00d7; // ×
const RIGHT_SINGLE_QUOTE = 0x2019; // ’ (editors "smarten" the prime)
const PARTIAL = 0x2202; // ∂
const UNICODE_MINUS = 0x2212; // −
const DOT_OPERATOR = 0x22c5; // ⋅
const CIRCLED_DOT = 0x2299; // ⊙
const INFINITY_SIGN = 0x221e; // ∞
const ALMOST_EQUAL = 0x2248; // ≈
const NOT_EQUAL = 0x2260; // ≠
const LESS_EQUAL = 0x2264; // ≤
const GREATER_EQUAL = 0x2265; // ≥
const SUPERSCRIPT_T = 0x1d40; // ᵀ
const SUPERSCRIPT_TWO = 0x00b2; // ²
const SUBSCRIPT_0 = 0x2080; // ₀
const SUBSCRIPT_9 = 0x2089; // ₉

/** Spaces other than line ends, including non-breaking and zero-width ones. */
export function isWhitespace(code: number): boolean {
  if (code === SPACE || code === TAB) return true;
  if (code < 0x80) return code === 0x0b || code === 0x0c;
  return (
    code === 0x00a0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200d) || // en/em spaces … zero-width space/joiners
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x2060 ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

// Only non-ASCII code points reach these (rare), so a regular expression per
// such character is fine; ASCII never touches them.
const UNICODE_LETTER = /^\p{L}$/u;
const UNICODE_MARK = /^\p{M}$/u;

function isUnicodeLetter(codePoint: number): boolean {
  // ᵀ is a modifier letter to Unicode, but here it is the transpose sign.
  return codePoint !== SUPERSCRIPT_T && UNICODE_LETTER.test(String.fromCodePoint(codePoint));
}

function isIdentifierStart(codePoint: number): boolean {
  if (codePoint < 0x80) return isAsciiLetter(codePoint) || codePoint === UNDERSCORE;
  return isUnicodeLetter(codePoint);
}

function isIdentifierPart(codePoint: number): boolean {
  if (codePoint < 0x80) return isAsciiLetter(codePoint) || isDigit(codePoint) || codePoint === UNDERSCORE;
  if (codePoint >= SUBSCRIPT_0 && codePoint <= SUBSCRIPT_9) return true;
  // Combining marks continue a name: `y` + U+0302 is a decomposed `ŷ`.
  return isUnicodeLetter(codePoint) || UNICODE_MARK.test(String.fromCodePoint(codePoint));
}

function codePointAt(text: string, pos: number): number {
  const code = text.charCodeAt(pos);
  if (code >= 0xd800 && code <= 0xdbff && pos + 1 < text.length) {
    const low = text.charCodeAt(pos + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return code;
}

function describeChar(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  if (codePoint < 0x20 || codePoint === 0x7f) return `U+${hex}`;
  return `\`${String.fromCodePoint(codePoint)}\` (U+${hex})`;
}

/** Scans the whole text. Never throws. */
export function scan(text: string): ScanResult {
  // About one token per four characters in practice; the list grows if not.
  const tokens = new TokenList(Math.max(64, text.length >> 2));
  const comments: Comment[] = [];
  const diagnostics: SyntaxError[] = [];
  const length = text.length;

  let pos = 0;
  let spaceBefore = false;
  /** No token yet on the current line: a `>` here starts prose. */
  let atLineStart = true;
  /** The current line has a token or a comment (it is not blank). */
  let lineHasContent = false;

  const push = (kind: TokenKind, start: number, end: number): void => {
    tokens.push(kind, start, end, spaceBefore ? TokenFlags.SpaceBefore : TokenFlags.None);
    spaceBefore = false;
    atLineStart = false;
    lineHasContent = true;
    pos = end;
  };

  while (pos < length) {
    const code = text.charCodeAt(pos);

    // ------------------------------------------------------------ trivia
    if (code === LF || code === CR) {
      const start = pos;
      pos += code === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      const last = tokens.length - 1;
      if (last >= 0 && tokens.kinds[last] === TokenKind.Newline) {
        // Several line ends in a row (blank or comment-only lines): one token.
        tokens.ends[last] = pos;
        if (!lineHasContent) tokens.flags[last] |= TokenFlags.BlankLine;
      } else {
        tokens.push(TokenKind.Newline, start, pos, lineHasContent ? TokenFlags.None : TokenFlags.BlankLine);
      }
      spaceBefore = true;
      atLineStart = true;
      lineHasContent = false;
      continue;
    }
    if (isWhitespace(code)) {
      pos++;
      spaceBefore = true;
      continue;
    }
    if (code === HASH) {
      const start = pos;
      let end = pos + 1;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === LF || c === CR) break;
        end++;
      }
      comments.push({ span: { start, end }, text: text.slice(start + 1, end).trim() });
      pos = end;
      spaceBefore = true;
      lineHasContent = true;
      continue;
    }

    // ------------------------------------------------------------- prose
    if (code === GREATER && atLineStart && text.charCodeAt(pos + 1) !== EQUALS) {
      let lineEnd = pos + 1;
      while (lineEnd < length) {
        const c = text.charCodeAt(lineEnd);
        if (c === LF || c === CR) break;
        lineEnd++;
      }
      let end = lineEnd;
      while (end > pos + 1 && isWhitespace(text.charCodeAt(end - 1))) end--;
      push(TokenKind.Prose, pos, end);
      pos = lineEnd;
      continue;
    }

    const start = pos;
    const next = text.charCodeAt(pos + 1);

    // ----------------------------------------------------------- numbers
    if (isDigit(code) || (code === DOT && isDigit(next))) {
      let end = pos;
      while (end < length && isDigit(text.charCodeAt(end))) end++;
      if (text.charCodeAt(end) === DOT && isDigit(text.charCodeAt(end + 1))) {
        end++;
        while (end < length && isDigit(text.charCodeAt(end))) end++;
      }
      const e = text.charCodeAt(end);
      if (e === LOWER_E || e === UPPER_E) {
        // `5e-6`; a bare `2e` stays the number 2 followed by the name `e`.
        let digitsAt = end + 1;
        const sign = text.charCodeAt(digitsAt);
        if (sign === PLUS || sign === MINUS || sign === UNICODE_MINUS) digitsAt++;
        if (isDigit(text.charCodeAt(digitsAt))) {
          end = digitsAt;
          while (end < length && isDigit(text.charCodeAt(end))) end++;
        }
      }
      if (text.charCodeAt(end) === PERCENT) end++;
      push(TokenKind.Number, start, end);
      continue;
    }

    // ------------------------------------------------------- identifiers
    const codePoint = codePointAt(text, pos);
    // `∞` is a name on its own (the constant inf), never part of a longer one.
    if (codePoint === INFINITY_SIGN) {
      push(TokenKind.Identifier, start, start + 1);
      continue;
    }
    if (isIdentifierStart(codePoint)) {
      let end = pos + (codePoint > 0xffff ? 2 : 1);
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c < 0x80) {
          if (isAsciiLetter(c) || isDigit(c) || c === UNDERSCORE) {
            end++;
            continue;
          }
          break;
        }
        const cp = codePointAt(text, end);
        if (!isIdentifierPart(cp)) break;
        end += cp > 0xffff ? 2 : 1;
      }
      push(TokenKind.Identifier, start, end);
      continue;
    }

    // ---------------------------------------------------------- strings
    if (code === QUOTE) {
      let end = pos + 1;
      let terminated = false;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === QUOTE) {
          end++;
          terminated = true;
          break;
        }
        if (c === LF || c === CR) break;
        end++;
      }
      push(TokenKind.String, start, end);
      if (!terminated) {
        tokens.flags[tokens.length - 1] |= TokenFlags.Unterminated;
        diagnostics.push({
          code: 'syntax.unterminated-string',
          message: 'this title has no closing `"`',
          span: { start, end },
        });
      }
      continue;
    }

    // ------------------------------------------------------- punctuation
    switch (code) {
      case LPAREN:
        push(TokenKind.LParen, start, start + 1);
        continue;
      case RPAREN:
        push(TokenKind.RParen, start, start + 1);
        continue;
      case LBRACKET:
        push(TokenKind.LBracket, start, start + 1);
        continue;
      case RBRACKET:
        push(TokenKind.RBracket, start, start + 1);
        continue;
      case COMMA:
        push(TokenKind.Comma, start, start + 1);
        continue;
      case SEMICOLON: {
        // `;;` and `;;;` (slices of a rank-3 or rank-4 literal) are one token: its length is its level.
        let end = start + 1;
        while (end < length && text.charCodeAt(end) === SEMICOLON) end++;
        push(TokenKind.Semicolon, start, end);
        continue;
      }
      case COLON:
        push(TokenKind.Colon, start, start + 1);
        continue;
      case QUESTION:
        push(TokenKind.Question, start, start + 1);
        continue;
      case APOSTROPHE:
      case RIGHT_SINGLE_QUOTE:
        push(TokenKind.Prime, start, start + 1);
        continue;
      case PARTIAL:
        push(TokenKind.Partial, start, start + 1);
        continue;
      case SUPERSCRIPT_T:
        push(TokenKind.Transpose, start, start + 1);
        continue;
      case SUPERSCRIPT_TWO:
        push(TokenKind.Squared, start, start + 1);
        continue;
      case PLUS:
        push(TokenKind.Plus, start, start + 1);
        continue;
      case MINUS:
      case UNICODE_MINUS:
        push(TokenKind.Minus, start, start + 1);
        continue;
      case STAR:
        push(TokenKind.Star, start, start + 1);
        continue;
      case MIDDLE_DOT:
      case DOT_OPERATOR:
        push(TokenKind.Dot, start, start + 1);
        continue;
      case MULTIPLY_SIGN:
        push(TokenKind.Times, start, start + 1);
        continue;
      case SLASH:
        push(TokenKind.Slash, start, start + 1);
        continue;
      case CIRCLED_DOT:
        push(TokenKind.Hadamard, start, start + 1);
        continue;
      case CARET:
        push(TokenKind.Caret, start, start + 1);
        continue;
      case EQUALS:
        if (next === EQUALS) push(TokenKind.EqualEqual, start, start + 2);
        else push(TokenKind.Equals, start, start + 1);
        continue;
      case ALMOST_EQUAL:
        push(TokenKind.Approx, start, start + 1);
        continue;
      case NOT_EQUAL:
        push(TokenKind.NotEqual, start, start + 1);
        continue;
      case LESS_EQUAL:
        push(TokenKind.LessEqual, start, start + 1);
        continue;
      case GREATER_EQUAL:
        push(TokenKind.GreaterEqual, start, start + 1);
        continue;
      case LESS:
        if (next === EQUALS) push(TokenKind.LessEqual, start, start + 2);
        else push(TokenKind.Less, start, start + 1);
        continue;
      case GREATER:
        if (next === EQUALS) push(TokenKind.GreaterEqual, start, start + 2);
        else push(TokenKind.Greater, start, start + 1);
        continue;
      case TILDE:
        if (next === EQUALS) {
          push(TokenKind.Approx, start, start + 2);
          continue;
        }
        break;
      case BANG:
        if (next === EQUALS) {
          push(TokenKind.NotEqual, start, start + 2);
          continue;
        }
        break;
      case DOT:
        if (next === STAR) {
          push(TokenKind.DotStar, start, start + 2);
          continue;
        }
        if (next === CARET) {
          push(TokenKind.DotCaret, start, start + 2);
          continue;
        }
        break;
    }

    // ------------------------------------------------- anything else
    const width = codePoint > 0xffff ? 2 : 1;
    diagnostics.push({
      code: 'syntax.invalid-character',
      message: `unexpected character ${describeChar(codePoint)}`,
      span: { start, end: start + width },
    });
    pos += width;
    spaceBefore = true;
    lineHasContent = true;
  }

  tokens.push(TokenKind.EOF, length, length, spaceBefore ? TokenFlags.SpaceBefore : TokenFlags.None);
  return { tokens, comments, diagnostics };
}

/**
 * The recursive-descent parser: tokens → `HomeworkFile`. It never throws.
 * Like microsoft/node-jsonc-parser it records an error, keeps the partial
 * tree, skips to the end of the statement and goes on with the next line, so
 * one broken line never hides the rest of the homework.
 *
 * Statements are line based. A statement ends at a line end, except while a
 * `(` or `[` is open, or when the next non-blank line starts with a relation
 * other than `>` (that line continues the chain). An open bracket does not
 * swallow the file: a blank line, a prose line or a line that starts with a
 * statement keyword closes the statement (`syntax.unclosed-bracket`).
 *
 * Expression precedence, low to high:
 *   range `a:b`, `a:step:b` (one level, non-associative)
 *   `+ -` (left)
 *   `* · × / ⊙ .*` and juxtaposition (one level, left)
 *   unary `- +`
 *   `^` (right; the exponent may start with a sign: `2^-1`)
 *   postfix transpose `ᵀ`, `^T`; calls `f(x)`, `relu'(x)`; indices `W[2,3]` (a `[` glued to a
 *   name, `)` or `]`)
 */
import type { InternalError } from '../model';
import type {
  AnswerStatement,
  BinaryExpr,
  BinaryOp,
  ChainStatement,
  DerivativeExpr,
  ErrorExpr,
  Expr,
  ForStatement,
  GivenBinding,
  GivenStatement,
  HeadingStatement,
  HomeworkFile,
  IndexEntry,
  Link,
  NamedArgument,
  NameRef,
  ProseStatement,
  Statement,
  SyntaxError,
  UnitStatement,
} from './ast';
import type { Span } from '../text/span';
import { DERIVATIVE_D, DERIVATIVE_GRAD, DERIVATIVE_HESSIAN, isStatementKeyword, TRANSPOSE_NAME } from './keywords';
import { isWhitespace, scan } from './scanner';
import { buildLiteral, MAX_SEPARATOR_LEVEL } from './tensorLiteral';
import { isRelationToken, relationOf, startsOperand, TokenFlags, TokenKind, TokenList } from './tokens';

/** Deeper nesting than this records `limit.nesting` instead of recursing (no stack overflow). */
export const MAX_NESTING = 256;

/** Parses a whole `.hw` text. Never throws, whatever the input; a bug of its own goes to `onInternalError`. */
export function parse(text: string, onInternalError?: (error: InternalError) => void): HomeworkFile {
  try {
    const scanned = scan(text);
    const parser = new Parser(text, scanned.tokens);
    const statements = parser.parseFile();
    const errors = parser.errors.concat(withoutRawSpans(scanned.diagnostics, parser.rawSpans));
    errors.sort((a, b) => a.span.start - b.span.start);
    return { statements, comments: scanned.comments, errors };
  } catch (e) {
    // A bug must not take the editor down with it: report it as a syntax error (the parse layer of
    // the three that catch bugs, see check/failures.ts), and log it.
    const whole = { start: 0, end: text.length };
    const detail = e instanceof Error ? e.message : String(e);
    onInternalError?.({
      context: 'parsing',
      message: detail,
      ...(e instanceof Error && e.stack ? { stack: e.stack } : {}),
    });
    return {
      statements: [{ kind: 'error', span: whole }],
      comments: [],
      errors: [{ code: 'syntax.internal', message: `the parser failed: ${detail}`, span: whole }],
    };
  }
}

/** Drops the character-level diagnostics that fall inside unquoted titles (read as raw text). */
function withoutRawSpans(diagnostics: readonly SyntaxError[], rawSpans: readonly Span[]): SyntaxError[] {
  if (rawSpans.length === 0) return diagnostics.slice();
  const kept: SyntaxError[] = [];
  let r = 0;
  for (const d of diagnostics) {
    while (r < rawSpans.length && rawSpans[r].end <= d.span.start) r++;
    const inside = r < rawSpans.length && rawSpans[r].start <= d.span.start;
    if (!inside) kept.push(d);
  }
  return kept;
}

function span(start: number, end: number): Span {
  return { start, end };
}

const STRING_ONLY_IN_TITLES = 'a quoted string can only be a title (after `homework`, `problem` or `question`)';

const EXPLICIT_PRODUCTS: Partial<Record<TokenKind, BinaryOp>> = {
  [TokenKind.Star]: 'mul',
  [TokenKind.Dot]: 'mul',
  [TokenKind.Times]: 'mul',
  [TokenKind.Slash]: 'div',
  [TokenKind.Hadamard]: 'hadamard',
  [TokenKind.DotStar]: 'hadamard',
};

/** Element-wise comparisons, read only inside `( )`, `[ ]` and call arguments (at the top level they are relations). */
const COMPARISONS: Partial<Record<TokenKind, BinaryOp>> = {
  [TokenKind.Greater]: 'gt',
  [TokenKind.Less]: 'lt',
  [TokenKind.GreaterEqual]: 'ge',
  [TokenKind.LessEqual]: 'le',
  [TokenKind.EqualEqual]: 'eq',
  [TokenKind.NotEqual]: 'ne',
};

class Parser {
  readonly errors: SyntaxError[] = [];
  /** Unquoted titles: raw text, so scanner complaints inside them do not count. */
  readonly rawSpans: Span[] = [];

  private pos = 0;
  /** Brackets open in the current statement, innermost last: line ends are whitespace while any is. */
  private readonly open: number[] = [];
  /** The brackets that were open when the statement failed, for skipping the rest. */
  private openAtFailure: number[] = [];
  /** A bracket whose missing closer the statement's error already names. */
  private reportedBracket: number | undefined;
  /** Recursion depth of the expression parser, for the nesting guard. */
  private nesting = 0;
  /** The current statement has had a (hard) error: stop building, skip to its end. */
  private failed = false;
  /** The last token consumed in the current statement (for "expected … after `+`"). */
  private previous: number | undefined;

  // A token is its index into the scanner's typed arrays (no object per token).
  private readonly kinds: Uint8Array;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly flags: Uint8Array;

  constructor(
    private readonly text: string,
    tokens: TokenList,
  ) {
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.flags = tokens.flags;
  }

  private kindOf(token: number): TokenKind {
    return this.kinds[token];
  }

  private startOf(token: number): number {
    return this.starts[token];
  }

  private endOf(token: number): number {
    return this.ends[token];
  }

  private flagsOf(token: number): number {
    return this.flags[token];
  }

  // ------------------------------------------------------------------ file

  parseFile(): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      const token = this.pos;
      if (this.kindOf(token) === TokenKind.EOF) break;
      if (this.kindOf(token) === TokenKind.Newline) {
        this.pos++;
        continue;
      }
      const startPos = this.pos;
      this.failed = false;
      this.open.length = 0;
      this.reportedBracket = undefined;
      this.nesting = 0;
      this.previous = undefined;

      const statement = this.parseStatement();
      if (!this.failed) this.expectStatementEnd(statement);
      const lastEnd = this.skipToStatementEnd();
      statements.push(
        statement ?? { kind: 'error', span: span(this.startOf(token), Math.max(lastEnd, this.endOf(token))) },
      );
      // Belt and braces against an endless loop: every statement consumes a token.
      if (this.pos === startPos) this.pos++;
    }
    return statements;
  }

  private parseStatement(): Statement | undefined {
    const token = this.pos;
    if (this.kindOf(token) === TokenKind.Prose) return this.parseProse();
    if (this.kindOf(token) === TokenKind.Identifier && this.isKeywordAt(this.pos)) {
      const keyword = this.textOf(token);
      switch (keyword) {
        case 'homework':
        case 'problem':
        case 'question':
          return this.parseHeading(keyword);
        case 'given':
          return this.parseGiven();
        case 'unit':
          return this.parseUnit();
        case 'answer':
          return this.parseAnswer();
        case 'for':
          return this.parseFor();
      }
    }
    const chain = this.parseChain();
    // Nothing usable on the line: an ErrorStatement over the whole line instead.
    if (chain.links.length === 1 && chain.links[0].expr.kind === 'error') return undefined;
    return chain;
  }

  private expectStatementEnd(statement: Statement | undefined): void {
    const token = this.peek();
    if (this.endsStatement(token)) return;
    const found = this.describe(token);
    switch (this.kindOf(token)) {
      case TokenKind.RParen:
        this.error('syntax.unmatched-bracket', 'unmatched `)`: no `(` is open', this.spanOf(token));
        return;
      case TokenKind.RBracket:
        this.error('syntax.unmatched-bracket', 'unmatched `]`: no `[` is open', this.spanOf(token));
        return;
      case TokenKind.Comma:
        this.error(
          'syntax.unexpected-token',
          'unexpected `,`: commas separate arguments, matrix entries and `given` bindings',
          this.spanOf(token),
        );
        return;
      case TokenKind.Semicolon:
        this.error(
          'syntax.unexpected-token',
          `unexpected \`${this.textOf(token)}\`: inside \`[ ]\`, \`;\` separates matrix rows (\`;;\` channels, \`;;;\` batch items)`,
          this.spanOf(token),
        );
        return;
      case TokenKind.String:
        this.error('syntax.unexpected-token', STRING_ONLY_IN_TITLES, this.spanOf(token));
        return;
    }
    const expected =
      statement === undefined || statement.kind === 'chain' || statement.kind === 'answer' || statement.kind === 'for'
        ? 'a relation (`=`, `≈`, `<`, …) or the end of the line'
        : 'the end of the line';
    this.error('syntax.unexpected-token', `expected ${expected}, found ${found}`, this.spanOf(token));
  }

  /**
   * Skips what is left of the statement (after an error), honouring the
   * brackets that were open and the line-continuation rules. Returns the end
   * of the last token of the statement.
   */
  private skipToStatementEnd(): number {
    const open = this.failed ? this.openAtFailure : [];
    let lastEnd = this.previous !== undefined ? this.endOf(this.previous) : 0;
    for (;;) {
      const token = this.pos;
      const kind = this.kindOf(token);
      if (kind === TokenKind.EOF) break;
      if (kind === TokenKind.Newline) {
        if (open.length > 0 ? this.breaksBracket(token) : !this.continuesChain(token)) break;
      } else if (kind === TokenKind.LParen || kind === TokenKind.LBracket) {
        open.push(token);
      } else if (kind === TokenKind.RParen || kind === TokenKind.RBracket) {
        open.pop();
      }
      if (kind !== TokenKind.Newline) lastEnd = this.endOf(token);
      this.pos++;
    }
    // A bracket left open behind the first error is worth its own report.
    const innermost = open.length > 0 ? open[open.length - 1] : undefined;
    if (innermost !== undefined && innermost !== this.reportedBracket) {
      const [opening, closing] = this.kindOf(innermost) === TokenKind.LParen ? ['(', ')'] : ['[', ']'];
      this.errors.push({
        code: 'syntax.unclosed-bracket',
        message: `this \`${opening}\` is never closed: expected \`${closing}\``,
        span: this.spanOf(innermost),
      });
    }
    return lastEnd;
  }

  // ---------------------------------------------------------------- tokens

  /**
   * The next significant token. Line ends are skipped inside brackets (unless
   * the next line must end the statement) and before a continuation line.
   */
  private peek(): number {
    for (;;) {
      const token = this.pos;
      if (this.kindOf(token) !== TokenKind.Newline) return token;
      const skip = this.open.length > 0 ? !this.breaksBracket(this.pos) : this.continuesChain(this.pos);
      if (!skip) return token;
      this.pos++;
    }
  }

  private consume(): number {
    const token = this.peek();
    if (this.kindOf(token) !== TokenKind.EOF) this.pos++;
    this.previous = token;
    return token;
  }

  private get lastEnd(): number {
    return this.previous !== undefined ? this.endOf(this.previous) : this.startOf(this.pos);
  }

  /** A line end where an open bracket must give up: blank line, prose, keyword line, end of file. */
  private breaksBracket(newlineIndex: number): boolean {
    if ((this.flagsOf(newlineIndex) & TokenFlags.BlankLine) !== 0) return true;
    const next = newlineIndex + 1;
    if (this.kindOf(next) === TokenKind.EOF || this.kindOf(next) === TokenKind.Prose) return true;
    return this.kindOf(next) === TokenKind.Identifier && this.isKeywordAt(newlineIndex + 1);
  }

  /** The line after this line end starts with a relation (other than `>`, which is prose). */
  private continuesChain(newlineIndex: number): boolean {
    const next = newlineIndex + 1;
    return isRelationToken(this.kindOf(next)) && this.kindOf(next) !== TokenKind.Greater;
  }

  private isKeywordAt(index: number): boolean {
    const token = index;
    if (this.kindOf(token) !== TokenKind.Identifier) return false;
    // Cheap length test first: this runs at every line end inside brackets.
    const length = this.endOf(token) - this.startOf(token);
    if (length < 3 || length > 8) return false;
    if (!isStatementKeyword(this.textOf(token))) return false;
    // `answer = 42`, `unit(…)`: a name, not a keyword.
    const next = index + 1;
    if (isRelationToken(this.kindOf(next))) return false;
    return !(this.kindOf(next) === TokenKind.LParen && this.isGlued(next));
  }

  /** No space before `token`: `f(` is a call, `f (` is not. */
  private isGlued(token: number): boolean {
    return (this.flagsOf(token) & TokenFlags.SpaceBefore) === 0;
  }

  /** `token` is the one-letter name `letter` (`d` of `d(L)/d(X)`, `T` of `A^T`). */
  private isOneLetterName(token: number, letter: number): boolean {
    if (this.kindOf(token) !== TokenKind.Identifier || this.endOf(token) - this.startOf(token) !== 1) return false;
    return this.text.charCodeAt(this.startOf(token)) === letter;
  }

  /** Where an error about `token` points: the token, or just after the last one when it is a line end. */
  private errorSpanAt(token: number): Span {
    return this.endsStatement(token) ? span(this.lastEnd, this.lastEnd) : this.spanOf(token);
  }

  /** A line end or the end of the file, as `peek` returns them: the statement is over. */
  private endsStatement(token: number): boolean {
    const kind = this.kindOf(token);
    return kind === TokenKind.Newline || kind === TokenKind.EOF;
  }

  private textOf(token: number): string {
    return this.text.slice(this.startOf(token), this.endOf(token));
  }

  private spanOf(token: number): Span {
    return span(this.startOf(token), this.endOf(token));
  }

  private describe(token: number): string {
    switch (this.kindOf(token)) {
      case TokenKind.Newline:
        return 'the end of the line';
      case TokenKind.EOF:
        return 'the end of the file';
      case TokenKind.Prose:
        return 'a prose line';
    }
    const text = this.textOf(token);
    return '`' + (text.length > 24 ? text.slice(0, 23) + '…' : text) + '`';
  }

  /**
   * Records an error. A hard error (the default) stops the statement: the
   * partial tree is kept and the rest of the statement is skipped, so one
   * slip gives one error. Nothing more is recorded for a failed statement.
   */
  private error(code: SyntaxError['code'], message: string, where: Span, soft = false): void {
    if (this.failed) return;
    this.errors.push({ code, message, span: where });
    if (!soft) {
      this.failed = true;
      this.openAtFailure = this.open.slice();
    }
  }

  /** Enters one level of nesting; false (and `limit.nesting`) when too deep. */
  private enter(at: number): boolean {
    if (this.nesting >= MAX_NESTING) {
      this.error('limit.nesting', `nesting deeper than ${MAX_NESTING} levels`, this.spanOf(at));
      return false;
    }
    this.nesting++;
    return true;
  }

  private leave(): void {
    this.nesting--;
  }

  // ------------------------------------------------------------ statements

  private parseProse(): ProseStatement {
    const token = this.consume();
    let textStart = this.startOf(token) + 1; // after `>`
    const c = this.text.charCodeAt(textStart);
    if (textStart < this.endOf(token) && (c === 0x20 || c === 0x09)) textStart++;
    if (textStart > this.endOf(token)) textStart = this.endOf(token);
    return {
      kind: 'prose',
      span: this.spanOf(token),
      text: this.text.slice(textStart, this.endOf(token)),
      textSpan: span(textStart, this.endOf(token)),
    };
  }

  private parseHeading(kind: 'homework' | 'problem' | 'question'): HeadingStatement {
    const keyword = this.consume();
    let end = this.endOf(keyword);
    let number: HeadingStatement['number'];
    let title: HeadingStatement['title'];

    // Raw token access: a heading never continues on the next line.
    let token = this.pos;
    if (kind !== 'homework' && this.isHeadingNumber(this.pos)) {
      let numberEnd = this.endOf(token);
      const after = this.pos + 1;
      // `question 2a`: the number and its letter, written together.
      const glued =
        this.kindOf(token) === TokenKind.Number && this.kindOf(after) === TokenKind.Identifier && this.isGlued(after);
      this.consume();
      if (glued) numberEnd = this.endOf(this.consume());
      number = { text: this.text.slice(this.startOf(token), numberEnd), span: span(this.startOf(token), numberEnd) };
      end = numberEnd;
      token = this.pos;
    }
    if (this.kindOf(token) === TokenKind.Colon) {
      end = this.endOf(this.consume());
      token = this.pos;
    }
    if (this.kindOf(token) === TokenKind.String) {
      this.consume();
      const unterminated = (this.flagsOf(token) & TokenFlags.Unterminated) !== 0;
      const textStart = this.startOf(token) + 1;
      const textEnd = unterminated ? this.endOf(token) : this.endOf(token) - 1;
      title = { text: this.text.slice(textStart, textEnd), span: span(textStart, textEnd) };
      end = this.endOf(token);
    } else {
      // An unquoted title: the rest of the line, as written, up to a comment.
      // It is raw text, so a stray `.` (`question 1.`) or `→` is no error.
      const text = this.text;
      let lineEnd = end;
      while (lineEnd < text.length) {
        const c = text.charCodeAt(lineEnd);
        if (c === 0x0a || c === 0x0d || c === 0x23 /* # */) break;
        lineEnd++;
      }
      this.rawSpans.push(span(end, lineEnd));
      if (!this.endsStatement(token)) {
        const start = this.startOf(token);
        let textEnd = lineEnd;
        while (textEnd > start && isWhitespace(text.charCodeAt(textEnd - 1))) textEnd--;
        while (!this.endsStatement(this.pos) && this.startOf(this.pos) < lineEnd) this.pos++;
        this.previous = this.pos - 1;
        title = { text: text.slice(start, textEnd), span: span(start, textEnd) };
        end = textEnd;
      }
    }
    return { kind, span: span(this.startOf(keyword), end), keywordSpan: this.spanOf(keyword), number, title };
  }

  /**
   * The token after `problem`/`question` is its number when it is a number,
   * or a name that is short or stands alone (`question b`, `problem 2a`,
   * `question iv: …`); `question Forward pass` is all title.
   */
  private isHeadingNumber(index: number): boolean {
    const token = index;
    if (this.kindOf(token) === TokenKind.Number) return true;
    if (this.kindOf(token) !== TokenKind.Identifier) return false;
    const next = this.kindOf(index + 1);
    if (next === TokenKind.String || next === TokenKind.Colon || this.endsStatement(index + 1)) return true;
    const text = this.textOf(token);
    return text.length === 1 || /\d/.test(text);
  }

  private parseGiven(): GivenStatement {
    const keyword = this.consume();
    const bindings: GivenBinding[] = [];
    let after = '`given`';
    while (!this.failed) {
      const target = this.parseGivenTarget(after);
      if (target === undefined) break;
      const equals = this.peek();
      if (this.kindOf(equals) !== TokenKind.Equals) {
        const name = this.text.slice(target.span.start, target.span.end);
        // `given W[1,1] = 3`: a given is a whole value; an entry is claimed on a line of its own.
        const entry = this.startsIndex()
          ? `: \`given\` binds a whole value, as in \`given ${name} = [1, 2; 3, 4]\``
          : '';
        this.error(
          'syntax.unexpected-token',
          `expected \`=\` after \`${name}\` in \`given\`, found ${this.describe(equals)}${entry}`,
          this.errorSpanAt(equals),
        );
        break;
      }
      this.consume();
      const value = this.parseExpr();
      bindings.push({ target, value, span: span(target.span.start, Math.max(value.span.end, this.endOf(equals))) });
      if (this.failed || this.kindOf(this.peek()) !== TokenKind.Comma) break;
      this.consume();
      after = '`,`';
    }
    const end = bindings.length > 0 ? bindings[bindings.length - 1].span.end : this.endOf(keyword);
    return { kind: 'given', span: span(this.startOf(keyword), end), keywordSpan: this.spanOf(keyword), bindings };
  }

  private parseGivenTarget(after: string): NameRef | DerivativeExpr | undefined {
    const token = this.peek();
    if (this.kindOf(token) === TokenKind.Identifier || this.kindOf(token) === TokenKind.Partial) {
      const target = this.kindOf(token) === TokenKind.Partial ? this.parsePartialDerivative() : this.parseNameOrCall();
      if (this.failed) return undefined;
      if (target.kind === 'name' || target.kind === 'derivative') return target;
      const message = '`given` binds a name or a derivative such as `∂L/∂z2`, not a call';
      this.error('syntax.expected-name', message, target.span);
      return undefined;
    }
    this.expectedName(token, after);
    return undefined;
  }

  private expectedName(found: number, after: string): void {
    this.error(
      'syntax.expected-name',
      `expected a name after ${after}, found ${this.describe(found)}`,
      this.errorSpanAt(found),
    );
  }

  /** `NAME[, NAME…]`, after `unit` or `for`. */
  private parseNameList(after: string): NameRef[] {
    const names: NameRef[] = [];
    while (!this.failed) {
      const token = this.peek();
      if (this.kindOf(token) !== TokenKind.Identifier) {
        this.expectedName(token, after);
        break;
      }
      this.consume();
      names.push({ kind: 'name', span: this.spanOf(token), name: this.textOf(token) });
      if (this.kindOf(this.peek()) !== TokenKind.Comma) break;
      this.consume();
      after = '`,`';
    }
    return names;
  }

  private parseUnit(): UnitStatement {
    const keyword = this.consume();
    const names = this.parseNameList('`unit`');
    const end = names.length > 0 ? names[names.length - 1].span.end : this.endOf(keyword);
    return { kind: 'unit', span: span(this.startOf(keyword), end), keywordSpan: this.spanOf(keyword), names };
  }

  private parseAnswer(): AnswerStatement {
    const keyword = this.consume();
    const body = this.parseChain();
    const whole = span(this.startOf(keyword), Math.max(body.span.end, this.endOf(keyword)));
    return { kind: 'answer', span: whole, keywordSpan: this.spanOf(keyword), body };
  }

  private parseFor(): ForStatement {
    const keyword = this.consume();
    const variables = this.parseNameList('`for`');
    let body: ChainStatement;
    const colon = this.peek();
    if (!this.failed && this.kindOf(colon) === TokenKind.Colon) {
      this.consume();
      body = this.parseChain();
    } else {
      if (!this.failed) {
        const message = `expected \`:\` after the variables of \`for\`, found ${this.describe(colon)}`;
        this.error('syntax.unexpected-token', message, this.errorSpanAt(colon));
      }
      const missing: ErrorExpr = { kind: 'error', span: span(this.lastEnd, this.lastEnd) };
      body = { kind: 'chain', span: missing.span, links: [this.firstLink(missing)] };
    }
    const whole = span(this.startOf(keyword), Math.max(body.span.end, this.endOf(keyword)));
    return { kind: 'for', span: whole, keywordSpan: this.spanOf(keyword), variables, body };
  }

  private firstLink(expr: Expr): Link {
    return { relation: undefined, relationText: '', relationSpan: undefined, expr, span: expr.span };
  }

  /** `EXPR (REL EXPR)*` */
  private parseChain(): ChainStatement {
    const first = this.parseExpr();
    const links: Link[] = [this.firstLink(first)];
    while (!this.failed) {
      const token = this.peek();
      const relation = relationOf(this.kindOf(token));
      if (relation === undefined) break;
      this.consume();
      const expr = this.parseExpr();
      links.push({
        relation,
        relationText: this.textOf(token),
        relationSpan: this.spanOf(token),
        expr,
        span: span(this.startOf(token), Math.max(expr.span.end, this.endOf(token))),
      });
    }
    const last = links[links.length - 1];
    // Copied to its size, as every array the tree keeps (see parseMatrix).
    return { kind: 'chain', span: span(first.span.start, last.span.end), links: links.slice() };
  }

  // ----------------------------------------------------------- expressions

  private parseExpr(): Expr {
    const start = this.parseAdditive();
    if (this.failed || this.kindOf(this.peek()) !== TokenKind.Colon) return start;
    this.consume();
    const second = this.parseAdditive();
    let step: Expr | undefined;
    let end = second;
    if (!this.failed && this.kindOf(this.peek()) === TokenKind.Colon) {
      this.consume();
      step = second;
      end = this.parseAdditive();
    }
    if (!this.failed && this.kindOf(this.peek()) === TokenKind.Colon) {
      const message = 'a range has at most two `:` (`start:end` or `start:step:end`)';
      this.error('syntax.unexpected-token', message, this.spanOf(this.peek()));
    }
    return { kind: 'range', span: span(start.span.start, end.span.end), start, step, end };
  }

  /** `EXPR (CMP EXPR)*` inside a bracket: `(x > 0)`, `where(S > 0, S, 0.1 S)`. */
  private parseComparison(): Expr {
    let left = this.parseExpr();
    while (!this.failed) {
      const token = this.peek();
      const op = COMPARISONS[this.kindOf(token)];
      if (op === undefined) break;
      this.consume();
      left = this.binary(op, token, left, this.parseExpr());
    }
    return left;
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (!this.failed) {
      const token = this.peek();
      if (this.kindOf(token) !== TokenKind.Plus && this.kindOf(token) !== TokenKind.Minus) break;
      this.consume();
      const right = this.parseMultiplicative();
      left = this.binary(this.kindOf(token) === TokenKind.Plus ? 'add' : 'sub', token, left, right);
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (!this.failed) {
      const token = this.peek();
      const op = EXPLICIT_PRODUCTS[this.kindOf(token)];
      if (op !== undefined) {
        this.consume();
        const right = this.parseUnary();
        left = this.binary(op, token, left, right);
        continue;
      }
      // Juxtaposition: `W1 z0`, `2 (yhat - y)`. Line ends stop it (peek
      // returns them outside brackets), and a sign is always binary.
      if (!startsOperand(this.kindOf(token))) break;
      const previous = this.previous;
      if (
        this.kindOf(token) === TokenKind.Number &&
        previous !== undefined &&
        this.kindOf(previous) === TokenKind.Number
      ) {
        // `[1 2]` is a missing comma far more often than a product.
        this.error(
          'syntax.adjacent-numbers',
          'two numbers side by side: separate matrix entries with `,` or multiply with `*`',
          span(this.startOf(previous), this.endOf(token)),
          true,
        );
      }
      const right = this.parseUnary();
      const gap = span(left.span.end, Math.max(left.span.end, right.span.start));
      left = {
        kind: 'binary',
        span: span(left.span.start, right.span.end),
        op: 'mul',
        opText: '',
        opSpan: gap,
        implicit: true,
        left,
        right,
      };
    }
    return left;
  }

  private binary(op: BinaryOp, operator: number, left: Expr, right: Expr): BinaryExpr {
    return {
      kind: 'binary',
      span: span(left.span.start, Math.max(right.span.end, this.endOf(operator))),
      op,
      opText: this.textOf(operator),
      opSpan: this.spanOf(operator),
      implicit: false,
      left,
      right,
    };
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (this.kindOf(token) !== TokenKind.Minus && this.kindOf(token) !== TokenKind.Plus) return this.parsePower();
    if (!this.enter(token)) return this.errorAt(this.startOf(token));
    this.consume();
    const operand = this.parseUnary();
    this.leave();
    return {
      kind: 'unary',
      span: span(this.startOf(token), Math.max(operand.span.end, this.endOf(token))),
      op: this.kindOf(token) === TokenKind.Minus ? '-' : '+',
      operand,
    };
  }

  private parsePower(): Expr {
    const base = this.parsePostfix();
    if (this.failed) return base;
    const caret = this.peek();
    const kind = this.kindOf(caret);
    if (kind !== TokenKind.Caret && kind !== TokenKind.DotCaret) return base;
    if (!this.enter(caret)) return base;
    this.consume();
    // Right-associative, and the exponent may carry a sign: `2^-1`, `a^b^c`, `x.^-1`.
    const exponent = this.parseUnary();
    this.leave();
    return this.binary(kind === TokenKind.Caret ? 'pow' : 'epow', caret, base, exponent);
  }

  /** `^T` (the name `T`, exactly) is a transpose, not a power. */
  private isCaretTranspose(): boolean {
    const next = this.pos + 1;
    return this.isOneLetterName(next, TRANSPOSE_NAME.charCodeAt(0));
  }

  private parsePostfix(): Expr {
    let expr = this.parsePrimary();
    while (!this.failed) {
      if (this.startsIndex()) {
        expr = this.parseIndex(expr);
        continue;
      }
      const token = this.peek();
      if (this.kindOf(token) === TokenKind.Transpose) {
        this.consume();
      } else if (this.kindOf(token) === TokenKind.Caret && this.isCaretTranspose()) {
        this.consume();
        this.consume();
      } else {
        break;
      }
      expr = { kind: 'transpose', span: span(expr.span.start, this.lastEnd), operand: expr };
    }
    return expr;
  }

  /** A `[` glued to a name, `)` or `]` just read: `W[2,3]`, `(A B)[1,2]`, `∂L/∂W[2,3]` (`W [2,3]` is a product). */
  private startsIndex(): boolean {
    const token = this.pos;
    if (this.kindOf(token) !== TokenKind.LBracket || !this.isGlued(token) || this.previous === undefined) return false;
    const before = this.kindOf(this.previous);
    return before === TokenKind.Identifier || before === TokenKind.RParen || before === TokenKind.RBracket;
  }

  /** `TARGET[e1, e2, …]`; the current token is `[`. */
  private parseIndex(target: Expr): Expr {
    const open = this.pos;
    if (!this.enter(open)) return target;
    this.open.push(this.consume());
    const entries: IndexEntry[] = [];
    if (this.kindOf(this.peek()) === TokenKind.RBracket) {
      const empty = span(this.startOf(open), this.endOf(this.peek()));
      this.error('syntax.expected-expression', 'an index needs at least one entry, as in `W[2,3]` or `X[:,1]`', empty);
    }
    while (!this.failed) {
      // Half-typed `W[` or `W[1,`: the open bracket is reported, not a missing entry.
      if (this.endsStatement(this.peek())) break;
      entries.push(this.parseIndexEntry());
      if (this.failed || this.kindOf(this.peek()) !== TokenKind.Comma) break;
      this.consume();
    }
    if (!this.failed && this.kindOf(this.peek()) === TokenKind.Semicolon) {
      // `W[1; 2]`: rows belong to a matrix; glued to a name the bracket is an index.
      const message =
        'an index separates its entries with `,` (`W[2,3]`); to multiply by a column, leave a space: `W [1; 2]`';
      this.error('syntax.unexpected-token', message, this.spanOf(this.peek()));
    }
    const close = this.closeBracket(open, TokenKind.RBracket, '`,` or `]` in the index');
    this.open.pop();
    this.leave();
    const end = close !== undefined ? this.endOf(close) : Math.max(this.lastEnd, this.endOf(open));
    return {
      kind: 'index',
      span: span(target.span.start, end),
      target,
      entries: entries.slice(),
      bracketSpan: span(this.startOf(open), end),
    };
  }

  /** `:`, an integer expression, or `a:b` (no step: a slice is read, not generated). */
  private parseIndexEntry(): IndexEntry {
    const token = this.peek();
    if (this.kindOf(token) === TokenKind.Colon) {
      this.consume();
      if (!this.endsIndexEntry(this.peek())) {
        const message = 'a slice names both of its ends (1-based, inclusive): write `1:3`, not `:3`';
        this.error('syntax.unexpected-token', message, this.spanOf(token));
      }
      return { kind: 'all', span: this.spanOf(token) };
    }
    const start = this.parseAdditive();
    if (this.failed || this.kindOf(this.peek()) !== TokenKind.Colon)
      return { kind: 'at', span: start.span, index: start };
    const colon = this.consume();
    if (this.endsIndexEntry(this.peek())) {
      const message = 'a slice names both of its ends (1-based, inclusive): write `2:4`, not `2:`';
      this.error('syntax.unexpected-token', message, this.spanOf(colon));
      return { kind: 'at', span: start.span, index: start };
    }
    const end = this.parseAdditive();
    if (!this.failed && this.kindOf(this.peek()) === TokenKind.Colon) {
      const message = 'a slice is `a:b` (from a to b, inclusive), with no step';
      this.error('syntax.unexpected-token', message, this.spanOf(this.peek()));
    }
    return { kind: 'slice', span: span(start.span.start, Math.max(end.span.end, this.endOf(colon))), start, end };
  }

  private endsIndexEntry(token: number): boolean {
    const kind = this.kindOf(token);
    return kind === TokenKind.Comma || kind === TokenKind.RBracket || this.endsStatement(token);
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    switch (this.kindOf(token)) {
      case TokenKind.Number:
        this.consume();
        return { kind: 'number', span: this.spanOf(token), value: this.numberValue(token), text: this.textOf(token) };
      case TokenKind.Question:
        this.consume();
        return { kind: 'unknown', span: this.spanOf(token) };
      case TokenKind.Identifier:
        return this.parseNameOrCall();
      case TokenKind.Partial:
        return this.parsePartialDerivative();
      case TokenKind.LParen:
        return this.parseParen();
      case TokenKind.LBracket:
        return this.parseMatrix();
      case TokenKind.String:
        this.error('syntax.unexpected-token', STRING_ONLY_IN_TITLES, this.spanOf(token));
        return this.errorAt(this.previous !== undefined ? this.lastEnd : this.startOf(token));
    }
    return this.expectedExpression(token);
  }

  private expectedExpression(found: number): ErrorExpr {
    const atEnd = this.endsStatement(found);
    const after = this.previous !== undefined ? ` after ${this.describe(this.previous)}` : '';
    const message = atEnd
      ? `expected an expression${after}`
      : `expected an expression${after}, found ${this.describe(found)}`;
    // The placeholder sits right after what came before, so the partial tree ends there.
    const at = atEnd || this.previous !== undefined ? this.lastEnd : this.startOf(found);
    this.error('syntax.expected-expression', message, atEnd ? span(at, at) : this.spanOf(found));
    return this.errorAt(at);
  }

  private errorAt(offset: number): ErrorExpr {
    return { kind: 'error', span: span(offset, offset) };
  }

  private numberValue(token: number): number {
    const text = this.text;
    let end = this.endOf(token);
    const percent = text.charCodeAt(end - 1) === 0x25; /* % */
    if (percent) end--;
    let digits = text.slice(this.startOf(token), end);
    if (digits.indexOf('\u2212') >= 0) digits = digits.replace('\u2212', '-');
    const value = Number(digits);
    return percent ? value / 100 : value;
  }

  private nameRef(token: number): NameRef {
    return { kind: 'name', span: this.spanOf(token), name: this.textOf(token) };
  }

  /** A name, a call `f(x)`, a prime call `relu'(x)`, or `d(L)/d(X)` / `grad(L, X)`. */
  private parseNameOrCall(): Expr {
    const token = this.consume();
    const callee = this.nameRef(token);
    const next = this.pos;
    const glued = (t: number): boolean => this.isGlued(t);

    if (this.kindOf(next) === TokenKind.LParen && glued(next)) {
      if (callee.name === DERIVATIVE_D) {
        const derivative = this.tryDSpelling(token);
        if (derivative !== undefined) return derivative;
      } else if (callee.name === DERIVATIVE_GRAD || callee.name === DERIVATIVE_HESSIAN) {
        const derivative = this.tryGradSpelling(token, callee.name === DERIVATIVE_HESSIAN);
        if (derivative !== undefined) return derivative;
      }
      return this.parseCall(callee, false);
    }
    if (this.kindOf(next) === TokenKind.Prime && glued(next)) {
      const paren = this.pos + 1;
      this.consume();
      if (this.kindOf(paren) === TokenKind.LParen && glued(paren)) return this.parseCall(callee, true);
      this.error(
        'syntax.unexpected-token',
        `expected \`(\` right after \`${callee.name}'\`: a prime marks the derivative of a function, as in \`relu'(x)\``,
        this.spanOf(next),
      );
      return callee;
    }
    return callee;
  }

  /** `d(L)/d(X)`, checked whole by lookahead; anything else is left to be a call of `d`. */
  private tryDSpelling(first: number): DerivativeExpr | undefined {
    const i = this.pos; // at `(`
    const glued = (k: number): boolean => this.isGlued(k);
    const isD = (k: number): boolean => this.isOneLetterName(k, DERIVATIVE_D.charCodeAt(0));
    const matches =
      this.kindOf(i + 1) === TokenKind.Identifier &&
      this.kindOf(i + 2) === TokenKind.RParen &&
      this.kindOf(i + 3) === TokenKind.Slash &&
      isD(i + 4) &&
      this.kindOf(i + 5) === TokenKind.LParen &&
      glued(i + 5) &&
      this.kindOf(i + 6) === TokenKind.Identifier &&
      this.kindOf(i + 7) === TokenKind.RParen;
    if (!matches) return undefined;
    const of = this.nameRef(i + 1);
    const wrt = this.nameRef(i + 6);
    this.pos = i + 8;
    this.previous = i + 7;
    return { kind: 'derivative', span: span(this.startOf(first), this.endOf(i + 7)), of, wrt, spelling: 'd' };
  }

  /** `grad(L, X)` or `hessian(L, X)` with two names; with other arguments it is an ordinary call. */
  private tryGradSpelling(first: number, hessian: boolean): DerivativeExpr | undefined {
    const i = this.pos; // at `(`
    const matches =
      this.kindOf(i + 1) === TokenKind.Identifier &&
      this.kindOf(i + 2) === TokenKind.Comma &&
      this.kindOf(i + 3) === TokenKind.Identifier &&
      this.kindOf(i + 4) === TokenKind.RParen;
    if (!matches) return undefined;
    this.pos = i + 5;
    this.previous = i + 4;
    return {
      kind: 'derivative',
      span: span(this.startOf(first), this.endOf(i + 4)),
      of: this.nameRef(i + 1),
      wrt: this.nameRef(i + 3),
      ...(hessian ? { spelling: 'hessian', order: 2 } : { spelling: 'grad' }),
    };
  }

  /** `∂NAME/∂NAME`, or `∂²NAME/∂NAME²` (a Hessian; the two `²` go together). */
  private parsePartialDerivative(): Expr {
    const first = this.consume(); // ∂
    const squared = this.kindOf(this.peek()) === TokenKind.Squared && this.isGlued(this.peek());
    if (squared) this.consume();
    const of = this.peek();
    if (this.kindOf(of) !== TokenKind.Identifier) {
      this.expectedName(of, '`∂`');
      return { kind: 'error', span: span(this.startOf(first), this.lastEnd) };
    }
    this.consume();
    const slash = this.peek();
    if (this.kindOf(slash) !== TokenKind.Slash) {
      this.error(
        'syntax.unexpected-token',
        `expected \`/∂\` after \`∂${this.textOf(of)}\`, as in \`∂L/∂W1\``,
        this.errorSpanAt(slash),
      );
      return { kind: 'error', span: span(this.startOf(first), this.lastEnd) };
    }
    this.consume();
    const partial = this.peek();
    if (this.kindOf(partial) !== TokenKind.Partial) {
      this.error(
        'syntax.unexpected-token',
        `expected \`∂\` after \`∂${this.textOf(of)}/\`, as in \`∂L/∂W1\``,
        this.errorSpanAt(partial),
      );
      return { kind: 'error', span: span(this.startOf(first), this.lastEnd) };
    }
    this.consume();
    const wrt = this.peek();
    if (this.kindOf(wrt) !== TokenKind.Identifier) {
      this.expectedName(wrt, '`∂`');
      return { kind: 'error', span: span(this.startOf(first), this.lastEnd) };
    }
    this.consume();
    const second = this.peek();
    const closed = this.kindOf(second) === TokenKind.Squared && this.isGlued(second);
    if (squared !== closed) {
      this.error(
        'syntax.unexpected-token',
        squared
          ? `expected \`²\` right after \`∂${this.textOf(wrt)}\`: a second derivative is written \`∂²L/∂x²\``
          : `a \`²\` here needs one after the first \`∂\` too: a second derivative is written \`∂²L/∂x²\``,
        closed ? this.spanOf(second) : this.errorSpanAt(second),
      );
      if (closed) this.consume();
      return { kind: 'error', span: span(this.startOf(first), this.lastEnd) };
    }
    if (closed) this.consume();
    const whole = span(this.startOf(first), this.endOf(closed ? second : wrt));
    const order = squared ? { order: 2 as const } : {};
    return {
      kind: 'derivative',
      span: whole,
      of: this.nameRef(of),
      wrt: this.nameRef(wrt),
      spelling: 'partial',
      ...order,
    };
  }

  /** The argument list of a call; the current token is `(`. */
  private parseCall(callee: NameRef, prime: boolean): Expr {
    const open = this.peek();
    if (!this.enter(open)) return callee;
    this.open.push(this.consume());
    const args: Expr[] = [];
    const named: NamedArgument[] = [];
    if (this.kindOf(this.peek()) !== TokenKind.RParen) {
      while (!this.failed) {
        const token = this.peek();
        // Half-typed `relu(` or `f(1,`: report the open bracket, not a missing argument.
        if (this.endsStatement(token)) break;
        if (this.kindOf(token) === TokenKind.Identifier && this.kindOf(this.pos + 1) === TokenKind.Equals) {
          this.consume();
          this.consume();
          const value = this.parseComparison();
          const whole = span(this.startOf(token), Math.max(value.span.end, this.endOf(token) + 1));
          named.push({ name: this.nameRef(token), value, span: whole });
        } else {
          const arg = this.parseComparison();
          if (named.length > 0) {
            this.error(
              'syntax.positional-after-named',
              'a positional argument cannot follow named ones: put it before them, or name it',
              arg.span,
              true,
            );
          }
          args.push(arg);
        }
        if (this.failed || this.kindOf(this.peek()) !== TokenKind.Comma) break;
        this.consume();
      }
    }
    const close = this.closeBracket(open, TokenKind.RParen, `\`,\` or \`)\` in the arguments of \`${callee.name}\``);
    this.open.pop();
    this.leave();
    const end = close !== undefined ? this.endOf(close) : Math.max(this.lastEnd, this.endOf(open));
    return {
      kind: 'call',
      span: span(callee.span.start, end),
      callee,
      prime,
      args: args.slice(),
      named: named.slice(),
      argsSpan: span(this.startOf(open), end),
    };
  }

  /**
   * Consumes the closing bracket, or reports what is there instead: the end
   * of the statement (an unclosed bracket, reported at the opening one) or
   * another token.
   */
  private closeBracket(open: number, closeKind: TokenKind, expected: string): number | undefined {
    if (this.failed) return undefined;
    const token = this.peek();
    if (this.kindOf(token) === closeKind) return this.consume();
    this.reportedBracket = open;
    const openText = closeKind === TokenKind.RParen ? '(' : '[';
    const closeText = closeKind === TokenKind.RParen ? ')' : ']';
    if (this.endsStatement(token)) {
      this.error(
        'syntax.unclosed-bracket',
        `this \`${openText}\` is never closed: expected \`${closeText}\``,
        this.spanOf(open),
      );
    } else if (this.kindOf(token) === TokenKind.RParen || this.kindOf(token) === TokenKind.RBracket) {
      const message = `expected \`${closeText}\` to close the \`${openText}\`, found ${this.describe(token)}`;
      this.error('syntax.unmatched-bracket', message, this.spanOf(token));
    } else {
      this.error('syntax.unexpected-token', `expected ${expected}, found ${this.describe(token)}`, this.spanOf(token));
    }
    return undefined;
  }

  private parseParen(): Expr {
    const open = this.peek();
    if (!this.enter(open)) return this.errorAt(this.startOf(open));
    this.open.push(this.consume());
    let inner: Expr;
    if (this.kindOf(this.peek()) === TokenKind.RParen) {
      const empty = span(this.startOf(open), this.endOf(this.peek()));
      this.error('syntax.expected-expression', 'expected an expression inside `( )`', empty);
      inner = this.errorAt(this.endOf(open));
    } else if (this.endsStatement(this.peek())) {
      inner = this.errorAt(this.endOf(open));
    } else {
      inner = this.parseComparison();
    }
    const close = this.closeBracket(open, TokenKind.RParen, '`)`');
    this.open.pop();
    this.leave();
    const end = close !== undefined ? this.endOf(close) : Math.max(this.lastEnd, this.endOf(open));
    return { kind: 'paren', span: span(this.startOf(open), end), inner };
  }

  private parseMatrix(): Expr {
    const open = this.peek();
    if (!this.enter(open)) return this.errorAt(this.startOf(open));
    this.open.push(this.consume());
    if (this.kindOf(this.peek()) === TokenKind.RBracket) {
      const close = this.consume();
      this.open.pop();
      this.leave();
      const whole = span(this.startOf(open), this.endOf(close));
      this.error('syntax.empty-matrix', 'a matrix needs at least one entry: `[]` is empty', whole, true);
      return { kind: 'error', span: whole };
    }
    const rows: Expr[][] = [];
    /** The separator after each row: 1 for `;`, 2 for `;;` (slices), 3 for `;;;` (blocks). */
    const levels: number[] = [];
    let row: Expr[] = [];
    while (!this.failed) {
      if (this.endsStatement(this.peek())) break;
      row.push(this.parseComparison());
      if (this.failed) break;
      const separator = this.peek();
      if (this.kindOf(separator) === TokenKind.Comma) {
        this.consume();
        continue;
      }
      if (this.kindOf(separator) !== TokenKind.Semicolon) break;
      let level = this.endOf(separator) - this.startOf(separator);
      if (level > MAX_SEPARATOR_LEVEL) {
        const message = `\`${';'.repeat(level)}\` would make a value of rank ${level + 1}: a value has at most 4 axes (\`;\` rows, \`;;\` channels, \`;;;\` batch items)`;
        this.error('shape.rank', message, this.spanOf(separator));
        break;
      }
      this.consume();
      // A row's own `;` at a line end, then `;;` on the next line: the slice ends there.
      const next = this.peek();
      const nextLevel = this.endOf(next) - this.startOf(next);
      if (
        level === 1 &&
        this.kindOf(next) === TokenKind.Semicolon &&
        nextLevel > 1 &&
        nextLevel <= MAX_SEPARATOR_LEVEL
      ) {
        this.consume();
        level = nextLevel;
      }
      rows.push(row.slice());
      levels.push(level);
      row = [];
      // A trailing `;` before `]` is allowed (one row per line, each ending in `;`); a trailing `;;` (`;;;`)
      // makes a value of one channel (one batch item): `[1, 2; 3, 4;;]` is 1×2×2.
      if (this.kindOf(this.peek()) === TokenKind.RBracket) break;
    }
    // Copied to their size: an array grown by push keeps room for about 16 more, and the tree is kept.
    if (row.length > 0) rows.push(row.slice());
    const close = this.closeBracket(open, TokenKind.RBracket, '`,`, `;` or `]` in the matrix');
    this.open.pop();
    this.leave();
    const end = close !== undefined ? this.endOf(close) : Math.max(this.lastEnd, this.endOf(open));
    const whole = span(this.startOf(open), end);
    if (this.failed || rows.length === 0) return { kind: 'matrix', span: whole, rows: rows.slice() };
    // The rows are kept in the tree, so copied to their size; the levels are read once.
    const literal = buildLiteral({ rows: rows.slice(), levels, whole });
    for (const e of literal.errors) this.errors.push(e);
    return literal.expr;
  }
}

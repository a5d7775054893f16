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
 *   postfix transpose `ᵀ`, `^T`; calls `f(x)`, `relu'(x)`
 */
import type {
  AnswerStatement,
  BinaryExpr,
  BinaryOp,
  CallExpr,
  ChainStatement,
  DerivativeExpr,
  ErrorExpr,
  Expr,
  ForStatement,
  GivenBinding,
  GivenStatement,
  HeadingStatement,
  HomeworkFile,
  Link,
  NamedArgument,
  NameRef,
  ProseStatement,
  Statement,
  SyntaxError,
  UnitStatement,
} from './ast';
import type { Span } from '../text/span';
import { DERIVATIVE_D, DERIVATIVE_GRAD, isStatementKeyword, TRANSPOSE_NAME } from './keywords';
import { isWhitespace, scan } from './scanner';
import { isRelationToken, relationOf, startsOperand, Token, TokenFlags, TokenKind } from './tokens';

/** Deeper nesting than this records `limit.nesting` instead of recursing (no stack overflow). */
export const MAX_NESTING = 256;

/** Parses a whole `.hw` text. Never throws, whatever the input. */
export function parse(text: string): HomeworkFile {
  try {
    const scanned = scan(text);
    const parser = new Parser(text, scanned.tokens);
    const statements = parser.parseFile();
    const errors = parser.errors.concat(withoutRawSpans(scanned.diagnostics, parser.rawSpans));
    errors.sort((a, b) => a.span.start - b.span.start);
    return { statements, comments: scanned.comments, errors };
  } catch (e) {
    // A bug must not take the editor down with it: report it as a syntax error.
    const whole = { start: 0, end: text.length };
    const detail = e instanceof Error ? e.message : String(e);
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

const EXPLICIT_PRODUCTS: Partial<Record<TokenKind, BinaryOp>> = {
  [TokenKind.Star]: 'mul',
  [TokenKind.Dot]: 'mul',
  [TokenKind.Times]: 'mul',
  [TokenKind.Slash]: 'div',
  [TokenKind.Hadamard]: 'hadamard',
  [TokenKind.DotStar]: 'hadamard',
};

class Parser {
  readonly errors: SyntaxError[] = [];
  /** Unquoted titles: raw text, so scanner complaints inside them do not count. */
  readonly rawSpans: Span[] = [];

  private pos = 0;
  /** Brackets open in the current statement, innermost last: line ends are whitespace while any is. */
  private readonly open: Token[] = [];
  /** The brackets that were open when the statement failed, for skipping the rest. */
  private openAtFailure: Token[] = [];
  /** A bracket whose missing closer the statement's error already names. */
  private reportedBracket: Token | undefined;
  /** Recursion depth of the expression parser, for the nesting guard. */
  private nesting = 0;
  /** The current statement has had a (hard) error: stop building, skip to its end. */
  private failed = false;
  /** The last token consumed in the current statement (for "expected … after `+`"). */
  private previous: Token | undefined;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  // ------------------------------------------------------------------ file

  parseFile(): Statement[] {
    const statements: Statement[] = [];
    const tokens = this.tokens;
    for (;;) {
      const token = tokens[this.pos];
      if (token.kind === TokenKind.EOF) break;
      if (token.kind === TokenKind.Newline) {
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
      statements.push(statement ?? { kind: 'error', span: span(token.start, Math.max(lastEnd, token.end)) });
      // Belt and braces against an endless loop: every statement consumes a token.
      if (this.pos === startPos) this.pos++;
    }
    return statements;
  }

  private parseStatement(): Statement | undefined {
    const token = this.tokens[this.pos];
    if (token.kind === TokenKind.Prose) return this.parseProse();
    if (token.kind === TokenKind.Identifier && this.isKeywordAt(this.pos)) {
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
    if (token.kind === TokenKind.Newline || token.kind === TokenKind.EOF) return;
    const found = this.describe(token);
    switch (token.kind) {
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
        this.error('syntax.unexpected-token', 'unexpected `;`: semicolons separate matrix rows, inside `[ ]`', this.spanOf(token));
        return;
      case TokenKind.String:
        this.error('syntax.unexpected-token', 'a quoted string can only be a title (after `homework`, `problem` or `question`)', this.spanOf(token));
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
    const tokens = this.tokens;
    const open = this.failed ? this.openAtFailure : [];
    let lastEnd = this.previous !== undefined ? this.previous.end : 0;
    for (;;) {
      const token = tokens[this.pos];
      if (token.kind === TokenKind.EOF) break;
      if (token.kind === TokenKind.Newline) {
        if (open.length > 0 ? this.breaksBracket(this.pos) : !this.continuesChain(this.pos)) break;
      } else if (token.kind === TokenKind.LParen || token.kind === TokenKind.LBracket) {
        open.push(token);
      } else if (token.kind === TokenKind.RParen || token.kind === TokenKind.RBracket) {
        open.pop();
      }
      if (token.kind !== TokenKind.Newline) lastEnd = token.end;
      this.pos++;
    }
    // A bracket left open behind the first error is worth its own report.
    const innermost = open.length > 0 ? open[open.length - 1] : undefined;
    if (innermost !== undefined && innermost !== this.reportedBracket) {
      const [opening, closing] = innermost.kind === TokenKind.LParen ? ['(', ')'] : ['[', ']'];
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
  private peek(): Token {
    for (;;) {
      const token = this.tokens[this.pos];
      if (token.kind !== TokenKind.Newline) return token;
      const skip = this.open.length > 0 ? !this.breaksBracket(this.pos) : this.continuesChain(this.pos);
      if (!skip) return token;
      this.pos++;
    }
  }

  private consume(): Token {
    const token = this.peek();
    if (token.kind !== TokenKind.EOF) this.pos++;
    this.previous = token;
    return token;
  }

  private get lastEnd(): number {
    return this.previous !== undefined ? this.previous.end : this.tokens[this.pos].start;
  }

  /** A line end where an open bracket must give up: blank line, prose, keyword line, end of file. */
  private breaksBracket(newlineIndex: number): boolean {
    if ((this.tokens[newlineIndex].flags & TokenFlags.BlankLine) !== 0) return true;
    const next = this.tokens[newlineIndex + 1];
    if (next.kind === TokenKind.EOF || next.kind === TokenKind.Prose) return true;
    return next.kind === TokenKind.Identifier && this.isKeywordAt(newlineIndex + 1);
  }

  /** The line after this line end starts with a relation (other than `>`, which is prose). */
  private continuesChain(newlineIndex: number): boolean {
    const next = this.tokens[newlineIndex + 1];
    return isRelationToken(next.kind) && next.kind !== TokenKind.Greater;
  }

  private isKeywordAt(index: number): boolean {
    const token = this.tokens[index];
    if (token.kind !== TokenKind.Identifier) return false;
    // Cheap length test first: this runs at every line end inside brackets.
    const length = token.end - token.start;
    if (length < 3 || length > 8) return false;
    if (!isStatementKeyword(this.textOf(token))) return false;
    // `answer = 42`, `unit(…)`: a name, not a keyword.
    const next = this.tokens[index + 1];
    if (isRelationToken(next.kind)) return false;
    return !(next.kind === TokenKind.LParen && (next.flags & TokenFlags.SpaceBefore) === 0);
  }

  /** A line end or the end of the file, as `peek` returns them: the statement is over. */
  private endsStatement(token: Token): boolean {
    return token.kind === TokenKind.Newline || token.kind === TokenKind.EOF;
  }

  private textOf(token: Token): string {
    return this.text.slice(token.start, token.end);
  }

  private spanOf(token: Token): Span {
    return span(token.start, token.end);
  }

  private describe(token: Token): string {
    switch (token.kind) {
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
  private error(code: string, message: string, where: Span, soft = false): void {
    if (this.failed) return;
    this.errors.push({ code, message, span: where });
    if (!soft) {
      this.failed = true;
      this.openAtFailure = this.open.slice();
    }
  }

  /** Enters one level of nesting; false (and `limit.nesting`) when too deep. */
  private enter(at: Token): boolean {
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
    let textStart = token.start + 1; // after `>`
    const c = this.text.charCodeAt(textStart);
    if (textStart < token.end && (c === 0x20 || c === 0x09)) textStart++;
    if (textStart > token.end) textStart = token.end;
    return {
      kind: 'prose',
      span: this.spanOf(token),
      text: this.text.slice(textStart, token.end),
      textSpan: span(textStart, token.end),
    };
  }

  private parseHeading(kind: 'homework' | 'problem' | 'question'): HeadingStatement {
    const tokens = this.tokens;
    const keyword = this.consume();
    let end = keyword.end;
    let number: HeadingStatement['number'];
    let title: HeadingStatement['title'];

    // Raw token access: a heading never continues on the next line.
    let token = tokens[this.pos];
    if (kind !== 'homework' && this.isHeadingNumber(this.pos)) {
      let numberEnd = token.end;
      const after = tokens[this.pos + 1];
      // `question 2a`: the number and its letter, written together.
      const glued =
        token.kind === TokenKind.Number && after.kind === TokenKind.Identifier && (after.flags & TokenFlags.SpaceBefore) === 0;
      this.consume();
      if (glued) numberEnd = this.consume().end;
      number = { text: this.text.slice(token.start, numberEnd), span: span(token.start, numberEnd) };
      end = numberEnd;
      token = tokens[this.pos];
    }
    if (token.kind === TokenKind.Colon) {
      end = this.consume().end;
      token = tokens[this.pos];
    }
    if (token.kind === TokenKind.String) {
      this.consume();
      const unterminated = (token.flags & TokenFlags.Unterminated) !== 0;
      const textStart = token.start + 1;
      const textEnd = unterminated ? token.end : token.end - 1;
      title = { text: this.text.slice(textStart, textEnd), span: span(textStart, textEnd) };
      end = token.end;
    } else if (token.kind !== TokenKind.Newline && token.kind !== TokenKind.EOF) {
      // An unquoted title: the rest of the line, as written, up to a comment.
      const start = token.start;
      let lineEnd = start;
      const text = this.text;
      while (lineEnd < text.length) {
        const c = text.charCodeAt(lineEnd);
        if (c === 0x0a || c === 0x0d || c === 0x23 /* # */) break;
        lineEnd++;
      }
      let textEnd = lineEnd;
      while (textEnd > start && isWhitespace(text.charCodeAt(textEnd - 1))) textEnd--;
      while (tokens[this.pos].kind !== TokenKind.Newline && tokens[this.pos].kind !== TokenKind.EOF && tokens[this.pos].start < lineEnd) {
        this.pos++;
      }
      this.previous = tokens[this.pos - 1];
      this.rawSpans.push(span(start, lineEnd));
      title = { text: text.slice(start, textEnd), span: span(start, textEnd) };
      end = textEnd;
    }
    return { kind, span: span(keyword.start, end), keywordSpan: this.spanOf(keyword), number, title };
  }

  /**
   * The token after `problem`/`question` is its number when it is a number,
   * or a name that is short or stands alone (`question b`, `problem 2a`,
   * `question iv: …`); `question Forward pass` is all title.
   */
  private isHeadingNumber(index: number): boolean {
    const token = this.tokens[index];
    if (token.kind === TokenKind.Number) return true;
    if (token.kind !== TokenKind.Identifier) return false;
    const next = this.tokens[index + 1].kind;
    if (next === TokenKind.String || next === TokenKind.Colon || next === TokenKind.Newline || next === TokenKind.EOF) return true;
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
      if (equals.kind !== TokenKind.Equals) {
        const name = this.text.slice(target.span.start, target.span.end);
        this.error(
          'syntax.unexpected-token',
          `expected \`=\` after \`${name}\` in \`given\`, found ${this.describe(equals)}`,
          equals.kind === TokenKind.Newline || equals.kind === TokenKind.EOF ? span(this.lastEnd, this.lastEnd) : this.spanOf(equals),
        );
        break;
      }
      this.consume();
      const value = this.parseExpr();
      bindings.push({ target, value, span: span(target.span.start, Math.max(value.span.end, equals.end)) });
      if (this.failed || this.peek().kind !== TokenKind.Comma) break;
      this.consume();
      after = '`,`';
    }
    const end = bindings.length > 0 ? bindings[bindings.length - 1].span.end : keyword.end;
    return { kind: 'given', span: span(keyword.start, end), keywordSpan: this.spanOf(keyword), bindings };
  }

  private parseGivenTarget(after: string): NameRef | DerivativeExpr | undefined {
    const token = this.peek();
    if (token.kind === TokenKind.Identifier || token.kind === TokenKind.Partial) {
      const target = token.kind === TokenKind.Partial ? this.parsePartialDerivative() : this.parseNameOrCall();
      if (this.failed) return undefined;
      if (target.kind === 'name' || target.kind === 'derivative') return target;
      this.error('syntax.expected-name', `\`given\` binds a name or a derivative such as \`∂L/∂z2\`, not a call`, target.span);
      return undefined;
    }
    this.expectedName(token, after);
    return undefined;
  }

  private expectedName(found: Token, after: string): void {
    const atEnd = found.kind === TokenKind.Newline || found.kind === TokenKind.EOF;
    this.error(
      'syntax.expected-name',
      `expected a name after ${after}, found ${this.describe(found)}`,
      atEnd ? span(this.lastEnd, this.lastEnd) : this.spanOf(found),
    );
  }

  /** `NAME[, NAME…]`, after `unit` or `for`. */
  private parseNameList(after: string): NameRef[] {
    const names: NameRef[] = [];
    while (!this.failed) {
      const token = this.peek();
      if (token.kind !== TokenKind.Identifier) {
        this.expectedName(token, after);
        break;
      }
      this.consume();
      names.push({ kind: 'name', span: this.spanOf(token), name: this.textOf(token) });
      if (this.peek().kind !== TokenKind.Comma) break;
      this.consume();
      after = '`,`';
    }
    return names;
  }

  private parseUnit(): UnitStatement {
    const keyword = this.consume();
    const names = this.parseNameList('`unit`');
    const end = names.length > 0 ? names[names.length - 1].span.end : keyword.end;
    return { kind: 'unit', span: span(keyword.start, end), keywordSpan: this.spanOf(keyword), names };
  }

  private parseAnswer(): AnswerStatement {
    const keyword = this.consume();
    const body = this.parseChain();
    return { kind: 'answer', span: span(keyword.start, Math.max(body.span.end, keyword.end)), keywordSpan: this.spanOf(keyword), body };
  }

  private parseFor(): ForStatement {
    const keyword = this.consume();
    const variables = this.parseNameList('`for`');
    let body: ChainStatement;
    const colon = this.peek();
    if (!this.failed && colon.kind === TokenKind.Colon) {
      this.consume();
      body = this.parseChain();
    } else {
      if (!this.failed) {
        const atEnd = colon.kind === TokenKind.Newline || colon.kind === TokenKind.EOF;
        this.error(
          'syntax.unexpected-token',
          `expected \`:\` after the variables of \`for\`, found ${this.describe(colon)}`,
          atEnd ? span(this.lastEnd, this.lastEnd) : this.spanOf(colon),
        );
      }
      const missing: ErrorExpr = { kind: 'error', span: span(this.lastEnd, this.lastEnd) };
      body = { kind: 'chain', span: missing.span, links: [this.firstLink(missing)] };
    }
    return { kind: 'for', span: span(keyword.start, Math.max(body.span.end, keyword.end)), keywordSpan: this.spanOf(keyword), variables, body };
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
      const relation = relationOf(token.kind);
      if (relation === undefined) break;
      this.consume();
      const expr = this.parseExpr();
      links.push({
        relation,
        relationText: this.textOf(token),
        relationSpan: this.spanOf(token),
        expr,
        span: span(token.start, Math.max(expr.span.end, token.end)),
      });
    }
    const last = links[links.length - 1];
    return { kind: 'chain', span: span(first.span.start, last.span.end), links };
  }

  // ----------------------------------------------------------- expressions

  private parseExpr(): Expr {
    const start = this.parseAdditive();
    if (this.failed || this.peek().kind !== TokenKind.Colon) return start;
    this.consume();
    const second = this.parseAdditive();
    let step: Expr | undefined;
    let end = second;
    if (!this.failed && this.peek().kind === TokenKind.Colon) {
      this.consume();
      step = second;
      end = this.parseAdditive();
    }
    if (!this.failed && this.peek().kind === TokenKind.Colon) {
      this.error('syntax.unexpected-token', 'a range has at most two `:` (`start:end` or `start:step:end`)', this.spanOf(this.peek()));
    }
    return { kind: 'range', span: span(start.span.start, end.span.end), start, step, end };
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (!this.failed) {
      const token = this.peek();
      if (token.kind !== TokenKind.Plus && token.kind !== TokenKind.Minus) break;
      this.consume();
      const right = this.parseMultiplicative();
      left = this.binary(token.kind === TokenKind.Plus ? 'add' : 'sub', token, left, right);
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (!this.failed) {
      const token = this.peek();
      const op = EXPLICIT_PRODUCTS[token.kind];
      if (op !== undefined) {
        this.consume();
        const right = this.parseUnary();
        left = this.binary(op, token, left, right);
        continue;
      }
      // Juxtaposition: `W1 z0`, `2 (yhat - y)`. Line ends stop it (peek
      // returns them outside brackets), and a sign is always binary.
      if (!startsOperand(token.kind)) break;
      if (token.kind === TokenKind.Number && this.previous !== undefined && this.previous.kind === TokenKind.Number) {
        this.error(
          'syntax.adjacent-numbers',
          'two numbers side by side: separate matrix entries with `,` or multiply with `*`',
          span(this.previous.start, token.end),
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

  private binary(op: BinaryOp, operator: Token, left: Expr, right: Expr): BinaryExpr {
    return {
      kind: 'binary',
      span: span(left.span.start, Math.max(right.span.end, operator.end)),
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
    if (token.kind !== TokenKind.Minus && token.kind !== TokenKind.Plus) return this.parsePower();
    if (!this.enter(token)) return this.errorAt(token.start);
    this.consume();
    const operand = this.parseUnary();
    this.leave();
    return {
      kind: 'unary',
      span: span(token.start, Math.max(operand.span.end, token.end)),
      op: token.kind === TokenKind.Minus ? '-' : '+',
      operand,
    };
  }

  private parsePower(): Expr {
    const base = this.parsePostfix();
    if (this.failed) return base;
    const caret = this.peek();
    if (caret.kind !== TokenKind.Caret) return base;
    if (!this.enter(caret)) return base;
    this.consume();
    // Right-associative, and the exponent may carry a sign: `2^-1`, `a^b^c`.
    const exponent = this.parseUnary();
    this.leave();
    return this.binary('pow', caret, base, exponent);
  }

  /** `^T` (the name `T`, exactly) is a transpose, not a power. */
  private isCaretTranspose(): boolean {
    const next = this.tokens[this.pos + 1];
    return next.kind === TokenKind.Identifier && next.end - next.start === 1 && this.text.charCodeAt(next.start) === 0x54; /* T */
  }

  private parsePostfix(): Expr {
    let expr = this.parsePrimary();
    while (!this.failed) {
      const token = this.peek();
      if (token.kind === TokenKind.Transpose) {
        this.consume();
      } else if (token.kind === TokenKind.Caret && this.isCaretTranspose()) {
        this.consume();
        this.consume();
      } else {
        break;
      }
      expr = { kind: 'transpose', span: span(expr.span.start, this.lastEnd), operand: expr };
    }
    return expr;
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    switch (token.kind) {
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
        this.error('syntax.unexpected-token', 'a quoted string can only be a title (after `homework`, `problem` or `question`)', this.spanOf(token));
        return this.errorAt(this.previous !== undefined ? this.lastEnd : token.start);
    }
    return this.expectedExpression(token);
  }

  private expectedExpression(found: Token): ErrorExpr {
    const atEnd = found.kind === TokenKind.Newline || found.kind === TokenKind.EOF;
    const after = this.previous !== undefined ? ` after ${this.describe(this.previous)}` : '';
    const message = atEnd ? `expected an expression${after}` : `expected an expression${after}, found ${this.describe(found)}`;
    // The placeholder sits right after what came before, so the partial tree ends there.
    const at = atEnd || this.previous !== undefined ? this.lastEnd : found.start;
    this.error('syntax.expected-expression', message, atEnd ? span(at, at) : this.spanOf(found));
    return this.errorAt(at);
  }

  private errorAt(offset: number): ErrorExpr {
    return { kind: 'error', span: span(offset, offset) };
  }

  private numberValue(token: Token): number {
    const text = this.text;
    let end = token.end;
    const percent = text.charCodeAt(end - 1) === 0x25; /* % */
    if (percent) end--;
    let digits = text.slice(token.start, end);
    if (digits.indexOf('\u2212') >= 0) digits = digits.replace('\u2212', '-');
    const value = Number(digits);
    return percent ? value / 100 : value;
  }

  private nameRef(token: Token): NameRef {
    return { kind: 'name', span: this.spanOf(token), name: this.textOf(token) };
  }

  /** A name, a call `f(x)`, a prime call `relu'(x)`, or `d(L)/d(X)` / `grad(L, X)`. */
  private parseNameOrCall(): Expr {
    const token = this.consume();
    const callee = this.nameRef(token);
    const tokens = this.tokens;
    const next = tokens[this.pos];
    const glued = (t: Token): boolean => (t.flags & TokenFlags.SpaceBefore) === 0;

    if (next.kind === TokenKind.LParen && glued(next)) {
      if (callee.name === DERIVATIVE_D) {
        const derivative = this.tryDSpelling(token);
        if (derivative !== undefined) return derivative;
      } else if (callee.name === DERIVATIVE_GRAD) {
        const derivative = this.tryGradSpelling(token);
        if (derivative !== undefined) return derivative;
      }
      return this.parseCall(callee, false);
    }
    if (next.kind === TokenKind.Prime && glued(next)) {
      const paren = tokens[this.pos + 1];
      this.consume();
      if (paren.kind === TokenKind.LParen && glued(paren)) return this.parseCall(callee, true);
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
  private tryDSpelling(first: Token): DerivativeExpr | undefined {
    const t = this.tokens;
    const i = this.pos; // at `(`
    const glued = (k: number): boolean => (t[k].flags & TokenFlags.SpaceBefore) === 0;
    const isD = (k: number): boolean => t[k].kind === TokenKind.Identifier && t[k].end - t[k].start === 1 && this.text.charCodeAt(t[k].start) === 0x64; /* d */
    const matches =
      t[i + 1].kind === TokenKind.Identifier &&
      t[i + 2].kind === TokenKind.RParen &&
      t[i + 3].kind === TokenKind.Slash &&
      isD(i + 4) &&
      t[i + 5].kind === TokenKind.LParen &&
      glued(i + 5) &&
      t[i + 6].kind === TokenKind.Identifier &&
      t[i + 7].kind === TokenKind.RParen;
    if (!matches) return undefined;
    const of = this.nameRef(t[i + 1]);
    const wrt = this.nameRef(t[i + 6]);
    this.pos = i + 8;
    this.previous = t[i + 7];
    return { kind: 'derivative', span: span(first.start, t[i + 7].end), of, wrt, spelling: 'd' };
  }

  /** `grad(L, X)` with two names; with other arguments it is an ordinary call. */
  private tryGradSpelling(first: Token): DerivativeExpr | undefined {
    const t = this.tokens;
    const i = this.pos; // at `(`
    const matches =
      t[i + 1].kind === TokenKind.Identifier &&
      t[i + 2].kind === TokenKind.Comma &&
      t[i + 3].kind === TokenKind.Identifier &&
      t[i + 4].kind === TokenKind.RParen;
    if (!matches) return undefined;
    this.pos = i + 5;
    this.previous = t[i + 4];
    return {
      kind: 'derivative',
      span: span(first.start, t[i + 4].end),
      of: this.nameRef(t[i + 1]),
      wrt: this.nameRef(t[i + 3]),
      spelling: 'grad',
    };
  }

  /** `∂NAME/∂NAME` */
  private parsePartialDerivative(): Expr {
    const first = this.consume(); // ∂
    const of = this.peek();
    if (of.kind !== TokenKind.Identifier) {
      this.expectedName(of, '`∂`');
      return { kind: 'error', span: span(first.start, this.lastEnd) };
    }
    this.consume();
    const slash = this.peek();
    if (slash.kind !== TokenKind.Slash) {
      this.error(
        'syntax.unexpected-token',
        `expected \`/∂\` after \`∂${this.textOf(of)}\`, as in \`∂L/∂W1\``,
        slash.kind === TokenKind.Newline || slash.kind === TokenKind.EOF ? span(this.lastEnd, this.lastEnd) : this.spanOf(slash),
      );
      return { kind: 'error', span: span(first.start, this.lastEnd) };
    }
    this.consume();
    const partial = this.peek();
    if (partial.kind !== TokenKind.Partial) {
      this.error(
        'syntax.unexpected-token',
        `expected \`∂\` after \`∂${this.textOf(of)}/\`, as in \`∂L/∂W1\``,
        partial.kind === TokenKind.Newline || partial.kind === TokenKind.EOF ? span(this.lastEnd, this.lastEnd) : this.spanOf(partial),
      );
      return { kind: 'error', span: span(first.start, this.lastEnd) };
    }
    this.consume();
    const wrt = this.peek();
    if (wrt.kind !== TokenKind.Identifier) {
      this.expectedName(wrt, '`∂`');
      return { kind: 'error', span: span(first.start, this.lastEnd) };
    }
    this.consume();
    return { kind: 'derivative', span: span(first.start, wrt.end), of: this.nameRef(of), wrt: this.nameRef(wrt), spelling: 'partial' };
  }

  /** The argument list of a call; the current token is `(`. */
  private parseCall(callee: NameRef, prime: boolean): Expr {
    const open = this.peek();
    if (!this.enter(open)) return callee;
    this.open.push(this.consume());
    const args: Expr[] = [];
    const named: NamedArgument[] = [];
    if (this.peek().kind !== TokenKind.RParen) {
      while (!this.failed) {
        const token = this.peek();
        // Half-typed `relu(` or `f(1,`: report the open bracket, not a missing argument.
        if (this.endsStatement(token)) break;
        if (token.kind === TokenKind.Identifier && this.tokens[this.pos + 1].kind === TokenKind.Equals) {
          this.consume();
          this.consume();
          const value = this.parseExpr();
          named.push({ name: this.nameRef(token), value, span: span(token.start, Math.max(value.span.end, token.end + 1)) });
        } else {
          const arg = this.parseExpr();
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
        if (this.failed || this.peek().kind !== TokenKind.Comma) break;
        this.consume();
      }
    }
    const close = this.closeBracket(open, TokenKind.RParen, `\`,\` or \`)\` in the arguments of \`${callee.name}\``);
    this.open.pop();
    this.leave();
    const end = close !== undefined ? close.end : Math.max(this.lastEnd, open.end);
    return {
      kind: 'call',
      span: span(callee.span.start, end),
      callee,
      prime,
      args,
      named,
      argsSpan: span(open.start, end),
    };
  }

  /**
   * Consumes the closing bracket, or reports what is there instead: the end
   * of the statement (an unclosed bracket, reported at the opening one) or
   * another token.
   */
  private closeBracket(open: Token, closeKind: TokenKind, expected: string): Token | undefined {
    if (this.failed) return undefined;
    const token = this.peek();
    if (token.kind === closeKind) return this.consume();
    this.reportedBracket = open;
    const openText = closeKind === TokenKind.RParen ? '(' : '[';
    const closeText = closeKind === TokenKind.RParen ? ')' : ']';
    if (token.kind === TokenKind.Newline || token.kind === TokenKind.EOF) {
      this.error('syntax.unclosed-bracket', `this \`${openText}\` is never closed: expected \`${closeText}\``, this.spanOf(open));
    } else if ((token.kind === TokenKind.RParen || token.kind === TokenKind.RBracket) && token.kind !== closeKind) {
      this.error('syntax.unmatched-bracket', `expected \`${closeText}\` to close the \`${openText}\`, found ${this.describe(token)}`, this.spanOf(token));
    } else {
      this.error('syntax.unexpected-token', `expected ${expected}, found ${this.describe(token)}`, this.spanOf(token));
    }
    return undefined;
  }

  private parseParen(): Expr {
    const open = this.peek();
    if (!this.enter(open)) return this.errorAt(open.start);
    this.open.push(this.consume());
    let inner: Expr;
    if (this.peek().kind === TokenKind.RParen) {
      this.error('syntax.expected-expression', 'expected an expression inside `( )`', span(open.start, this.peek().end));
      inner = this.errorAt(open.end);
    } else if (this.endsStatement(this.peek())) {
      inner = this.errorAt(open.end);
    } else {
      inner = this.parseExpr();
    }
    const close = this.closeBracket(open, TokenKind.RParen, '`)`');
    this.open.pop();
    this.leave();
    const end = close !== undefined ? close.end : Math.max(this.lastEnd, open.end);
    return { kind: 'paren', span: span(open.start, end), inner };
  }

  private parseMatrix(): Expr {
    const open = this.peek();
    if (!this.enter(open)) return this.errorAt(open.start);
    this.open.push(this.consume());
    if (this.peek().kind === TokenKind.RBracket) {
      const close = this.consume();
      this.open.pop();
      this.leave();
      const whole = span(open.start, close.end);
      this.error('syntax.empty-matrix', 'a matrix needs at least one entry: `[]` is empty', whole, true);
      return { kind: 'error', span: whole };
    }
    const rows: Expr[][] = [];
    let row: Expr[] = [];
    while (!this.failed) {
      if (this.endsStatement(this.peek())) break;
      row.push(this.parseExpr());
      if (this.failed) break;
      const separator = this.peek();
      if (separator.kind === TokenKind.Comma) {
        this.consume();
        continue;
      }
      if (separator.kind !== TokenKind.Semicolon) break;
      this.consume();
      rows.push(row);
      row = [];
      // A trailing `;` before `]` is allowed (one row per line, each ending in `;`).
      if (this.peek().kind === TokenKind.RBracket) break;
    }
    if (row.length > 0) rows.push(row);
    const close = this.closeBracket(open, TokenKind.RBracket, '`,`, `;` or `]` in the matrix');
    this.open.pop();
    this.leave();
    const end = close !== undefined ? close.end : Math.max(this.lastEnd, open.end);
    if (!this.failed) this.checkRagged(rows);
    return { kind: 'matrix', span: span(open.start, end), rows };
  }

  /** Rows of different lengths: the rows that differ from the most common length are marked. */
  private checkRagged(rows: readonly (readonly Expr[])[]): void {
    if (rows.length < 2) return;
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    if (counts.size === 1) return;
    let common = rows[0].length;
    for (const row of rows) {
      if ((counts.get(row.length) ?? 0) > (counts.get(common) ?? 0)) common = row.length;
    }
    const entries = (n: number): string => (n === 1 ? '1 entry' : `${n} entries`);
    rows.forEach((row, index) => {
      if (row.length === common) return;
      const where = span(row[0].span.start, row[row.length - 1].span.end);
      this.errors.push({
        code: 'syntax.ragged-matrix',
        message: `row ${index + 1} has ${entries(row.length)}, but the other rows have ${common}`,
        span: where,
      });
    });
  }
}

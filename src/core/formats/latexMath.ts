/**
 * The LaTeX math reader: one piece of math (the inside of `$…$`, `$$…$$`,
 * `\[…\]`, an `align` environment) → the same expressions the `.hw` parser
 * builds (`../syntax/ast.ts`), every span an offset into the whole document.
 *
 * Math is cut into pieces at the top level: `\quad`, `\Rightarrow` (an
 * implication: each side is read on its own, the arrow is no claim), commas,
 * step labels (`①`, `\textcircled{14}`), text (`\text{setup: }`) and a colon
 * (what comes before `ℓ=3:` is a label). A line break `\\` whose next line
 * starts with a relation (`&= …`) continues the chain. Each piece is a chain
 * `E0 REL E1 REL E2 …`; a link the reader cannot read is kept as `undefined`
 * with the reason, so the caller can still check the links after it.
 *
 * Example: `② a^{(1)} = w^{(1)} z^{(0)} = \begin{pmatrix} 2 \\ 8 \end{pmatrix}`
 * gives one chain: name `a^(1)`, the product of `w^(1)` and `z^(0)`, a 2×1 matrix.
 *
 * Nothing here throws out of `readLatexMath`.
 */
import type { Expr, NameRef, Relation } from '../syntax/ast';
import { exprNodeCount } from '../syntax/exprTree';
import type { Span } from '../text/span';
import { findBuiltin } from '../solvers/registry';
import { isDeclaredCountUnit, unitQuantity } from '../values/units';
import { scanLatex, type LatexToken } from './latexTokens';

export interface MathLink {
  readonly relation: Relation | undefined;
  readonly relationText: string;
  readonly relationSpan: Span | undefined;
  /** Undefined when the link could not be read; `reason` says why. */
  readonly expr: Expr | undefined;
  readonly reason?: string;
  readonly span: Span;
}

export interface MathPiece {
  readonly span: Span;
  readonly links: readonly MathLink[];
  /** Starts with a relation: it continues the chain before it (`&= …`, `$$= …$$`). */
  readonly continuation: boolean;
  /** Followed by a colon (`\ell=3:`, `q = 0.95:`): a label, not a claim. */
  readonly label: boolean;
  /** The `\Rightarrow` that joins this piece to the one before (`c+2 \leq 36 \Rightarrow c \leq 34`). */
  readonly implies?: Span;
  /** A unit written as text after a number (`3000 \text{ epoch}`) was left out. */
  readonly unitsDropped: boolean;
  /**
   * Where a unit mathjs knows was written after a number (`5 \text{ ms}`, `3\,\mathrm{s}`): the offsets of the
   * names the reader made of them, so the caller reads those names as units, never as names of the problem.
   */
  readonly unitStarts: readonly number[];
}

/** Deeper nesting than this makes the piece unreadable instead of recursing further. */
const MAX_DEPTH = 64;

const MATRIX_ENVIRONMENTS = new Set(['pmatrix', 'bmatrix', 'Bmatrix', 'matrix', 'vmatrix', 'smallmatrix', 'array']);
/** Environments that only lay out a chain: their `&` and `\\` are read as described above. */
const LAYOUT_ENVIRONMENTS = new Set([
  'aligned',
  'align',
  'align*',
  'equation',
  'equation*',
  'gather',
  'gather*',
  'gathered',
  'split',
  'multline',
  'multline*',
  'alignat',
  'alignat*',
  'eqnarray',
  'eqnarray*',
]);

/** Reads the math in `text[start, end)`. */
export function readLatexMath(text: string, start: number, end: number): MathPiece[] {
  try {
    const tokens = withoutFinalStop(scanLatex(text, start, end));
    return splitPieces(tokens).map((piece) => readPiece(text, piece));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return [
      {
        span: { start, end },
        links: [
          {
            relation: undefined,
            relationText: '',
            relationSpan: undefined,
            expr: undefined,
            reason: `the reader failed (${detail})`,
            span: { start, end },
          },
        ],
        continuation: false,
        label: false,
        unitsDropped: false,
        unitStarts: [],
      },
    ];
  }
}

/** A piece: `tokens[from, to)` of the tokens all pieces of the math share (one array, not one per piece). */
interface RawPiece {
  tokens: LatexToken[];
  from: number;
  to: number;
  label: boolean;
  implies?: Span;
  /** The words left out as units the checker does not know (`epoch`, `steps`); made at the first. */
  droppedUnits: Set<string> | undefined;
  unitStarts: number[];
}

const newRawPiece = (tokens: LatexToken[]): RawPiece => ({
  tokens,
  from: tokens.length,
  to: tokens.length,
  label: false,
  droppedUnits: undefined,
  unitStarts: NO_UNITS,
});

/** The unit starts of a piece that has none, shared (most pieces): a piece with one gets its own array. */
const NO_UNITS: number[] = [];

/** Whether a `\text{…}` word names a function the checker knows (`ReLU`). */
export function builtinOfWord(word: string): string | undefined {
  // Asked several times for every `\text{…}` of every block (splitting, then reading): the answers are kept.
  let known = builtinsOfWords.get(word);
  if (known === undefined) {
    if (builtinsOfWords.size >= MAX_WORDS_KEPT) builtinsOfWords.clear();
    builtinsOfWords.set(word, (known = readBuiltinOfWord(word) ?? ''));
  }
  return known === '' ? undefined : known;
}

/** The built-in each word read so far names ('' for none); cleared when it holds this many words. */
const builtinsOfWords = new Map<string, string>();
const MAX_WORDS_KEPT = 1000;

function readBuiltinOfWord(word: string): string | undefined {
  const written = word.trim().toLowerCase();
  const name = WORD_ALIASES[written] ?? written;
  if (name.length === 0 || !/^[a-z_0-9]+$/.test(name)) return undefined;
  return findBuiltin(name) ? name : undefined;
}

/** How texts name built-ins: `\operatorname{tr}(S)` is the trace. */
const WORD_ALIASES: Readonly<Record<string, string>> = { tr: 'trace' };

/** A `.` closing display math (`v = \begin{pmatrix} … \end{pmatrix}.`) ends the sentence, not the math. */
function withoutFinalStop(tokens: readonly LatexToken[]): readonly LatexToken[] {
  let last = tokens.length - 1;
  const isLayoutEnd = (t: LatexToken) => t.kind === 'end' && LAYOUT_ENVIRONMENTS.has(t.text);
  while (last >= 0 && (tokens[last].kind === 'space' || tokens[last].kind === 'newline' || isLayoutEnd(tokens[last])))
    last--;
  const stop = tokens[last];
  if (!stop || stop.kind !== 'unsupported' || stop.text !== '.') return tokens;
  return tokens.slice(0, last).concat(tokens.slice(last + 1));
}

function splitPieces(tokens: readonly LatexToken[]): RawPiece[] {
  const pieces: RawPiece[] = [];
  /** The pieces' tokens, piece after piece: the current piece is the tail from `current.from`. */
  const kept: LatexToken[] = [];
  let current = newRawPiece(kept);
  const push = (t: LatexToken) => {
    kept.push(t);
    current.to = kept.length;
  };
  const close = (label: boolean) => {
    if (current.to > current.from) {
      current.label = label;
      pieces.push(current);
    }
    current = newRawPiece(kept);
  };
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const previous = current.to > current.from ? kept[kept.length - 1] : undefined;
    if ((t.kind === 'begin' || t.kind === 'end') && LAYOUT_ENVIRONMENTS.has(t.text)) {
      if (t.kind === 'begin' && t.text.startsWith('alignat')) skipBraceGroup(tokens, i + 1, (next) => (i = next - 1));
      continue;
    }
    if (t.kind === 'lparen' || t.kind === 'lbrack' || t.kind === 'lbrace' || t.kind === 'begin') depth++;
    else if (t.kind === 'rparen' || t.kind === 'rbrack' || t.kind === 'rbrace' || t.kind === 'end')
      depth = Math.max(0, depth - 1);
    if (depth === 0) {
      if (t.kind === 'amp') continue;
      if (t.kind === 'newline') {
        let next = i + 1;
        while (next < tokens.length && tokens[next].kind === 'amp') next++;
        if (tokens[next]?.kind === 'rel') continue;
        close(false);
        continue;
      }
      const after = tokens[i + 1];
      if (t.kind === 'comma' && isThousandsGroup(previous, t, after)) {
        // `1,000` written without a blank: one number, not two pieces.
        kept[kept.length - 1] = {
          kind: 'num',
          start: previous!.start,
          end: after!.end,
          text: previous!.text + after!.text,
        };
        i++;
        continue;
      }
      if (
        t.kind === 'comma' &&
        previous?.kind === 'num' &&
        after?.kind === 'num' &&
        previous.end === t.start &&
        t.end === after.start
      ) {
        // `0,5` or `0,500` with no blank: a decimal comma, not two pieces (`x = 0` and `500 = …` would be false).
        push({ ...t, kind: 'unsupported', text: ',' });
        continue;
      }
      if (t.kind === 'quad' || t.kind === 'implies' || t.kind === 'comma' || t.kind === 'label') {
        const closed = current.to > current.from;
        close(false);
        // An implication joins what stands on both sides of it (and nothing else between them).
        if (t.kind === 'implies' && closed) current.implies = { start: t.start, end: t.end };
        continue;
      }
      if (t.kind === 'colon') {
        close(true);
        continue;
      }
      if (t.kind === 'word') {
        const next = tokens[i + 1];
        const isFunction = builtinOfWord(t.text) && next && (next.kind === 'lparen' || next.kind === 'prime');
        if (!isFunction) {
          if (previous && (previous.kind === 'num' || previous.kind === 'rparen')) {
            const unit = t.text.trim();
            if (/^[A-Za-z]+$/.test(unit) && unitQuantity(unit) && !isDeclaredCountUnit(unit)) {
              // `5 \text{ ms}`: a unit mathjs knows stays that unit (`600 \times 5 \text{ ms} = 3 \text{ s}` holds).
              // Not a count unit another homework declared (`unit epoch`): mathjs remembers it, this file does not.
              push({ kind: 'letter', start: t.start, end: t.end, text: unit });
              if (current.unitStarts === NO_UNITS) current.unitStarts = [];
              current.unitStarts.push(t.start);
              continue;
            }
            (current.droppedUnits ??= new Set()).add(unit);
            // `5 \text{ cm}^2`: the unit's power goes with it.
            if (tokens[i + 1]?.kind === 'sup' && (tokens[i + 2]?.kind === 'num' || tokens[i + 2]?.kind === 'letter'))
              i += 2;
            continue;
          }
          // Prose inside math (`\text{let }`, `\text{Analysis: }`): it separates what is around it.
          close(/:\s*$/.test(t.text));
          continue;
        }
      }
      if (t.kind === 'space') continue;
    }
    push(t);
  }
  close(false);
  return pieces;
}

function isThousandsGroup(before: LatexToken | undefined, comma: LatexToken, after: LatexToken | undefined): boolean {
  return (
    before?.kind === 'num' &&
    after?.kind === 'num' &&
    before.end === comma.start &&
    comma.end === after.start &&
    // The number before is a first group (`1`, `60`, `999`, not `0`: `0,500` is a decimal comma) or already grouped.
    (/^[1-9][0-9]{0,2}$/.test(before.text) ||
      (/^[1-9][0-9]*$/.test(before.text) && before.end - before.start > before.text.length)) &&
    /^[0-9]{3}$/.test(after.text)
  );
}

function skipBraceGroup(tokens: readonly LatexToken[], i: number, done: (next: number) => void): void {
  if (tokens[i]?.kind !== 'lbrace') return;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (tokens[j].kind === 'lbrace') depth++;
    else if (tokens[j].kind === 'rbrace' && --depth === 0) return done(j + 1);
  }
}

class Unreadable extends Error {}

function isMinusOne(e: Expr): boolean {
  const inner = e.kind === 'paren' ? e.inner : e;
  return inner.kind === 'unary' && inner.op === '-' && inner.operand.kind === 'number' && inner.operand.value === 1;
}

/** `M`, `W^{(1)}`, `\begin{pmatrix}…`: what texts write as a matrix (a capital letter, by convention). */
function namesMatrix(e: Expr): boolean {
  return e.kind === 'matrix' || (e.kind === 'name' && /^[A-Z]/.test(e.name));
}

function readPiece(text: string, raw: RawPiece): MathPiece {
  const tokens = raw.tokens;
  const span = { start: tokens[raw.from].start, end: tokens[raw.to - 1].end };
  const links: MathLink[] = [];
  let i = raw.from;
  let depth = 0;
  // Cut the piece at its top-level relations first, so one unreadable link leaves the others readable. Each part
  // is the run of tokens after its relation, up to the next: `from` to `to`, read where it lies, not copied.
  const parts: { rel: LatexToken | undefined; from: number; to: number }[] = [
    { rel: undefined, from: raw.from, to: raw.from },
  ];
  for (; i < raw.to; i++) {
    const t = tokens[i];
    if (t.kind === 'lparen' || t.kind === 'lbrack' || t.kind === 'lbrace' || t.kind === 'begin') depth++;
    else if (t.kind === 'rparen' || t.kind === 'rbrack' || t.kind === 'rbrace' || t.kind === 'end')
      depth = Math.max(0, depth - 1);
    if (depth === 0 && t.kind === 'rel') parts.push({ rel: t, from: i + 1, to: i + 1 });
    else parts[parts.length - 1].to = i + 1;
  }
  const continuation = parts[0].to === parts[0].from && parts.length > 1;
  if (continuation) parts.shift();
  for (const part of parts) {
    const rel = part.rel;
    const relation = rel ? (rel.text as Relation) : undefined;
    const relationSpan = rel ? { start: rel.start, end: rel.end } : undefined;
    const relationText = rel ? text.slice(rel.start, rel.end) : '';
    if (part.to === part.from) {
      const at = rel ? rel.end : span.end;
      links.push({
        relation,
        relationText,
        relationSpan,
        expr: undefined,
        reason: 'nothing stands after the relation',
        span: { start: rel ? rel.start : at, end: at },
      });
      continue;
    }
    if (rel && rel.text === '') {
      const written = text.slice(rel.start, rel.end);
      links.push({
        relation: undefined,
        relationText,
        relationSpan,
        expr: undefined,
        reason: `\`${written}\` is a relation the checker does not judge`,
        span: { start: rel.start, end: tokens[part.to - 1].end },
      });
      continue;
    }
    const exprStart = tokens[part.from].start;
    const exprEnd = tokens[part.to - 1].end;
    const linkSpan = { start: rel ? rel.start : exprStart, end: exprEnd };
    try {
      const expr = new ExpressionReader(text, tokens, part.from, part.to).readAll();
      links.push({ relation, relationText, relationSpan, expr, span: linkSpan });
    } catch (e) {
      if (!(e instanceof Unreadable)) throw e;
      links.push({ relation, relationText, relationSpan, expr: undefined, reason: e.message, span: linkSpan });
    }
  }
  if (raw.droppedUnits && raw.droppedUnits.size > 1) {
    // `1 \text{ epoch} = 600 \text{ steps}`: left out, two different units would leave `1 = 600`.
    const units = [...raw.droppedUnits].map((u) => `\`${u}\``).join(', ');
    const reason = `it converts between units the checker does not know (${units})`;
    for (let k = 0; k < links.length; k++) links[k] = { ...links[k], expr: undefined, reason };
  }
  return {
    span,
    links,
    continuation,
    label: raw.label,
    ...(raw.implies ? { implies: raw.implies } : {}),
    unitsDropped: raw.droppedUnits !== undefined,
    unitStarts: raw.unitStarts,
  };
}

/** Recursive descent over one link's tokens (depth-bounded). */
class ExpressionReader {
  private pos = 0;
  private depth = 0;
  /** Inside `( … )` or `[ … ]`: a `\ ` there separates the entries of a row vector. */
  private rowMode = 0;
  /** How many norms (`\|…\|`) the reader is inside. */
  private norms = 0;

  /** Reads `tokens[from, end)`: a link of its piece, without copying it out. */
  constructor(
    private readonly text: string,
    private readonly tokens: readonly LatexToken[],
    from: number,
    private readonly end: number,
  ) {
    this.pos = from;
    this.from = from;
  }

  private readonly from: number;

  /** The token at `k`, undefined outside the link. */
  private at(k: number): LatexToken | undefined {
    return k >= this.from && k < this.end ? this.tokens[k] : undefined;
  }

  readAll(): Expr {
    const e = this.additive();
    this.skipSpaces();
    if (this.pos < this.end) this.fail(this.at(this.pos), 'is not read here');
    return e;
  }

  private fail(t: LatexToken | undefined, what: string): never {
    if (!t) throw new Unreadable('the expression ends too early');
    const written = this.text.slice(t.start, t.end);
    throw new Unreadable(`\`${written.length > 30 ? written.slice(0, 30) + '…' : written}\` ${what}`);
  }

  private peek(): LatexToken | undefined {
    this.skipSpaces();
    return this.at(this.pos);
  }

  private skipSpaces(): void {
    if (this.rowMode > 0) return;
    while (this.at(this.pos)?.kind === 'space') this.pos++;
  }

  private next(): LatexToken {
    const t = this.peek();
    if (!t) this.fail(undefined, '');
    this.pos++;
    return t;
  }

  private expect(kind: LatexToken['kind'], what: string): LatexToken {
    const t = this.peek();
    if (!t || t.kind !== kind) this.fail(t, `where ${what} was expected`);
    this.pos++;
    return t;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new Unreadable('the math is nested too deeply');
  }

  private additive(): Expr {
    this.enter();
    let left = this.multiplicative();
    const terms: Expr[] = [left];
    let series: { dots: LatexToken } | undefined;
    for (;;) {
      const t = this.peek();
      if (!t || (t.kind !== 'plus' && t.kind !== 'minus')) break;
      this.pos++;
      const after = this.peek();
      if (t.kind === 'plus' && after?.kind === 'dots') {
        // `1 + 3 + \dots + 39`: an arithmetic series.
        this.pos++;
        const plus = this.expect('plus', '`+` after `\\dots`');
        series = { dots: after };
        void plus;
        const last = this.multiplicative();
        left = this.arithmeticSeries(terms, last, series.dots);
        terms.length = 0;
        terms.push(left);
        continue;
      }
      const right = this.multiplicative();
      terms.push(right);
      left = {
        kind: 'binary',
        span: { start: left.span.start, end: right.span.end },
        op: t.kind === 'plus' ? 'add' : 'sub',
        opText: t.kind === 'plus' ? '+' : '-',
        opSpan: { start: t.start, end: t.end },
        implicit: false,
        left,
        right,
      };
    }
    this.depth--;
    return left;
  }

  private arithmeticSeries(terms: readonly Expr[], last: Expr, dots: LatexToken): Expr {
    const values = terms.map(numberOf);
    const lastValue = numberOf(last);
    if (terms.length < 2 || values.some((v) => v === undefined) || lastValue === undefined)
      this.fail(dots, 'ends a series that is not one of plain numbers (`1 + 3 + \\dots + 39`)');
    const first = values[0]!;
    const step = values[1]! - first;
    for (let k = 2; k < values.length; k++)
      if (Math.abs(values[k]! - values[k - 1]! - step) > 1e-12) this.fail(dots, 'ends a series whose steps differ');
    if (
      step === 0 ||
      (lastValue - first) / step < 0 ||
      !Number.isInteger(Math.round(((lastValue - first) / step) * 1e9) / 1e9)
    )
      this.fail(dots, 'ends a series that does not reach its last term');
    const whole = { start: terms[0].span.start, end: last.span.end };
    const stepSpan = terms[1].span;
    return {
      kind: 'call',
      span: whole,
      callee: { kind: 'name', span: { start: whole.start, end: whole.start }, name: 'sum' },
      prime: false,
      args: [
        {
          kind: 'range',
          span: whole,
          start: terms[0],
          step: { kind: 'number', span: stepSpan, value: step, text: String(step) },
          end: last,
        },
      ],
      named: [],
      argsSpan: whole,
    };
  }

  private multiplicative(): Expr {
    this.enter();
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'mul' || t.kind === 'hadamard' || t.kind === 'div') {
        this.pos++;
        const right = this.unary();
        left = {
          kind: 'binary',
          span: { start: left.span.start, end: right.span.end },
          op: t.kind === 'mul' ? 'mul' : t.kind === 'div' ? 'div' : 'hadamard',
          opText: this.text.slice(t.start, t.end),
          opSpan: { start: t.start, end: t.end },
          implicit: false,
          left,
          right,
        };
        continue;
      }
      if (this.startsOperand(t)) {
        // `4 \, 5`, `12\;345`: two numbers side by side are no product (a thousands group `60\,000` is one token).
        if (t.kind === 'num' && this.at(this.pos - 1)?.kind === 'num')
          throw new Unreadable(
            `two numbers side by side (\`${this.text.slice(this.at(this.pos - 1)!.start, t.end)}\`)`,
          );
        const right = this.power();
        left = {
          kind: 'binary',
          span: { start: left.span.start, end: right.span.end },
          op: 'mul',
          opText: '',
          opSpan: { start: left.span.end, end: right.span.start },
          implicit: true,
          left,
          right,
        };
        continue;
      }
      break;
    }
    this.depth--;
    return left;
  }

  private startsOperand(t: LatexToken): boolean {
    switch (t.kind) {
      case 'num':
      case 'letter':
      case 'fn':
      case 'frac':
      case 'sqrt':
      case 'lparen':
      case 'lbrack':
      case 'lbrace':
      case 'unknown':
        return true;
      case 'begin':
        return MATRIX_ENVIRONMENTS.has(t.text);
      case 'word':
        return builtinOfWord(t.text) !== undefined;
      case 'unsupported':
        // Inside `\|…\|` the same bars close the norm: they start no factor there.
        if (this.norms > 0 && NORM_BARS[t.text] === t.text) return false;
        return READ_COMMANDS.has(t.text);
      default:
        return false;
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t && (t.kind === 'minus' || t.kind === 'plus')) {
      this.pos++;
      this.enter();
      const operand = this.unary();
      this.depth--;
      return {
        kind: 'unary',
        span: { start: t.start, end: operand.span.end },
        op: t.kind === 'minus' ? '-' : '+',
        operand,
      };
    }
    return this.power();
  }

  private power(): Expr {
    let base = this.primary();
    for (;;) {
      const t = this.at(this.pos);
      if (t?.kind === 'sup') {
        this.pos++;
        const sup = this.superscript();
        if (sup === 'transpose') {
          base = {
            kind: 'transpose',
            span: { start: base.span.start, end: this.at(this.pos - 1)!.end },
            operand: base,
          };
          continue;
        }
        const span = { start: base.span.start, end: this.at(this.pos - 1)!.end };
        if (isMinusOne(sup) && namesMatrix(base)) {
          // `M^{-1}`: a matrix power needs a non-negative exponent, so this is the inverse.
          base = this.call(t, 'inv', [base], span, false, base.span);
          continue;
        }
        base = {
          kind: 'binary',
          span,
          op: 'pow',
          opText: '^',
          opSpan: { start: t.start, end: t.end },
          implicit: false,
          left: base,
          right: sup,
        };
        continue;
      }
      break;
    }
    return base;
  }

  /** After `^`: `T`, `\top`, `{\intercal}` transpose; otherwise the exponent. */
  private superscript(): Expr | 'transpose' {
    const t = this.at(this.pos);
    if (!t) this.fail(undefined, '');
    if (t.kind === 'transpose' || (t.kind === 'letter' && t.text === 'T')) {
      this.pos++;
      return 'transpose';
    }
    if (t.kind === 'lbrace') {
      const inner = this.at(this.pos + 1);
      const close = this.at(this.pos + 2);
      if (
        inner &&
        close?.kind === 'rbrace' &&
        (inner.kind === 'transpose' || (inner.kind === 'letter' && inner.text === 'T'))
      ) {
        this.pos += 3;
        return 'transpose';
      }
      return this.braceGroup();
    }
    if (t.kind === 'num') {
      this.pos++;
      if (t.text.length > 1) this.fail(t, 'is an exponent of several digits without braces');
      return { kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.text), text: t.text };
    }
    if (t.kind === 'letter') {
      this.pos++;
      return { kind: 'name', span: { start: t.start, end: t.end }, name: t.text };
    }
    if (t.kind === 'minus') return this.unary();
    this.fail(t, 'is not read as an exponent');
  }

  private braceGroup(): Expr {
    this.expect('lbrace', '`{`');
    this.enter();
    const saved = this.rowMode;
    this.rowMode = 0;
    const inner = this.additive();
    this.rowMode = saved;
    this.expect('rbrace', '`}`');
    this.depth--;
    return inner;
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) this.fail(undefined, '');
    this.enter();
    try {
      switch (t.kind) {
        case 'num':
          this.pos++;
          return { kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.text), text: t.text };
        case 'unknown':
          this.pos++;
          return { kind: 'unknown', span: { start: t.start, end: t.end } };
        case 'letter':
          return this.nameOrCall();
        case 'word':
          return this.builtinCall(t, builtinOfWord(t.text));
        case 'fn':
          return this.builtinCall(t, t.text);
        case 'sqrt': {
          this.pos++;
          const arg = this.braceGroupWithSpan();
          // The call ends at its closing brace: a message quotes `\sqrt{9 + 16}` whole.
          return this.call(t, 'sqrt', [arg.expr], { start: t.start, end: arg.span.end }, false, arg.span);
        }
        case 'frac':
          return this.fraction();
        case 'lbrace': {
          const start = t.start;
          const inner = this.braceGroup();
          return { ...inner, span: inner.span.start === start ? inner.span : inner.span };
        }
        case 'lparen':
        case 'lbrack':
          return this.group(t.kind === 'lparen' ? 'rparen' : 'rbrack');
        case 'begin':
          if (MATRIX_ENVIRONMENTS.has(t.text)) return this.matrix();
          if (t.text === 'cases') return this.cases();
          return this.fail(t, 'is an environment the reader does not read');
        case 'unsupported':
          if (t.text === 'lfloor' || t.text === 'lceil') return this.floorOrCeiling(t);
          if (t.text === 'nabla') return this.gradient(t);
          if (t.text === 'sum') return this.sum(t);
          if (BINOMIALS.has(t.text)) return this.binomial(t);
          if (NORM_BARS[t.text]) return this.norm(t);
          return this.fail(t, 'is not read here');
        default:
          return this.fail(t, 'is not read here');
      }
    } finally {
      this.depth--;
    }
  }

  /** `x`, `w^{(1)}`, `z_{2j}`, `W_1`, `\hat{y}`; `L(\hat{y}, y)` is a call. */
  private nameOrCall(): Expr {
    const first = this.next();
    let name = first.text;
    let end = first.end;
    if (this.at(this.pos)?.kind === 'sub') {
      this.pos++;
      const sub = this.rawIndex();
      name += `_${sub.text}`;
      end = sub.end;
    }
    const sup = this.at(this.pos);
    const open = this.at(this.pos + 1);
    const paren = this.at(this.pos + 2);
    if (sup?.kind === 'sup' && open?.kind === 'lbrace' && (paren?.kind === 'lparen' || paren?.kind === 'lbrack')) {
      // `^{(1)}` / `^{[1]}`: a layer index, part of the name.
      const closing = paren.kind === 'lparen' ? 'rparen' : 'rbrack';
      let j = this.pos + 3;
      while (j < this.end && this.at(j)!.kind !== closing) j++;
      if (this.at(j + 1)?.kind === 'rbrace') {
        const index = this.tokens
          .slice(this.pos + 3, j)
          .map((x) => this.text.slice(x.start, x.end))
          .join('');
        name += paren.kind === 'lparen' ? `^(${index})` : `^[${index}]`;
        end = this.at(j + 1)!.end;
        this.pos = j + 2;
        if (this.at(this.pos)?.kind === 'sub' && !name.includes('_')) {
          // `W^{(1)}_{\text{new}}`: the subscript after the layer index is part of the name, `W^(1)_new`.
          this.pos++;
          const sub = this.rawIndex();
          name += `_${sub.text}`;
          end = sub.end;
        }
      }
    }
    const ref: NameRef = { kind: 'name', span: { start: first.start, end }, name };
    const after = this.at(this.pos);
    // `\sigma(z)` is the logistic sigmoid, as deep-learning texts write it.
    if (name === 'σ' && after?.kind === 'lparen') return this.callArguments({ ...ref, name: 'sigmoid' }, false);
    // `\sigma'(z)`: its derivative, `sigmoid'(z)`.
    if (name === 'σ' && after?.kind === 'prime' && this.at(this.pos + 1)?.kind === 'lparen') {
      this.pos++;
      return this.callArguments({ ...ref, name: 'sigmoid' }, true);
    }
    if (after?.kind === 'lparen' && name.length === 1 && this.hasTopLevelComma(this.pos)) {
      return this.callArguments(ref, false);
    }
    return ref;
  }

  /** The subscript after `_`: one token or a `{…}` group, as written without blanks and braces. */
  private rawIndex(): { text: string; end: number } {
    const t = this.at(this.pos);
    if (!t) this.fail(undefined, '');
    if (t.kind === 'lbrace') {
      let depth = 0;
      for (let j = this.pos; j < this.end; j++) {
        if (this.at(j)!.kind === 'lbrace') depth++;
        else if (this.at(j)!.kind === 'rbrace' && --depth === 0) {
          const inner = this.tokens.slice(this.pos + 1, j);
          this.pos = j + 1;
          return {
            // `_{\text{new}}` is `_new`.
            text: inner
              .map((x) =>
                x.kind === 'letter' ? x.text : x.kind === 'word' ? x.text.trim() : this.text.slice(x.start, x.end),
              )
              .join(''),
            end: this.at(j)!.end,
          };
        }
      }
      this.fail(t, 'opens a subscript that does not close');
    }
    this.pos++;
    if (t.kind === 'num') {
      if (t.text.length > 1) this.fail(t, 'is a subscript of several digits without braces');
      return { text: t.text, end: t.end };
    }
    if (t.kind === 'letter') return { text: t.text, end: t.end };
    this.fail(t, 'is not read as a subscript');
  }

  private hasTopLevelComma(open: number): boolean {
    let depth = 0;
    for (let j = open; j < this.end; j++) {
      const k = this.at(j)!.kind;
      if (k === 'lparen' || k === 'lbrack' || k === 'lbrace' || k === 'begin') depth++;
      else if (k === 'rparen' || k === 'rbrack' || k === 'rbrace' || k === 'end') {
        if (--depth === 0) return false;
      } else if (k === 'comma' && depth === 1) return true;
    }
    return false;
  }

  /** `\text{ReLU}'(…)`, `\ln 0.95`, `\max(0, x)`. */
  private builtinCall(t: LatexToken, name: string | undefined): Expr {
    this.pos++;
    if (!name) this.fail(t, 'is text the reader does not read as math');
    let prime = false;
    if (this.at(this.pos)?.kind === 'prime') {
      this.pos++;
      prime = true;
    }
    // `\sin^2(x)`, `\ln^2 x`: the function's value squared (`^{-1}`, the inverse function, is not read).
    const sup = !prime && t.kind === 'fn' && this.at(this.pos)?.kind === 'sup' ? this.at(this.pos)! : undefined;
    let exponent: Expr | undefined;
    if (sup) {
      this.pos++;
      const read = this.superscript();
      if (read === 'transpose' || isMinusOne(read)) this.fail(t, 'is a function with a power the reader does not read');
      exponent = read;
    }
    const called = this.builtinArguments(t, name, prime);
    if (!sup || !exponent) return called;
    return {
      kind: 'binary',
      span: { start: t.start, end: called.span.end },
      op: 'pow',
      opText: '^',
      opSpan: { start: sup.start, end: sup.end },
      implicit: false,
      left: called,
      right: exponent,
    };
  }

  /** The call after a built-in's name (and its prime or power): `(…)`, or for `\ln 0.95` the next factor. */
  private builtinArguments(t: LatexToken, name: string, prime: boolean): Expr {
    const callee: NameRef = { kind: 'name', span: { start: t.start, end: t.end }, name };
    if (this.peek()?.kind === 'lparen') return this.callArguments(callee, prime);
    if (prime || t.kind === 'word') this.fail(t, 'is a function without its argument in parentheses');
    // `\ln 0.95`: the argument is the next factor.
    const arg = this.power();
    return this.call(t, name, [arg], { start: t.start, end: arg.span.end }, false, arg.span);
  }

  private call(t: LatexToken, name: string, args: Expr[], span: Span, prime: boolean, argsSpan: Span = span): Expr {
    return {
      kind: 'call',
      span,
      callee: { kind: 'name', span: { start: t.start, end: t.end }, name },
      prime,
      args,
      named: [],
      argsSpan,
    };
  }

  private callArguments(callee: NameRef, prime: boolean): Expr {
    const open = this.expect('lparen', '`(`');
    const saved = this.rowMode;
    this.rowMode = 0;
    const args: Expr[] = [];
    for (;;) {
      args.push(this.additive());
      const t = this.peek();
      if (t?.kind === 'comma') {
        this.pos++;
        continue;
      }
      break;
    }
    this.rowMode = saved;
    const close = this.expect('rparen', '`)`');
    return {
      kind: 'call',
      span: { start: callee.span.start, end: close.end },
      callee,
      prime,
      args,
      named: [],
      argsSpan: { start: open.start, end: close.end },
    };
  }

  /**
   * `\nabla_w L`, `\nabla_{w^{(1)}} L`: the gradient of L by w, `∂L/∂w`. Without the subscript (`\nabla \ell`)
   * it says no variable, and with an argument list (`\nabla_W L(W)`) it is a function: neither is read.
   */
  private gradient(nabla: LatexToken): Expr {
    this.pos++;
    if (this.at(this.pos)?.kind !== 'sub') this.fail(nabla, 'is a gradient without the variable as a subscript');
    this.pos++;
    const sub = this.at(this.pos);
    let wrt: Expr;
    if (sub?.kind === 'letter') {
      this.pos++;
      wrt = { kind: 'name', span: { start: sub.start, end: sub.end }, name: sub.text };
    } else if (sub?.kind === 'lbrace') wrt = this.braceGroup();
    else return this.fail(sub, 'is not read as the variable of a gradient');
    if (wrt.kind !== 'name') this.fail(nabla, 'is a gradient by something other than a name');
    const of = this.power();
    if (of.kind !== 'name' || this.peek()?.kind === 'lparen')
      this.fail(nabla, 'is a gradient of something other than a name');
    return {
      kind: 'derivative',
      span: { start: nabla.start, end: of.span.end },
      of,
      wrt,
      spelling: 'partial',
    };
  }

  /**
   * `\sum_{i=1}^{4} i^2` with numbers for bounds: the terms written out, `(1^2 + 2^2 + 3^2 + 4^2)`, each with the
   * index replaced by its value (spans stay on the written summand). The summand is a product, as in texts:
   * `\sum_{i=1}^{3} 2i + 1` is `(2·1 + 2·2 + 2·3) + 1`. A bound that is a name (`^{n}`) is not read.
   */
  private sum(sigma: LatexToken): Expr {
    this.pos++;
    if (this.at(this.pos)?.kind !== 'sub' || this.at(this.pos + 1)?.kind !== 'lbrace')
      this.fail(sigma, 'is a sum without `_{i=…}`');
    this.pos += 2;
    const index = this.at(this.pos);
    if (index?.kind !== 'letter' || this.at(this.pos + 1)?.kind !== 'rel' || this.at(this.pos + 1)!.text !== '=')
      this.fail(sigma, 'is a sum whose index is not written `i=…`');
    this.pos += 2;
    const from = numberOf(this.additive());
    this.expect('rbrace', '`}`');
    if (this.at(this.pos)?.kind !== 'sup') this.fail(sigma, 'is a sum without its upper bound');
    this.pos++;
    const upper = this.superscript();
    const to = upper === 'transpose' ? undefined : numberOf(upper);
    if (from === undefined || to === undefined || !Number.isInteger(from) || !Number.isInteger(to) || to < from)
      this.fail(sigma, 'is a sum whose bounds are not whole numbers, the lower first');
    if (to - from + 1 > MAX_SUM_TERMS) this.fail(sigma, `is a sum of more than ${MAX_SUM_TERMS} terms`);
    const summand = this.multiplicative();
    // Nested sums multiply: the written-out sum stays within a bound, or it is not read.
    if ((to - from + 1) * exprNodeCount(summand, MAX_SUM_NODES + 1) > MAX_SUM_NODES)
      this.fail(sigma, 'is a sum too long to write out');
    const span = { start: sigma.start, end: summand.span.end };
    let terms: Expr[] = [];
    for (let k = from; k <= to; k++) terms.push(withValue(summand, index.text, k));
    // Added pairwise, so the tree is about log2(terms) deep, not one level per term.
    while (terms.length > 1) {
      const next: Expr[] = [];
      for (let k = 0; k < terms.length; k += 2) {
        const left = terms[k];
        const right = terms[k + 1];
        next.push(
          right === undefined
            ? left
            : {
                kind: 'binary',
                span,
                op: 'add',
                opText: '+',
                opSpan: { start: sigma.start, end: sigma.end },
                implicit: false,
                left,
                right,
              },
        );
      }
      terms = next;
    }
    return { kind: 'paren', span, inner: terms[0] };
  }

  /**
   * `\begin{cases} 0, & x \leq 0 \\ 1, & x > 0 \end{cases}`: two numeric branches whose conditions are each
   * other's complement (the same sides, `\leq` against `>`, `<` against `\geq`, or `\text{otherwise}`), read as
   * `0·[x ≤ 0] + 1·(1 - [x ≤ 0])`. Anything else (three branches, a formula in a branch, conditions that may
   * overlap or leave a gap) is not read: a sum of branches would be wrong where they overlap.
   */
  private cases(): Expr {
    const begin = this.next();
    const saved = this.rowMode;
    this.rowMode = 0;
    const branches: { value: Expr; condition: Expr | 'otherwise' }[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) this.fail(begin, 'is not closed');
      if (t.kind === 'end') {
        this.pos++;
        if (t.text !== 'cases') this.fail(t, 'closes \\begin{cases}');
        break;
      }
      if (t.kind === 'newline') {
        this.pos++;
        continue;
      }
      const value = this.additive();
      if (numberOf(value) === undefined) this.fail(begin, 'has a branch that is not a number');
      if (this.peek()?.kind === 'comma') this.pos++;
      this.expect('amp', '`&`');
      branches.push({ value, condition: this.caseCondition(begin) });
      const after = this.peek();
      if (after?.kind === 'comma' || (after?.kind === 'unsupported' && after.text === '.')) this.pos++;
    }
    this.rowMode = saved;
    const span = { start: begin.start, end: this.at(this.pos - 1)!.end };
    if (branches.length !== 2 || branches[0].condition === 'otherwise')
      this.fail(begin, 'is read only with two branches, the second the complement of the first');
    const first = branches[0].condition;
    const second = branches[1].condition;
    if (second !== 'otherwise' && !this.complementary(first, second))
      this.fail(begin, 'has conditions that are not each other’s complement');
    const at = (e: Omit<Expr & { kind: 'binary' }, 'span' | 'opSpan' | 'implicit'>): Expr => ({
      ...e,
      span,
      opSpan: span,
      implicit: false,
    });
    const one: Expr = { kind: 'number', span, value: 1, text: '1' };
    const otherwise = at({ kind: 'binary', op: 'sub', opText: '-', left: one, right: first });
    return at({
      kind: 'binary',
      op: 'add',
      opText: '+',
      left: at({ kind: 'binary', op: 'mul', opText: '·', left: branches[0].value, right: first }),
      right: at({ kind: 'binary', op: 'mul', opText: '·', left: branches[1].value, right: otherwise }),
    });
  }

  /** After `&` in `cases`: `x \leq 0`, `\text{if } x > 0`, or `\text{otherwise}` / `\text{else}`. */
  private caseCondition(begin: LatexToken): Expr | 'otherwise' {
    const t = this.peek();
    if (t?.kind === 'word' && /^\s*(otherwise|else)\s*[.,]?\s*$/i.test(t.text)) {
      this.pos++;
      return 'otherwise';
    }
    if (t?.kind === 'word' && /^\s*if\s*$/i.test(t.text)) this.pos++;
    const left = this.additive();
    const rel = this.peek();
    if (!rel || rel.kind !== 'rel' || !CASE_COMPARISONS[rel.text]) this.fail(begin, 'has a condition it does not read');
    this.pos++;
    const right = this.additive();
    return {
      kind: 'binary',
      span: { start: left.span.start, end: right.span.end },
      op: CASE_COMPARISONS[rel.text],
      opText: rel.text,
      opSpan: { start: rel.start, end: rel.end },
      implicit: false,
      left,
      right,
    };
  }

  /** `a ≤ b` and `a > b` (or `<` and `≥`) with the same sides as written. */
  private complementary(a: Expr, b: Expr): boolean {
    if (a.kind !== 'binary' || b.kind !== 'binary') return false;
    const written = (e: Expr) => this.text.slice(e.span.start, e.span.end).replace(/\s+/g, '');
    const pairs: Record<string, string> = { le: 'gt', gt: 'le', lt: 'ge', ge: 'lt' };
    return pairs[a.op] === b.op && written(a.left) === written(b.left) && written(a.right) === written(b.right);
  }

  /** `\lfloor x \rfloor` is `floor(x)`, `\lceil x \rceil` is `ceil(x)`. */
  private floorOrCeiling(open: LatexToken): Expr {
    this.pos++;
    const saved = this.rowMode;
    this.rowMode = 0;
    const inner = this.additive();
    this.rowMode = saved;
    const closing = open.text === 'lfloor' ? 'rfloor' : 'rceil';
    const close = this.peek();
    if (!close || close.kind !== 'unsupported' || close.text !== closing)
      this.fail(close, `where \\${closing} was expected`);
    this.pos++;
    const span = { start: open.start, end: close.end };
    return this.call(open, closing === 'rfloor' ? 'floor' : 'ceil', [inner], span, false);
  }

  /** `\binom{6}{2}`: the number of ways to choose 2 of 6. */
  private binomial(t: LatexToken): Expr {
    this.pos++;
    const n = this.braceGroup();
    const k = this.braceGroup();
    return this.call(t, 'combinations', [n, k], { start: t.start, end: this.at(this.pos - 1)!.end }, false);
  }

  /**
   * `\|v\|_2`, `\|v\|_1`, `\|v\|_\infty`, `\|M\|_F`: a norm whose subscript says which. Without one it is not
   * read: for a matrix `\|M\|` is the spectral norm in some texts and the Frobenius norm in others.
   */
  private norm(open: LatexToken): Expr {
    this.pos++;
    const saved = this.rowMode;
    this.rowMode = 0;
    this.norms++;
    const inner = this.additive();
    this.norms--;
    this.rowMode = saved;
    const close = this.peek();
    if (!close || close.kind !== 'unsupported' || close.text !== NORM_BARS[open.text])
      this.fail(close, "where the norm's closing bars were expected");
    this.pos++;
    if (this.at(this.pos)?.kind !== 'sub')
      this.fail(open, 'is a norm without a subscript saying which (`\\|x\\|_2`, `_1`, `_\\infty`, `_F`)');
    this.pos++;
    const sub = this.rawIndex();
    const order = NORM_ORDERS[sub.text];
    if (order === undefined) this.fail(open, `is a norm of an order the checker does not know (\`_${sub.text}\`)`);
    const span = { start: open.start, end: sub.end };
    const callee: NameRef = { kind: 'name', span: { start: open.start, end: open.end }, name: 'norm' };
    const at = { start: sub.end, end: sub.end };
    const value: Expr =
      order === 'inf'
        ? { kind: 'name', span: at, name: 'inf' }
        : { kind: 'number', span: at, value: order === 'fro' ? -1 : order, text: String(order) };
    return {
      kind: 'call',
      span,
      callee,
      prime: false,
      args: [inner],
      named: order === 'fro' ? [] : [{ name: { kind: 'name', span: at, name: 'ord' }, value, span: at }],
      argsSpan: { start: open.start, end: close!.end },
    };
  }

  /** `\frac{\partial L}{\partial w^{(3)}}` is a derivative; any other `\frac{a}{b}` is `(a)/(b)`. */
  private fraction(): Expr {
    const frac = this.next();
    const derivative = this.tryDerivative(frac);
    if (derivative) return derivative;
    const numerator = this.parenthesised(this.braceGroupWithSpan());
    const denominator = this.parenthesised(this.braceGroupWithSpan());
    return {
      kind: 'binary',
      span: { start: frac.start, end: this.at(this.pos - 1)!.end },
      op: 'div',
      opText: '/',
      opSpan: { start: frac.start, end: frac.end },
      implicit: false,
      left: numerator,
      right: denominator,
    };
  }

  private braceGroupWithSpan(): { expr: Expr; span: Span } {
    const open = this.peek();
    const expr = this.braceGroup();
    return { expr, span: { start: open!.start, end: this.at(this.pos - 1)!.end } };
  }

  /** A compound numerator or denominator keeps its braces as parentheses, so `\frac{39+1}{2}` is `(39+1)/2`. */
  private parenthesised(group: { expr: Expr; span: Span }): Expr {
    const e = group.expr;
    if (e.kind === 'binary' || e.kind === 'unary') return { kind: 'paren', span: group.span, inner: e };
    return e;
  }

  private tryDerivative(frac: LatexToken): Expr | undefined {
    const saved = this.pos;
    const of = this.partialGroup();
    if (!of) {
      this.pos = saved;
      return undefined;
    }
    const wrt = this.partialGroup();
    if (!wrt || wrt.spelling !== of.spelling) {
      this.pos = saved;
      return undefined;
    }
    return {
      kind: 'derivative',
      span: { start: frac.start, end: this.at(this.pos - 1)!.end },
      of: of.name,
      wrt: wrt.name,
      spelling: of.spelling,
    };
  }

  /** `{\partial X}` or `{d X}` with X a name; undefined (position unchanged is the caller's job) otherwise. */
  private partialGroup(): { name: NameRef; spelling: 'partial' | 'd' } | undefined {
    if (this.at(this.pos)?.kind !== 'lbrace') return undefined;
    const mark = this.at(this.pos + 1);
    let spelling: 'partial' | 'd';
    if (mark?.kind === 'partial') spelling = 'partial';
    else if (mark?.kind === 'letter' && mark.text === 'd' && this.at(this.pos + 2)?.kind === 'letter') spelling = 'd';
    else if (mark?.kind === 'word' && mark.text.trim() === 'd') spelling = 'd';
    else return undefined;
    this.pos += 2;
    const t = this.at(this.pos);
    if (t?.kind !== 'letter') return undefined;
    let name: Expr;
    try {
      name = this.nameOrCall();
    } catch (_notAName) {
      // What follows `d` is not a name this reader can take: this is no derivative.
      return undefined;
    }
    if (name.kind !== 'name' || this.at(this.pos)?.kind !== 'rbrace') return undefined;
    this.pos++;
    return { name, spelling };
  }

  /** `( … )` or `[ … ]`: parentheses, or a row vector when `\ ` separates entries (`(-2 \ 3)`). */
  private group(closing: 'rparen' | 'rbrack'): Expr {
    const open = this.next();
    this.rowMode++;
    const entries: Expr[] = [];
    for (;;) {
      while (this.at(this.pos)?.kind === 'space') this.pos++;
      entries.push(this.additive());
      const t = this.at(this.pos);
      if (t?.kind === 'space') {
        while (this.at(this.pos)?.kind === 'space') this.pos++;
        if (this.at(this.pos)?.kind === closing) break;
        continue;
      }
      break;
    }
    this.rowMode--;
    const close = this.expect(closing, closing === 'rparen' ? '`)`' : '`]`');
    const span = { start: open.start, end: close.end };
    if (entries.length > 1) return { kind: 'matrix', span, rows: [entries] };
    return { kind: 'paren', span, inner: entries[0] };
  }

  /** `\begin{pmatrix} 1 & 0 \\ 3 & 4 \end{pmatrix}`; `vmatrix` is its determinant. */
  private matrix(): Expr {
    const begin = this.next();
    if (begin.text === 'array' && this.at(this.pos)?.kind === 'lbrace') {
      // `\begin{array}{cc}`: the column layout says nothing about the values.
      while (this.pos < this.end && this.at(this.pos)!.kind !== 'rbrace') this.pos++;
      this.pos++;
    }
    const saved = this.rowMode;
    this.rowMode = 0;
    const rows: Expr[][] = [[]];
    for (;;) {
      const t = this.peek();
      if (!t) this.fail(begin, 'is not closed');
      if (t.kind === 'end') {
        this.pos++;
        if (t.text !== begin.text) this.fail(t, `closes \\begin{${begin.text}}`);
        break;
      }
      if (t.kind === 'amp') {
        this.pos++;
        continue;
      }
      if (t.kind === 'newline') {
        this.pos++;
        rows.push([]);
        continue;
      }
      rows[rows.length - 1].push(this.additive());
      const after = this.peek();
      if (after && after.kind !== 'amp' && after.kind !== 'newline' && after.kind !== 'end')
        this.fail(after, 'stands where `&`, `\\\\` or the end of the matrix was expected');
    }
    this.rowMode = saved;
    // Exactly as long as they are: an array grown by push keeps room for 17 entries, and a matrix lives as long as
    // the check (each collection copies it).
    const filled = rows.filter((r) => r.length > 0).map((r) => r.slice());
    const end = this.at(this.pos - 1)!;
    if (filled.length === 0) this.fail(begin, 'is an empty matrix');
    if (filled.some((r) => r.length !== filled[0].length)) this.fail(begin, 'has rows of different lengths');
    const span = { start: begin.start, end: end.end };
    const matrix: Expr = { kind: 'matrix', span, rows: filled };
    if (begin.text === 'vmatrix') return this.call(begin, 'det', [matrix], span, false);
    return matrix;
  }
}

/** The relations a `cases` condition may use, as comparisons. */
const CASE_COMPARISONS: Readonly<Record<string, 'lt' | 'le' | 'gt' | 'ge'>> = {
  '<': 'lt',
  '≤': 'le',
  '>': 'gt',
  '≥': 'ge',
};

/** Commands read into expressions although the tokenizer leaves them to the reader. */
const READ_COMMANDS = new Set(['lfloor', 'lceil', 'nabla', 'sum', 'binom', 'dbinom', 'tbinom', '\\|', 'lVert', 'Vert']);

const BINOMIALS = new Set(['binom', 'dbinom', 'tbinom']);
/** The bars of a norm, opening → closing: `\|x\|`, `\lVert x \rVert`, `\Vert x \Vert`. */
const NORM_BARS: Readonly<Record<string, string>> = { '\\|': '\\|', lVert: 'rVert', Vert: 'Vert' };
/** A norm's subscript → its order (`ord=`); `F` (Frobenius) is the built-in's default. */
const NORM_ORDERS: Readonly<Record<string, number | 'inf' | 'fro'>> = { '1': 1, '2': 2, '∞': 'inf', F: 'fro' };

/** A written sum longer than this is no homework arithmetic; it is left unread. */
const MAX_SUM_TERMS = 1000;
/** How many syntax nodes a written-out sum may have (`\sum_{i=1}^{1000} \sum_{j=1}^{1000} ij` would have millions). */
const MAX_SUM_NODES = 20_000;

/** `e` with every name `index` replaced by the number `value` (spans kept); the reader bounds the depth. */
function withValue(e: Expr, index: string, value: number): Expr {
  switch (e.kind) {
    case 'name':
      return e.name === index ? { kind: 'number', span: e.span, value, text: String(value) } : e;
    case 'binary':
      return { ...e, left: withValue(e.left, index, value), right: withValue(e.right, index, value) };
    case 'unary':
    case 'transpose':
      return { ...e, operand: withValue(e.operand, index, value) };
    case 'paren':
      return { ...e, inner: withValue(e.inner, index, value) };
    case 'call':
      return { ...e, args: e.args.map((a) => withValue(a, index, value)) };
    case 'matrix':
      return { ...e, rows: e.rows.map((r) => r.map((x) => withValue(x, index, value))) };
    default:
      return e;
  }
}

function numberOf(e: Expr): number | undefined {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.operand.kind === 'number') return e.op === '-' ? -e.operand.value : e.operand.value;
  return undefined;
}

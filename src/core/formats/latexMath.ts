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
import { LatexKind, LatexTokenTable, scanLatex } from './latexTokens';

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

/** No token: what the reader's lookups give outside the link. */
const NONE = -1;

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
  // The token table and reader of the last reading serve again; a reading inside this one (none today) makes its own.
  const reading = spareReading ?? new MathReading();
  spareReading = undefined;
  try {
    return reading.read(text, start, end);
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
  } finally {
    reading.release();
    if (reading.tokens.capacity <= MAX_KEPT_CAPACITY) spareReading = reading;
  }
}

/** The table and reader readings share, when none is using them. */
let spareReading: MathReading | undefined;
/** A table a huge piece of math grew beyond this many tokens is let go, not kept. */
const MAX_KEPT_CAPACITY = 4096;

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
function withoutFinalStop(text: string, tokens: LatexTokenTable): void {
  const kinds = tokens.kinds;
  let last = tokens.length - 1;
  while (last >= 0) {
    const kind = kinds[last];
    if (kind !== LatexKind.Space && kind !== LatexKind.Newline) {
      if (kind !== LatexKind.End || !LAYOUT_ENVIRONMENTS.has(tokens.textOf(last, text))) break;
    }
    last--;
  }
  if (last < 0 || kinds[last] !== LatexKind.Unsupported || tokens.textOf(last, text) !== '.') return;
  for (let k = last + 1; k < tokens.length; k++) tokens.move(k, k - 1);
  tokens.length--;
}

/**
 * One reading of math after another: the token table, the expression reader and the list of pieces are made once
 * and filled again for each (a homework has thousands of math blocks).
 */
class MathReading {
  readonly tokens = new LatexTokenTable();
  private readonly reader = new ExpressionReader(this.tokens);
  private text = '';
  /** The pieces read so far: `pieces[0, pieceCount)`. */
  private readonly pieces: MathPiece[] = [];
  private pieceCount = 0;
  /** The links of the piece being read, copied out at their number when it is done. */
  private readonly linksRead: MathLink[] = [];
  /**
   * The tokens a piece keeps are moved down in the table as they are kept (a token is only ever moved to where
   * one already read stood), so each piece is a run `[from, kept)` of the table, read where it lies.
   */
  private kept = 0;
  private from = 0;
  private implies: Span | undefined;
  /** The words left out as units the checker does not know (`epoch`, `steps`); made at the first. */
  private droppedUnits: Set<string> | undefined;
  private unitStarts = NO_UNITS;

  /** Cuts `text[start, end)` into pieces and reads each. */
  read(text: string, start: number, end: number): MathPiece[] {
    this.text = text;
    const tokens = this.tokens;
    scanLatex(text, start, end, tokens);
    withoutFinalStop(text, tokens);
    this.reader.start(text);
    this.pieceCount = 0;
    this.kept = 0;
    this.from = 0;
    this.implies = undefined;
    this.droppedUnits = undefined;
    this.unitStarts = NO_UNITS;
    const { kinds, starts, ends } = tokens;
    const count = tokens.length;
    let depth = 0;
    for (let i = 0; i < count; i++) {
      const kind = kinds[i];
      const previous = this.kept > this.from ? this.kept - 1 : -1;
      if ((kind === LatexKind.Begin || kind === LatexKind.End) && LAYOUT_ENVIRONMENTS.has(tokens.textOf(i, text))) {
        if (kind === LatexKind.Begin && tokens.textOf(i, text).startsWith('alignat')) {
          const next = afterBraceGroup(kinds, count, i + 1);
          if (next >= 0) i = next - 1;
        }
        continue;
      }
      if (isOpening(kind)) depth++;
      else if (isClosing(kind)) depth = Math.max(0, depth - 1);
      if (depth === 0) {
        if (kind === LatexKind.Amp) continue;
        if (kind === LatexKind.Newline) {
          let next = i + 1;
          while (next < count && kinds[next] === LatexKind.Amp) next++;
          if (this.kindAt(next) === LatexKind.Rel) continue;
          this.close(false);
          continue;
        }
        const after = i + 1 < count ? i + 1 : -1;
        if (kind === LatexKind.Comma && isThousandsGroup(text, tokens, previous, i, after)) {
          // `1,000` written without a blank: one number, not two pieces.
          const digits = tokens.textOf(previous, text) + tokens.textOf(after, text);
          tokens.set(previous, LatexKind.Num, starts[previous], ends[after], digits);
          i++;
          continue;
        }
        if (
          kind === LatexKind.Comma &&
          previous >= 0 &&
          kinds[previous] === LatexKind.Num &&
          this.kindAt(after) === LatexKind.Num &&
          ends[previous] === starts[i] &&
          ends[i] === starts[after]
        ) {
          // `0,5` or `0,500` with no blank: a decimal comma, not two pieces (`x = 0` and `500 = …` would be false).
          tokens.set(this.kept++, LatexKind.Unsupported, starts[i], ends[i], ',');
          continue;
        }
        if (
          kind === LatexKind.Quad ||
          kind === LatexKind.Implies ||
          kind === LatexKind.Comma ||
          kind === LatexKind.Label
        ) {
          const closed = this.kept > this.from;
          this.close(false);
          // An implication joins what stands on both sides of it (and nothing else between them).
          if (kind === LatexKind.Implies && closed) this.implies = { start: starts[i], end: ends[i] };
          continue;
        }
        if (kind === LatexKind.Colon) {
          this.close(true);
          continue;
        }
        if (kind === LatexKind.Word) {
          const word = tokens.textOf(i, text);
          const next = this.kindAt(i + 1);
          const isFunction = builtinOfWord(word) && (next === LatexKind.LParen || next === LatexKind.Prime);
          if (!isFunction) {
            if (previous >= 0 && (kinds[previous] === LatexKind.Num || kinds[previous] === LatexKind.RParen)) {
              const unit = word.trim();
              if (/^[A-Za-z]+$/.test(unit) && unitQuantity(unit) && !isDeclaredCountUnit(unit)) {
                // `5 \text{ ms}`: a unit mathjs knows stays that unit (`600 \times 5 \text{ ms} = 3 \text{ s}` holds).
                // Not a count unit another homework declared (`unit epoch`): mathjs remembers it, this file does not.
                const unitStart = starts[i];
                tokens.set(this.kept++, LatexKind.Letter, unitStart, ends[i], unit);
                if (this.unitStarts === NO_UNITS) this.unitStarts = [];
                this.unitStarts.push(unitStart);
                continue;
              }
              (this.droppedUnits ??= new Set()).add(unit);
              // `5 \text{ cm}^2`: the unit's power goes with it.
              if (
                this.kindAt(i + 1) === LatexKind.Sup &&
                (this.kindAt(i + 2) === LatexKind.Num || this.kindAt(i + 2) === LatexKind.Letter)
              )
                i += 2;
              continue;
            }
            // Prose inside math (`\text{let }`, `\text{Analysis: }`): it separates what is around it.
            this.close(/:\s*$/.test(word));
            continue;
          }
        }
        if (kind === LatexKind.Space) continue;
      }
      tokens.move(i, this.kept++);
    }
    this.close(false);
    return this.pieces.slice(0, this.pieceCount);
  }

  /**
   * Lets go of the text of the last reading and of its tokens' texts. The lists keep their room, and with it a
   * few expressions of the pieces they returned until the next reading writes over them.
   */
  release(): void {
    this.text = '';
    this.reader.start('');
    this.tokens.forgetTexts();
  }

  /** The kind of token `k` of the whole math; `None` past its end. */
  private kindAt(k: number): LatexKind {
    return k < this.tokens.length ? this.tokens.kinds[k] : LatexKind.None;
  }

  /** Ends the current piece (a label when a colon ends it) and reads it, unless it is empty. */
  private close(label: boolean): void {
    if (this.kept > this.from)
      this.pieces[this.pieceCount++] = readPiece(
        this.text,
        this.reader,
        this.from,
        this.kept,
        label,
        this.implies,
        this.droppedUnits,
        this.unitStarts,
        this.linksRead,
      );
    this.from = this.kept;
    this.implies = undefined;
    this.droppedUnits = undefined;
    this.unitStarts = NO_UNITS;
  }
}

/** `(`, `[`, `{` and `\begin{…}` open a group; their partners close it. */
function isOpening(kind: LatexKind): boolean {
  return (
    kind === LatexKind.LParen || kind === LatexKind.LBrack || kind === LatexKind.LBrace || kind === LatexKind.Begin
  );
}

function isClosing(kind: LatexKind): boolean {
  return kind === LatexKind.RParen || kind === LatexKind.RBrack || kind === LatexKind.RBrace || kind === LatexKind.End;
}

function isThousandsGroup(
  text: string,
  tokens: LatexTokenTable,
  before: number,
  comma: number,
  after: number,
): boolean {
  if (before < 0 || after < 0) return false;
  const { kinds, starts, ends } = tokens;
  if (kinds[before] !== LatexKind.Num || kinds[after] !== LatexKind.Num) return false;
  if (ends[before] !== starts[comma] || ends[comma] !== starts[after]) return false;
  const digits = tokens.textOf(before, text);
  return (
    // The number before is a first group (`1`, `60`, `999`, not `0`: `0,500` is a decimal comma) or already grouped.
    (/^[1-9][0-9]{0,2}$/.test(digits) ||
      (/^[1-9][0-9]*$/.test(digits) && ends[before] - starts[before] > digits.length)) &&
    /^[0-9]{3}$/.test(tokens.textOf(after, text))
  );
}

/** Just after the `{…}` group that starts at token `i`, or -1 when none starts there or it does not close. */
function afterBraceGroup(kinds: Uint8Array, count: number, i: number): number {
  if (i >= count || kinds[i] !== LatexKind.LBrace) return -1;
  let depth = 0;
  for (let j = i; j < count; j++) {
    if (kinds[j] === LatexKind.LBrace) depth++;
    else if (kinds[j] === LatexKind.RBrace && --depth === 0) return j + 1;
  }
  return -1;
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

/**
 * Reads the piece `[from, to)` of the reader's table. It is cut at its top-level relations first, so one
 * unreadable link leaves the others readable; each link is the run of tokens after its relation, up to the next.
 */
function readPiece(
  text: string,
  reader: ExpressionReader,
  from: number,
  to: number,
  label: boolean,
  implies: Span | undefined,
  droppedUnits: Set<string> | undefined,
  unitStarts: number[],
  linksRead: MathLink[],
): MathPiece {
  const tokens = reader.tokens;
  const { kinds, starts, ends } = tokens;
  const span = { start: starts[from], end: ends[to - 1] };
  // A piece that starts with a relation continues the chain before it: it has no first operand.
  const continuation = kinds[from] === LatexKind.Rel;
  let linkCount = 0;
  /** The relation before the current link (-1: none), and where the link starts. */
  let rel = -1;
  let linkFrom = from;
  let depth = 0;
  for (let i = from; i <= to; i++) {
    const kind = i < to ? kinds[i] : LatexKind.None;
    if (isOpening(kind)) depth++;
    else if (isClosing(kind)) depth = Math.max(0, depth - 1);
    if (i < to && (depth !== 0 || kind !== LatexKind.Rel)) continue;
    if (!(continuation && i === from)) linksRead[linkCount++] = readLink(text, reader, span, rel, linkFrom, i);
    rel = i;
    linkFrom = i + 1;
  }
  // Exactly as many as there are: the links live as long as the check.
  const links = linksRead.slice(0, linkCount);
  if (droppedUnits && droppedUnits.size > 1) {
    // `1 \text{ epoch} = 600 \text{ steps}`: left out, two different units would leave `1 = 600`.
    const units = [...droppedUnits].map((u) => `\`${u}\``).join(', ');
    const reason = `it converts between units the checker does not know (${units})`;
    for (let k = 0; k < links.length; k++) links[k] = { ...links[k], expr: undefined, reason };
  }
  const unitsDropped = droppedUnits !== undefined;
  return implies
    ? { span, links, continuation, label, implies, unitsDropped, unitStarts }
    : { span, links, continuation, label, unitsDropped, unitStarts };
}

/** The link after relation `rel` (-1: the first link, without one): the tokens `[from, to)`. */
function readLink(
  text: string,
  reader: ExpressionReader,
  pieceSpan: Span,
  rel: number,
  from: number,
  to: number,
): MathLink {
  const { starts, ends } = reader.tokens;
  /** The relation's text: '' for one the checker does not judge (`\to`). */
  const written = rel >= 0 ? reader.tokens.textOf(rel, text) : undefined;
  const relation = written as Relation | undefined;
  const relationSpan = rel >= 0 ? { start: starts[rel], end: ends[rel] } : undefined;
  const relationText = rel >= 0 ? text.slice(starts[rel], ends[rel]) : '';
  if (to === from) {
    const at = rel >= 0 ? ends[rel] : pieceSpan.end;
    return {
      relation,
      relationText,
      relationSpan,
      expr: undefined,
      reason: 'nothing stands after the relation',
      span: { start: rel >= 0 ? starts[rel] : at, end: at },
    };
  }
  if (written === '') {
    return {
      relation: undefined,
      relationText,
      relationSpan,
      expr: undefined,
      reason: `\`${relationText}\` is a relation the checker does not judge`,
      span: { start: starts[rel], end: ends[to - 1] },
    };
  }
  const exprStart = starts[from];
  const exprEnd = ends[to - 1];
  const linkSpan = { start: rel >= 0 ? starts[rel] : exprStart, end: exprEnd };
  try {
    const expr = reader.read(from, to);
    return { relation, relationText, relationSpan, expr, span: linkSpan };
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    return { relation, relationText, relationSpan, expr: undefined, reason: e.message, span: linkSpan };
  }
}

/** Recursive descent over one link's tokens (depth-bounded); one reader reads every link of a math block. */
class ExpressionReader {
  private pos = 0;
  private depth = 0;
  /** Inside `( … )` or `[ … ]`: a `\ ` there separates the entries of a row vector. */
  private rowMode = 0;
  /** How many norms (`\|…\|`) the reader is inside. */
  private norms = 0;
  /** The link being read: `[from, end)` of the table. */
  private from = 0;
  private end = 0;
  private kinds: Uint8Array;
  private starts: Uint32Array;
  private ends: Uint32Array;
  /**
   * The expressions read so far of the sums, argument lists and matrices being read, innermost last: each takes
   * its own off the top when it is done, so no list is grown entry by entry (an array grown by `push` keeps room
   * for 17), and the ones that live on are made at their size.
   */
  private readonly stack: Expr[] = [];
  /** `stack[0, top)` is in use (the rest is room kept from earlier readings). */
  private top = 0;
  /** Where each row of the matrices being read ends in `stack`: `rowEnds[0, rowTop)`. */
  private readonly rowEnds: number[] = [];
  private rowTop = 0;
  /** A matrix's rows, copied out at their number (only once every entry is read: no matrix is read meanwhile). */
  private readonly rowsRead: Expr[][] = [];
  /** Where the subscript `rawIndex` read last ends. */
  private indexEnd = 0;

  private text = '';

  constructor(readonly tokens: LatexTokenTable) {
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
  }

  /** Starts reading the math of `text`, freshly scanned into the table (whose arrays may have grown). */
  start(text: string): void {
    this.text = text;
    this.kinds = this.tokens.kinds;
    this.starts = this.tokens.starts;
    this.ends = this.tokens.ends;
    this.top = 0;
    this.rowTop = 0;
  }

  /** Reads the link `[from, end)` of the table. */
  read(from: number, end: number): Expr {
    this.pos = from;
    this.from = from;
    this.end = end;
    this.depth = 0;
    this.rowMode = 0;
    this.norms = 0;
    this.top = 0;
    this.rowTop = 0;
    return this.readAll();
  }

  private pushOperand(e: Expr): void {
    this.stack[this.top++] = e;
  }

  /** `k` when it is a token of the link, else `NONE`. */
  private at(k: number): number {
    return k >= this.from && k < this.end ? k : NONE;
  }

  /** The kind of token `k` of the link; `None` outside it. */
  private kindAt(k: number): LatexKind {
    return k >= this.from && k < this.end ? this.kinds[k] : LatexKind.None;
  }

  /** The kind of token `t` (`NONE`: no token). */
  private kindOf(t: number): LatexKind {
    return t < 0 ? LatexKind.None : this.kinds[t];
  }

  private startOf(t: number): number {
    return this.starts[t];
  }

  private endOf(t: number): number {
    return this.ends[t];
  }

  private textOf(t: number): string {
    return this.tokens.textOf(t, this.text);
  }

  private readAll(): Expr {
    const e = this.additive();
    this.skipSpaces();
    if (this.pos < this.end) this.fail(this.at(this.pos), 'is not read here');
    return e;
  }

  private fail(t: number, what: string): never {
    if (t < 0) throw new Unreadable('the expression ends too early');
    const written = this.text.slice(this.startOf(t), this.endOf(t));
    throw new Unreadable(`\`${written.length > 30 ? written.slice(0, 30) + '…' : written}\` ${what}`);
  }

  private peek(): number {
    this.skipSpaces();
    return this.at(this.pos);
  }

  private skipSpaces(): void {
    if (this.rowMode > 0) return;
    while (this.kindAt(this.pos) === LatexKind.Space) this.pos++;
  }

  private next(): number {
    const t = this.peek();
    if (t < 0) this.fail(NONE, '');
    this.pos++;
    return t;
  }

  private expect(kind: LatexKind, what: string): number {
    const t = this.peek();
    if (t < 0 || this.kindOf(t) !== kind) this.fail(t, `where ${what} was expected`);
    this.pos++;
    return t;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new Unreadable('the math is nested too deeply');
  }

  private additive(): Expr {
    this.enter();
    let left = this.multiplicative();
    /** The terms so far are `stack[base…]`, for a series (`1 + 3 + \dots + 39`). */
    const base = this.top;
    this.pushOperand(left);
    for (;;) {
      const t = this.peek();
      if (t < 0 || (this.kindOf(t) !== LatexKind.Plus && this.kindOf(t) !== LatexKind.Minus)) break;
      this.pos++;
      const after = this.peek();
      if (this.kindOf(t) === LatexKind.Plus && this.kindOf(after) === LatexKind.Dots) {
        // `1 + 3 + \dots + 39`: an arithmetic series.
        this.pos++;
        this.expect(LatexKind.Plus, '`+` after `\\dots`');
        const last = this.multiplicative();
        left = this.arithmeticSeries(this.stack.slice(base, this.top), last, after);
        this.top = base;
        this.pushOperand(left);
        continue;
      }
      const right = this.multiplicative();
      this.pushOperand(right);
      left = {
        kind: 'binary',
        span: { start: left.span.start, end: right.span.end },
        op: this.kindOf(t) === LatexKind.Plus ? 'add' : 'sub',
        opText: this.kindOf(t) === LatexKind.Plus ? '+' : '-',
        opSpan: { start: this.startOf(t), end: this.endOf(t) },
        implicit: false,
        left,
        right,
      };
    }
    this.top = base;
    this.depth--;
    return left;
  }

  private arithmeticSeries(terms: readonly Expr[], last: Expr, dots: number): Expr {
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
      if (t < 0) break;
      if (
        this.kindOf(t) === LatexKind.Mul ||
        this.kindOf(t) === LatexKind.Hadamard ||
        this.kindOf(t) === LatexKind.Div
      ) {
        this.pos++;
        const right = this.unary();
        left = {
          kind: 'binary',
          span: { start: left.span.start, end: right.span.end },
          op: this.kindOf(t) === LatexKind.Mul ? 'mul' : this.kindOf(t) === LatexKind.Div ? 'div' : 'hadamard',
          opText: this.text.slice(this.startOf(t), this.endOf(t)),
          opSpan: { start: this.startOf(t), end: this.endOf(t) },
          implicit: false,
          left,
          right,
        };
        continue;
      }
      if (this.startsOperand(t)) {
        // `4 \, 5`, `12\;345`: two numbers side by side are no product (a thousands group `60\,000` is one token).
        if (this.kindOf(t) === LatexKind.Num && this.kindAt(this.pos - 1) === LatexKind.Num)
          throw new Unreadable(
            `two numbers side by side (\`${this.text.slice(this.startOf(this.pos - 1), this.endOf(t))}\`)`,
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

  private startsOperand(t: number): boolean {
    switch (this.kindOf(t)) {
      case LatexKind.Num:
      case LatexKind.Letter:
      case LatexKind.Fn:
      case LatexKind.Frac:
      case LatexKind.Sqrt:
      case LatexKind.LParen:
      case LatexKind.LBrack:
      case LatexKind.LBrace:
      case LatexKind.Unknown:
        return true;
      case LatexKind.Begin:
        return MATRIX_ENVIRONMENTS.has(this.textOf(t));
      case LatexKind.Word:
        return builtinOfWord(this.textOf(t)) !== undefined;
      case LatexKind.Unsupported:
        // Inside `\|…\|` the same bars close the norm: they start no factor there.
        if (this.norms > 0 && NORM_BARS[this.textOf(t)] === this.textOf(t)) return false;
        return READ_COMMANDS.has(this.textOf(t));
      default:
        return false;
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t >= 0 && (this.kindOf(t) === LatexKind.Minus || this.kindOf(t) === LatexKind.Plus)) {
      this.pos++;
      this.enter();
      const operand = this.unary();
      this.depth--;
      return {
        kind: 'unary',
        span: { start: this.startOf(t), end: operand.span.end },
        op: this.kindOf(t) === LatexKind.Minus ? '-' : '+',
        operand,
      };
    }
    return this.power();
  }

  private power(): Expr {
    let base = this.primary();
    for (;;) {
      const t = this.at(this.pos);
      if (this.kindOf(t) === LatexKind.Sup) {
        this.pos++;
        const sup = this.superscript();
        if (sup === 'transpose') {
          base = {
            kind: 'transpose',
            span: { start: base.span.start, end: this.endOf(this.pos - 1) },
            operand: base,
          };
          continue;
        }
        const span = { start: base.span.start, end: this.endOf(this.pos - 1) };
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
          opSpan: { start: this.startOf(t), end: this.endOf(t) },
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
    if (t < 0) this.fail(NONE, '');
    if (this.kindOf(t) === LatexKind.Transpose || (this.kindOf(t) === LatexKind.Letter && this.textOf(t) === 'T')) {
      this.pos++;
      return 'transpose';
    }
    if (this.kindOf(t) === LatexKind.LBrace) {
      const inner = this.at(this.pos + 1);
      const close = this.at(this.pos + 2);
      if (
        inner >= 0 &&
        this.kindOf(close) === LatexKind.RBrace &&
        (this.kindOf(inner) === LatexKind.Transpose ||
          (this.kindOf(inner) === LatexKind.Letter && this.textOf(inner) === 'T'))
      ) {
        this.pos += 3;
        return 'transpose';
      }
      return this.braceGroup();
    }
    if (this.kindOf(t) === LatexKind.Num) {
      this.pos++;
      if (this.textOf(t).length > 1) this.fail(t, 'is an exponent of several digits without braces');
      return {
        kind: 'number',
        span: { start: this.startOf(t), end: this.endOf(t) },
        value: Number(this.textOf(t)),
        text: this.textOf(t),
      };
    }
    if (this.kindOf(t) === LatexKind.Letter) {
      this.pos++;
      return { kind: 'name', span: { start: this.startOf(t), end: this.endOf(t) }, name: this.textOf(t) };
    }
    if (this.kindOf(t) === LatexKind.Minus) return this.unary();
    this.fail(t, 'is not read as an exponent');
  }

  private braceGroup(): Expr {
    this.expect(LatexKind.LBrace, '`{`');
    this.enter();
    const saved = this.rowMode;
    this.rowMode = 0;
    const inner = this.additive();
    this.rowMode = saved;
    this.expect(LatexKind.RBrace, '`}`');
    this.depth--;
    return inner;
  }

  private primary(): Expr {
    const t = this.peek();
    if (t < 0) this.fail(NONE, '');
    this.enter();
    try {
      switch (this.kindOf(t)) {
        case LatexKind.Num:
          this.pos++;
          return {
            kind: 'number',
            span: { start: this.startOf(t), end: this.endOf(t) },
            value: Number(this.textOf(t)),
            text: this.textOf(t),
          };
        case LatexKind.Unknown:
          this.pos++;
          return { kind: 'unknown', span: { start: this.startOf(t), end: this.endOf(t) } };
        case LatexKind.Letter:
          return this.nameOrCall();
        case LatexKind.Word:
          return this.builtinCall(t, builtinOfWord(this.textOf(t)));
        case LatexKind.Fn:
          return this.builtinCall(t, this.textOf(t));
        case LatexKind.Sqrt: {
          this.pos++;
          const arg = this.braceGroupWithSpan();
          // The call ends at its closing brace: a message quotes `\sqrt{9 + 16}` whole.
          return this.call(t, 'sqrt', [arg.expr], { start: this.startOf(t), end: arg.span.end }, false, arg.span);
        }
        case LatexKind.Frac:
          return this.fraction();
        case LatexKind.LBrace: {
          // `{x}` is `x`, with the span of what the braces hold.
          return this.braceGroup();
        }
        case LatexKind.LParen:
        case LatexKind.LBrack:
          return this.group(this.kindOf(t) === LatexKind.LParen ? LatexKind.RParen : LatexKind.RBrack);
        case LatexKind.Begin:
          if (MATRIX_ENVIRONMENTS.has(this.textOf(t))) return this.matrix();
          if (this.textOf(t) === 'cases') return this.cases();
          return this.fail(t, 'is an environment the reader does not read');
        case LatexKind.Unsupported:
          if (this.textOf(t) === 'lfloor' || this.textOf(t) === 'lceil') return this.floorOrCeiling(t);
          if (this.textOf(t) === 'nabla') return this.gradient(t);
          if (this.textOf(t) === 'sum') return this.sum(t);
          if (BINOMIALS.has(this.textOf(t))) return this.binomial(t);
          if (NORM_BARS[this.textOf(t)]) return this.norm(t);
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
    let name = this.textOf(first);
    let end = this.endOf(first);
    if (this.kindAt(this.pos) === LatexKind.Sub) {
      this.pos++;
      name += `_${this.rawIndex()}`;
      end = this.indexEnd;
    }
    const sup = this.at(this.pos);
    const open = this.at(this.pos + 1);
    const paren = this.at(this.pos + 2);
    if (
      this.kindOf(sup) === LatexKind.Sup &&
      this.kindOf(open) === LatexKind.LBrace &&
      (this.kindOf(paren) === LatexKind.LParen || this.kindOf(paren) === LatexKind.LBrack)
    ) {
      // `^{(1)}` / `^{[1]}`: a layer index, part of the name.
      const closing = this.kindOf(paren) === LatexKind.LParen ? LatexKind.RParen : LatexKind.RBrack;
      let j = this.pos + 3;
      while (j < this.end && this.kindAt(j) !== closing) j++;
      if (this.kindAt(j + 1) === LatexKind.RBrace) {
        let index = '';
        for (let x = this.pos + 3; x < j; x++) index += this.text.slice(this.startOf(x), this.endOf(x));
        name += this.kindOf(paren) === LatexKind.LParen ? `^(${index})` : `^[${index}]`;
        end = this.endOf(j + 1);
        this.pos = j + 2;
        if (this.kindAt(this.pos) === LatexKind.Sub && !name.includes('_')) {
          // `W^{(1)}_{\text{new}}`: the subscript after the layer index is part of the name, `W^(1)_new`.
          this.pos++;
          name += `_${this.rawIndex()}`;
          end = this.indexEnd;
        }
      }
    }
    const ref: NameRef = { kind: 'name', span: { start: this.startOf(first), end }, name };
    const after = this.at(this.pos);
    // `\sigma(z)` is the logistic sigmoid, as deep-learning texts write it.
    if (name === 'σ' && this.kindOf(after) === LatexKind.LParen)
      return this.callArguments({ ...ref, name: 'sigmoid' }, false);
    // `\sigma'(z)`: its derivative, `sigmoid'(z)`.
    if (name === 'σ' && this.kindOf(after) === LatexKind.Prime && this.kindAt(this.pos + 1) === LatexKind.LParen) {
      this.pos++;
      return this.callArguments({ ...ref, name: 'sigmoid' }, true);
    }
    if (this.kindOf(after) === LatexKind.LParen && name.length === 1 && this.hasTopLevelComma(this.pos)) {
      return this.callArguments(ref, false);
    }
    return ref;
  }

  /**
   * The subscript after `_`: one token or a `{…}` group, as written without blanks and braces; where it ends is
   * left in `indexEnd`.
   */
  private rawIndex(): string {
    const t = this.at(this.pos);
    if (t < 0) this.fail(NONE, '');
    if (this.kindOf(t) === LatexKind.LBrace) {
      let depth = 0;
      for (let j = this.pos; j < this.end; j++) {
        if (this.kindAt(j) === LatexKind.LBrace) depth++;
        else if (this.kindAt(j) === LatexKind.RBrace && --depth === 0) {
          // `_{\text{new}}` is `_new`.
          let index = '';
          for (let x = this.pos + 1; x < j; x++) {
            const kind = this.kinds[x];
            index +=
              kind === LatexKind.Letter
                ? this.textOf(x)
                : kind === LatexKind.Word
                  ? this.textOf(x).trim()
                  : this.text.slice(this.startOf(x), this.endOf(x));
          }
          this.pos = j + 1;
          this.indexEnd = this.endOf(j);
          return index;
        }
      }
      this.fail(t, 'opens a subscript that does not close');
    }
    this.pos++;
    if (this.kindOf(t) === LatexKind.Num) {
      if (this.textOf(t).length > 1) this.fail(t, 'is a subscript of several digits without braces');
      this.indexEnd = this.endOf(t);
      return this.textOf(t);
    }
    if (this.kindOf(t) === LatexKind.Letter) {
      this.indexEnd = this.endOf(t);
      return this.textOf(t);
    }
    this.fail(t, 'is not read as a subscript');
  }

  private hasTopLevelComma(open: number): boolean {
    let depth = 0;
    for (let j = open; j < this.end; j++) {
      const k = this.kindAt(j);
      if (k === LatexKind.LParen || k === LatexKind.LBrack || k === LatexKind.LBrace || k === LatexKind.Begin) depth++;
      else if (k === LatexKind.RParen || k === LatexKind.RBrack || k === LatexKind.RBrace || k === LatexKind.End) {
        if (--depth === 0) return false;
      } else if (k === LatexKind.Comma && depth === 1) return true;
    }
    return false;
  }

  /** `\text{ReLU}'(…)`, `\ln 0.95`, `\max(0, x)`. */
  private builtinCall(t: number, name: string | undefined): Expr {
    this.pos++;
    if (!name) this.fail(t, 'is text the reader does not read as math');
    let prime = false;
    if (this.kindAt(this.pos) === LatexKind.Prime) {
      this.pos++;
      prime = true;
    }
    // `\sin^2(x)`, `\ln^2 x`: the function's value squared (`^{-1}`, the inverse function, is not read).
    const sup = !prime && this.kindOf(t) === LatexKind.Fn && this.kindAt(this.pos) === LatexKind.Sup ? this.pos : NONE;
    let exponent: Expr | undefined;
    if (sup >= 0) {
      this.pos++;
      const read = this.superscript();
      if (read === 'transpose' || isMinusOne(read)) this.fail(t, 'is a function with a power the reader does not read');
      exponent = read;
    }
    const called = this.builtinArguments(t, name, prime);
    if (sup < 0 || !exponent) return called;
    return {
      kind: 'binary',
      span: { start: this.startOf(t), end: called.span.end },
      op: 'pow',
      opText: '^',
      opSpan: { start: this.startOf(sup), end: this.endOf(sup) },
      implicit: false,
      left: called,
      right: exponent,
    };
  }

  /** The call after a built-in's name (and its prime or power): `(…)`, or for `\ln 0.95` the next factor. */
  private builtinArguments(t: number, name: string, prime: boolean): Expr {
    const callee: NameRef = { kind: 'name', span: { start: this.startOf(t), end: this.endOf(t) }, name };
    if (this.kindOf(this.peek()) === LatexKind.LParen) return this.callArguments(callee, prime);
    if (prime || this.kindOf(t) === LatexKind.Word) this.fail(t, 'is a function without its argument in parentheses');
    // `\ln 0.95`: the argument is the next factor.
    const arg = this.power();
    return this.call(t, name, [arg], { start: this.startOf(t), end: arg.span.end }, false, arg.span);
  }

  private call(t: number, name: string, args: Expr[], span: Span, prime: boolean, argsSpan: Span = span): Expr {
    return {
      kind: 'call',
      span,
      callee: { kind: 'name', span: { start: this.startOf(t), end: this.endOf(t) }, name },
      prime,
      args,
      named: [],
      argsSpan,
    };
  }

  private callArguments(callee: NameRef, prime: boolean): Expr {
    const open = this.expect(LatexKind.LParen, '`(`');
    const saved = this.rowMode;
    this.rowMode = 0;
    const base = this.top;
    for (;;) {
      this.pushOperand(this.additive());
      const t = this.peek();
      if (this.kindOf(t) === LatexKind.Comma) {
        this.pos++;
        continue;
      }
      break;
    }
    this.rowMode = saved;
    const close = this.expect(LatexKind.RParen, '`)`');
    const args = this.stack.slice(base, this.top);
    this.top = base;
    return {
      kind: 'call',
      span: { start: callee.span.start, end: this.endOf(close) },
      callee,
      prime,
      args,
      named: [],
      argsSpan: { start: this.startOf(open), end: this.endOf(close) },
    };
  }

  /**
   * `\nabla_w L`, `\nabla_{w^{(1)}} L`: the gradient of L by w, `∂L/∂w`. Without the subscript (`\nabla \ell`)
   * it says no variable, and with an argument list (`\nabla_W L(W)`) it is a function: neither is read.
   */
  private gradient(nabla: number): Expr {
    this.pos++;
    if (this.kindAt(this.pos) !== LatexKind.Sub) this.fail(nabla, 'is a gradient without the variable as a subscript');
    this.pos++;
    const sub = this.at(this.pos);
    let wrt: Expr;
    if (this.kindOf(sub) === LatexKind.Letter) {
      this.pos++;
      wrt = { kind: 'name', span: { start: this.startOf(sub), end: this.endOf(sub) }, name: this.textOf(sub) };
    } else if (this.kindOf(sub) === LatexKind.LBrace) wrt = this.braceGroup();
    else return this.fail(sub, 'is not read as the variable of a gradient');
    if (wrt.kind !== 'name') this.fail(nabla, 'is a gradient by something other than a name');
    const of = this.power();
    if (of.kind !== 'name' || this.kindOf(this.peek()) === LatexKind.LParen)
      this.fail(nabla, 'is a gradient of something other than a name');
    return {
      kind: 'derivative',
      span: { start: this.startOf(nabla), end: of.span.end },
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
  private sum(sigma: number): Expr {
    this.pos++;
    if (this.kindAt(this.pos) !== LatexKind.Sub || this.kindAt(this.pos + 1) !== LatexKind.LBrace)
      this.fail(sigma, 'is a sum without `_{i=…}`');
    this.pos += 2;
    const index = this.at(this.pos);
    if (
      this.kindOf(index) !== LatexKind.Letter ||
      this.kindAt(this.pos + 1) !== LatexKind.Rel ||
      this.textOf(this.pos + 1) !== '='
    )
      this.fail(sigma, 'is a sum whose index is not written `i=…`');
    this.pos += 2;
    const from = numberOf(this.additive());
    this.expect(LatexKind.RBrace, '`}`');
    if (this.kindAt(this.pos) !== LatexKind.Sup) this.fail(sigma, 'is a sum without its upper bound');
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
    const span = { start: this.startOf(sigma), end: summand.span.end };
    let terms: Expr[] = [];
    for (let k = from; k <= to; k++) terms.push(withValue(summand, this.textOf(index), k));
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
                opSpan: { start: this.startOf(sigma), end: this.endOf(sigma) },
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
      if (t < 0) this.fail(begin, 'is not closed');
      if (this.kindOf(t) === LatexKind.End) {
        this.pos++;
        if (this.textOf(t) !== 'cases') this.fail(t, 'closes \\begin{cases}');
        break;
      }
      if (this.kindOf(t) === LatexKind.Newline) {
        this.pos++;
        continue;
      }
      const value = this.additive();
      if (numberOf(value) === undefined) this.fail(begin, 'has a branch that is not a number');
      if (this.kindOf(this.peek()) === LatexKind.Comma) this.pos++;
      this.expect(LatexKind.Amp, '`&`');
      branches.push({ value, condition: this.caseCondition(begin) });
      const after = this.peek();
      if (
        this.kindOf(after) === LatexKind.Comma ||
        (this.kindOf(after) === LatexKind.Unsupported && this.textOf(after) === '.')
      )
        this.pos++;
    }
    this.rowMode = saved;
    const span = { start: this.startOf(begin), end: this.endOf(this.pos - 1) };
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
  private caseCondition(begin: number): Expr | 'otherwise' {
    const t = this.peek();
    if (this.kindOf(t) === LatexKind.Word && /^\s*(otherwise|else)\s*[.,]?\s*$/i.test(this.textOf(t))) {
      this.pos++;
      return 'otherwise';
    }
    if (this.kindOf(t) === LatexKind.Word && /^\s*if\s*$/i.test(this.textOf(t))) this.pos++;
    const left = this.additive();
    const rel = this.peek();
    if (rel < 0 || this.kindOf(rel) !== LatexKind.Rel || !CASE_COMPARISONS[this.textOf(rel)])
      this.fail(begin, 'has a condition it does not read');
    this.pos++;
    const right = this.additive();
    return {
      kind: 'binary',
      span: { start: left.span.start, end: right.span.end },
      op: CASE_COMPARISONS[this.textOf(rel)],
      opText: this.textOf(rel),
      opSpan: { start: this.startOf(rel), end: this.endOf(rel) },
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
  private floorOrCeiling(open: number): Expr {
    this.pos++;
    const saved = this.rowMode;
    this.rowMode = 0;
    const inner = this.additive();
    this.rowMode = saved;
    const closing = this.textOf(open) === 'lfloor' ? 'rfloor' : 'rceil';
    const close = this.peek();
    if (close < 0 || this.kindOf(close) !== LatexKind.Unsupported || this.textOf(close) !== closing)
      this.fail(close, `where \\${closing} was expected`);
    this.pos++;
    const span = { start: this.startOf(open), end: this.endOf(close) };
    return this.call(open, closing === 'rfloor' ? 'floor' : 'ceil', [inner], span, false);
  }

  /** `\binom{6}{2}`: the number of ways to choose 2 of 6. */
  private binomial(t: number): Expr {
    this.pos++;
    const n = this.braceGroup();
    const k = this.braceGroup();
    return this.call(t, 'combinations', [n, k], { start: this.startOf(t), end: this.endOf(this.pos - 1) }, false);
  }

  /**
   * `\|v\|_2`, `\|v\|_1`, `\|v\|_\infty`, `\|M\|_F`: a norm whose subscript says which. Without one it is not
   * read: for a matrix `\|M\|` is the spectral norm in some texts and the Frobenius norm in others.
   */
  private norm(open: number): Expr {
    this.pos++;
    const saved = this.rowMode;
    this.rowMode = 0;
    this.norms++;
    const inner = this.additive();
    this.norms--;
    this.rowMode = saved;
    const close = this.peek();
    if (
      close < 0 ||
      this.kindOf(close) !== LatexKind.Unsupported ||
      this.textOf(close) !== NORM_BARS[this.textOf(open)]
    )
      this.fail(close, "where the norm's closing bars were expected");
    this.pos++;
    if (this.kindAt(this.pos) !== LatexKind.Sub)
      this.fail(open, 'is a norm without a subscript saying which (`\\|x\\|_2`, `_1`, `_\\infty`, `_F`)');
    this.pos++;
    const sub = this.rawIndex();
    const subEnd = this.indexEnd;
    const order = NORM_ORDERS[sub];
    if (order === undefined) this.fail(open, `is a norm of an order the checker does not know (\`_${sub}\`)`);
    const span = { start: this.startOf(open), end: subEnd };
    const callee: NameRef = { kind: 'name', span: { start: this.startOf(open), end: this.endOf(open) }, name: 'norm' };
    const at = { start: subEnd, end: subEnd };
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
      argsSpan: { start: this.startOf(open), end: this.endOf(close) },
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
      span: { start: this.startOf(frac), end: this.endOf(this.pos - 1) },
      op: 'div',
      opText: '/',
      opSpan: { start: this.startOf(frac), end: this.endOf(frac) },
      implicit: false,
      left: numerator,
      right: denominator,
    };
  }

  private braceGroupWithSpan(): { expr: Expr; span: Span } {
    const open = this.peek();
    const expr = this.braceGroup();
    return { expr, span: { start: this.startOf(open), end: this.endOf(this.pos - 1) } };
  }

  /** A compound numerator or denominator keeps its braces as parentheses, so `\frac{39+1}{2}` is `(39+1)/2`. */
  private parenthesised(group: { expr: Expr; span: Span }): Expr {
    const e = group.expr;
    if (e.kind === 'binary' || e.kind === 'unary') return { kind: 'paren', span: group.span, inner: e };
    return e;
  }

  private tryDerivative(frac: number): Expr | undefined {
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
      span: { start: this.startOf(frac), end: this.endOf(this.pos - 1) },
      of: of.name,
      wrt: wrt.name,
      spelling: of.spelling,
    };
  }

  /** `{\partial X}` or `{d X}` with X a name; undefined (position unchanged is the caller's job) otherwise. */
  private partialGroup(): { name: NameRef; spelling: 'partial' | 'd' } | undefined {
    if (this.kindAt(this.pos) !== LatexKind.LBrace) return undefined;
    const mark = this.at(this.pos + 1);
    let spelling: 'partial' | 'd';
    if (this.kindOf(mark) === LatexKind.Partial) spelling = 'partial';
    else if (
      this.kindOf(mark) === LatexKind.Letter &&
      this.textOf(mark) === 'd' &&
      this.kindAt(this.pos + 2) === LatexKind.Letter
    )
      spelling = 'd';
    else if (this.kindOf(mark) === LatexKind.Word && this.textOf(mark).trim() === 'd') spelling = 'd';
    else return undefined;
    this.pos += 2;
    const t = this.at(this.pos);
    if (this.kindOf(t) !== LatexKind.Letter) return undefined;
    let name: Expr;
    const stacked = this.top;
    const rows = this.rowTop;
    try {
      name = this.nameOrCall();
    } catch (_notAName) {
      // What follows `d` is not a name this reader can take: this is no derivative.
      this.top = stacked;
      this.rowTop = rows;
      return undefined;
    }
    if (name.kind !== 'name' || this.kindAt(this.pos) !== LatexKind.RBrace) return undefined;
    this.pos++;
    return { name, spelling };
  }

  /** `( … )` or `[ … ]`: parentheses, or a row vector when `\ ` separates entries (`(-2 \ 3)`). */
  private group(closing: LatexKind.RParen | LatexKind.RBrack): Expr {
    const open = this.next();
    this.rowMode++;
    const base = this.top;
    for (;;) {
      while (this.kindAt(this.pos) === LatexKind.Space) this.pos++;
      this.pushOperand(this.additive());
      const t = this.at(this.pos);
      if (this.kindOf(t) === LatexKind.Space) {
        while (this.kindAt(this.pos) === LatexKind.Space) this.pos++;
        if (this.kindAt(this.pos) === closing) break;
        continue;
      }
      break;
    }
    this.rowMode--;
    const close = this.expect(closing, closing === LatexKind.RParen ? '`)`' : '`]`');
    const span = { start: this.startOf(open), end: this.endOf(close) };
    const first = this.stack[base];
    const entries = this.top - base > 1 ? this.stack.slice(base, this.top) : undefined;
    this.top = base;
    if (entries) return { kind: 'matrix', span, rows: [entries] };
    return { kind: 'paren', span, inner: first };
  }

  /** `\begin{pmatrix} 1 & 0 \\ 3 & 4 \end{pmatrix}`; `vmatrix` is its determinant. */
  private matrix(): Expr {
    const begin = this.next();
    if (this.textOf(begin) === 'array' && this.kindAt(this.pos) === LatexKind.LBrace) {
      // `\begin{array}{cc}`: the column layout says nothing about the values.
      while (this.pos < this.end && this.kindAt(this.pos) !== LatexKind.RBrace) this.pos++;
      this.pos++;
    }
    const saved = this.rowMode;
    this.rowMode = 0;
    // The entries go on the stack, and where each row ends on `rowEnds`.
    const base = this.top;
    const firstRow = this.rowTop;
    for (;;) {
      const t = this.peek();
      if (t < 0) this.fail(begin, 'is not closed');
      if (this.kindOf(t) === LatexKind.End) {
        this.pos++;
        if (this.textOf(t) !== this.textOf(begin)) this.fail(t, `closes \\begin{${this.textOf(begin)}}`);
        break;
      }
      if (this.kindOf(t) === LatexKind.Amp) {
        this.pos++;
        continue;
      }
      if (this.kindOf(t) === LatexKind.Newline) {
        this.pos++;
        this.rowEnds[this.rowTop++] = this.top;
        continue;
      }
      this.pushOperand(this.additive());
      const after = this.peek();
      if (
        after >= 0 &&
        this.kindOf(after) !== LatexKind.Amp &&
        this.kindOf(after) !== LatexKind.Newline &&
        this.kindOf(after) !== LatexKind.End
      )
        this.fail(after, 'stands where `&`, `\\\\` or the end of the matrix was expected');
    }
    this.rowMode = saved;
    this.rowEnds[this.rowTop++] = this.top;
    // Exactly as long as they are, empty rows left out: a matrix lives as long as the check (each collection copies
    // it).
    let filledCount = 0;
    for (let r = firstRow, rowStart = base; r < this.rowTop; rowStart = this.rowEnds[r++])
      if (this.rowEnds[r] > rowStart) this.rowsRead[filledCount++] = this.stack.slice(rowStart, this.rowEnds[r]);
    const filled = this.rowsRead.slice(0, filledCount);
    this.top = base;
    this.rowTop = firstRow;
    const end = this.pos - 1;
    if (filled.length === 0) this.fail(begin, 'is an empty matrix');
    if (filled.some((r) => r.length !== filled[0].length)) this.fail(begin, 'has rows of different lengths');
    const span = { start: this.startOf(begin), end: this.endOf(end) };
    const matrix: Expr = { kind: 'matrix', span, rows: filled };
    if (this.textOf(begin) === 'vmatrix') return this.call(begin, 'det', [matrix], span, false);
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

/**
 * The tokens of LaTeX math, with offsets into the whole document (not into
 * the math), so that every node the reader builds points at the LaTeX the
 * student wrote. The scanner never throws: a command it does not know becomes
 * an `unsupported` token, which makes the piece of math around it "not
 * checked" instead of an error.
 *
 * Example: `w^{(1)} = \begin{pmatrix} 1 \\ 3 \end{pmatrix}` at offset 100 gives
 * letter `w`@100, sup, lbrace, lparen, num `1`, rparen, rbrace, rel `=`,
 * begin `pmatrix`, num `1`, newline, num `3`, end `pmatrix`.
 *
 * The tokens of a block of math are one table of parallel arrays (kind, start,
 * end, text), filled again for every block: a homework has thousands of math
 * blocks of some 35 tokens each, and an object per token would be garbage for
 * the collector to copy.
 */
import { grown } from '../text/grow';

export const enum LatexKind {
  Num,
  Letter,
  Word,
  Fn,
  Frac,
  Sqrt,
  Partial,
  Begin,
  End,
  Plus,
  Minus,
  Mul,
  Hadamard,
  Div,
  Rel,
  Implies,
  LParen,
  RParen,
  LBrack,
  RBrack,
  LBrace,
  RBrace,
  Sup,
  Sub,
  Prime,
  Comma,
  Colon,
  Amp,
  Newline,
  Space,
  Quad,
  Dots,
  Label,
  Unknown,
  Transpose,
  Unsupported,
  /** No token: what the reader sees past the end of what it reads. */
  None = 255,
}

/**
 * The tokens of one block of math as parallel arrays, indexed by token number.
 * A token's text is the number's digits, the letter's name, the word's content,
 * the command or environment name, the relation symbol; where `texts` holds
 * undefined it is the text as written (`textOf`).
 */
export class LatexTokenTable {
  length = 0;
  kinds: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
  texts: (string | undefined)[] = [];

  constructor(capacity = 64) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
  }

  get capacity(): number {
    return this.kinds.length;
  }

  push(kind: LatexKind, start: number, end: number, text: string | undefined): void {
    if (this.length === this.kinds.length) this.grow();
    this.set(this.length++, kind, start, end, text);
  }

  /**
   * Lets go of the texts of the tokens read (a long one is a view into the whole document, which it would keep).
   * Entries past `length` were let go by the reading that wrote them.
   */
  forgetTexts(): void {
    this.texts.fill(undefined, 0, Math.min(this.length, this.texts.length));
  }

  /** Rewrites token `index` (a joined number, a decimal comma, a unit word read as a letter). */
  set(index: number, kind: LatexKind, start: number, end: number, text: string | undefined): void {
    this.kinds[index] = kind;
    this.starts[index] = start;
    this.ends[index] = end;
    if (index < this.texts.length) this.texts[index] = text;
    else this.texts.push(text);
  }

  /** Token `from` takes the place of token `to` (the table is compacted as its tokens are kept or left out). */
  move(from: number, to: number): void {
    if (from === to) return;
    this.kinds[to] = this.kinds[from];
    this.starts[to] = this.starts[from];
    this.ends[to] = this.ends[from];
    this.texts[to] = this.texts[from];
  }

  /** Token `index`'s text (see the class comment); `source` is the text the table was scanned from. */
  textOf(index: number, source: string): string {
    return this.texts[index] ?? source.slice(this.starts[index], this.ends[index]);
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    this.kinds = grown(this.kinds, capacity);
    this.starts = grown(this.starts, capacity);
    this.ends = grown(this.ends, capacity);
  }
}
const GREEK: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
  ell: 'ℓ',
};

/** Accents that make a new name of one letter: `\hat{y}` is `ŷ`. */
const ACCENTS: Record<string, string> = { hat: '\u0302', bar: '\u0304', tilde: '\u0303', dot: '\u0307' };
/** Font commands around one letter: `\mathbf{W}` is `W`. */
const FONTS = new Set(['mathbf', 'boldsymbol', 'bm', 'vec', 'mathit', 'mathnormal', 'mathsf', 'mathcal']);
/** Commands whose `{…}` is text. */
const TEXT_COMMANDS = new Set(['text', 'textrm', 'mathrm', 'operatorname', 'textit', 'textbf', 'mbox', 'textnormal']);
const FUNCTIONS = new Set(['ln', 'log', 'exp', 'max', 'min', 'sin', 'cos', 'tan', 'tanh', 'det']);
const RELATIONS: Record<string, string> = {
  approx: '≈',
  leq: '≤',
  le: '≤',
  leqslant: '≤',
  geq: '≥',
  ge: '≥',
  geqslant: '≥',
  lt: '<',
  gt: '>',
  neq: '≠',
  ne: '≠',
};
/** Relations the checker does not judge (`\ll`, `\to`): read as relations (empty text) so the claim is set aside. */
const UNJUDGED_RELATIONS = new Set([
  'll',
  'gg',
  'to',
  'rightarrow',
  'sim',
  'simeq',
  'propto',
  'equiv',
  'in',
  'subset',
  'mapsto',
  'cong',
]);
const SILENT = new Set([
  'left',
  'right',
  'big',
  'Big',
  'bigg',
  'Bigg',
  'bigl',
  'bigr',
  'Bigl',
  'Bigr',
  'displaystyle',
  'textstyle',
  'limits',
  'nonumber',
  'notag',
]);
const SPACING = new Set([',', ';', '!', ':', '>']);

/**
 * Scans `text[start, end)` as LaTeX math into `into` (emptied first), which it returns: a reader that scans
 * piece after piece fills the same table again.
 */
export function scanLatex(
  text: string,
  start: number,
  end: number,
  into: LatexTokenTable = new LatexTokenTable(),
): LatexTokenTable {
  const out = into;
  out.length = 0;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '~' || c === '\u00a0') {
      i++;
      continue;
    }
    if (c === '%') {
      // A comment runs to the end of the line.
      while (i < end && text[i] !== '\n') i++;
      continue;
    }
    if (c >= '0' && c <= '9') {
      i = scanNumber(text, i, end, out);
      continue;
    }
    if (c === '.' && i + 1 < end && text[i + 1] >= '0' && text[i + 1] <= '9') {
      i = scanNumber(text, i, end, out);
      continue;
    }
    if (c === '\\') {
      i = scanCommand(text, i, end, out);
      continue;
    }
    const single = SINGLE_KINDS[text.charCodeAt(i)] ?? NOT_SINGLE;
    if (single !== NOT_SINGLE) {
      out.push(single, i, i + 1, c);
      i++;
      continue;
    }
    const code = text.codePointAt(i)!;
    if (isAsciiLetter(code)) {
      // Most letters: one character, its own name (no test of the letter class, no slice).
      out.push(LatexKind.Letter, i, i + 1, c);
      i++;
      continue;
    }
    const width = code > 0xffff ? 2 : 1;
    if (code >= 0x2460 && code <= 0x2473)
      out.push(LatexKind.Label, i, i + 1, c); // ① … ⑳
    else if (UNICODE_OPS[c]) out.push(UNICODE_OPS[c][0], i, i + 1, UNICODE_OPS[c][1]);
    else if (/\p{L}/u.test(String.fromCodePoint(code)))
      out.push(LatexKind.Letter, i, i + width, width === 1 ? c : text.slice(i, i + width));
    else out.push(LatexKind.Unsupported, i, i + width, width === 1 ? c : undefined);
    i += width;
  }
  return out;
}

const SINGLE: Readonly<Record<string, LatexKind>> = {
  '+': LatexKind.Plus,
  '-': LatexKind.Minus,
  '*': LatexKind.Mul,
  '/': LatexKind.Div,
  '=': LatexKind.Rel,
  '<': LatexKind.Rel,
  '>': LatexKind.Rel,
  '(': LatexKind.LParen,
  ')': LatexKind.RParen,
  '[': LatexKind.LBrack,
  ']': LatexKind.RBrack,
  '{': LatexKind.LBrace,
  '}': LatexKind.RBrace,
  '^': LatexKind.Sup,
  _: LatexKind.Sub,
  "'": LatexKind.Prime,
  ',': LatexKind.Comma,
  ':': LatexKind.Colon,
  '&': LatexKind.Amp,
  '?': LatexKind.Unknown,
};

/** `SINGLE` by character code, for the scanner's loop; `NOT_SINGLE` for the other characters. */
const NOT_SINGLE = 255;
const SINGLE_KINDS = new Uint8Array(128).fill(NOT_SINGLE);
for (const [c, kind] of Object.entries(SINGLE)) SINGLE_KINDS[c.charCodeAt(0)] = kind;

const UNICODE_OPS: Readonly<Record<string, readonly [LatexKind, string]>> = {
  '×': [LatexKind.Mul, '×'],
  '·': [LatexKind.Mul, '·'],
  '⊙': [LatexKind.Hadamard, '⊙'],
  '≈': [LatexKind.Rel, '≈'],
  '≤': [LatexKind.Rel, '≤'],
  '≥': [LatexKind.Rel, '≥'],
  '≠': [LatexKind.Rel, '≠'],
  '−': [LatexKind.Minus, '−'],
  '⇒': [LatexKind.Implies, '⇒'],
  '，': [LatexKind.Comma, '，'],
};

/** What may stand between groups of three digits: `1{,}000`, `60\\,000` (a thin space). */
const THOUSANDS_SEPARATORS = ['{,}', '\\,'];

function scanNumber(text: string, i: number, end: number, out: LatexTokenTable): number {
  const s = i;
  i = skipDigits(text, i, end);
  // Thousands written `1{,}000` or `60\,000`: each group of three digits continues the number. Only a first
  // group of one to three digits that does not start with 0 groups thousands (`0{,}500` is a decimal comma).
  const groupsThousands = i - s <= 3 && text[s] !== '0';
  /** The digits, without the separators between their groups (most numbers have none: one slice). */
  let digits: string | undefined;
  while (groupsThousands) {
    const separator = thousandsSeparatorAt(text, i);
    if (separator === 0) break;
    const group = i + separator;
    // Exactly three digits: `1{,}0000` is no thousands group.
    if (group + 3 > end || skipDigits(text, group, end) < group + 3 || isDigit(text.charCodeAt(group + 3))) break;
    digits = (digits ?? text.slice(s, i)) + text.slice(group, group + 3);
    i = group + 3;
  }
  if (text[i] === '.' && i + 1 < end && isDigit(text.charCodeAt(i + 1))) {
    const fraction = skipDigits(text, i + 1, end);
    if (digits !== undefined) digits += text.slice(i, fraction);
    i = fraction;
  }
  out.push(LatexKind.Num, s, i, digits ?? text.slice(s, i));
  return i;
}

function skipDigits(text: string, from: number, end: number): number {
  while (from < end && isDigit(text.charCodeAt(from))) from++;
  return from;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The length of a separator between groups of three digits at `i` (`1{,}000`, `60\,000`), or 0. */
function thousandsSeparatorAt(text: string, i: number): number {
  for (const separator of THOUSANDS_SEPARATORS) if (text.startsWith(separator, i)) return separator.length;
  return 0;
}

function scanCommand(text: string, i: number, end: number, out: LatexTokenTable): number {
  const s = i;
  const next = text[i + 1];
  if (next === undefined || i + 1 >= end) {
    out.push(LatexKind.Unsupported, s, i + 1, undefined);
    return i + 1;
  }
  if (!isAsciiLetter(text.charCodeAt(i + 1))) {
    // One-character commands.
    if (next === '\\') out.push(LatexKind.Newline, s, i + 2, undefined);
    else if (next === ' ') out.push(LatexKind.Space, s, i + 2, undefined);
    else if (SPACING.has(next)) {
      /* thin spaces: nothing */
    } else out.push(LatexKind.Unsupported, s, i + 2, next === '|' ? NORM_BARS : undefined);
    return i + 2;
  }
  let j = i + 1;
  while (j < end && isAsciiLetter(text.charCodeAt(j))) j++;
  const name = nameAt(text, i + 1, j);
  if (name === 'begin' || name === 'end') {
    const open = braceOpening(text, j, end);
    const close = braceClosing(text, open, end);
    if (close >= 0) {
      out.push(name === 'begin' ? LatexKind.Begin : LatexKind.End, s, close, trimmedNameAt(text, open + 1, close - 1));
      return close;
    }
    out.push(LatexKind.Unsupported, s, j, undefined);
    return j;
  }
  if (TEXT_COMMANDS.has(name)) {
    const open = braceOpening(text, j, end);
    const close = braceClosing(text, open, end);
    if (close >= 0) {
      out.push(LatexKind.Word, s, close, text.slice(open + 1, close - 1));
      return close;
    }
    out.push(LatexKind.Unsupported, s, j, undefined);
    return j;
  }
  if (name === 'textcircled') {
    const open = braceOpening(text, j, end);
    const close = braceClosing(text, open, end);
    if (close >= 0) {
      out.push(LatexKind.Label, s, close, text.slice(open + 1, close - 1));
      return close;
    }
  }
  if (ACCENTS[name] !== undefined || FONTS.has(name)) {
    const open = braceOpening(text, j, end);
    const close = braceClosing(text, open, end);
    const letter = close >= 0 ? text.slice(open + 1, close - 1).trim() : '';
    if (close >= 0 && /^\p{L}$/u.test(letter)) {
      out.push(LatexKind.Letter, s, close, ACCENTS[name] !== undefined ? letter + ACCENTS[name] : letter);
      return close;
    }
    if (close >= 0 && /^\\[A-Za-z]+$/.test(letter) && GREEK[letter.slice(1)]) {
      const greek = GREEK[letter.slice(1)];
      out.push(LatexKind.Letter, s, close, ACCENTS[name] !== undefined ? greek + ACCENTS[name] : greek);
      return close;
    }
    out.push(LatexKind.Unsupported, s, j, undefined);
    return j;
  }
  if (GREEK[name]) out.push(LatexKind.Letter, s, j, GREEK[name]);
  else if (name === 'infty') out.push(LatexKind.Letter, s, j, '∞');
  else if (SILENT.has(name)) {
    /* sizing: nothing */
  } else if (name === 'quad' || name === 'qquad') out.push(LatexKind.Quad, s, j, undefined);
  else if (name === 'frac' || name === 'dfrac' || name === 'tfrac') out.push(LatexKind.Frac, s, j, undefined);
  else if (name === 'sqrt') out.push(LatexKind.Sqrt, s, j, undefined);
  else if (name === 'partial') out.push(LatexKind.Partial, s, j, undefined);
  else if (name === 'cdot' || name === 'times' || name === 'ast') out.push(LatexKind.Mul, s, j, undefined);
  else if (name === 'odot' || name === 'circ') out.push(LatexKind.Hadamard, s, j, undefined);
  else if (name === 'div') out.push(LatexKind.Div, s, j, undefined);
  else if (RELATIONS[name]) out.push(LatexKind.Rel, s, j, RELATIONS[name]);
  else if (UNJUDGED_RELATIONS.has(name)) out.push(LatexKind.Rel, s, j, '');
  else if (name === 'Rightarrow' || name === 'implies' || name === 'Longrightarrow')
    out.push(LatexKind.Implies, s, j, undefined);
  else if (name === 'dots' || name === 'ldots' || name === 'cdots') out.push(LatexKind.Dots, s, j, undefined);
  else if (name === 'top' || name === 'intercal' || name === 'mathsf') {
    if (name === 'mathsf') {
      const open = braceOpening(text, j, end);
      const close = braceClosing(text, open, end);
      if (close >= 0 && text.slice(open + 1, close - 1).trim() === 'T') {
        out.push(LatexKind.Transpose, s, close, undefined);
        return close;
      }
      out.push(LatexKind.Unsupported, s, j, undefined);
    } else out.push(LatexKind.Transpose, s, j, undefined);
  } else if (FUNCTIONS.has(name)) out.push(LatexKind.Fn, s, j, name);
  else out.push(LatexKind.Unsupported, s, j, name);
  return j;
}

const BACKSLASH = 0x5c;
const LEFT_BRACE = 0x7b;
const RIGHT_BRACE = 0x7d;

/** The text of `\|`, a norm's bars, kept once. */
const NORM_BARS = '\\|';

/** Where the `{` of an argument stands after optional blanks from `i`; -1 when there is none. */
function braceOpening(text: string, i: number, end: number): number {
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === '{' ? i : -1;
}

/** Just after the `}` that balances the `{` at `open` (-1: none), or -1 when it does not close before `end`. */
function braceClosing(text: string, open: number, end: number): number {
  if (open < 0) return -1;
  let depth = 0;
  for (let j = open; j < end; j++) {
    const code = text.charCodeAt(j);
    if (code === BACKSLASH) {
      j++;
      continue;
    }
    if (code === LEFT_BRACE) depth++;
    else if (code === RIGHT_BRACE && --depth === 0) return j + 1;
  }
  return -1;
}

/**
 * Every command and environment name the scanner and the reader look up, by first character and length: a
 * known name is found in the text without slicing it out, and every token of it shares one string.
 */
const KNOWN_NAMES = new Map<number, string[]>();
for (const name of [
  ...Object.keys(GREEK),
  ...Object.keys(ACCENTS),
  ...FONTS,
  ...TEXT_COMMANDS,
  ...FUNCTIONS,
  ...Object.keys(RELATIONS),
  ...UNJUDGED_RELATIONS,
  ...SILENT,
  ...['begin', 'end', 'textcircled', 'infty', 'quad', 'qquad', 'frac', 'dfrac', 'tfrac', 'sqrt', 'partial'],
  ...['cdot', 'times', 'ast', 'odot', 'circ', 'div', 'Rightarrow', 'implies', 'Longrightarrow', 'dots', 'ldots'],
  ...['cdots', 'top', 'intercal', 'mathsf'],
  // Commands the reader reads although they are `unsupported` tokens.
  ...['lfloor', 'rfloor', 'lceil', 'rceil', 'nabla', 'sum', 'binom', 'dbinom', 'tbinom', 'lVert', 'rVert', 'Vert'],
  // Environments.
  ...['pmatrix', 'bmatrix', 'Bmatrix', 'matrix', 'vmatrix', 'smallmatrix', 'array', 'cases', 'aligned', 'align'],
  ...['align*', 'equation', 'equation*', 'gather', 'gather*', 'gathered', 'split', 'multline', 'multline*'],
  ...['alignat', 'alignat*', 'eqnarray', 'eqnarray*'],
]) {
  const key = nameKey(name.charCodeAt(0), name.length);
  const same = KNOWN_NAMES.get(key);
  if (!same) KNOWN_NAMES.set(key, [name]);
  else if (!same.includes(name)) same.push(name);
}

function nameKey(first: number, length: number): number {
  return first * 256 + Math.min(length, 255);
}

/** `text[from, to)`: the known name it spells, or else a slice. */
function nameAt(text: string, from: number, to: number): string {
  return knownNameAt(text, from, to) ?? text.slice(from, to);
}

function knownNameAt(text: string, from: number, to: number): string | undefined {
  if (to <= from) return undefined;
  const same = KNOWN_NAMES.get(nameKey(text.charCodeAt(from), to - from));
  if (same) for (const name of same) if (name.length === to - from && spells(text, from, name)) return name;
  return undefined;
}

/** Whether `text` has `name` at `from` (a loop over codes: `startsWith` is a call into the runtime). */
function spells(text: string, from: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (text.charCodeAt(from + k) !== name.charCodeAt(k)) return false;
  return true;
}

/**
 * `text.slice(from, to).trim()`, without slicing when it is a known name between blanks (a known name has no
 * blank of its own, and `trim` removes every blank skipped here).
 */
function trimmedNameAt(text: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && isBlank(text.charCodeAt(a))) a++;
  while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
  return knownNameAt(text, a, b) ?? text.slice(from, to).trim();
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
}

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
 */

export type LatexTokenKind =
  | 'num'
  | 'letter'
  | 'word'
  | 'fn'
  | 'frac'
  | 'sqrt'
  | 'partial'
  | 'begin'
  | 'end'
  | 'plus'
  | 'minus'
  | 'mul'
  | 'hadamard'
  | 'div'
  | 'rel'
  | 'implies'
  | 'lparen'
  | 'rparen'
  | 'lbrack'
  | 'rbrack'
  | 'lbrace'
  | 'rbrace'
  | 'sup'
  | 'sub'
  | 'prime'
  | 'comma'
  | 'colon'
  | 'amp'
  | 'newline'
  | 'space'
  | 'quad'
  | 'dots'
  | 'label'
  | 'unknown'
  | 'transpose'
  | 'unsupported';

export interface LatexToken {
  readonly kind: LatexTokenKind;
  readonly start: number;
  readonly end: number;
  /** Number value's digits, letter's name, word's content, command or environment name, relation symbol. */
  readonly text: string;
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

/** Scans `text[start, end)` as LaTeX math. */
export function scanLatex(text: string, start: number, end: number): LatexToken[] {
  const out: LatexToken[] = [];
  const push = (kind: LatexTokenKind, s: number, e: number, t = text.slice(s, e)) =>
    out.push({ kind, start: s, end: e, text: t });
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
      i = scanNumber(text, i, end, push);
      continue;
    }
    if (c === '.' && i + 1 < end && text[i + 1] >= '0' && text[i + 1] <= '9') {
      i = scanNumber(text, i, end, push);
      continue;
    }
    if (c === '\\') {
      i = scanCommand(text, i, end, push);
      continue;
    }
    const single = SINGLE[c];
    if (single) {
      push(single, i, i + 1);
      i++;
      continue;
    }
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (code >= 0x2460 && code <= 0x2473)
      push('label', i, i + 1); // ① … ⑳
    else if (UNICODE_OPS[c]) push(UNICODE_OPS[c][0], i, i + 1, UNICODE_OPS[c][1]);
    else if (/\p{L}/u.test(String.fromCodePoint(code))) push('letter', i, i + width);
    else push('unsupported', i, i + width);
    i += width;
  }
  return out;
}

const SINGLE: Record<string, LatexTokenKind> = {
  '+': 'plus',
  '-': 'minus',
  '*': 'mul',
  '/': 'div',
  '=': 'rel',
  '<': 'rel',
  '>': 'rel',
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbrack',
  ']': 'rbrack',
  '{': 'lbrace',
  '}': 'rbrace',
  '^': 'sup',
  _: 'sub',
  "'": 'prime',
  ',': 'comma',
  ':': 'colon',
  '&': 'amp',
  '?': 'unknown',
};

const UNICODE_OPS: Record<string, [LatexTokenKind, string]> = {
  '×': ['mul', '×'],
  '·': ['mul', '·'],
  '⊙': ['hadamard', '⊙'],
  '≈': ['rel', '≈'],
  '≤': ['rel', '≤'],
  '≥': ['rel', '≥'],
  '≠': ['rel', '≠'],
  '−': ['minus', '−'],
  '⇒': ['implies', '⇒'],
  '，': ['comma', '，'],
};

/** What may stand between groups of three digits: `1{,}000`, `60\\,000` (a thin space). */
const THOUSANDS_SEPARATORS = ['{,}', '\\,'];

function scanNumber(
  text: string,
  i: number,
  end: number,
  push: (kind: LatexTokenKind, s: number, e: number, t?: string) => void,
): number {
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
  push('num', s, i, digits ?? text.slice(s, i));
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

function scanCommand(
  text: string,
  i: number,
  end: number,
  push: (kind: LatexTokenKind, s: number, e: number, t?: string) => void,
): number {
  const s = i;
  const next = text[i + 1];
  if (next === undefined || i + 1 >= end) {
    push('unsupported', s, i + 1);
    return i + 1;
  }
  if (!isAsciiLetter(text.charCodeAt(i + 1))) {
    // One-character commands.
    if (next === '\\') push('newline', s, i + 2);
    else if (next === ' ') push('space', s, i + 2);
    else if (SPACING.has(next)) {
      /* thin spaces: nothing */
    } else if (next === '{' || next === '}') push('unsupported', s, i + 2);
    else if (next === '%') push('unsupported', s, i + 2);
    else push('unsupported', s, i + 2);
    return i + 2;
  }
  let j = i + 1;
  while (j < end && isAsciiLetter(text.charCodeAt(j))) j++;
  const name = text.slice(i + 1, j);
  if (name === 'begin' || name === 'end') {
    const arg = braceArgument(text, j, end);
    if (arg) {
      push(name, s, arg.end, arg.content.trim());
      return arg.end;
    }
    push('unsupported', s, j);
    return j;
  }
  if (TEXT_COMMANDS.has(name)) {
    const arg = braceArgument(text, j, end);
    if (arg) {
      push('word', s, arg.end, arg.content);
      return arg.end;
    }
    push('unsupported', s, j);
    return j;
  }
  if (name === 'textcircled') {
    const arg = braceArgument(text, j, end);
    if (arg) {
      push('label', s, arg.end, arg.content);
      return arg.end;
    }
  }
  if (ACCENTS[name] !== undefined || FONTS.has(name)) {
    const arg = braceArgument(text, j, end);
    const letter = arg ? arg.content.trim() : '';
    if (arg && /^\p{L}$/u.test(letter)) {
      push('letter', s, arg.end, ACCENTS[name] !== undefined ? letter + ACCENTS[name] : letter);
      return arg.end;
    }
    if (arg && /^\\[A-Za-z]+$/.test(letter) && GREEK[letter.slice(1)]) {
      const greek = GREEK[letter.slice(1)];
      push('letter', s, arg.end, ACCENTS[name] !== undefined ? greek + ACCENTS[name] : greek);
      return arg.end;
    }
    push('unsupported', s, j);
    return j;
  }
  if (GREEK[name]) push('letter', s, j, GREEK[name]);
  else if (name === 'infty') push('letter', s, j, '∞');
  else if (SILENT.has(name)) {
    /* sizing: nothing */
  } else if (name === 'quad' || name === 'qquad') push('quad', s, j);
  else if (name === 'frac' || name === 'dfrac' || name === 'tfrac') push('frac', s, j);
  else if (name === 'sqrt') push('sqrt', s, j);
  else if (name === 'partial') push('partial', s, j);
  else if (name === 'cdot' || name === 'times' || name === 'ast') push('mul', s, j);
  else if (name === 'odot' || name === 'circ') push('hadamard', s, j);
  else if (name === 'div') push('div', s, j);
  else if (RELATIONS[name]) push('rel', s, j, RELATIONS[name]);
  else if (UNJUDGED_RELATIONS.has(name)) push('rel', s, j, '');
  else if (name === 'Rightarrow' || name === 'implies' || name === 'Longrightarrow') push('implies', s, j);
  else if (name === 'dots' || name === 'ldots' || name === 'cdots') push('dots', s, j);
  else if (name === 'top' || name === 'intercal' || name === 'mathsf') {
    if (name === 'mathsf') {
      const arg = braceArgument(text, j, end);
      if (arg && arg.content.trim() === 'T') {
        push('transpose', s, arg.end);
        return arg.end;
      }
      push('unsupported', s, j);
    } else push('transpose', s, j);
  } else if (FUNCTIONS.has(name)) push('fn', s, j, name);
  else push('unsupported', s, j, name);
  return j;
}

/** `{…}` after optional blanks, balanced; undefined when there is none. */
function braceArgument(text: string, i: number, end: number): { content: string; end: number } | undefined {
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] !== '{') return undefined;
  let depth = 0;
  for (let j = i; j < end; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return { content: text.slice(i + 1, j), end: j + 1 };
  }
  return undefined;
}

/**
 * The LaTeX printer: syntax tree → KaTeX input, for the derivation view and
 * the export. It prints what was written (parentheses as written, the
 * writer's operator symbols), made readable: `/` becomes `\frac`, names get
 * subscripts (`W1` → `W_{1}`), hats (`yhat` → `\hat{y}`) and Greek letters.
 * Everything that reaches the output from the user's text is escaped.
 */
import type { Expr, Link, Relation, Statement } from './ast';

// ------------------------------------------------------------------ names

const GREEK_WORDS: ReadonlySet<string> = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'varepsilon',
  'zeta',
  'eta',
  'theta',
  'vartheta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'pi',
  'varpi',
  'rho',
  'varrho',
  'sigma',
  'varsigma',
  'tau',
  'upsilon',
  'phi',
  'varphi',
  'chi',
  'psi',
  'omega',
  'Gamma',
  'Delta',
  'Theta',
  'Lambda',
  'Xi',
  'Pi',
  'Sigma',
  'Upsilon',
  'Phi',
  'Psi',
  'Omega',
]);

const GREEK_LETTERS: ReadonlyMap<string, string> = new Map([
  ['α', '\\alpha'],
  ['β', '\\beta'],
  ['γ', '\\gamma'],
  ['δ', '\\delta'],
  ['ϵ', '\\epsilon'],
  ['ε', '\\varepsilon'],
  ['ζ', '\\zeta'],
  ['η', '\\eta'],
  ['θ', '\\theta'],
  ['ϑ', '\\vartheta'],
  ['ι', '\\iota'],
  ['κ', '\\kappa'],
  ['λ', '\\lambda'],
  ['μ', '\\mu'],
  ['ν', '\\nu'],
  ['ξ', '\\xi'],
  ['π', '\\pi'],
  ['ϖ', '\\varpi'],
  ['ρ', '\\rho'],
  ['ϱ', '\\varrho'],
  ['σ', '\\sigma'],
  ['ς', '\\varsigma'],
  ['τ', '\\tau'],
  ['υ', '\\upsilon'],
  ['ϕ', '\\phi'],
  ['φ', '\\varphi'],
  ['χ', '\\chi'],
  ['ψ', '\\psi'],
  ['ω', '\\omega'],
  ['Γ', '\\Gamma'],
  ['Δ', '\\Delta'],
  ['Θ', '\\Theta'],
  ['Λ', '\\Lambda'],
  ['Ξ', '\\Xi'],
  ['Π', '\\Pi'],
  ['Σ', '\\Sigma'],
  ['Υ', '\\Upsilon'],
  ['Φ', '\\Phi'],
  ['Ψ', '\\Psi'],
  ['Ω', '\\Omega'],
  ['ℓ', '\\ell'],
]);

/** Functions with a LaTeX operator of their own: `\ln`, `\max`, … */
const OPERATOR_NAMES: ReadonlySet<string> = new Set([
  'ln',
  'log',
  'exp',
  'max',
  'min',
  'sin',
  'cos',
  'tan',
  'sinh',
  'cosh',
  'tanh',
  'det',
]);

/** Name suffixes that become accents: `yhat` → `\hat{y}`. */
const ACCENT_SUFFIXES: readonly (readonly [string, string])[] = [
  ['hat', '\\hat'],
  ['bar', '\\bar'],
  ['tilde', '\\tilde'],
];

/** Combining marks (after NFD) that become accents: `ŷ` → `\hat{y}`. */
const COMBINING_ACCENTS: ReadonlyMap<number, string> = new Map([
  [0x0302, '\\hat'],
  [0x0304, '\\bar'],
  [0x0303, '\\tilde'],
  [0x0307, '\\dot'],
]);

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '%': '\\%',
  '~': '\\textasciitilde{}',
};

/** Escapes text for `\text{…}` and `\mathrm{…}` (only `_` can occur in a name, but be safe). */
function escapeText(text: string): string {
  let out = '';
  for (const ch of text) out += LATEX_SPECIALS[ch] ?? ch;
  return out;
}

function isAsciiWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    const digit = c >= 0x30 && c <= 0x39;
    if (!letter && !digit) return false;
  }
  return text.length > 0;
}

function isAsciiLetter(text: string): boolean {
  return text.length === 1 && isAsciiWord(text) && !(text >= '0' && text <= '9');
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** `₀…₉` → `0…9`, so `z₀` prints as `z0` does. */
function normaliseSubscriptDigits(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    out += c >= 0x2080 && c <= 0x2089 ? String.fromCharCode(0x30 + c - 0x2080) : name[i];
  }
  return out;
}

/** A single symbol: a letter, a Greek letter (word or character), or one of these with an accent. */
function symbolToLatex(base: string): string | undefined {
  if (isAsciiLetter(base)) return base;
  if (GREEK_WORDS.has(base)) return '\\' + base;
  const greek = GREEK_LETTERS.get(base);
  if (greek !== undefined) return greek;
  for (const [suffix, accent] of ACCENT_SUFFIXES) {
    if (base.length > suffix.length && base.endsWith(suffix)) {
      const inner = symbolToLatex(base.slice(0, -suffix.length));
      if (inner !== undefined) return `${accent}{${inner}}`;
    }
  }
  // A precomposed or decomposed accented letter: `ŷ`, `x̄`.
  const decomposed = base.normalize('NFD');
  const chars = Array.from(decomposed);
  if (chars.length === 2) {
    const accent = COMBINING_ACCENTS.get(chars[1].charCodeAt(0));
    const inner = accent !== undefined ? symbolToLatex(chars[0]) : undefined;
    if (accent !== undefined && inner !== undefined) return `${accent}{${inner}}`;
  }
  return undefined;
}

/** The part of a name before its subscript: a symbol, or a word in upright type. */
function baseToLatex(base: string): string {
  const symbol = symbolToLatex(base);
  if (symbol !== undefined) return symbol;
  if (isAsciiWord(base)) return `\\mathrm{${base}}`;
  return `\\text{${escapeText(base)}}`;
}

/**
 * A name as LaTeX: `W1` → `W_{1}`, `a_b` → `a_{b}`, `yhat` → `\hat{y}`,
 * `lambda2` → `\lambda_{2}`, `α` → `\alpha`, `combos` → `\mathrm{combos}`,
 * `relu` → `\mathrm{relu}`, `conv_out` → `\mathrm{conv\_out}`, `ln` → `\ln`.
 */
export function nameToLatex(name: string): string {
  if (name.length === 0) return '';
  if (OPERATOR_NAMES.has(name)) return '\\' + name;
  const normalised = normaliseSubscriptDigits(name);

  const underscore = normalised.indexOf('_');
  if (underscore > 0 && underscore < normalised.length - 1) {
    const base = normalised.slice(0, underscore);
    const subscript = normalised.slice(underscore + 1);
    // `x_train`, `lambda_2`: a symbol with a subscript. `conv_out`,
    // `leaky_relu`: one word with an underscore in it.
    const symbol = symbolToLatex(base);
    if (symbol !== undefined) {
      const sub = isDigits(subscript) ? subscript : nameToLatex(subscript);
      return `${symbol}_{${sub}}`;
    }
    return isAsciiWord(normalised.replace(/_/g, ''))
      ? `\\mathrm{${escapeText(normalised)}}`
      : `\\text{${escapeText(normalised)}}`;
  }
  if (underscore >= 0) {
    // `_x`, `x_`: nothing sensible to subscript.
    return isAsciiWord(normalised.replace(/_/g, ''))
      ? `\\mathrm{${escapeText(normalised)}}`
      : `\\text{${escapeText(normalised)}}`;
  }

  // Trailing digits are a subscript: `W1`, `z0`, `beta2`, `dz2`.
  let digitsAt = normalised.length;
  while (digitsAt > 0 && normalised.charCodeAt(digitsAt - 1) >= 0x30 && normalised.charCodeAt(digitsAt - 1) <= 0x39)
    digitsAt--;
  if (digitsAt > 0 && digitsAt < normalised.length) {
    const base = normalised.slice(0, digitsAt);
    if (!/\d/.test(base)) return `${baseToLatex(base)}_{${normalised.slice(digitsAt)}}`;
    return `\\mathrm{${escapeText(normalised)}}`;
  }
  if (digitsAt === 0) return normalised; // all digits (a subscript passed in)
  return baseToLatex(normalised);
}

// ------------------------------------------------------------ expressions

const RELATION_LATEX: Readonly<Record<Relation, string>> = {
  '=': '=',
  '≈': '\\approx',
  '<': '<',
  '≤': '\\le',
  '>': '>',
  '≥': '\\ge',
  '≠': '\\ne',
};

/** Binding strength, low to high, as the parser reads it. */
const enum Precedence {
  Comparison = 0,
  Range = 1,
  Additive = 2,
  Multiplicative = 3,
  Unary = 4,
  Power = 5,
  Postfix = 6,
  Primary = 7,
}

function numberToLatex(text: string): string {
  let body = text.replace(/\u2212/g, '-');
  let percent = '';
  if (body.endsWith('%')) {
    body = body.slice(0, -1);
    percent = '\\%';
  }
  const e = body.search(/[eE]/);
  if (e > 0) {
    const exponent = body.slice(e + 1).replace(/^\+/, '');
    return `${body.slice(0, e)} \\times 10^{${exponent}}${percent}`;
  }
  return body + percent;
}

function precedenceOf(expr: Expr): Precedence {
  switch (expr.kind) {
    case 'range':
      return Precedence.Range;
    case 'binary':
      switch (expr.op) {
        case 'add':
        case 'sub':
          return Precedence.Additive;
        case 'pow':
        case 'epow':
          return Precedence.Power;
        case 'gt':
        case 'lt':
        case 'ge':
        case 'le':
        case 'eq':
        case 'ne':
          return Precedence.Comparison;
        default:
          return Precedence.Multiplicative;
      }
    case 'unary':
      return Precedence.Unary;
    case 'transpose':
    case 'index':
      return Precedence.Postfix;
    case 'number':
      // `5e-6` prints as a product.
      return /[eE]/.test(expr.text) ? Precedence.Multiplicative : Precedence.Primary;
    default:
      return Precedence.Primary;
  }
}

function parens(latex: string): string {
  return `\\left(${latex}\\right)`;
}

/** The direct subexpressions of a node, in print order. */
function childrenOf(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'paren':
      return [expr.inner];
    case 'matrix':
      return expr.rows.flat();
    case 'tensor':
      return expr.slices;
    case 'range':
      return expr.step !== undefined ? [expr.start, expr.step, expr.end] : [expr.start, expr.end];
    case 'unary':
    case 'transpose':
      return [expr.operand];
    case 'call':
      return [...expr.args, ...expr.named.map((n) => n.value)];
    case 'binary':
      return [expr.left, expr.right];
    case 'index': {
      const children: Expr[] = [expr.target];
      for (const entry of expr.entries) {
        if (entry.kind === 'at') children.push(entry.index);
        else if (entry.kind === 'slice') children.push(entry.start, entry.end);
      }
      return children;
    }
    default:
      return [];
  }
}

/**
 * An expression as KaTeX input. The tree is printed bottom-up from an
 * explicit stack, each node once: a flat sum of any length cannot overflow
 * the call stack, and no subtree is printed twice (which made nested calls
 * exponential).
 */
export function exprToLatex(root: Expr): string {
  const printed = new Map<Expr, string>();
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const expr = stack[stack.length - 1];
    if (printed.has(expr)) {
      stack.pop();
      continue;
    }
    const pending = childrenOf(expr).filter((child) => !printed.has(child));
    if (pending.length > 0) {
      for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
      continue;
    }
    stack.pop();
    printed.set(
      expr,
      printNode(expr, (child) => printed.get(child)!),
    );
  }
  return printed.get(root)!;
}

/** One node, given the LaTeX of its children. */
function printNode(expr: Expr, latexOf: (child: Expr) => string): string {
  /** `child`, adding parentheses only when a tree not made by the parser needs them. */
  const operand = (child: Expr, minimum: Precedence): string =>
    precedenceOf(child) < minimum ? parens(latexOf(child)) : latexOf(child);
  /** The base of `^` or `ᵀ`: must not end in a superscript of its own, nor be a bare fraction. */
  const superscriptBase = (child: Expr): string => {
    if (child.kind === 'transpose') return `{${latexOf(child)}}`;
    if (child.kind === 'derivative' || (child.kind === 'binary' && child.op === 'div')) return parens(latexOf(child));
    return operand(child, Precedence.Postfix);
  };
  /** Inside `\frac{…}{…}` the bar groups: one layer of written parentheses is dropped. */
  const fractionPart = (child: Expr): string => (child.kind === 'paren' ? latexOf(child.inner) : latexOf(child));

  switch (expr.kind) {
    case 'number':
      return numberToLatex(expr.text);
    case 'name':
      return nameToLatex(expr.name);
    case 'unknown':
      return '\\square';
    case 'error':
      return '\\text{?}';
    case 'paren':
      return parens(latexOf(expr.inner));
    case 'matrix': {
      const rows = expr.rows.map((row) => row.map(latexOf).join(' & ')).join(' \\\\ ');
      return `\\begin{bmatrix} ${rows} \\end{bmatrix}`;
    }
    case 'tensor': {
      // Slices as matrices between the `;;` (`;;;`) the writer typed; a one-entry slice (`[A;; B]`) is its entry.
      const slice = (s: Expr): string =>
        s.kind === 'matrix' && s.rows.length === 1 && s.rows[0].length === 1 ? latexOf(s.rows[0][0]) : latexOf(s);
      const body = expr.slices.map(slice).join(expr.rank === 3 ? ' \\mathbin{;;} ' : ' \\mathbin{;;;} ');
      return expr.block !== undefined ? body : `\\left[ ${body} \\right]`;
    }
    case 'range': {
      const parts = [expr.start, ...(expr.step !== undefined ? [expr.step] : []), expr.end];
      return parts.map((part) => operand(part, Precedence.Additive)).join('{:}');
    }
    case 'unary':
      return expr.op + operand(expr.operand, Precedence.Unary);
    case 'transpose':
      return `${superscriptBase(expr.operand)}^{\\top}`;
    case 'derivative':
      return expr.order === 2
        ? `\\frac{\\partial^2 ${nameToLatex(expr.of.name)}}{\\partial ${nameToLatex(expr.wrt.name)}^2}`
        : `\\frac{\\partial ${nameToLatex(expr.of.name)}}{\\partial ${nameToLatex(expr.wrt.name)}}`;
    case 'call':
      return callToLatex(expr, latexOf);
    case 'index': {
      // `W_{2,3}`, `X_{:,1}`; a base with a subscript of its own (`W_{1}`) is grouped first.
      const entries = expr.entries.map((entry) =>
        entry.kind === 'all'
          ? ':'
          : entry.kind === 'at'
            ? latexOf(entry.index)
            : `${operand(entry.start, Precedence.Additive)}{:}${operand(entry.end, Precedence.Additive)}`,
      );
      const base = superscriptBase(expr.target);
      const plain = /^(?:[A-Za-z]|\\[A-Za-z]+)$/.test(base);
      return `${plain ? base : `{${base}}`}_{${entries.join(',')}}`;
    }
    case 'binary':
      switch (expr.op) {
        case 'add':
          return `${operand(expr.left, Precedence.Additive)} + ${operand(expr.right, Precedence.Multiplicative)}`;
        case 'sub':
          return `${operand(expr.left, Precedence.Additive)} - ${operand(expr.right, Precedence.Multiplicative)}`;
        case 'div':
          return `\\frac{${fractionPart(expr.left)}}{${fractionPart(expr.right)}}`;
        case 'pow':
          return `${superscriptBase(expr.left)}^{${latexOf(expr.right)}}`;
        case 'hadamard':
          return `${operand(expr.left, Precedence.Multiplicative)} \\odot ${operand(expr.right, Precedence.Unary)}`;
        case 'mul':
          return (
            operand(expr.left, Precedence.Multiplicative) + productSymbol(expr) + operand(expr.right, Precedence.Unary)
          );
        case 'epow':
          // The Hadamard power: a circle before the exponent.
          return `${superscriptBase(expr.left)}^{\\circ ${latexOf(expr.right)}}`;
        default:
          return `${operand(expr.left, Precedence.Range)} ${COMPARISON_LATEX[expr.op]} ${operand(expr.right, Precedence.Range)}`;
      }
  }
}

const COMPARISON_LATEX = { gt: '>', lt: '<', ge: '\\geq', le: '\\leq', eq: '=', ne: '\\neq' } as const;

function productSymbol(expr: Extract<Expr, { kind: 'binary' }>): string {
  if (!expr.implicit) return expr.opText === '×' ? ' \\times ' : ' \\cdot ';
  // Written together (`2P`) prints together; a space still ends a command (`\square x`).
  return expr.opSpan.end > expr.opSpan.start ? '\\,' : ' ';
}

function callToLatex(expr: Extract<Expr, { kind: 'call' }>, latexOf: (child: Expr) => string): string {
  const name = expr.callee.name;
  if (!expr.prime && expr.args.length === 1 && expr.named.length === 0) {
    const arg = latexOf(expr.args[0]);
    switch (name) {
      case 'sqrt':
        return `\\sqrt{${arg}}`;
      case 'abs':
        return `\\left|${arg}\\right|`;
      case 'floor':
        return `\\left\\lfloor ${arg} \\right\\rfloor`;
      case 'ceil':
        return `\\left\\lceil ${arg} \\right\\rceil`;
    }
  }
  const args = expr.args.map(latexOf);
  for (const named of expr.named) args.push(`\\text{${escapeText(named.name.name)}}{=}${latexOf(named.value)}`);
  return `${nameToLatex(name)}${expr.prime ? "'" : ''}${parens(args.join(', '))}`;
}

/** One link of a chain: `= 8`, or the bare expression for the first link. */
export function linkToLatex(link: Link): string {
  const expr = exprToLatex(link.expr);
  return link.relation === undefined ? expr : `${RELATION_LATEX[link.relation]} ${expr}`;
}

function chainToLatex(links: readonly Link[]): string {
  return links.map(linkToLatex).join(' ');
}

/**
 * A statement as KaTeX input: a chain (also under `answer`/`for`) with its
 * relations; a `given` as its bindings. Headings, prose, units and broken
 * lines have no formula: ''.
 */
export function statementToLatex(s: Statement): string {
  switch (s.kind) {
    case 'chain':
      return chainToLatex(s.links);
    case 'answer':
      return chainToLatex(s.body.links);
    case 'for':
      return `\\forall ${s.variables.map((v) => nameToLatex(v.name)).join(', ')}:\\; ${chainToLatex(s.body.links)}`;
    case 'given':
      return s.bindings.map((b) => `${exprToLatex(b.target)} = ${exprToLatex(b.value)}`).join(',\\quad ');
    default:
      return '';
  }
}

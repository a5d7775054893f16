/**
 * A Markdown or LaTeX homework read into `.hw` statements: headings become
 * problems and questions, math becomes chains (see `latexMath.ts`), and what
 * cannot be read safely is set aside with its reason, never guessed.
 *
 * The rules that keep notation from turning into false errors:
 *
 * - A link the reader cannot read, or that uses a name the problem never
 *   defines, is not checked; the links after the last such link still are
 *   (`P(\text{bad}) = 1 - 0.05 = 0.95` checks `1 - 0.05 = 0.95`).
 * - A name that is a defined name with another index (`a^{(0)}` where
 *   `a^{(1)}` exists) is a slip, not free notation: it goes to the checker,
 *   which reports it undefined.
 * - A name the student already defined in an earlier math block, restated
 *   first in a new chain, starts a new use of the symbol (`n=2`, later `n=4`):
 *   the rest of the chain is checked, the restatement is not.
 * - `f(x, y) = …` with `f` new and its arguments defined defines `f` as that
 *   value (`L(\hat{y}, y) = (y - \hat{y})^2`); `\text{ReLU}(x) = \max(0, x)`
 *   defines a built-in, which the checker knows: it is not checked.
 * - `\partial \ell` is the loss `L` when the problem defines `L` and not `ℓ`.
 * - A label (`\ell=3:`, `q = 0.95:`) is no claim.
 */
import type { ChainStatement, Expr, ForStatement, HeadingStatement, Link, NameRef, Statement } from '../syntax/ast';
import type { Span } from '../text/span';
import { constantValue } from '../solvers/constants';
import { exprNodes, findInNodes, mapExpr } from '../syntax/exprTree';
import { findBuiltin } from '../solvers/registry';
import { isDerivativeProduct } from './chainRuleLayout';
import { implicationStatement, isFreeArithmetic, isInequality } from './implications';
import { readLatexMath, type MathLink } from './latexMath';
import type { DocumentPart } from './outline';

export interface SkippedMath {
  readonly span: Span;
  readonly reason: string;
}

export interface MathBlockReading {
  readonly span: Span;
  /** Its text has a digit, anywhere (a number, an index, a label). */
  readonly hasNumbers: boolean;
  /** It has an expression of numbers alone (`36`, `2 \times (8-10)`), something to compute. */
  readonly hasNumericExpression: boolean;
  /** The spans of the claims (links after the first) that go to the checker. */
  readonly claimSpans: readonly Span[];
  /** Every piece of it was read (one that was not, such as `1, 3, \dots, 39` with no relation, holds no claim). */
  readonly readInFull: boolean;
}

export interface SourceReading {
  readonly statements: readonly Statement[];
  readonly skipped: readonly SkippedMath[];
  readonly blocks: readonly MathBlockReading[];
  /** Links whose expression has numbers and no names: the student's own arithmetic. */
  readonly numericLinks: ReadonlySet<Link>;
  /** Some link is a product of derivatives (a chain rule written out): see chainRuleLayout.ts. */
  readonly hasDerivativeProducts: boolean;
}

interface PendingLink extends MathLink {
  readonly block: number;
  /** Numbers alone (see `isNumeric`), as read with the link: the chain reads it again instead of walking anew. */
  readonly numeric: boolean;
}

/**
 * The base of an indexed name (`a` of `a^(1)`, `W^[2]`, `w_1`: the name before its first index), or undefined.
 * Asked of every name defined, so read by hand rather than by a regular expression.
 */
export function indexedBase(name: string): string | undefined {
  const last = name.length - 1;
  // As the pattern it replaces read it (`^(.+?)(\^\(.*\)|\^\[.*\]|_.+)$`): no line break anywhere.
  for (let at = 0; at <= last; at++) {
    const c = name.charCodeAt(at);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return undefined;
  }
  for (let at = 1; at < last; at++) {
    const c = name.charCodeAt(at);
    if (c === 0x5f /* _ */) return name.slice(0, at);
    if (c !== 0x5e /* ^ */ || at + 2 > last) continue;
    const open = name.charCodeAt(at + 1);
    const close = name.charCodeAt(last);
    if ((open === 0x28 && close === 0x29) /* ( ) */ || (open === 0x5b && close === 0x5d) /* [ ] */)
      return name.slice(0, at);
  }
  return undefined;
}

/**
 * Built-ins a text defines one way only (`\text{ReLU}(x) = \max(0, x)`, `\sigma(x) = \frac{1}{1+e^{-x}}`), so a
 * student's definition is checked against them. Not those with a parameter that texts choose (`leaky_relu`'s
 * slope).
 */
const DEFINED_BUILTINS = new Set(['relu', 'sigmoid', 'tanh', 'softplus']);
/**
 * Derivatives checked the same way (`\text{ReLU}'(x) = \begin{cases} 0, & x \leq 0 \\ 1, & x > 0 \end{cases}`);
 * the caller sets aside one that fails rather than report it: `\text{ReLU}'(0)` is a convention.
 */
const DEFINED_DERIVATIVES = new Set(['relu', 'sigmoid', 'tanh']);

export function readHomeworkParts(text: string, parts: readonly DocumentPart[]): SourceReading {
  const statements: Statement[] = [];
  const skipped: SkippedMath[] = [];
  const blocks: {
    span: Span;
    hasNumbers: boolean;
    hasNumericExpression: boolean;
    claimSpans: readonly Span[];
    readInFull: boolean;
  }[] = [];
  const numericLinks = new Set<Link>();
  let hasDerivativeProducts = false;
  /** Names (and `∂of/∂wrt` keys) the student defined in this problem, with the block that defined them. */
  const defined = new Map<string, number>();
  /** Everything defined in this problem, as the checker's scope has it (derivative symbols included). */
  let everDefined = new Map<string, number>();
  let pending: PendingLink[] = [];
  /**
   * Names defined by a formula alone (`Let $h = X^\top y$`) and not used since: where the student works the
   * value out later (`h = X^\top y = … = (12; 25)`), that later chain defines the name, so what follows uses
   * the student's value, as in `.hw`.
   */
  let formulaDefinitions = new Map<string, { chain: ChainStatement; block: number }>();

  const skip = (span: Span, reason: string) => skipped.push({ span, reason });

  /**
   * How many inverses (`B^{-1} = …`) and powers of free names (`\sigma^2 = …`) were stated and named: while none,
   * no expression is looked through for them.
   */
  let statedNames = 0;
  /**
   * `expr` with each written inverse of a name (`B^{-1}`) the problem has stated read as that statement's name,
   * and each power of a name the problem does not define (`\sigma^2`) read as the name it stated.
   */
  const namedStatements = (expr: Expr): Expr => {
    if (statedNames === 0) return expr;
    return mapExpr(expr, (e) => {
      const power = writtenPowerOf(e);
      if (power !== undefined) {
        const name = powerName(power);
        return !isDefinedName(power.base) && isDefinedName(name) ? { kind: 'name', span: e.span, name } : e;
      }
      const of = writtenInverseOf(e);
      if (of === undefined) return e;
      const name = inverseName(of);
      // Stated after the matrix's latest definition: a matrix defined again has another inverse.
      const stated = defined.get(name);
      return stated !== undefined && stated >= (defined.get(of) ?? -1) ? { kind: 'name', span: e.span, name } : e;
    });
  };

  const isDefinedName = (name: string) => defined.has(name);
  /** Offsets of the names the reader made of units written after a number (`5 \text{ ms}`). */
  const unitStarts = new Set<number>();
  const isUnit = (e: Expr): boolean => e.kind === 'name' && unitStarts.has(e.span.start);
  /** `e` as the base of a power (`e^{-z}`), where the problem defines no `e`: Euler's number. */
  const exponentBases = new Set<Expr>();
  const isEuler = (e: Expr): boolean => exponentBases.has(e) && !isDefinedName('e');

  /** A name that stands for a value the checker knows, not for a name of the problem. */
  /** `\pi`, `\infty`: a constant every problem knows, where the problem defines no such name (`e` is Euler's above). */
  const isConstant = (e: Expr): boolean =>
    e.kind === 'name' && e.name !== 'e' && constantValue(e.name) !== undefined && !isDefinedName(e.name);
  const isLiteralName = (e: Expr): boolean => isUnit(e) || isEuler(e) || isConstant(e);
  /** A name of the problem (not a unit, Euler's e or a constant), a derivative or a `?`: no number alone. */
  const isUnknownNode = (e: Expr): true | undefined =>
    (e.kind === 'name' && !isLiteralName(e)) || e.kind === 'derivative' || e.kind === 'unknown' ? true : undefined;
  /** Numbers alone (quantities count: `5 \text{ ms}`), no name of the problem. */
  const isNumeric = (expr: Expr): boolean =>
    findInNodes(expr, isUnknownNode) === undefined && findInNodes(expr, isNumberNode) === true;
  /** What one walk over a link just read found (see `readNodes`). */
  let sawNumber = false;
  let sawUnknown = false;
  const readNode = (e: Expr): undefined => {
    // A power's base is visited after the power, so `e` of `e^{-z}` is Euler's by the time it is asked.
    if (isEulerPower(e)) exponentBases.add(e.left);
    if (e.kind === 'number') sawNumber = true;
    else if (isUnknownNode(e)) sawUnknown = true;
    return undefined;
  };
  /** A link just read, in one walk: its `e^…` bases noted as Euler's; whether it is numbers alone (`isNumeric`). */
  const readNodes = (expr: Expr): boolean => {
    sawNumber = sawUnknown = false;
    findInNodes(expr, readNode);
    return sawNumber && !sawUnknown;
  };
  /** Base of an indexed name (`a` of `a^(1)`) → how many defined names have it. */
  let indexedBases = new Map<string, number>();
  const isSlip = (name: string) => {
    const base = indexedBase(name);
    return base !== undefined && (indexedBases.get(base) ?? 0) > 0;
  };
  const define = (key: string, block: number) => {
    // A slip (`a^(0)` beside a defined `a^(1)`) is judged against this problem's own names only.
    if (!everDefined.has(key)) {
      const base = key.startsWith('∂') ? undefined : indexedBase(key);
      if (base !== undefined) indexedBases.set(base, (indexedBases.get(base) ?? 0) + 1);
    }
    defined.set(key, block);
    everDefined.set(key, block);
  };

  /** Why a node keeps its expression from being checked here, or undefined when it does not. */
  const unresolvedNode = (e: Expr): string | undefined => {
    // A defined name shadows a unit: `3 \text{ s}` would read as 3·s where the problem defines `s`.
    if (e.kind === 'name' && isUnit(e))
      return isDefinedName(e.name) ? `\`${e.name}\` is a unit here and a name in this problem` : undefined;
    if (isEuler(e) || isConstant(e)) return undefined;
    if (e.kind === 'name' && !isDefinedName(e.name) && !isSlip(e.name))
      return `\`${e.name}\` is not defined in this problem`;
    if (e.kind === 'call' && !findBuiltin(e.callee.name) && !isDefinedName(e.callee.name))
      return `\`${e.callee.name}\` is not a function the checker knows`;
    if (e.kind === 'derivative') {
      const key = derivativeKey(e.of.name, e.wrt.name);
      const computed = isDefinedName(e.of.name) && isDefinedName(e.wrt.name);
      if (!computed && !isDefinedName(key)) return `\`${key}\` is not defined in this problem`;
    }
    return undefined;
  };
  /** Why the expression cannot be checked here, or undefined when it can. */
  const unresolved = (expr: Expr): string | undefined => findInNodes(expr, unresolvedNode);

  /** `c+2 \leq 36 \Rightarrow c \leq 34` with `c` free: an identity in the free names (see implications.ts). */
  const implicationOfFreeNames = (
    left: readonly MathLink[],
    right: readonly MathLink[],
    implies: Span,
  ): ForStatement | undefined => {
    if (!isInequality(left) || !isInequality(right)) return undefined;
    const isFree = (name: string) =>
      name !== 'e' && !isDefinedName(name) && !everDefined.has(name) && !isSlip(name) && !findBuiltin(name);
    const names = new Map<string, NameRef>();
    const builtinCalls = (e: Expr) => exprNodes(e).every((x) => x.kind !== 'call' || findBuiltin(x.callee.name));
    for (const link of [...left, ...right]) {
      const e = link.expr!;
      if (exprNodes(e).some(isUnit) || !builtinCalls(e)) return undefined;
      // A call's callee is a name of the function, not a variable: walk leaves it out.
      if (!isFreeArithmetic(e, isFree, names)) return undefined;
    }
    if (names.size === 0) return undefined;
    return implicationStatement(left, right, implies, [...names.values()]);
  };

  /**
   * `f(x) = …x…` with `f` one of the built-ins with one textbook definition (`DEFINED_BUILTINS`), arguments
   * distinct names and nothing but them (and Euler's `e`) on the right: the identity `for x: f(x) = …`.
   */
  const builtinDefinition = (head: Expr, body: Expr, links: readonly PendingLink[]): ForStatement | undefined => {
    // A function of the student's own that shares the name is theirs to define.
    if (head.kind !== 'call' || head.named.length > 0 || isDefinedName(head.callee.name)) return undefined;
    if (!(head.prime ? DEFINED_DERIVATIVES : DEFINED_BUILTINS).has(head.callee.name)) return undefined;
    if (links.length !== 2 || links[1].relation !== '=') return undefined;
    const variables: NameRef[] = [];
    for (const a of head.args) {
      if (a.kind !== 'name' || variables.some((v) => v.name === a.name)) return undefined;
      variables.push(a);
    }
    for (const e of exprNodes(body)) {
      if (e.kind === 'name' && !isEuler(e) && !variables.some((v) => v.name === e.name)) return undefined;
      if (e.kind === 'call' && (!findBuiltin(e.callee.name) || isDefinedName(e.callee.name))) return undefined;
      if (e.kind === 'derivative' || e.kind === 'unknown') return undefined;
    }
    if (
      variables.length === 0 ||
      !variables.every((v) => exprNodes(body).some((e) => e.kind === 'name' && e.name === v.name))
    )
      return undefined;
    const chain: ChainStatement = {
      kind: 'chain',
      span: { start: head.span.start, end: body.span.end },
      links: [
        { relation: undefined, relationText: '', relationSpan: undefined, expr: head, span: head.span },
        {
          relation: '=',
          relationText: links[1].relationText,
          relationSpan: links[1].relationSpan,
          expr: body,
          span: links[1].span,
        },
      ],
    };
    return { kind: 'for', span: chain.span, keywordSpan: head.callee.span, variables, body: chain };
  };

  const flush = () => {
    const links = pending;
    pending = [];
    if (links.length === 0) return;
    const exprs = links.map((l) => (l.expr ? namedStatements(normaliseLoss(l.expr, defined)) : undefined));
    let first = exprs[0];
    // `B^{-1} = \frac{1}{\det B}(…) = (…)`: the inverse of a defined matrix, stated. It gets a name, B⁻¹ = inv(B),
    // so the claim is judged against the true inverse and the steps after it work from what the student stated.
    const inverted = first && writtenInverseOf(first);
    if (first && inverted !== undefined && isDefinedName(inverted) && links[1]?.relation === '=') {
      const name: NameRef = { kind: 'name', span: first.span, name: inverseName(inverted) };
      if (!everDefined.has(name.name)) {
        statements.push({
          kind: 'chain',
          span: first.span,
          links: [
            { relation: undefined, relationText: '', relationSpan: undefined, expr: name, span: first.span },
            { relation: '=', relationText: '', relationSpan: undefined, expr: first, span: first.span },
          ],
        });
        define(name.name, links[0].block);
        statedNames++;
      }
      first = name;
      exprs[0] = first;
    }
    // `\sigma^2 = \frac{1}{4}(…) = 6.5`: a power of a name the problem does not define names a value of its own (a
    // variance), which later `\sigma^2` read; a constant (`\pi^2`), Euler's `e` or a unit stays what it is.
    const power = first && writtenPowerOf(first);
    if (
      first &&
      power !== undefined &&
      !isDefinedName(power.base) &&
      power.base !== 'e' &&
      constantValue(power.base) === undefined &&
      !isUnit(first.kind === 'binary' ? first.left : first) &&
      links[1]?.relation === '='
    ) {
      first = { kind: 'name', span: first.span, name: powerName(power) };
      exprs[0] = first;
      statedNames++;
    }
    // `L(\hat{y}, y) = …`: a new name defined as a value of names already known.
    if (
      first?.kind === 'call' &&
      !first.prime &&
      !findBuiltin(first.callee.name) &&
      !isDefinedName(first.callee.name) &&
      first.args.every((a) => a.kind === 'name' && isDefinedName(a.name)) &&
      links[1]?.relation === '='
    ) {
      first = { kind: 'name', span: first.span, name: first.callee.name };
      exprs[0] = first;
    }
    // `\text{ReLU}(x) = \max(0, x)`: a textbook definition of a function the checker knows, checked for every x.
    const definition = first && exprs[1] ? builtinDefinition(first, exprs[1], links) : undefined;
    if (definition) {
      statements.push(definition);
      addClaims(blocks[links[1].block], [links[1].span]);
      return;
    }
    if (
      first?.kind === 'call' &&
      findBuiltin(first.callee.name) &&
      first.args.length > 0 &&
      first.args.every((a) => a.kind === 'name') &&
      // `\det(A) = 7` with `A` defined states a value; `\text{ReLU}(x) = \max(0, x)` with `x` free defines.
      !first.args.every((a) => a.kind === 'name' && isDefinedName(a.name)) &&
      links[1]?.relation === '='
    ) {
      skip(cover(links), 'it defines a function the checker already knows');
      return;
    }
    const targetKey =
      first?.kind === 'name'
        ? first.name
        : first?.kind === 'derivative'
          ? derivativeKey(first.of.name, first.wrt.name)
          : undefined;
    const formula = targetKey !== undefined ? formulaDefinitions.get(targetKey) : undefined;
    if (formula && first?.kind === 'name' && links[0].relation === undefined && links[1]?.relation === '=') {
      if (formula.block !== links[0].block && links.length > 2) {
        statements.splice(statements.indexOf(formula.chain), 1);
        defined.delete(targetKey!);
        everDefined.delete(targetKey!);
      }
    }
    // Any use of a name defined by a formula alone keeps that definition where it is.
    for (let i = 0; i < exprs.length; i++) {
      const e = exprs[i];
      if (e && !(i === 0 && e.kind === 'name') && formulaDefinitions.size > 0)
        findInNodes(e, (x) => void (x.kind === 'name' && formulaDefinitions.delete(x.name)));
    }
    if (targetKey !== undefined) formulaDefinitions.delete(targetKey);
    // A claim `∂L/∂X = …` is a computed gradient only where L is defined in this problem; about an earlier
    // problem's L it sets a symbol (`setup: ∂L/∂y = 0.01` in a new problem means a new L), as the checker reads it.
    const computedDerivative =
      first?.kind === 'derivative' && everDefined.has(first.of.name) && isDefinedName(first.wrt.name);
    const defining =
      targetKey !== undefined &&
      links[0].relation === undefined &&
      links.length >= 2 &&
      links[1].relation === '=' &&
      !everDefined.has(targetKey) &&
      !computedDerivative;
    const restated =
      targetKey !== undefined &&
      !computedDerivative &&
      everDefined.has(targetKey) &&
      everDefined.get(targetKey) !== links[0].block;

    // The last link that cannot be checked: only what follows it is.
    let cut = restated ? 0 : -1;
    let reason: string | undefined = restated ? 'it restates a name defined in an earlier block' : undefined;
    for (let i = defining ? 1 : 0; i < links.length; i++) {
      const e = exprs[i];
      let why = e ? unresolved(e) : (links[i].reason ?? 'it could not be read');
      // `$5\%$ of $200 = 10$`: a number set equal to another number is about something outside the math.
      const before = exprs[i - 1];
      if (why === undefined && i >= 1 && links[i].relation === '=' && isBareNumber(before) && isBareNumber(e))
        why = 'a number set equal to another number: what it is about is outside the math';
      if (why !== undefined) {
        cut = i;
        reason = why;
      }
    }
    // Setting aside a lone expression (`$c+2$`, `$n/2$`) loses no claim: only a dropped relation is "not checked".
    const dropsClaim = cut >= 1 || (cut === 0 && links.length > 1 && !restated);
    if (dropsClaim) skip(cover(links.slice(0, cut + 1)), reason!);
    const kept = cut >= 0 ? links.slice(cut + 1) : links;
    const keptExprs = cut >= 0 ? exprs.slice(cut + 1) : exprs;
    if (kept.length < 2) return;
    const chainLinks: Link[] = kept.map((l, i) => ({
      relation: i === 0 ? undefined : l.relation,
      relationText: i === 0 ? '' : l.relationText,
      relationSpan: i === 0 ? undefined : l.relationSpan,
      expr: keptExprs[i]!,
      span: i === 0 ? keptExprs[i]!.span : l.span,
    }));
    for (let i = 0; i < chainLinks.length; i++) {
      const link = chainLinks[i];
      // A link's expression is the one it was read with, or that with names put for what held names already (the
      // loss, a stated B^{-1} or \sigma^2): no number changes. Only a first link made a name anew is read again.
      const numeric = keptExprs[i] === kept[i].expr || i > 0 ? kept[i].numeric : isNumeric(link.expr);
      if (numeric) numericLinks.add(link);
      if (!hasDerivativeProducts && isDerivativeProduct(link.expr)) hasDerivativeProducts = true;
    }
    // Every block that holds a link of a checked chain takes part in its claims (`$$A$$ $$= B$$`).
    const claimSpans = new Array<Span>(kept.length - 1);
    for (let i = 1; i < kept.length; i++) claimSpans[i - 1] = kept[i].span;
    // The links' blocks come in order, so each block is pushed to once.
    for (let i = 0; i < kept.length; i++)
      if (i === 0 || kept[i].block !== kept[i - 1].block) addClaims(blocks[kept[i].block], claimSpans);
    const chain: ChainStatement = {
      kind: 'chain',
      span: { start: chainLinks[0].span.start, end: chainLinks[chainLinks.length - 1].span.end },
      links: chainLinks,
    };
    statements.push(chain);
    if (cut < 0 && defining && targetKey !== undefined) {
      define(targetKey, links[0].block);
      const byFormula = first?.kind === 'name' && chainLinks.length === 2 && !hasNumber(chainLinks[1].expr);
      if (byFormula) formulaDefinitions.set(targetKey, { chain, block: links[0].block });
    }
  };

  let previousEnd = -1;
  for (const part of parts) {
    if (part.kind === 'heading') {
      flush();
      previousEnd = -1;
      statements.push(part.heading);
      if (part.heading.kind === 'problem') {
        // Earlier problems' names stay visible (the checker's problem scope inherits them: "Problem 2: the
        // backward pass" works on Problem 1's network); defining one again here is a new definition, not a
        // restatement, so only `everDefined` starts afresh. Derivative symbols the student set stay behind.
        formulaDefinitions = new Map();
        everDefined = new Map();
        indexedBases = new Map();
        for (const key of [...defined.keys()]) if (key.startsWith('∂')) defined.delete(key);
      } else if (part.heading.kind === 'question') {
        // A derivative symbol the student set (`\frac{\partial L}{\partial z_2} = 0.01`) belongs to its question.
        for (const key of [...defined.keys()]) if (key.startsWith('∂')) defined.delete(key);
      }
      continue;
    }
    const block = blocks.length;
    blocks.push({
      span: part.span,
      hasNumbers: hasDigit(text, part.contentStart, part.contentEnd),
      hasNumericExpression: false,
      claimSpans: NO_CLAIMS,
      readInFull: true,
    });
    // `$$…$$` then `$$= …$$` with only blank space between: the second continues the first's chain.
    const joinsPrevious = previousEnd >= 0 && isBlank(text, previousEnd, part.span.start);
    previousEnd = part.span.end;
    let firstPiece = true;
    /** The right side of an implication just read (`A ⇒ B`): the left side of the next (`⇒ C`). */
    let implied: readonly MathLink[] | undefined;
    for (const piece of readLatexMath(text, part.contentStart, part.contentEnd)) {
      if (piece.label) continue;
      if (piece.links.some((l) => l.expr === undefined)) blocks[block].readInFull = false;
      for (const start of piece.unitStarts) unitStarts.add(start);
      if (!piece.continuation || (firstPiece && !joinsPrevious)) {
        const left = implied ?? pending;
        const statement = piece.implies && implicationOfFreeNames(left, piece.links, piece.implies);
        implied = undefined;
        if (statement) {
          pending = [];
          statements.push(statement);
          addClaims(blocks[block], [statement.body.links[1].span]);
          implied = piece.links;
          firstPiece = false;
          continue;
        }
        flush();
      }
      firstPiece = false;
      for (const link of piece.links) {
        // Built field by field, not spread: a spread copy of each link was the reader's largest single cost.
        let numeric = false;
        if (link.expr) {
          numeric = readNodes(link.expr);
          if (numeric) blocks[block].hasNumericExpression = true;
        }
        pending.push({
          relation: link.relation,
          relationText: link.relationText,
          relationSpan: link.relationSpan,
          expr: link.expr,
          reason: link.reason,
          span: link.span,
          block,
          numeric,
        });
      }
    }
  }
  flush();
  return { statements, skipped, blocks, numericLinks, hasDerivativeProducts };
}

/** A block's claims so far, shared while it has none. */
const NO_CLAIMS: readonly Span[] = [];

/** More claims for a block: a new list at its size (most blocks get one or two, and the lists outlive the reading). */
function addClaims(block: { claimSpans: readonly Span[] }, spans: readonly Span[]): void {
  block.claimSpans = block.claimSpans.concat(spans);
}

export function derivativeKey(of: string, wrt: string): string {
  return `∂${of}/∂${wrt}`;
}

function cover(links: readonly MathLink[]): Span {
  return { start: links[0].span.start, end: links[links.length - 1].span.end };
}

/**
 * Whether the math's text has a digit anywhere: in a number, an index (`w^{(1)}`) or a label
 * (`\textcircled{14}`) alike. The figure of blocks with numbers counts these, by a rule nobody can tune.
 */
function hasDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return true;
  }
  return false;
}

/** Whether `text[start, end)` is white space only (as `trim` reads it). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!WHITE.test(text[i])) return false;
  return true;
}

const WHITE = /\s/;

function isBareNumber(expr: Expr | undefined): boolean {
  const inner = expr?.kind === 'unary' ? expr.operand : expr;
  return inner?.kind === 'number';
}

function hasNumber(expr: Expr): boolean {
  return findInNodes(expr, (e) => (e.kind === 'number' || e.kind === 'matrix' ? true : undefined)) === true;
}

function isEulerPower(e: Expr): e is Expr & { kind: 'binary'; left: Expr } {
  return e.kind === 'binary' && e.op === 'pow' && e.left.kind === 'name' && e.left.name === 'e';
}

function isNumberNode(e: Expr): true | undefined {
  return e.kind === 'number' ? true : undefined;
}

/** `∂ℓ/∂…` where the problem defines `L` and not `ℓ`: the loss. */
function normaliseLoss(expr: Expr, defined: ReadonlyMap<string, number>): Expr {
  if (defined.has('ℓ') || !defined.has('L')) return expr;
  return mapExpr(expr, (e) =>
    e.kind === 'derivative' && e.of.name === 'ℓ' ? { ...e, of: { ...e.of, name: 'L' } } : e,
  );
}

/** `B` of `B^{-1}` as the reader gives it (a call of `inv` whose argument list is the name itself), else undefined. */
function writtenInverseOf(e: Expr): string | undefined {
  if (e.kind !== 'call' || e.callee.name !== 'inv' || e.prime || e.args.length !== 1 || e.named.length > 0)
    return undefined;
  const arg = e.args[0];
  // `\operatorname{inv}(B)` has its parentheses as the argument list: it is a call as written, not `B^{-1}`.
  if (arg.kind !== 'name' || e.argsSpan.start !== arg.span.start || e.argsSpan.end !== arg.span.end) return undefined;
  return arg.name;
}

/** `σ` and `2` of `\sigma^2` (a name to a whole power written as a number), else undefined. */
function writtenPowerOf(e: Expr): { base: string; exponent: string } | undefined {
  if (e.kind !== 'binary' || e.op !== 'pow' || e.left.kind !== 'name' || e.right.kind !== 'number') return undefined;
  return Number.isInteger(e.right.value) && e.right.value >= 2
    ? { base: e.left.name, exponent: e.right.text }
    : undefined;
}

/** The name a stated power of a free name is known by: `σ^2`. */
function powerName(power: { base: string; exponent: string }): string {
  return `${power.base}^${power.exponent}`;
}

/** The name a stated inverse is known by: `B⁻¹`. */
function inverseName(of: string): string {
  return `${of}⁻¹`;
}

export type { HeadingStatement };

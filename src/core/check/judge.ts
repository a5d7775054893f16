/**
 * The judge: gives every link of a chain its one judgement (`judgement.ts`).
 *
 * A link is compared with its reference (the chain's truth while the
 * relations are `=`/`≈`, else the link before) entry by entry. An entry
 * that is not right against the truth may still follow from an earlier
 * mistake: it is right for the writer's own values, either as they wrote
 * them (to the digits written) or as they had them before rounding, or
 * anywhere in between. One precedence decides each entry:
 *
 *   right for the truth > exactly right for the writer's values >
 *   right for the truth to the digits written (rounded, under `=`) >
 *   right for the writer's values to the digits written > wrong
 *
 * and the link takes the worst of its entries: wrong, else follows, else
 * rounded, else right. So one slip is one error, a rounded entry never
 * spoils a matrix's follow-through, and `6` is never a "rounding" of 6.5.
 *
 * Example: after `block = 1 + d^2 = 1.46` (the true value is 1.64), the link
 * `1.3631` of `g0 = g4 block^4 ≈ 1.3631` is wrong for the truth (2.1702) but
 * 0.3 × 1.46^4 = 1.363115568 rounds to it: it follows from the `1.46`.
 */
import type { Verdict } from '../model';
import type { Expr, Link } from '../syntax/ast';
import type { Span } from '../text/span';
import { alignExpected } from '../values/equivalence';
import { formatEntries } from '../values/format';
import { formatAtPrecision, formatNumber, precisionOf } from '../values/numberFormat';
import { inUnitsOf, quantityNumber, scaleQuantity, unitsCompatible } from '../values/units';
import { unravelIndex, type Value } from '../values/value';
import {
  APPROX_RELATIVE,
  isWrittenValue,
  matchNumber,
  numbersEqual,
  orderOf,
  pairEntries,
  quantityLiteralNumber,
  sameValue,
  writtenNumbers,
  writtenTolerances,
  withinDigits,
  type EntryMatch,
  type WrittenNumber,
} from './compare';
import type { ChainJudgement, FollowsFrom, LinkJudgement, Mismatch, ToleranceUsed, WrongEntry } from './judgement';
import { valueText } from './messages';
import { derivativeKey, diverges, type ProblemScope, type World } from './scope';
import { collectNames } from './walk';

/** What the judge needs from the problem being checked. */
export interface JudgeHost {
  readonly scope: ProblemScope;
  readonly relTol: number;
  /** The true value of an expression, its failures reported as diagnostics; undefined when it failed. */
  evaluateTruth(expr: Expr): Value | undefined;
  /** The value in a writer's world, nothing reported; undefined when it cannot be had. */
  evaluateQuietly(expr: Expr, world: World): Value | undefined;
  isUnitName(name: string): boolean;
  textOf(span: Span): string;
  /** True when a departure at this span is a value written rounded, not a mistake. */
  isRounding(span: Span): boolean;
}

export const EQUALITIES: ReadonlySet<string> = new Set(['=', '≈']);

/** A link while it is being judged; once judged, read only as its `LinkJudgement`. */
interface Draft extends LinkJudgement {
  index: number;
  relation: string | undefined;
  verdict: Verdict;
  truth?: Value;
  failed: boolean;
  referenceIndex?: number;
  reference?: Value;
  writer?: Value;
  unrounded?: Value;
  tolerance?: ToleranceUsed;
  mismatch?: Mismatch;
  transposed?: boolean;
  wrongEntries: WrongEntry[];
  followsFrom?: FollowsFrom;
  followsToDigits?: boolean;
  found?: string;
  expected?: string;
  literal: boolean;
  /** Values in the writer's worlds, computed once (the map made on first use). */
  worlds: Map<World, Value | null> | undefined;
}

/** How an entry fares against the writer's values. */
type FollowMatch = 'exact' | 'digits' | 'none';

/** One earlier value a link may follow from: the writer's values of both sides, and where the departure is. */
interface Candidate {
  readonly stated: readonly Value[];
  readonly reference: readonly Value[];
  readonly from: FollowsFrom | undefined;
  /**
   * The reference is the exact value of a wrong link just before (`x ≈ [0.1235; …]` after a wrong `x`):
   * a literal rounding it leaves that value as the writer's unrounded one, for later steps to follow.
   */
  readonly exactReference?: true;
}

export function judgeChain(host: JudgeHost, links: readonly Link[], subjectIndex: number): ChainJudgement {
  return new ChainJudge(host, links, subjectIndex).judge();
}

class ChainJudge {
  private readonly drafts: Draft[];

  constructor(
    private readonly host: JudgeHost,
    private readonly links: readonly Link[],
    private readonly subjectIndex: number,
  ) {
    this.drafts = links.map((link, index) => ({
      index,
      relation: link.relation,
      verdict: 'unchecked',
      failed: false,
      wrongEntries: NO_ENTRIES,
      literal: false,
      worlds: undefined,
    }));
    this.relative = { kind: 'relative', relTol: host.relTol };
  }

  private readonly isUnitName = (name: string): boolean => this.host.isUnitName(name);
  private readonly relative: ToleranceUsed;

  judge(): ChainJudgement {
    const { links, drafts, subjectIndex } = this;
    for (let i = subjectIndex; i < links.length; i++) {
      if (links[i].expr.kind === 'unknown' && i > subjectIndex) continue;
      const value = this.host.evaluateTruth(links[i].expr);
      if (value === undefined) drafts[i].failed = true;
      else drafts[i].truth = value;
    }
    const subject = drafts[subjectIndex];
    if (!subject.failed) subject.verdict = 'truth';
    let equalitiesSoFar = true;
    for (let i = subjectIndex + 1; i < links.length; i++) {
      const relation = links[i].relation ?? '=';
      const isEquality = EQUALITIES.has(relation);
      equalitiesSoFar = equalitiesSoFar && isEquality;
      const refIndex = isEquality && equalitiesSoFar ? subjectIndex : i - 1;
      const draft = drafts[i];
      draft.referenceIndex = refIndex;
      draft.reference = drafts[refIndex].truth;
      if (links[i].expr.kind === 'unknown') {
        this.fill(draft, isEquality);
        continue;
      }
      if (draft.failed || draft.reference === undefined || draft.truth === undefined) continue;
      if (isEquality) this.judgeEquality(i, refIndex, relation === '≈');
      else this.judgeRelation(i, relation);
    }
    const subjectWriter = this.writerOfSubject();
    // The drafts become the judgements: read-only from here on, their scratch values dropped.
    for (const d of drafts) d.worlds = undefined;
    return { links: drafts, subjectIndex, ...subjectWriter };
  }

  // ------------------------------------------------------------ `?`

  private fill(draft: Draft, isEquality: boolean): void {
    if (!isEquality) {
      draft.mismatch = 'unknown-relation';
      return;
    }
    // The link it would be filled from failed: that failure is already reported, the `?` is no second mistake.
    if (draft.reference === undefined) return;
    draft.truth = draft.reference;
    draft.verdict = 'filled';
    draft.expected = valueText(draft.reference);
  }

  // ------------------------------------------------------------ `=` and `≈`

  private judgeEquality(i: number, refIndex: number, approx: boolean): void {
    const draft = this.drafts[i];
    const expr = this.links[i].expr;
    const stated = draft.truth!;
    const reference = draft.reference!;
    // Eigenvalues in any order, eigenvectors up to scale and sign: the truth lined up with what is written.
    const expected =
      stated.kind === 'matrix' && reference.kind === 'matrix' ? alignExpected(stated, reference) : reference;
    const halves = writtenTolerances(expr, this.isUnitName);
    draft.tolerance = !approx ? this.relative : halves && halves.every((h) => h !== undefined) ? DIGITS : APPROX;

    // Against the truth, entry by entry (undefined: another shape or other units).
    const paired = pairEntries(stated, expected);
    let truthMatches: EntryMatch[] | undefined;
    let truthMismatch: Mismatch | undefined;
    if ('stated' in paired) {
      const size = paired.stated.length;
      let k = 0;
      while (
        k < size &&
        matchNumber(paired.stated[k], paired.expected[k], approx, this.host.relTol, halves?.[k]) === 'equal'
      )
        k++;
      if (k === size) {
        draft.verdict = 'right';
        if (paired.layout === 'transposed') {
          // Noted with a fix that rewrites a written-out vector.
          draft.transposed = true;
          draft.literal = isWrittenValue(expr);
          draft.found = draft.literal ? this.sourceOf(expr) : valueText(stated);
        }
        return;
      }
      truthMatches = [];
      for (k = 0; k < size; k++)
        truthMatches.push(matchNumber(paired.stated[k], paired.expected[k], approx, this.host.relTol, halves?.[k]));
      // A vector in the other orientation is right only when every entry is.
      if (paired.layout === 'transposed') {
        truthMatches = undefined;
        truthMismatch = 'shape';
      }
    } else truthMismatch = paired.layout;
    const size = 'stated' in paired ? paired.stated.length : 1;
    // Not right: what the student wrote, for the verdict's texts.
    const written = writtenNumbers(expr, this.isUnitName);
    draft.literal = isWrittenValue(expr) || quantityLiteralNumber(expr, this.isUnitName) !== undefined;
    draft.found = draft.literal ? this.sourceOf(expr) : valueText(stated);

    // Against the writer's values: the candidate that leaves the fewest wrong entries.
    let best: { statuses: EntryStatus[]; from: FollowsFrom | undefined; unrounded?: Value } | undefined;
    let bestWrong = Infinity;
    for (const candidate of this.candidates(i, refIndex)) {
      if (!candidate.from) continue;
      const follows = this.followMatches(candidate, approx, halves);
      if (!follows) continue;
      if (!truthMatches && follows.matches.length !== size && size !== 1) continue;
      const statuses = follows.matches.map((f, k) => entryStatus(truthMatches?.[k] ?? 'unequal', f));
      const wrong = statuses.filter((s) => s === 'wrong').length;
      if (wrong < bestWrong) {
        bestWrong = wrong;
        best = { statuses, from: candidate.from, unrounded: follows.unrounded };
      }
      if (wrong === 0) break;
    }
    const statuses = best?.statuses ?? (truthMatches ?? [undefined]).map((m) => entryStatus(m ?? 'unequal', 'none'));
    if (statuses.every((s) => s !== 'wrong') && statuses.some((s) => s === 'follows' || s === 'follows-digits')) {
      this.carryWriter(draft, i);
      draft.verdict = 'follows';
      draft.followsFrom = best?.from;
      if (statuses.some((s) => s === 'follows-digits')) {
        draft.followsToDigits = true;
        draft.tolerance = { kind: 'digits' };
      }
      if (best?.unrounded && !sameValue(best.unrounded, draft.writer ?? stated, this.host.relTol))
        draft.unrounded = best.unrounded;
      return;
    }
    if (statuses.every((s) => s === 'right' || s === 'rounded')) {
      draft.verdict = 'approx';
      draft.tolerance = { kind: 'digits' };
      draft.expected = this.exactText(stated, expected);
      return;
    }
    draft.verdict = 'wrong';
    draft.writer = this.worldValue(i, 'writer') ?? stated;
    draft.unrounded = undefined;
    if (truthMismatch) {
      draft.mismatch = truthMismatch;
      draft.expected = this.replacementText(expr, stated, expected, approx, written);
      return;
    }
    if (size === 1) {
      draft.mismatch = 'value';
      draft.expected = draft.literal
        ? this.replacementText(expr, stated, expected, approx, written)
        : this.exactText(stated, expected);
      return;
    }
    draft.mismatch = 'entries';
    draft.expected = draft.literal
      ? this.replacementText(expr, stated, expected, approx, written)
      : this.exactText(stated, expected);
    const p = paired as {
      rows: number;
      cols: number;
      shape?: readonly number[];
      stated: ArrayLike<number>;
      expected: ArrayLike<number>;
    };
    draft.wrongEntries = [];
    statuses.forEach((status, k) => {
      if (status !== 'wrong') return;
      const w = written?.[k];
      draft.wrongEntries.push({
        row: Math.floor(k / p.cols) % p.rows,
        col: k % p.cols,
        ...(p.shape ? { index: unravelIndex(k, p.shape) } : {}),
        found: w ? writtenText(w) : formatNumber(p.stated[k]),
        expected: this.numberAt(p.expected[k], w, approx),
        ...(w ? { span: w.span } : {}),
      });
    });
  }

  /** The writer's values of a link that follows: what is written, and what their values gave before rounding. */
  private carryWriter(draft: Draft, i: number): void {
    draft.writer = this.worldValue(i, 'writer') ?? draft.truth;
    const unrounded = this.worldValue(i, 'unrounded');
    if (unrounded && draft.writer && unrounded !== draft.writer) draft.unrounded = unrounded;
  }

  /**
   * The earlier values link i may follow from, in order: the wrong link
   * before it in this chain; the writer's values of its reference; the
   * writer's values of the link before it.
   */
  private *candidates(i: number, refIndex: number): Generator<Candidate> {
    const prev = this.drafts[i - 1];
    const draft = this.drafts[i];
    if ((prev.verdict === 'wrong' || prev.verdict === 'follows') && prev.truth !== undefined) {
      yield {
        stated: [draft.truth!],
        reference: [prev.writer ?? prev.truth, ...(prev.unrounded ? [prev.unrounded] : [])],
        from: prev.followsFrom ?? this.mistakeAt(i - 1),
        ...(prev.unrounded ? {} : { exactReference: true as const }),
      };
    }
    // `W = e^2 + e + e^{0.1} ≈ 7.3891 + 2.7183 + 1.1052 = 11.2126`: an expression of values rounded, right under
    // `≈`, is what the next step works from (a literal restated, `≈ 0.6667 = 0.6667`, is judged as before).
    const roundedJustBefore =
      prev.relation === '≈' && (prev.verdict === 'approx' || prev.verdict === 'right') && i - 1 > this.subjectIndex;
    if (roundedJustBefore && prev.truth !== undefined && !isWrittenValue(this.links[i - 1].expr)) {
      yield {
        stated: [draft.truth!],
        reference: [prev.truth],
        from: { span: this.links[i - 1].expr.span, rounding: true },
      };
    }
    if (!this.host.scope.hasDivergence()) return;
    const stated = this.bothWorlds(i);
    if (!stated) return;
    const reference = this.bothWorlds(refIndex);
    if (reference) {
      yield {
        stated,
        reference,
        from: this.departureIn(this.links[refIndex].expr) ?? this.departureIn(this.links[i].expr),
      };
    }
    if (i - 1 !== refIndex && prev.verdict !== 'unchecked') {
      const before = this.bothWorlds(i - 1);
      if (before) {
        yield {
          stated,
          reference: before,
          from:
            (prev.verdict === 'follows' || prev.verdict === 'wrong' ? prev.followsFrom : undefined) ??
            this.departureIn(this.links[i - 1].expr) ??
            this.departureIn(this.links[i].expr),
        };
      }
    }
  }

  /** A wrong link as the mistake later steps follow from: its first wrong entry, where it is written. */
  private mistakeAt(i: number): FollowsFrom {
    return { span: this.drafts[i].wrongEntries[0]?.span ?? this.links[i].expr.span, rounding: false };
  }

  /** Link i's values in the writer's two worlds (one when they agree). */
  private bothWorlds(i: number): Value[] | undefined {
    const writer = this.worldValue(i, 'writer');
    const unrounded = this.worldValue(i, 'unrounded');
    if (!writer) return unrounded ? [unrounded] : undefined;
    return unrounded && unrounded !== writer ? [writer, unrounded] : [writer];
  }

  /**
   * Entry by entry, whether the stated side is right for a candidate's
   * reference: exactly (under `=`'s tolerance) or to the digits written,
   * anywhere between the writer's rounded and unrounded values.
   */
  private followMatches(
    candidate: Candidate,
    approx: boolean,
    halves: readonly (number | undefined)[] | undefined,
  ): { matches: FollowMatch[]; unrounded?: Value } | undefined {
    const [s0, s1 = s0] = candidate.stated;
    const [r0, r1 = r0] = candidate.reference;
    const a = pairEntries(s0, r0);
    const b = pairEntries(s1, r1);
    if (!('stated' in a) || !('stated' in b) || a.stated.length !== b.stated.length) return undefined;
    const matches: FollowMatch[] = [];
    for (let k = 0; k < a.stated.length; k++) {
      const sLow = Math.min(a.stated[k], b.stated[k]);
      const sHigh = Math.max(a.stated[k], b.stated[k]);
      const rLow = Math.min(a.expected[k], b.expected[k]);
      const rHigh = Math.max(a.expected[k], b.expected[k]);
      // The nearest points of the two ranges: the stated value against the writer's value closest to it.
      const below = sHigh < rLow;
      const s = below ? sHigh : sLow > rHigh ? sLow : undefined;
      const r = s === undefined ? undefined : below ? rLow : rHigh;
      const gap = s === undefined ? 0 : Math.abs(s - r!);
      const magnitude = Math.max(Math.abs(sLow), Math.abs(sHigh), Math.abs(rLow), Math.abs(rHigh));
      const close = (relTol: number) => s === undefined || numbersEqual(s, r!, relTol) || gap <= relTol * magnitude;
      const half = halves?.[k];
      if (!approx && close(this.host.relTol)) matches.push('exact');
      else if (half !== undefined && (s === undefined || withinDigits(s, r!, half))) matches.push('digits');
      else if (approx && half === undefined && close(APPROX_RELATIVE)) matches.push('digits');
      else if (approx && close(this.host.relTol)) matches.push('exact');
      else matches.push('none');
    }
    const unrounded = r1 !== r0 ? r1 : candidate.exactReference && matches.includes('digits') ? r0 : undefined;
    return { matches, ...(unrounded ? { unrounded } : {}) };
  }

  // ------------------------------------------------------------ `<`, `≤`, `>`, `≥`, `≠`

  private judgeRelation(i: number, relation: string): void {
    const draft = this.drafts[i];
    const prev = this.drafts[i - 1];
    const relTol = this.host.relTol;
    const holds = (a: Value, b: Value): boolean | undefined => {
      if (relation === '≠') return !sameValue(a, b, relTol);
      const order = orderOf(a, b, relTol);
      if (order === undefined) return undefined;
      switch (relation) {
        case '<':
          return order < 0;
        case '≤':
          return order <= 0;
        case '>':
          return order > 0;
        case '≥':
          return order >= 0;
      }
      return undefined;
    };
    draft.tolerance = this.relative;
    if (prev.truth === undefined) return;
    const verdict = holds(prev.truth, draft.truth!);
    if (verdict === undefined) {
      draft.mismatch = 'incomparable';
      return;
    }
    if (verdict) {
      draft.verdict = 'right';
      return;
    }
    if (this.host.scope.hasDivergence()) {
      for (const world of ['writer', 'unrounded'] as const) {
        const w0 = this.worldValue(i - 1, world);
        const w1 = this.worldValue(i, world);
        if (w0 && w1 && holds(w0, w1)) {
          const from = this.departureIn(this.links[i].expr) ?? this.departureIn(this.links[i - 1].expr);
          if (from) {
            draft.verdict = 'follows';
            draft.followsFrom = from;
            return;
          }
        }
      }
    }
    draft.verdict = 'wrong';
    draft.mismatch = 'relation';
  }

  // ------------------------------------------------------------ the writer's worlds

  /** Link i's value in a world; the true value when the link reads no name the writer got wrong. */
  private worldValue(i: number, world: World): Value | undefined {
    const draft = this.drafts[i];
    if (world === 'truth' || draft.truth === undefined) return draft.truth;
    draft.worlds ??= new Map();
    let value = draft.worlds.get(world);
    if (value === undefined) {
      value = this.refersToDivergence(this.links[i].expr)
        ? (this.host.evaluateQuietly(this.links[i].expr, world) ?? null)
        : draft.truth;
      draft.worlds.set(world, value);
    }
    return value ?? undefined;
  }

  private refersToDivergence(expr: Expr): boolean {
    const scope = this.host.scope;
    for (const use of collectNames(expr)) {
      if (use.role === 'value') {
        const b = scope.lookup(use.ref.name);
        if (b && diverges(b)) return true;
      } else if (use.role === 'derivative') {
        // A gradient diverges when any definition does.
        if (scope.hasDivergence()) return true;
      } else if (use.role === 'callee' && scope.lookup(use.ref.name)?.kind === 'function') {
        if (scope.hasDivergence()) return true;
      }
    }
    return false;
  }

  /** Where the writer's values an expression reads depart from the truth: a mistake before a rounding. */
  private departureIn(expr: Expr): FollowsFrom | undefined {
    return departureIn(this.host, expr);
  }

  /** What the writer believes the chain's subject is once the chain is read. */
  private writerOfSubject(): Pick<ChainJudgement, 'writer' | 'unrounded' | 'departure'> {
    const { drafts, subjectIndex } = this;
    const subject = drafts[subjectIndex];
    let last: Draft | undefined;
    // The last value stated for the subject: a link of the leading `=`/`≈` run (not a bound after `<`).
    let end = subjectIndex + 1;
    while (end < drafts.length && EQUALITIES.has(this.links[end].relation ?? '=')) end++;
    for (let i = end - 1; i > subjectIndex && !last; i--) {
      const v = drafts[i].verdict;
      if (v === 'right' || v === 'wrong' || v === 'follows' || v === 'approx' || v === 'filled') last = drafts[i];
    }
    if (last && (last.verdict === 'wrong' || last.verdict === 'follows')) {
      return {
        writer: last.writer ?? last.truth,
        ...(last.unrounded ? { unrounded: last.unrounded } : {}),
        departure: last.followsFrom ?? this.mistakeAt(last.index),
      };
    }
    if (last && last.truth && subject.truth && (last.verdict === 'approx' || last.verdict === 'right')) {
      if (!sameValue(last.truth, subject.truth, this.host.relTol)) {
        // A rounded value (`r = 1/3 ≈ 0.33`): later steps may use the digits written, or the value before them.
        return {
          writer: last.truth,
          unrounded: subject.truth,
          departure: { span: this.links[last.index].expr.span, rounding: true },
        };
      }
      return { writer: subject.truth };
    }
    if (!last && subject.truth !== undefined && this.host.scope.hasDivergence()) {
      // No stated value (`L = y + 1`): the writer's values carry on.
      const writer = this.worldValue(subjectIndex, 'writer');
      const unrounded = this.worldValue(subjectIndex, 'unrounded');
      const departs = (v: Value | undefined) => v !== undefined && !sameValue(v, subject.truth!, this.host.relTol);
      if (departs(writer) || departs(unrounded)) {
        return {
          writer: writer ?? subject.truth,
          ...(unrounded && unrounded !== writer ? { unrounded } : {}),
          departure: this.departureIn(this.links[subjectIndex].expr),
        };
      }
    }
    return { writer: subject.truth };
  }

  // ------------------------------------------------------------ texts

  private sourceOf(expr: Expr): string {
    return this.host.textOf(expr.span).replace(/\s+/g, ' ').trim();
  }

  /** The reference, exact, in the stated value's unit when both are quantities of one kind. */
  private exactText(stated: Value, expected: Value): string {
    return inStatedUnits(stated, expected);
  }

  /**
   * What a fix writes in place of a written-out value: at the digits the
   * student used under `≈`, exact under `=` (at their digits when that is
   * exact too: 0.2500 for 0.25).
   */
  private replacementText(
    expr: Expr,
    stated: Value,
    expected: Value,
    approx: boolean,
    written: readonly (WrittenNumber | undefined)[] | undefined,
  ): string {
    const exact = this.exactText(stated, expected);
    if (!written || written.some((w) => w === undefined)) return exact;
    if (stated.kind === 'quantity' || expected.kind === 'quantity') {
      if (stated.kind !== 'quantity' || expected.kind !== 'quantity' || !unitsCompatible(stated, expected))
        return exact;
      const number = this.numberAt(inUnitsOf(expected, stated), written[0], approx);
      // The unit as the student wrote it (`min/epoch`), after the number.
      const unit = this.host.textOf({ start: written[0]!.span.end, end: unwrapParens(expr).span.end });
      return `${number}${unit}`;
    }
    if (!stated.sameShape(expected)) {
      // Another shape: the entries at the finest precision written.
      const finest = written.reduce((a, w) => (precisionOf(w!.text).decimals > precisionOf(a!.text).decimals ? w : a));
      if (expected.isScalar) return this.numberAt(expected.data[0], finest, approx);
      return formatEntries(
        expected.shape,
        Array.from(expected.data, (x) => this.numberAt(x, finest, approx)),
      );
    }
    if (expected.isScalar) return this.numberAt(expected.data[0], written[0], approx);
    return formatEntries(
      expected.shape,
      Array.from(expected.data, (x, k) => this.numberAt(x, written[k], approx)),
    );
  }

  /**
   * One number at the precision of the written one (under `≈`), or exact
   * (under `=`, unless that precision is exact).
   */
  private numberAt(x: number, written: WrittenNumber | undefined, approx: boolean): string {
    if (!written) return formatNumber(x);
    const atPrecision = formatAtPrecision(x, precisionOf(written.text));
    if (approx) return atPrecision;
    const back = Number(atPrecision.replace('%', '')) * (atPrecision.endsWith('%') ? 0.01 : 1);
    return numbersEqual(back, x, this.host.relTol) ? atPrecision : formatNumber(x);
  }
}

const NO_ENTRIES: WrongEntry[] = [];
const DIGITS: ToleranceUsed = { kind: 'digits' };
const APPROX: ToleranceUsed = { kind: 'approx-relative', relTol: APPROX_RELATIVE };

/** The judged status of one entry. */
type EntryStatus = 'right' | 'follows' | 'rounded' | 'follows-digits' | 'wrong';

/** The precedence of the module comment, for one entry. */
function entryStatus(truth: EntryMatch, follow: FollowMatch): EntryStatus {
  if (truth === 'equal') return 'right';
  if (follow === 'exact') return 'follows';
  if (truth === 'rounded') return 'rounded';
  if (follow === 'digits') return 'follows-digits';
  return 'wrong';
}

/** Where the writer's values an expression reads depart from the truth: a mistake rather than a rounding. */
function departureIn(host: JudgeHost, expr: Expr): FollowsFrom | undefined {
  const scope = host.scope;
  let rounding: FollowsFrom | undefined;
  const consider = (span: Span | undefined): FollowsFrom | undefined => {
    if (!span) return undefined;
    if (!host.isRounding(span)) return { span, rounding: false };
    rounding ??= { span, rounding: true };
    return undefined;
  };
  for (const use of collectNames(expr)) {
    if (use.role === 'value') {
      const b = scope.lookup(use.ref.name);
      if (b && diverges(b)) {
        const found = consider(b.mistake);
        if (found) return found;
      }
    } else if (use.role === 'derivative' && use.derivative) {
      const key = derivativeKey(use.derivative.of.name, use.derivative.wrt.name, use.derivative.order);
      const stated = scope.writerDerivative(key);
      const found = consider(stated?.mistake);
      if (found) return found;
      // A derivative symbol the writer set (or an earlier Markdown problem computed) is a binding.
      const symbol = scope.lookup(key);
      if (symbol && diverges(symbol)) {
        const fromSymbol = consider(symbol.mistake);
        if (fromSymbol) return fromSymbol;
      }
      for (const b of scope.visibleBindings()) {
        if (!diverges(b)) continue;
        const any = consider(b.mistake);
        if (any) return any;
      }
    } else if (use.role === 'callee' && scope.lookup(use.ref.name)?.kind === 'function') {
      for (const b of scope.visibleBindings()) {
        if (!diverges(b)) continue;
        const any = consider(b.mistake);
        if (any) return any;
      }
    }
  }
  return rounding;
}

/** The expected value, in the stated value's unit when both are quantities of one kind. */
function inStatedUnits(stated: Value, expected: Value): string {
  if (
    stated.kind === 'quantity' &&
    expected.kind === 'quantity' &&
    unitsCompatible(stated, expected) &&
    quantityNumber(stated) !== 0
  ) {
    return valueText(scaleQuantity(stated, inUnitsOf(expected, stated) / quantityNumber(stated)));
  }
  return valueText(expected);
}

function unwrapParens(e: Expr): Expr {
  while (e.kind === 'paren') e = e.inner;
  return e;
}

/** A written number as the student wrote it, sign included. */
function writtenText(w: WrittenNumber): string {
  return `${w.negative ? '-' : ''}${w.text}`;
}

/**
 * One immutable judgement per link of a chain: the only place a verdict is
 * decided. Diagnostics and their fixes (`verdictDiagnostics.ts`), the
 * derivation model the derivations view reads (`linkModels.ts`), the
 * summaries, the status bar and the CLI all read it and never judge again.
 *
 * Example: in `block = 1 + d^2 = 1.46` (d = 0.8) the link `1.46` is judged
 * `wrong` (truth 1.46, reference 1.64, tolerance `=` relative 1e-9, fix
 * `1.64`); in the next line `g0 = g4 block^4 ≈ 1.3631` the link `1.3631`
 * is `follows` (reference 2.170184448; the writer's own values give
 * 1.363115568, right to the 4 decimals written), pointing at the `1.46`.
 */
import type { Verdict } from '../model';
import type { Span } from '../text/span';
import type { Value } from '../values/value';

/** What a stated value was compared with, and why that tolerance. */
export type ToleranceUsed =
  /** `=`: relative tolerance (the setting, default 1e-9). */
  | { readonly kind: 'relative'; readonly relTol: number }
  /** Half a unit of the last digit written, entry by entry (`≈`, or a rounded value under `=`). */
  | { readonly kind: 'digits' }
  /** `≈` between two computed expressions: relative 1e-3. */
  | { readonly kind: 'approx-relative'; readonly relTol: number };

/** The earlier value a link follows from: a mistake, or a value the writer rounded. */
export interface FollowsFrom {
  readonly span: Span;
  /** A value written rounded (`r = 1/3 ≈ 0.33`): what follows from it is no mistake. */
  readonly rounding: boolean;
}

/** One wrong entry of a matrix, with the text to write there (at the digits the student used). */
export interface WrongEntry {
  /** Zero-based. */
  readonly row: number;
  readonly col: number;
  /** Zero-based, every axis, when the value has rank 3 or 4 (`row`, `col` are its last two). */
  readonly index?: readonly number[];
  /** The entry as written, when it is written out (`0.7310`), else the computed one. */
  readonly found: string;
  /** The true entry at the student's precision (exact under `=`). */
  readonly expected: string;
  /** Where the entry is written, when it is (the fix replaces exactly this). */
  readonly span?: Span;
}

/** How a stated value that is wrong differs from the reference. */
export type Mismatch = 'value' | 'entries' | 'shape' | 'units' | 'relation' | 'incomparable' | 'unknown-relation';

export interface LinkJudgement {
  readonly index: number;
  readonly verdict: Verdict;
  readonly relation?: string;
  /** The link's value from the givens; undefined when it could not be evaluated. */
  readonly truth?: Value;
  /** The link it is judged against (the chain's truth, or the link before after an inequality). */
  readonly referenceIndex?: number;
  readonly reference?: Value;
  /** The writer's value of the link: what is written, or what their own earlier values give. */
  readonly writer?: Value;
  /** The writer's value before their own rounding, where it differs from `writer`. */
  readonly unrounded?: Value;
  readonly tolerance?: ToleranceUsed;
  /** Why a `wrong` link is wrong. */
  readonly mismatch?: Mismatch;
  /** A vector right in the other orientation. */
  readonly transposed?: boolean;
  /** The entries judged wrong (only for a matrix; the others are right, rounded or follow). */
  readonly wrongEntries: readonly WrongEntry[];
  /** For `follows`: the mistake (or the rounding) this link follows from. */
  readonly followsFrom?: FollowsFrom;
  /** For `follows`: right to the digits written only (not exactly) for the writer's values. */
  readonly followsToDigits?: boolean;
  /** The value as written (`0.7310`, `[6, 5]`), or the computed one for an expression. */
  readonly found?: string;
  /** The value that belongs here: at the student's precision under `≈`, exact under `=`. */
  readonly expected?: string;
  /** True when the link is a written-out value, so a fix may replace it. */
  readonly literal: boolean;
}

/** A chain's judgements, with what the writer now believes its subject is. */
export interface ChainJudgement {
  readonly links: readonly LinkJudgement[];
  /** 1 for a definition `x = E …` (link 1 holds the truth), else 0. */
  readonly subjectIndex: number;
  /** The writer's value of the subject after this chain, to the digits written. */
  readonly writer?: Value;
  /** …and before their rounding, where that differs. */
  readonly unrounded?: Value;
  /** Where the writer's value of the subject departs from the truth, if it does. */
  readonly departure?: FollowsFrom;
}

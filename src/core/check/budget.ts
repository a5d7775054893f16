/**
 * How much work one statement may do. Work is counted, not timed: a
 * verdict must depend on the text and the settings alone, and a wall-clock
 * deadline made the same statement pass on an idle machine and stop with
 * `limit.time` on a busy one (so a fix verified by re-checking could seem
 * to add an error). The budget is still set in milliseconds: each buys
 * {@link UNITS_PER_MS} units, measured as about a millisecond's work on a
 * busy two-core machine (2000 ms: 10⁸ units, a second or two to spend).
 *
 * An operation costs {@link OPERATION_UNITS} plus one unit per entry it
 * reads or makes: a scalar `a + b` costs 34 units, the sum of two
 * 1000×1000 matrices about 2·10⁶. Matrix products and powers are charged
 * by their multiply-adds against a limit of their own, before they start.
 *
 * A wall clock remains only as a backstop for work the count cannot see
 * (the inner loops of a built-in), at {@link BACKSTOP_FACTOR} times the
 * budget: far beyond what a busy machine adds to a counted statement.
 */
import type { BinaryOp } from '../syntax/ast';
import { LimitError } from '../values/errors';
import type { Value } from '../values/value';

/** Units of work per millisecond of budget: one unit is about one entry of an element-wise operation. */
export const UNITS_PER_MS = 50_000;
/** An operation's own cost, in entries: a scalar `a + b` costs about as much as adding 32 entries. */
export const OPERATION_UNITS = 32;
/** A built-in call or a unit read through mathjs (argument checks, a Unit object) costs about 8 operations more. */
export const MATHJS_UNITS = 256;
/** Matrix products and powers of one statement: about 1e9 multiply-adds (a second or two). */
export const MAX_FLOPS_PER_STATEMENT = 1e9;
const BACKSTOP_FACTOR = 5;
/** Read the clock once per this many operations. */
const CLOCK_EVERY = 1024;

export class Budget {
  /** Work done so far, in units (read by the calibration bench). */
  units = 0;
  private flops = 0;
  private operations = 0;
  private readonly limit: number;
  private readonly backstop: number;

  constructor(readonly milliseconds: number) {
    this.limit = milliseconds * UNITS_PER_MS;
    this.backstop = Date.now() + milliseconds * BACKSTOP_FACTOR;
  }

  /** One operation that reads or makes `entries` entries. */
  tick(entries = 1): void {
    this.units += OPERATION_UNITS + entries;
    this.checkLimit();
  }

  /** A built-in call or a quantity made from a unit name, on top of its operation's tick. */
  mathjs(): void {
    this.units += MATHJS_UNITS;
    this.checkLimit();
  }

  private checkLimit(): void {
    if (this.units > this.limit) {
      throw new LimitError(
        'limit.time',
        `this statement needs more work than its budget allows (${this.milliseconds} ms) and was stopped`,
      );
    }
    if (++this.operations % CLOCK_EVERY === 0) this.checkBackstop();
  }

  /** A binary operator on `a` and `b`: products and powers by their multiply-adds, the rest by their entries. */
  binary(op: BinaryOp, a: Value, b: Value): void {
    if (op === 'mul' && a.kind === 'matrix' && b.kind === 'matrix' && !a.isScalar && !b.isScalar) {
      this.charge(a.rows * a.cols * b.cols);
    } else if (op === 'pow' && a.kind === 'matrix' && !a.isScalar && b.kind === 'matrix' && b.isScalar) {
      // A matrix power is about log2(k) products of n×n matrices.
      this.charge(a.rows * a.rows * a.rows * Math.max(1, Math.ceil(Math.log2(Math.abs(b.scalarValue) + 1))));
    }
    this.tick(entriesOf(a) + entriesOf(b));
  }

  /**
   * For operations whose cost is known up front (a matrix product): a
   * statement may spend about 1e9 multiply-adds, and one that would spend
   * more is refused before it starts.
   */
  charge(flops: number): void {
    this.flops += flops;
    if (this.flops > MAX_FLOPS_PER_STATEMENT) {
      throw new LimitError(
        'limit.time',
        `this statement needs about ${this.flops.toExponential(1)} multiply-adds: too long to check (the limit is ${MAX_FLOPS_PER_STATEMENT.toExponential(0)})`,
      );
    }
    this.checkBackstop();
  }

  /** After one long operation the count cannot see into. */
  checkBackstop(): void {
    if (Date.now() > this.backstop) {
      throw new LimitError(
        'limit.time',
        `this statement ran for over ${this.milliseconds * BACKSTOP_FACTOR} ms and was stopped`,
      );
    }
  }
}

/** How many numbers a value holds (a quantity is one). */
export function entriesOf(v: Value): number {
  return v.kind === 'matrix' ? v.data.length : 1;
}

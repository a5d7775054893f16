/**
 * The heights of a long page's rows, for virtual scrolling (`main.ts`): only the rows in and near the
 * viewport are in the DOM, and two spacers stand for the others. A row's height is what was measured
 * when it was last in the DOM, or an estimate (the mean of the measured ones) until then.
 *
 * Pure (no DOM), so that its arithmetic is tested in Node. Offsets are summed lazily: a patch or a
 * measurement marks them stale, and the next read sums them again in one pass (12,000 additions).
 */

/**
 * Pages with more parts than this are scrolled virtually: only the rows in and near the viewport are in
 * the DOM (a few hundred elements, whatever the length), two spacers stand for the others. In VS Code the
 * page shares the renderer's thread with the editor: 12,000 elements made every style and layout pass,
 * and so every typed key, late.
 */
export const VIRTUAL_LIMIT = 1500;

/** What a row is taken to be before any was measured (a one-line statement with its margins). */
export const FIRST_ESTIMATE_PX = 48;

export class RowHeights {
  /** Measured heights, or NaN for a row never measured. */
  private heights: number[] = [];
  private measuredSum = 0;
  private measuredCount = 0;
  /** `tops[i]` is the top of row i; `tops[length]` the total. Undefined when stale. */
  private tops: Float64Array | undefined;

  get length(): number {
    return this.heights.length;
  }

  /** The height of a row not measured yet. */
  get estimate(): number {
    return this.measuredCount > 0 ? this.measuredSum / this.measuredCount : FIRST_ESTIMATE_PX;
  }

  /** A fresh page of `count` rows, none measured. */
  reset(count: number): void {
    this.heights = new Array<number>(count).fill(NaN);
    this.measuredSum = 0;
    this.measuredCount = 0;
    this.tops = undefined;
  }

  /** As `Array.prototype.splice`: `deleteCount` rows from `start` leave, `inserted` (their heights, or NaN) come. */
  splice(start: number, deleteCount: number, inserted: readonly number[]): void {
    for (const height of this.heights.slice(start, start + deleteCount)) this.forget(height);
    for (const height of inserted) this.remember(height);
    this.heights.splice(start, deleteCount, ...inserted);
    this.tops = undefined;
  }

  /** The measured height of row `index`, or NaN. */
  measured(index: number): number {
    return this.heights[index];
  }

  set(index: number, height: number): void {
    const before = this.heights[index];
    if (before === height) return;
    this.forget(before);
    this.remember(height);
    this.heights[index] = height;
    this.tops = undefined;
  }

  /** The top of row `index` from the first row's top (`topOf(length)` is the whole height). */
  topOf(index: number): number {
    return this.offsets()[Math.max(0, Math.min(index, this.heights.length))];
  }

  get total(): number {
    return this.topOf(this.heights.length);
  }

  /** The row at `y` (from the first row's top), clamped to the rows there are; -1 for no rows. */
  indexAt(y: number): number {
    const tops = this.offsets();
    const count = this.heights.length;
    if (count === 0) return -1;
    // The last row whose top is at or above y.
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (tops[middle] <= y) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private offsets(): Float64Array {
    if (this.tops) return this.tops;
    const estimate = this.estimate;
    const tops = new Float64Array(this.heights.length + 1);
    for (let i = 0; i < this.heights.length; i++) {
      const height = this.heights[i];
      tops[i + 1] = tops[i] + (Number.isNaN(height) ? estimate : height);
    }
    this.tops = tops;
    return tops;
  }

  private remember(height: number): void {
    if (Number.isNaN(height)) return;
    this.measuredSum += height;
    this.measuredCount++;
  }

  private forget(height: number): void {
    if (Number.isNaN(height)) return;
    this.measuredSum -= height;
    this.measuredCount--;
  }
}

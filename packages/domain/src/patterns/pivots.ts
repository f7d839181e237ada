import type { BarSeries } from '../bars';

/** Bars on each side of a pivot (spec §4.1); a pivot at j is known only once bar j+5 has closed. */
export const PIVOT_SPAN = 5;
/** Rules use available pivots with j >= t - 120. */
export const PIVOT_HORIZON = 120;

/** One kind of pivot: their bar indices ascending, and how many lie at or before each bar (O(1) windows). */
export interface PivotSide {
  readonly at: Int32Array;
  readonly countTo: Int32Array;
}

export interface Pivots {
  readonly highs: PivotSide;
  readonly lows: PivotSide;
}

/**
 * PivotHigh(j): H_j above every high of the 5 bars before it and at least every high of the 5 bars after it;
 * PivotLow mirrors. Listing all of them up front is safe because rules only take those with j + 5 <= t.
 */
export function findPivots(bars: BarSeries): Pivots {
  const { high, low } = bars;
  const highs: number[] = [];
  const lows: number[] = [];
  for (let j = PIVOT_SPAN; j + PIVOT_SPAN < bars.length; j++) {
    let isHigh = true;
    let isLow = true;
    for (let k = 1; k <= PIVOT_SPAN && (isHigh || isLow); k++) {
      if (high[j - k] >= high[j] || high[j + k] > high[j]) isHigh = false;
      if (low[j - k] <= low[j] || low[j + k] < low[j]) isLow = false;
    }
    if (isHigh) highs.push(j);
    if (isLow) lows.push(j);
  }
  return { highs: side(highs, bars.length), lows: side(lows, bars.length) };
}

function side(at: number[], length: number): PivotSide {
  const countTo = new Int32Array(length);
  for (let i = 0, k = 0; i < length; i++) {
    while (k < at.length && at[k] <= i) k++;
    countTo[i] = k;
  }
  return { at: Int32Array.from(at), countTo };
}

/** Position in `side.at` of the first pivot with index >= bar. */
export function firstPivotFrom(side: PivotSide, bar: number): number {
  return bar <= 0 ? 0 : side.countTo[Math.min(bar, side.countTo.length) - 1];
}

/** Position in `side.at` just past the last pivot available at t (index <= t - 5). */
export function availableEnd(side: PivotSide, t: number): number {
  return firstPivotFrom(side, t - PIVOT_SPAN + 1);
}

/** The line through (x1, y1) and (x2, y2) at x, as the spec writes it: y1 + (y2 - y1)·(x - x1)/(x2 - x1). */
export function linePoint(x1: number, y1: number, x2: number, y2: number, x: number): number {
  return y1 + ((y2 - y1) * (x - x1)) / (x2 - x1);
}

import type { BarSeries } from '../bars';

/** Bars on each side of a pivot (spec §4.1); a pivot at j is known only once bar j+5 has closed. */
export const PIVOT_SPAN = 5;
/** Rules use available pivots with j >= t - 120. */
export const PIVOT_HORIZON = 120;

/** Indices of pivot highs and lows, ascending. */
export interface Pivots {
  readonly highs: Int32Array;
  readonly lows: Int32Array;
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
  return { highs: Int32Array.from(highs), lows: Int32Array.from(lows) };
}

/** First position in the ascending `list` whose value is >= `value`. */
export function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Positions [start, end) in `list` of the pivots available at t with index >= oldest. */
export function availableRange(list: Int32Array, t: number, oldest = t - PIVOT_HORIZON): [number, number] {
  return [lowerBound(list, oldest), lowerBound(list, t - PIVOT_SPAN + 1)];
}

/** The line through (x1, y1) and (x2, y2) at x, as the spec writes it: y1 + (y2 - y1)·(x - x1)/(x2 - x1). */
export function linePoint(x1: number, y1: number, x2: number, y2: number, x: number): number {
  return y1 + ((y2 - y1) * (x - x1)) / (x2 - x1);
}

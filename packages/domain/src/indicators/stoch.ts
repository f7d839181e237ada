import type { BarSeries } from '../bars';
import { outputColumn, type Scratch } from './series';
import { sma } from './sma';

export interface StochResult {
  readonly k: Float64Array;
  readonly d: Float64Array;
}

/**
 * TA-Lib STOCH (fastK n, slowK and slowD as SMAs). fastK is (C - LL) / ((HH - LL)/100), TA-Lib's exact form,
 * and 0 when HH = LL. The window extremes are tracked incrementally, rescanning only when one leaves the window.
 */
export function stoch(bars: BarSeries, n = 14, slowK = 3, slowD = 3, scratch?: Scratch): StochResult {
  const len = bars.length;
  const { high, low, close } = bars;
  const column = outputColumn(len, scratch);
  const fastK = column(0, n - 1);
  let lowestIdx = -1;
  let highestIdx = -1;
  let lowest = 0;
  let highest = 0;
  for (let t = n - 1; t < len; t++) {
    const start = t - n + 1;
    if (lowestIdx < start) {
      lowestIdx = start;
      lowest = low[start];
      for (let i = start + 1; i <= t; i++) {
        if (low[i] < lowest) {
          lowestIdx = i;
          lowest = low[i];
        }
      }
    } else if (low[t] <= lowest) {
      lowestIdx = t;
      lowest = low[t];
    }
    if (highestIdx < start) {
      highestIdx = start;
      highest = high[start];
      for (let i = start + 1; i <= t; i++) {
        if (high[i] > highest) {
          highestIdx = i;
          highest = high[i];
        }
      }
    } else if (high[t] >= highest) {
      highestIdx = t;
      highest = high[t];
    }
    const diff = (highest - lowest) / 100;
    fastK[t] = diff !== 0 ? (close[t] - lowest) / diff : 0;
  }
  const k = smaFrom(fastK, slowK, n - 1, column(1, n + slowK - 2));
  const d = smaFrom(k, slowD, n + slowK - 2, column(2, n + slowK + slowD - 3));
  // TA-Lib reports both lines from D's first bar.
  k.fill(Number.NaN, 0, Math.min(len, n + slowK + slowD - 3));
  return { k, d };
}

/** SMA of a column whose values start at `first`: the output starts at first + period - 1. */
function smaFrom(x: Float64Array, period: number, first: number, out: Float64Array): Float64Array {
  if (x.length > first) sma(x.subarray(first), period, out.subarray(first));
  return out;
}

import type { BarSeries } from '../bars';
import { emptySeries } from './series';

/** TA-Lib true range of bar i (i >= 1): the largest of H-L, |C_{i-1}-H|, |C_{i-1}-L|. */
export function trueRange(high: number, low: number, prevClose: number): number {
  let greatest = high - low;
  const up = Math.abs(prevClose - high);
  if (up > greatest) greatest = up;
  const down = Math.abs(prevClose - low);
  if (down > greatest) greatest = down;
  return greatest;
}

/** TRANGE: first value at index 1. */
export function trange(bars: BarSeries): Float64Array {
  const out = emptySeries(bars.length, 1);
  const { high, low, close } = bars;
  for (let i = 1; i < bars.length; i++) out[i] = trueRange(high[i], low[i], close[i - 1]);
  return out;
}

/** Wilder ATR: the mean of TR_1..TR_n (summed as TA-Lib's SMA does), then (prev·(n-1) + TR)/n. */
export function atr(bars: BarSeries, n = 14): Float64Array {
  const out = emptySeries(bars.length, n);
  if (bars.length <= n) return out;
  const { high, low, close } = bars;
  let total = 0;
  for (let i = 1; i <= n; i++) total += trueRange(high[i], low[i], close[i - 1]);
  let prev = total / n;
  out[n] = prev;
  for (let i = n + 1; i < bars.length; i++) {
    prev *= n - 1;
    prev += trueRange(high[i], low[i], close[i - 1]);
    prev /= n;
    out[i] = prev;
  }
  return out;
}

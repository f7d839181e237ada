import type { BarSeries } from '../bars';

/**
 * Per-bar candle geometry, computed once per series and shared by every pattern function (TA-Lib recomputes these
 * inside each function; precomputing them is what makes running all 61 on one series cheap). Each column holds
 * exactly the double TA-Lib's macro would produce, so comparisons stay bit-identical.
 */
export interface CandleContext {
  readonly length: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** |C - O| (TA_REALBODY). */
  readonly body: Float64Array;
  /** H - L (TA_HIGHLOWRANGE). */
  readonly range: Float64Array;
  /** H - max(O, C) (TA_UPPERSHADOW). */
  readonly upper: Float64Array;
  /** min(O, C) - L (TA_LOWERSHADOW). */
  readonly lower: Float64Array;
  /** upper + lower: what the "shadows" candle settings average. */
  readonly shadows: Float64Array;
  /** max(O, C): top of the real body. */
  readonly top: Float64Array;
  /** min(O, C): bottom of the real body. */
  readonly bottom: Float64Array;
  /** +1 white (C >= O), -1 black (TA_CANDLECOLOR). */
  readonly color: Int8Array;
}

export function candleContext(bars: BarSeries): CandleContext {
  const n = bars.length;
  const { open, high, low, close } = bars;
  const body = new Float64Array(n);
  const range = new Float64Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const shadows = new Float64Array(n);
  const top = new Float64Array(n);
  const bottom = new Float64Array(n);
  const color = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const o = open[i];
    const c = close[i];
    const white = c >= o;
    const t = white ? c : o;
    const b = white ? o : c;
    body[i] = white ? c - o : o - c;
    range[i] = high[i] - low[i];
    upper[i] = high[i] - t;
    lower[i] = b - low[i];
    shadows[i] = upper[i] + lower[i];
    top[i] = t;
    bottom[i] = b;
    color[i] = white ? 1 : -1;
  }
  return { length: n, open, high, low, close, body, range, upper, lower, shadows, top, bottom, color };
}

/** Real body of `a` entirely above the real body of `b` (TA_REALBODYGAPUP). */
export function bodyGapUp(c: CandleContext, a: number, b: number): boolean {
  return c.bottom[a] > c.top[b];
}

/** Real body of `a` entirely below the real body of `b` (TA_REALBODYGAPDOWN). */
export function bodyGapDown(c: CandleContext, a: number, b: number): boolean {
  return c.top[a] < c.bottom[b];
}

/** Whole candle `a` above candle `b` (TA_CANDLEGAPUP). */
export function candleGapUp(c: CandleContext, a: number, b: number): boolean {
  return c.low[a] > c.high[b];
}

/** Whole candle `a` below candle `b` (TA_CANDLEGAPDOWN). */
export function candleGapDown(c: CandleContext, a: number, b: number): boolean {
  return c.high[a] < c.low[b];
}

import type { CandleContext } from './geometry';

/**
 * What a candle setting measures on each candle (TA-Lib's TA_RangeType). Numbers rather than strings: `average` runs
 * in every hot loop and a string comparison there made the functions about twice as slow.
 */
export const REAL_BODY = 0;
export const HIGH_LOW = 1;
export const SHADOWS = 2;
export type RangeType = typeof REAL_BODY | typeof HIGH_LOW | typeof SHADOWS;

/**
 * A TA-Lib candle setting: "long", "short", "near"… are judged against `factor` × the average of `rangeType` over
 * the `period` candles before the one being judged (period 0: the candle's own value). Domain spec §3.2.
 */
export interface CandleSetting {
  readonly rangeType: RangeType;
  readonly period: number;
  readonly factor: number;
}

// TA-Lib's defaults (ta_global.c, TA_RestoreCandleDefaultSettings). BodyVeryLong is left out: no CDL function uses it.
export const BODY_LONG: CandleSetting = { rangeType: REAL_BODY, period: 10, factor: 1 };
export const BODY_SHORT: CandleSetting = { rangeType: REAL_BODY, period: 10, factor: 1 };
export const BODY_DOJI: CandleSetting = { rangeType: HIGH_LOW, period: 10, factor: 0.1 };
export const SHADOW_LONG: CandleSetting = { rangeType: REAL_BODY, period: 0, factor: 1 };
export const SHADOW_VERY_LONG: CandleSetting = { rangeType: REAL_BODY, period: 0, factor: 2 };
export const SHADOW_SHORT: CandleSetting = { rangeType: SHADOWS, period: 10, factor: 1 };
export const SHADOW_VERY_SHORT: CandleSetting = { rangeType: HIGH_LOW, period: 10, factor: 0.1 };
export const NEAR: CandleSetting = { rangeType: HIGH_LOW, period: 5, factor: 0.2 };
export const FAR: CandleSetting = { rangeType: HIGH_LOW, period: 5, factor: 0.6 };
export const EQUAL: CandleSetting = { rangeType: HIGH_LOW, period: 5, factor: 0.05 };

/** The per-bar column a setting averages (TA_CANDLERANGE). */
function column(c: CandleContext, s: CandleSetting): Float64Array {
  return s.rangeType === REAL_BODY ? c.body : s.rangeType === HIGH_LOW ? c.range : c.shadows;
}

/**
 * TA-Lib's TA_CANDLEAVERAGE of setting `s` for every loaded candle from bar `first` on, where `first` is the first
 * bar a function judges with `s`: its lookback minus the candle's position in the pattern. Indexed like the
 * context's columns and shared by every function judging `s` from the same bar on (see `CandleAverages`).
 */
export function averageSeries(c: CandleContext, s: CandleSetting, first: number): Float64Array {
  return c.averages.series(c, s, first);
}

/**
 * The averages of one context, one column each, kept up to date as a `CandleWindow` loads blocks. TA-Lib seeds a
 * running total with the column summed in index order over the `period` candles before `first`, and after judging
 * candle j slides it with `total += col[j] - col[j - period]`; the average is factor × (total / period), halved for
 * shadows, in that order. A total seeded elsewhere rounds differently, so an average is keyed by `first` as well as
 * by the setting.
 */
export class CandleAverages {
  private readonly tracks = new Map<string, AverageTrack>();

  constructor(private readonly size: number) {}

  series(c: CandleContext, s: CandleSetting, first: number): Float64Array {
    // Period 0 has no running total: each candle is judged against its own column value.
    const from = s.period === 0 ? 0 : first;
    const key = `${s.rangeType}/${s.period}/${s.factor}/${from}`;
    let track = this.tracks.get(key);
    if (track === undefined) {
      // Seeding needs the bars from the start of the series: a window prepares its functions on its first block.
      if (c.offset > 0) throw new RangeError('averages are set up on the first block of a series');
      track = { setting: s, first: from, total: 0, values: new Float64Array(this.size) };
      this.tracks.set(key, track);
      fillTrack(c, track, 0, c.end);
    }
    return track.values;
  }

  /** Moves every average's values at column indices [from, to) to index 0, as the window's columns move. */
  shift(from: number, to: number): void {
    for (const track of this.tracks.values()) track.values.copyWithin(0, from, to);
  }

  /** Computes every average for bars [from, to), which the context has just loaded. */
  fill(c: CandleContext, from: number, to: number): void {
    for (const track of this.tracks.values()) fillTrack(c, track, from, to);
  }
}

interface AverageTrack {
  readonly setting: CandleSetting;
  readonly first: number;
  /** The running total after the last filled candle. */
  total: number;
  readonly values: Float64Array;
}

function fillTrack(c: CandleContext, track: AverageTrack, from: number, to: number): void {
  const { setting, first, values } = track;
  const { period, factor } = setting;
  const halve = setting.rangeType === SHADOWS;
  const col = column(c, setting);
  const offset = c.offset;
  let total = track.total;
  for (let j = Math.max(from, first); j < to; j++) {
    const k = j - offset;
    if (j === first) for (let m = k - period; m < k; m++) total += col[m];
    const base = period !== 0 ? total / period : col[k];
    values[k] = halve ? (factor * base) / 2 : factor * base;
    total += col[k] - col[k - period];
  }
  track.total = total;
}

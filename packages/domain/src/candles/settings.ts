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
export function column(c: CandleContext, s: CandleSetting): Float64Array {
  return s.rangeType === REAL_BODY ? c.body : s.rangeType === HIGH_LOW ? c.range : c.shadows;
}

/**
 * TA_CANDLEAVERAGE for a candle whose running total is `total` and whose own column value is `own`. The operations
 * run in TA-Lib's order (factor × (total / period), then / 2 for shadows) so the double is bit-identical.
 */
export function average(s: CandleSetting, total: number, own: number): number {
  const base = s.period !== 0 ? total / s.period : own;
  return s.rangeType === SHADOWS ? (s.factor * base) / 2 : s.factor * base;
}

/**
 * TA-Lib's starting running total for the first candle `j` judged with setting `s`: the column summed in index
 * order over the `period` candles before j. Afterwards each function slides it with
 * `total += col[j] - col[j - period]` once candle j has been judged — the same update order as TA-Lib, which the
 * bit-exact match depends on (a total started elsewhere would round differently).
 */
export function initialTotal(col: Float64Array, s: CandleSetting, j: number): number {
  let total = 0;
  for (let m = j - s.period; m < j; m++) total += col[m];
  return total;
}

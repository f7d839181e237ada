import type { BarSeries } from '../bars';
import type { Indicators } from '../indicators';

export type Trend = 'up' | 'down' | 'flat';

/** Context stored on every detection (spec §5.1); a field is null when its inputs are not defined yet. */
export interface DetectionContext {
  readonly ema20_slope_atr: number | null;
  readonly trend: Trend;
  readonly adx: number | null;
  readonly volume_z: number | null;
  readonly volatility_pct: number | null;
  readonly dist_high_atr: number | null;
  readonly dist_low_atr: number | null;
}

/** (EMA20_t - EMA20_{t-5}) / (5·A_t). */
export function emaSlopeAtr(ind: Indicators, t: number): number | null {
  return defined((ind.ema20[t] - ind.ema20[t - 5]) / (5 * ind.atr14[t]));
}

/** Up or down when EMA20 moves more than 0.05 ATR per bar and ADX >= 20; flat otherwise. */
export function trendAt(ind: Indicators, t: number): Trend {
  const slope = emaSlopeAtr(ind, t);
  if (slope === null || !(ind.adx14[t] >= 20)) return 'flat';
  return slope > 0.05 ? 'up' : slope < -0.05 ? 'down' : 'flat';
}

export function contextAt(bars: BarSeries, ind: Indicators, t: number): DetectionContext {
  const a = ind.atr14[t];
  const c = bars.close[t];
  let dist_high_atr: number | null = null;
  let dist_low_atr: number | null = null;
  if (t >= 49) {
    let hi = bars.high[t];
    let lo = bars.low[t];
    for (let i = t - 49; i < t; i++) {
      hi = Math.max(hi, bars.high[i]);
      lo = Math.min(lo, bars.low[i]);
    }
    dist_high_atr = defined((hi - c) / a);
    dist_low_atr = defined((c - lo) / a);
  }
  return {
    ema20_slope_atr: emaSlopeAtr(ind, t),
    trend: trendAt(ind, t),
    adx: defined(ind.adx14[t]),
    volume_z: defined(ind.volz20[t]),
    volatility_pct: volatilityPercentile(bars, ind, t),
    dist_high_atr,
    dist_low_atr,
  };
}

/** Share of the 100 values ATR/C at t-99..t that are <= the current one. */
function volatilityPercentile(bars: BarSeries, ind: Indicators, t: number): number | null {
  if (t < 99) return null;
  const current = ind.atr14[t] / bars.close[t];
  let count = 0;
  for (let i = t - 99; i <= t; i++) {
    const v = ind.atr14[i] / bars.close[i];
    if (!Number.isFinite(v)) return null;
    if (v <= current) count++;
  }
  return count / 100;
}

/** Undefined results are null, never NaN or Infinity (spec §0). */
function defined(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

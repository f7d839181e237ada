import { type BarSeries, computeIndicators, contextAt } from '@tx/domain';

/** Four decimals; null for NaN or infinity. */
export const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

/** Volume of bar t against the mean of the 20 bars before it; null without 20 of them or with a zero mean. */
export function volumeRatio(bars: BarSeries, t: number) {
  if (t < 20) return null;
  let sum = 0;
  for (let i = t - 20; i < t; i++) sum += bars.volume[i];
  return sum > 0 ? r4(bars.volume[t] / (sum / 20)) : null;
}

/** The volatility regime of an ATR/close percentile: its top or bottom fifth. */
export function regimeOf(volatilityPct: number | null) {
  if (volatilityPct === null) return null;
  return volatilityPct >= 0.8 ? 'high_volatility' : volatilityPct <= 0.2 ? 'low_volatility' : 'normal';
}

/**
 * The `market_context` of api.md (detect-enhanced) at the last bar: trend as the detection context defines it
 * (EMA20 slope and ADX, domain §5.1; `flat` is the contract's `sideways`), RSI14, ATR14, volume against its 20-bar
 * mean, and a volatility regime from the ATR/close percentile of the last 100 bars (top or bottom fifth).
 */
export function marketContext(bars: BarSeries) {
  const t = bars.time.length - 1;
  const ind = computeIndicators(bars);
  const ctx = contextAt(bars, ind, t);
  return {
    trend: ctx.trend === 'flat' ? 'sideways' : ctx.trend,
    rsi14: r4(ind.rsi14[t]),
    atr14: r4(ind.atr14[t]),
    volume_ratio: volumeRatio(bars, t),
    regime: regimeOf(ctx.volatility_pct),
  };
}

import { type BarSeries, computeIndicators, contextAt } from '@tx/domain';

const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

/**
 * The `market_context` of api.md (detect-enhanced) at the last bar: trend as the detection context defines it
 * (EMA20 slope and ADX, domain §5.1; `flat` is the contract's `sideways`), RSI14, ATR14, volume against its 20-bar
 * mean, and a volatility regime from the ATR/close percentile of the last 100 bars (top or bottom fifth).
 */
export function marketContext(bars: BarSeries) {
  const t = bars.time.length - 1;
  const ind = computeIndicators(bars);
  const ctx = contextAt(bars, ind, t);
  let avgVolume = Number.NaN;
  if (t >= 20) {
    let sum = 0;
    for (let i = t - 20; i < t; i++) sum += bars.volume[i];
    avgVolume = sum / 20;
  }
  const v = ctx.volatility_pct;
  return {
    trend: ctx.trend === 'flat' ? 'sideways' : ctx.trend,
    rsi14: r4(ind.rsi14[t]),
    atr14: r4(ind.atr14[t]),
    volume_ratio: avgVolume > 0 ? r4(bars.volume[t] / avgVolume) : null,
    regime: v === null ? null : v >= 0.8 ? 'high_volatility' : v <= 0.2 ? 'low_volatility' : 'normal',
  };
}

import { SL_ATR, TP_ATR } from '../labeling';
import { wilsonInterval } from './wilson';

export interface RiskLevels {
  readonly entry: number;
  readonly stop_loss: number;
  readonly take_profit: number;
  readonly rr: number;
}

/** Risk suggestions on the label barriers so an alert and its label agree (spec §8): entry C_t, 1 ATR stop, 2 ATR target. */
export function riskLevels(price: number, direction: 1 | -1, atr: number): RiskLevels {
  const stop = price - direction * SL_ATR * atr;
  const target = price + direction * TP_ATR * atr;
  return { entry: price, stop_loss: stop, take_profit: target, rr: Math.abs(target - price) / Math.abs(price - stop) };
}

export interface ExplanationInput {
  readonly patternName: string;
  readonly direction: 1 | -1;
  readonly symbol: string;
  readonly timeframe: string;
  readonly barTime: string;
  readonly confidence: number;
  readonly source: 'model' | 'prior';
  readonly modelVersion: number | null;
  readonly prior: { w: number; n: number } | null;
  readonly context: {
    trend: string;
    adx: number | null;
    volume_z: number | null;
    volatility_pct: number | null;
  };
  readonly patternKey: string;
  readonly assetClass: string;
  /** Labelled history of the pattern key on this timeframe and asset class. */
  readonly history: { wins: number; n: number };
}

const fmt = (x: number | null, dp = 1) => (x === null ? 'n/a' : x.toFixed(dp));

/** The deterministic explanation template of spec §8 (sentiment is appended elsewhere, only when available). */
export function alertExplanation(e: ExplanationInput): string {
  const pct = Math.round(1000 * e.confidence) / 10;
  const basis =
    e.source === 'model' ? `model v${e.modelVersion ?? '?'}` : `prior: ${e.prior?.w ?? 0} of ${e.prior?.n ?? 0}`;
  const ci = wilsonInterval(e.history.wins, e.history.n);
  const rate = e.history.n > 0 ? fmt((100 * e.history.wins) / e.history.n) : 'n/a';
  const range = ci ? `${fmt(100 * ci.low)}–${fmt(100 * ci.high)}%` : 'n/a';
  return (
    `${e.patternName} (${e.direction === 1 ? 'bullish' : 'bearish'}) on ${e.symbol} ${e.timeframe}, bar ${e.barTime}. ` +
    `Confidence ${pct}% (${basis}). Trend ${e.context.trend}, ADX ${fmt(e.context.adx)}, volume z ` +
    `${fmt(e.context.volume_z, 2)}, volatility percentile ${fmt(e.context.volatility_pct, 2)}. ` +
    `Past ${e.patternKey} on ${e.timeframe}/${e.assetClass}: hit rate ${rate}% (95% CI ${range}, n = ${e.history.n}).`
  );
}

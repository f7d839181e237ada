import type { BarSeries } from '../bars';
import { adx } from './adx';
import { atr } from './atr';
import { bbands } from './bbands';
import { ema } from './ema';
import { macd } from './macd';
import { obv } from './obv';
import { rsi } from './rsi';
import { reuseSeries } from './series';
import { sma } from './sma';
import { stoch } from './stoch';
import { volz } from './volz';

/** Every indicator the detectors and context read, computed once per series and shared (NaN before lookback). */
export interface Indicators {
  readonly sma20: Float64Array;
  readonly sma50: Float64Array;
  readonly sma200: Float64Array;
  readonly ema20: Float64Array;
  readonly ema50: Float64Array;
  readonly rsi14: Float64Array;
  readonly atr14: Float64Array;
  readonly adx14: Float64Array;
  readonly plusDi14: Float64Array;
  readonly minusDi14: Float64Array;
  readonly macd: Float64Array;
  readonly macdSignal: Float64Array;
  readonly macdHist: Float64Array;
  readonly bbUpper: Float64Array;
  readonly bbMiddle: Float64Array;
  readonly bbLower: Float64Array;
  readonly stochK: Float64Array;
  readonly stochD: Float64Array;
  readonly obv: Float64Array;
  readonly volz20: Float64Array;
}

export function computeIndicators(bars: BarSeries): Indicators {
  const { close } = bars;
  const directional = adx(bars, 14);
  const m = macd(close, 12, 26, 9);
  const bb = bbands(close, 20, 2);
  const st = stoch(bars, 14, 3, 3);
  return {
    sma20: bb.middle,
    sma50: sma(close, 50),
    sma200: sma(close, 200),
    ema20: ema(close, 20),
    ema50: ema(close, 50),
    rsi14: rsi(close, 14),
    atr14: atr(bars, 14),
    adx14: directional.adx,
    plusDi14: directional.plusDi,
    minusDi14: directional.minusDi,
    macd: m.macd,
    macdSignal: m.signal,
    macdHist: m.hist,
    bbUpper: bb.upper,
    bbMiddle: bb.middle,
    bbLower: bb.lower,
    stochK: st.k,
    stochD: st.d,
    obv: obv(bars),
    volz20: volz(bars.volume, 20),
  };
}

/** The indicator columns the chart rules read (spec §4.2). */
export type ChartIndicators = Pick<
  Indicators,
  'sma50' | 'sma200' | 'atr14' | 'rsi14' | 'macd' | 'macdSignal' | 'macdHist' | 'bbUpper' | 'bbLower'
>;

/** The columns TA-Lib's reference output has (../shared/reference/talib), SMA20 being the Bollinger middle. */
export type ReferenceIndicator =
  | 'sma20'
  | 'ema20'
  | 'rsi14'
  | 'atr14'
  | 'adx14'
  | 'macd'
  | 'macdSignal'
  | 'macdHist'
  | 'bbUpper'
  | 'bbMiddle'
  | 'bbLower'
  | 'stochK'
  | 'stochD'
  | 'obv';

/**
 * The chart rules' columns, and the non-NaN count of every reference column (what `tx detect --counts` prints),
 * without keeping the columns only counted: those (and MACD's slow EMA) are computed into three shared scratch
 * columns, each counted before the next overwrites it, and indicators nobody counts or reads (EMA50, volume z-score) are not computed.
 */
export function countReferenceIndicators(bars: BarSeries): {
  chart: ChartIndicators;
  counts: Record<ReferenceIndicator, number>;
} {
  const { close } = bars;
  const scratch = [0, 1, 2].map(() => new Float64Array(bars.length));
  const bb = bbands(close, 20, 2, scratch);
  const sma20 = countDefined(bb.middle); // the middle band, in scratch[0] until MACD's slow EMA overwrites it
  const m = macd(close, 12, 26, 9, scratch);
  const chart: ChartIndicators = {
    sma50: sma(close, 50),
    sma200: sma(close, 200),
    atr14: atr(bars, 14),
    rsi14: rsi(close, 14),
    macd: m.macd,
    macdSignal: m.signal,
    macdHist: m.hist,
    bbUpper: bb.upper,
    bbLower: bb.lower,
  };
  const ema20 = countDefined(ema(close, 20, 0, reuseSeries(scratch[0], 19)));
  const obvCount = countDefined(obv(bars, scratch[0]));
  const adx14 = countDefined(adx(bars, 14, scratch).adx);
  const st = stoch(bars, 14, 3, 3, scratch);
  return {
    chart,
    counts: {
      sma20,
      ema20,
      rsi14: countDefined(chart.rsi14),
      atr14: countDefined(chart.atr14),
      adx14,
      macd: countDefined(chart.macd),
      macdSignal: countDefined(chart.macdSignal),
      macdHist: countDefined(chart.macdHist),
      bbUpper: countDefined(chart.bbUpper),
      bbMiddle: sma20,
      bbLower: countDefined(chart.bbLower),
      stochK: countDefined(st.k),
      stochD: countDefined(st.d),
      obv: obvCount,
    },
  };
}

function countDefined(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  return count;
}

import type { BarSeries } from '../bars';
import { adx } from './adx';
import { atr } from './atr';
import { bbands } from './bbands';
import { ema } from './ema';
import { macd } from './macd';
import { obv } from './obv';
import { rsi } from './rsi';
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

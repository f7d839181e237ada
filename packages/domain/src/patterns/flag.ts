import type { BarSeries } from '../bars';
import { type Direction, measuredRule, type PatternInput } from './types';

/**
 * Bull flag (sign +1) or bear flag (sign -1), spec §4.7, written for the bull flag and applied to negated prices
 * for the bear: a pole of >= 3 ATR into bar p, a 5-15 bar flag that gives back at most half of it without
 * sloping with the pole, and a close at t beyond every extreme since p. The shortest matching flag wins.
 */
function flagStrength({ bars, ind }: PatternInput, t: number, sign: Direction): number {
  const high = sign === 1 ? bars.high : bars.low;
  const low = sign === 1 ? bars.low : bars.high;
  const close = bars.close;
  const c = sign * close[t];
  if (!(c > sign * high[t - 1])) return Number.NaN; // the breakout must clear at least H_{t-1}
  let flagHigh = sign * high[t - 1];
  let flagLow = sign * low[t - 1];
  for (let x = t - 2; x >= t - 5; x--) {
    flagHigh = Math.max(flagHigh, sign * high[x]);
    flagLow = Math.min(flagLow, sign * low[x]);
  }
  for (let f = 5; f <= 15; f++) {
    const p = t - f - 1;
    if (p < 10) break;
    const poleTop = sign * close[p];
    flagHigh = Math.max(flagHigh, sign * high[p]); // breakout level spans p..t-1
    if (!(c > flagHigh)) break; // it only rises with f
    const gain = poleGain(bars, sign, p);
    if (gain >= 3 * ind.atr14[p] && flagLow >= poleTop - 0.5 * gain && !(sign * slope(close, p + 1, t) > 0)) {
      return gain / (6 * ind.atr14[p]);
    }
    flagLow = Math.min(flagLow, sign * low[p]); // the flag of the next f starts at p
  }
  return Number.NaN;
}

/** C_p - min(L_{p-10..p}) when C_p is the highest close of p-10..p, else NaN. */
function poleGain(bars: BarSeries, sign: number, p: number): number {
  const low = sign === 1 ? bars.low : bars.high;
  const top = sign * bars.close[p];
  let bottom = sign * low[p];
  for (let x = p - 10; x < p; x++) {
    if (sign * bars.close[x] > top) return Number.NaN;
    bottom = Math.min(bottom, sign * low[x]);
  }
  return top - bottom;
}

/** Sign-relevant OLS slope numerator of close[from..to) against bar number (the denominator is positive). */
function slope(close: Float64Array, from: number, to: number): number {
  const n = to - from;
  let sum = 0;
  for (let x = from; x < to; x++) sum += close[x];
  const mean = sum / n;
  const mid = (n - 1) / 2;
  let num = 0;
  for (let x = from; x < to; x++) num += (x - from - mid) * (close[x] - mean);
  return num;
}

export const bullFlag = measuredRule('bull_flag', 1, 20, (input, t) => flagStrength(input, t, 1));
export const bearFlag = measuredRule('bear_flag', -1, 20, (input, t) => flagStrength(input, t, -1));

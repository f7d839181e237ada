import { ema } from './ema';
import { emptySeries } from './series';

export interface MacdResult {
  readonly macd: Float64Array;
  readonly signal: Float64Array;
  readonly hist: Float64Array;
}

/**
 * TA-Lib MACD, quirk included: both EMAs start where the slow one does (index slow-1), so the fast EMA is seeded
 * with the mean of the `fast` values ending there, not of the first `fast` values. All outputs start at
 * slow + signal - 2.
 */
export function macd(close: Float64Array, fast = 12, slow = 26, signalPeriod = 9): MacdResult {
  const len = close.length;
  const first = slow + signalPeriod - 2;
  const result = { macd: emptySeries(len), signal: emptySeries(len), hist: emptySeries(len) };
  if (len <= first) return result;
  const line = ema(close, fast, emptySeries(len), slow - fast);
  const slowEma = ema(close, slow);
  for (let i = slow - 1; i < len; i++) line[i] -= slowEma[i];
  const signal = ema(line, signalPeriod, emptySeries(len), slow - 1);
  for (let i = first; i < len; i++) {
    result.macd[i] = line[i];
    result.signal[i] = signal[i];
    result.hist[i] = line[i] - signal[i];
  }
  return result;
}

import { ema } from './ema';
import { emptySeries, outputColumn, type Scratch } from './series';

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
export function macd(close: Float64Array, fast = 12, slow = 26, signalPeriod = 9, scratch?: Scratch): MacdResult {
  const len = close.length;
  const first = slow + signalPeriod - 2;
  const line = ema(close, fast, slow - fast);
  // The slow EMA is only subtracted from the fast one: scratch[0], when given, holds it.
  const slowEma = ema(close, slow, 0, outputColumn(len, scratch)(0, slow - 1));
  for (let i = slow - 1; i < len; i++) line[i] -= slowEma[i];
  const signal = ema(line, signalPeriod, slow - 1);
  const hist = emptySeries(len, first);
  for (let i = first; i < len; i++) hist[i] = line[i] - signal[i];
  line.fill(Number.NaN, 0, Math.min(first, len)); // reported from the signal's first bar only
  return { macd: line, signal, hist };
}

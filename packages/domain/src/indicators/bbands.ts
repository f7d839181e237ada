import { emptySeries, outputColumn, type Scratch } from './series';
import { sma } from './sma';

export interface BbandsResult {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/**
 * TA-Lib BBANDS over an SMA: σ² = running mean of squares minus the squared SMA (0 when below 1e-14), bands at
 * middle ± k·σ.
 */
export function bbands(close: Float64Array, n = 20, k = 2, scratch?: Scratch): BbandsResult {
  const len = close.length;
  // Only the bands need keeping when the middle (the SMA) is just counted: scratch[0], when given, holds it.
  const middle = sma(close, n, outputColumn(len, scratch)(0, n - 1));
  const result = { upper: emptySeries(len, n - 1), middle, lower: emptySeries(len, n - 1) };
  if (len < n) return result;
  let squares = 0;
  for (let i = 0; i < n - 1; i++) squares += close[i] * close[i];
  for (let i = n - 1; i < len; i++) {
    squares += close[i] * close[i];
    let variance = squares / n;
    const trailing = close[i - n + 1];
    squares -= trailing * trailing;
    variance -= middle[i] * middle[i];
    const width = (variance < 1e-14 ? 0 : Math.sqrt(variance)) * k;
    result.upper[i] = middle[i] + width;
    result.lower[i] = middle[i] - width;
  }
  return result;
}

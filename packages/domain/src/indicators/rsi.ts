import { emptySeries, isZero } from './series';

/** Wilder RSI in TA-Lib's order: average gain/loss seeded as sums over n changes, then smoothed. */
export function rsi(close: Float64Array, n = 14): Float64Array {
  const out = emptySeries(close.length, n);
  if (close.length <= n) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const d = close[i] - close[i - 1];
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= n;
  gain /= n;
  out[n] = ratio(gain, loss);
  for (let i = n + 1; i < close.length; i++) {
    const d = close[i] - close[i - 1];
    loss *= n - 1;
    gain *= n - 1;
    if (d < 0) loss -= d;
    else gain += d;
    loss /= n;
    gain /= n;
    out[i] = ratio(gain, loss);
  }
  return out;
}

function ratio(gain: number, loss: number): number {
  const total = gain + loss;
  return isZero(total) ? 0 : 100 * (gain / total);
}

import { emptySeries } from './series';

/**
 * TA-Lib EMA seeded with the mean of x[seedStart..seedStart+n-1] (so the first value is at seedStart+n-1).
 * MACD seeds its fast EMA later than index 0; everything else uses seedStart = 0.
 */
export function ema(
  x: Float64Array,
  n: number,
  seedStart = 0,
  out = emptySeries(x.length, seedStart + n - 1),
): Float64Array {
  const first = seedStart + n - 1;
  if (x.length <= first) return out;
  const k = 2 / (n + 1);
  let total = 0;
  for (let i = seedStart; i <= first; i++) total += x[i];
  let prev = total / n;
  out[first] = prev;
  for (let i = first + 1; i < x.length; i++) {
    prev = (x[i] - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}

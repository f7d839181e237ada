import { emptySeries } from './series';

/** TA-Lib SMA: running total seeded with the first n-1 values; add the new value, divide, drop the trailing one. */
export function sma(x: Float64Array, n: number, out = emptySeries(x.length, n - 1)): Float64Array {
  if (x.length < n) return out;
  let total = 0;
  for (let i = 0; i < n - 1; i++) total += x[i];
  for (let i = n - 1, trailing = 0; i < x.length; i++, trailing++) {
    total += x[i];
    out[i] = total / n;
    total -= x[trailing];
  }
  return out;
}

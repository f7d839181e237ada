import type { BarSeries } from '../bars';
import { trueRange } from './atr';
import { isZero, outputColumn, type Scratch } from './series';

export interface AdxResult {
  readonly adx: Float64Array;
  readonly plusDi: Float64Array;
  readonly minusDi: Float64Array;
}

/**
 * Wilder ADX, +DI and -DI in one pass with TA-Lib's order of operations: DM and TR sums over bars 1..n-1, then
 * S = S - S/n + v from bar n; DX summed over bars n..2n-1 for the first ADX, then smoothed. A bar whose TR sum or
 * DI sum is (near) zero adds no DX and leaves ADX unchanged.
 */
export function adx(bars: BarSeries, n = 14, scratch?: Scratch): AdxResult {
  const len = bars.length;
  const column = outputColumn(len, scratch);
  const result = { adx: column(0, 2 * n - 1), plusDi: column(1, n), minusDi: column(2, n) };
  if (len <= n) return result;
  const { high, low, close } = bars;
  let plusDm = 0;
  let minusDm = 0;
  let tr = 0;
  let sumDx = 0;
  let prevAdx = 0;
  for (let i = 1; i < len; i++) {
    const up = high[i] - high[i - 1];
    const down = low[i - 1] - low[i];
    const range = trueRange(high[i], low[i], close[i - 1]);
    if (i < n) {
      if (down > 0 && up < down) minusDm += down;
      else if (up > 0 && up > down) plusDm += up;
      tr += range;
      continue;
    }
    minusDm -= minusDm / n;
    plusDm -= plusDm / n;
    if (down > 0 && up < down) minusDm += down;
    else if (up > 0 && up > down) plusDm += up;
    tr = tr - tr / n + range;
    let dx = Number.NaN;
    if (isZero(tr)) {
      result.plusDi[i] = 0;
      result.minusDi[i] = 0;
    } else {
      const minus = 100 * (minusDm / tr);
      const plus = 100 * (plusDm / tr);
      result.plusDi[i] = plus;
      result.minusDi[i] = minus;
      const sum = minus + plus;
      if (!isZero(sum)) dx = 100 * (Math.abs(minus - plus) / sum);
    }
    if (i < 2 * n - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
      continue;
    }
    if (i === 2 * n - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
      prevAdx = sumDx / n;
    } else if (!Number.isNaN(dx)) {
      prevAdx = (prevAdx * (n - 1) + dx) / n;
    }
    result.adx[i] = prevAdx;
  }
  return result;
}

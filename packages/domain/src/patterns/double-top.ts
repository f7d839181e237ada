import { availableEnd, firstPivotFrom, PIVOT_HORIZON } from './pivots';
import { type Direction, measuredRule, type PatternInput } from './types';

/**
 * Double top (sign +1) or bottom (sign -1), spec §4.4. Written for the top; the bottom is the same rule on the
 * negated prices (peaks ← -lows, troughs ← -highs, close ← -close), so both stay exactly in step.
 */
function doubleExtreme({ bars, ind, pivots }: PatternInput, t: number, sign: Direction): number {
  const peak = sign === 1 ? bars.high : bars.low;
  const trough = sign === 1 ? bars.low : bars.high;
  const side = sign === 1 ? pivots.highs : pivots.lows;
  const list = side.at;
  const close = bars.close;
  const a = ind.atr14[t];
  const c = sign * close[t];
  const start = firstPivotFrom(side, t - PIVOT_HORIZON);
  const end = availableEnd(side, t);
  for (let k2 = end - 1; k2 > start && t - list[k2] <= 30; k2--) {
    const j2 = list[k2];
    const p2 = sign * peak[j2];
    for (let k1 = k2 - 1; k1 >= start && j2 - list[k1] <= 60; k1--) {
      const j1 = list[k1];
      const p1 = sign * peak[j1];
      if (j2 - j1 < 10 || !(Math.abs(p1 - p2) <= 0.5 * a)) continue;
      const lower = Math.min(p1, p2);
      const upper = Math.max(p1, p2);
      if (!(c < lower - 2 * a)) continue; // the neckline lies at least 2 ATR under the lower peak
      let neck = Number.POSITIVE_INFINITY;
      let s = j1 + 1;
      for (; s < j2 && sign * peak[s] < lower; s++) neck = Math.min(neck, sign * trough[s]);
      if (s < j2) continue; // a bar between the peaks reaches the lower one
      if (!(lower - neck >= 2 * a && c < neck)) continue;
      if (firstBelow(close, sign, neck, j2 + 5, t) && noneAbove(peak, sign, upper, j2 + 1, t)) {
        return Math.abs(c - neck) / a;
      }
    }
  }
  return Number.NaN;
}

/** Close t is the first close at or after `from` below the neckline (later bars do not re-confirm). */
function firstBelow(close: Float64Array, sign: number, neck: number, from: number, t: number): boolean {
  if (t < from) return false;
  for (let s = from; s < t; s++) if (sign * close[s] < neck) return false;
  return true;
}

function noneAbove(peak: Float64Array, sign: number, level: number, from: number, t: number): boolean {
  for (let s = from; s <= t; s++) if (sign * peak[s] > level) return false;
  return true;
}

export const doubleTop = measuredRule('double_top', -1, 14, (input, t) => doubleExtreme(input, t, 1));
export const doubleBottom = measuredRule('double_bottom', 1, 14, (input, t) => doubleExtreme(input, t, -1));

import { availableEnd, firstPivotFrom, linePoint, PIVOT_HORIZON } from './pivots';
import { type Direction, measuredRule, type PatternInput } from './types';

/**
 * Head and shoulders (sign +1) or its inverse (sign -1), spec §4.5, written for the top and applied to negated
 * prices for the inverse. Tries the latest qualifying triple of consecutive pivots first.
 */
function headShoulders({ bars, ind, pivots }: PatternInput, t: number, sign: Direction): number {
  const peak = sign === 1 ? bars.high : bars.low;
  const trough = sign === 1 ? bars.low : bars.high;
  const side = sign === 1 ? pivots.highs : pivots.lows;
  const list = side.at;
  const close = bars.close;
  const a = ind.atr14[t];
  const start = firstPivotFrom(side, t - PIVOT_HORIZON);
  const end = availableEnd(side, t);
  for (let k3 = end - 1; k3 >= start + 2 && t - list[k3] <= 30; k3--) {
    const j1 = list[k3 - 2];
    const j2 = list[k3 - 1];
    const j3 = list[k3];
    const left = j2 - j1;
    const right = j3 - j2;
    if (left < 5 || right < 5 || right > 2 * left || 2 * right < left || j3 - j1 > 100 || t < j3 + 5) continue;
    const head = sign * peak[j2];
    const s1 = sign * peak[j1];
    const s3 = sign * peak[j3];
    if (!(head >= Math.max(s1, s3) + 0.5 * a && Math.abs(s1 - s3) <= a)) continue;
    const m1 = lowestIndex(trough, sign, j1 + 1, j2);
    const m2 = lowestIndex(trough, sign, j2 + 1, j3);
    const n1 = sign * trough[m1];
    const n2 = sign * trough[m2];
    if (!(Math.min(s1, s3) - Math.max(n1, n2) >= a)) continue;
    const neckT = linePoint(m1, n1, m2, n2, t);
    if (!(sign * close[t] < neckT)) continue;
    let valid = true;
    for (let s = j3 + 1; s <= t && valid; s++) valid = !(sign * peak[s] > head);
    for (let s = j3 + 5; s < t && valid; s++) valid = !(sign * close[s] < linePoint(m1, n1, m2, n2, s));
    if (valid) return Math.abs(sign * close[t] - neckT) / a;
  }
  return Number.NaN;
}

/** argmin of sign·x over [from, to), the latest index on ties. */
function lowestIndex(x: Float64Array, sign: number, from: number, to: number): number {
  let best = from;
  for (let s = from + 1; s < to; s++) if (sign * x[s] <= sign * x[best]) best = s;
  return best;
}

export const headAndShoulders = measuredRule('head_shoulders', -1, 14, (input, t) => headShoulders(input, t, 1));
export const inverseHeadAndShoulders = measuredRule('inverse_head_shoulders', 1, 14, (input, t) =>
  headShoulders(input, t, -1),
);

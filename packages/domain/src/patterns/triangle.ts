import { availableRange } from './pivots';
import { type ChartRule, capStrength, type Direction, type Hit, type PatternInput } from './types';

type Kind = 'ascending' | 'descending' | 'symmetrical';

/** Slopes in ATR per bar: flat within ±0.02, rising from 0.03, falling from -0.03 (spec §4.6). */
const FLAT = 0.02;
const SLOPED = 0.03;
const BAND_ATR = 0.25;

/**
 * The triangle of spec §4.6 breaking out at t, or null: the last two available pivot highs and lows (all within
 * 60 bars) define the upper and lower lines; the closes since the start stayed inside them (± 0.25 ATR).
 */
function triangleBreakout({ bars, ind, pivots }: PatternInput, t: number): { kind: Kind; hit: Hit } | null {
  const a = ind.atr14[t];
  const [hs, he] = availableRange(pivots.highs, t, t - 60);
  const [ls, le] = availableRange(pivots.lows, t, t - 60);
  if (he - hs < 2 || le - ls < 2) return null;
  const a1 = pivots.highs[he - 2];
  const a2 = pivots.highs[he - 1];
  const b1 = pivots.lows[le - 2];
  const b2 = pivots.lows[le - 1];
  const s = Math.min(a1, b1);
  if (t - s < 15) return null;
  const { high, low, close } = bars;
  const su = (high[a2] - high[a1]) / ((a2 - a1) * a);
  const sl = (low[b2] - low[b1]) / ((b2 - b1) * a);
  const kind = classify(su, sl);
  if (kind === null) return null;
  const upper = (x: number) => high[a1] + ((high[a2] - high[a1]) * (x - a1)) / (a2 - a1);
  const lower = (x: number) => low[b1] + ((low[b2] - low[b1]) * (x - b1)) / (b2 - b1);
  if (!(upper(s) - lower(s) >= 2 * a && upper(t) > lower(t))) return null;
  const c = close[t];
  let direction: Direction;
  if (kind !== 'descending' && c > upper(t) + BAND_ATR * a) direction = 1;
  else if (kind !== 'ascending' && c < lower(t) - BAND_ATR * a) direction = -1;
  else return null;
  for (let x = s + 1; x < t; x++) {
    if (!(close[x] >= lower(x) - BAND_ATR * a && close[x] <= upper(x) + BAND_ATR * a)) return null;
  }
  const line = direction === 1 ? upper(t) : lower(t);
  return { kind, hit: { direction, strength: capStrength(Math.abs(c - line) / a) } };
}

function classify(su: number, sl: number): Kind | null {
  const upperFlat = Math.abs(su) <= FLAT;
  const lowerFlat = Math.abs(sl) <= FLAT;
  if (upperFlat && sl >= SLOPED) return 'ascending';
  if (su <= -SLOPED && lowerFlat) return 'descending';
  if (su <= -SLOPED && sl >= SLOPED) return 'symmetrical';
  return null;
}

function rule(kind: Kind): ChartRule {
  return {
    id: `triangle_${kind}`,
    family: 'chart',
    lookback: 14,
    evaluate(input, t) {
      const found = triangleBreakout(input, t);
      return found?.kind === kind ? found.hit : null;
    },
  };
}

export const triangleAscending = rule('ascending');
export const triangleDescending = rule('descending');
export const triangleSymmetrical = rule('symmetrical');

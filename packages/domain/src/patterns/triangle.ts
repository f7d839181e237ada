import { availableEnd, firstPivotFrom, linePoint } from './pivots';
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
  const { highs, lows } = pivots;
  const he = availableEnd(highs, t);
  const le = availableEnd(lows, t);
  if (he - firstPivotFrom(highs, t - 60) < 2 || le - firstPivotFrom(lows, t - 60) < 2) return null;
  const a1 = highs.at[he - 2];
  const a2 = highs.at[he - 1];
  const b1 = lows.at[le - 2];
  const b2 = lows.at[le - 1];
  const s = Math.min(a1, b1);
  if (t - s < 15) return null;
  const { high, low, close } = bars;
  const su = (high[a2] - high[a1]) / ((a2 - a1) * a);
  const sl = (low[b2] - low[b1]) / ((b2 - b1) * a);
  const kind = classify(su, sl);
  if (kind === null) return null;
  const h1 = high[a1];
  const h2 = high[a2];
  const l1 = low[b1];
  const l2 = low[b2];
  const upperT = linePoint(a1, h1, a2, h2, t);
  const lowerT = linePoint(b1, l1, b2, l2, t);
  if (!(linePoint(a1, h1, a2, h2, s) - linePoint(b1, l1, b2, l2, s) >= 2 * a && upperT > lowerT)) return null;
  const c = close[t];
  let direction: Direction;
  if (kind !== 'descending' && c > upperT + BAND_ATR * a) direction = 1;
  else if (kind !== 'ascending' && c < lowerT - BAND_ATR * a) direction = -1;
  else return null;
  for (let x = s + 1; x < t; x++) {
    const inside =
      close[x] >= linePoint(b1, l1, b2, l2, x) - BAND_ATR * a &&
      close[x] <= linePoint(a1, h1, a2, h2, x) + BAND_ATR * a;
    if (!inside) return null;
  }
  const line = direction === 1 ? upperT : lowerT;
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

const KINDS: readonly Kind[] = ['ascending', 'descending', 'symmetrical'];
/** Per-bar memo codes: not evaluated yet, no triangle, else 2 + the kind's index in KINDS. */
const UNKNOWN = 0;
const NONE = 1;

/**
 * The three triangle rules ask about the same bars (each scanning the series on its own): the geometry of a bar
 * is evaluated once per series and remembered, the hit kept only for the rare bars that have one.
 */
interface Memo {
  readonly codes: Uint8Array;
  readonly hits: Map<number, Hit>;
}
const memo = new WeakMap<PatternInput, Memo>();

function rule(kind: Kind): ChartRule {
  const own = 2 + KINDS.indexOf(kind);
  return {
    id: `triangle_${kind}`,
    family: 'chart',
    lookback: 14,
    evaluate(input, t) {
      let m = memo.get(input);
      if (m === undefined) {
        m = { codes: new Uint8Array(input.bars.length), hits: new Map() };
        memo.set(input, m);
      }
      let code = m.codes[t];
      if (code === UNKNOWN) {
        const found = triangleBreakout(input, t);
        code = found === null ? NONE : 2 + KINDS.indexOf(found.kind);
        m.codes[t] = code;
        if (found !== null) m.hits.set(t, found.hit);
      }
      return code === own ? (m.hits.get(t) as Hit) : null;
    },
  };
}

export const triangleAscending = rule('ascending');
export const triangleDescending = rule('descending');
export const triangleSymmetrical = rule('symmetrical');

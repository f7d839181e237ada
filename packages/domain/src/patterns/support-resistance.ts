import { availableEnd, firstPivotFrom } from './pivots';
import { type ChartRule, capStrength, type PatternInput } from './types';

/** Levels use available pivots from t-100 to t-5; a cluster spans 0.5 ATR; a break must clear the level by 0.25 ATR. */
const LEVEL_HORIZON = 100;
const CLUSTER_ATR = 0.5;
const BREAK_ATR = 0.25;

/**
 * The levels that close t-1 had not broken and close t has, by the greedy clustering of §4.3: pivots sorted from
 * the level's near side outwards (`sign` +1: highs ascending; -1: lows descending), a pivot joining while within
 * 0.5 ATR of the cluster's first; levels of >= 2 pivots sit at the cluster's far extreme. Returns the extreme
 * breached level (highest resistance, lowest support) or NaN. Prices are multiplied by `sign` so one loop
 * serves both sides.
 */
/** Pivots in a 96-bar window: at most one every 6 bars of each kind. */
const scratch = new Float64Array(64);
/** `levelViews[n]` is scratch's first n slots: a fresh subarray per evaluated bar cost more than the sort. */
const levelViews = Array.from({ length: scratch.length + 1 }, (_, n) => scratch.subarray(0, n));

function breaks(level: number, now: number, before: number, a: number): boolean {
  return now > level + BREAK_ATR * a && before <= level + BREAK_ATR * a;
}

function brokenLevel({ bars, ind, pivots }: PatternInput, t: number, sign: 1 | -1): number {
  const price = sign === 1 ? bars.high : bars.low;
  const side = sign === 1 ? pivots.highs : pivots.lows;
  const list = side.at;
  const a = ind.atr14[t];
  const now = sign * bars.close[t];
  const before = sign * bars.close[t - 1];
  const start = firstPivotFrom(side, t - LEVEL_HORIZON);
  const end = availableEnd(side, t);
  // A level price is some pivot's price; when no pivot price would count as broken there is nothing to cluster.
  let candidate = false;
  for (let i = start; i < end && !candidate; i++) candidate = breaks(sign * price[list[i]], now, before, a);
  if (!candidate) return Number.NaN;
  const levels = levelViews[end - start];
  for (let i = start; i < end; i++) levels[i - start] = sign * price[list[i]];
  levels.sort();
  let best = Number.NaN;
  for (let i = 0; i < levels.length; ) {
    let k = i + 1;
    while (k < levels.length && levels[k] - levels[i] <= CLUSTER_ATR * a) k++;
    const level = levels[k - 1];
    if (k - i >= 2 && breaks(level, now, before, a) && !(level <= best)) best = level;
    i = k;
  }
  return sign * best;
}

export const resistanceBreakout: ChartRule = {
  id: 'resistance_breakout',
  family: 'chart',
  lookback: 14,
  evaluate(input, t) {
    const r = brokenLevel(input, t, 1);
    if (Number.isNaN(r)) return null;
    return { direction: 1, strength: capStrength((input.bars.close[t] - r) / input.ind.atr14[t]) };
  },
};

export const supportBreakdown: ChartRule = {
  id: 'support_breakdown',
  family: 'chart',
  lookback: 14,
  evaluate(input, t) {
    const s = brokenLevel(input, t, -1);
    if (Number.isNaN(s)) return null;
    return { direction: -1, strength: capStrength((s - input.bars.close[t]) / input.ind.atr14[t]) };
  },
};

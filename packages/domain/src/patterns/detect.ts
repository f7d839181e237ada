import type { BarSeries } from '../bars';
import type { ChartIndicators } from '../indicators';
import { doubleBottom, doubleTop } from './double-top';
import { bearFlag, bullFlag } from './flag';
import { headAndShoulders, inverseHeadAndShoulders } from './head-shoulders';
import {
  bbBreakoutDown,
  bbBreakoutUp,
  deathCross,
  goldenCross,
  macdBearCross,
  macdBullCross,
  rsiOverbought,
  rsiOversold,
} from './indicator-rules';
import { findPivots } from './pivots';
import { resistanceBreakout, supportBreakdown } from './support-resistance';
import { triangleAscending, triangleDescending, triangleSymmetrical } from './triangle';
import type { ChartDetection, ChartRule, Hit, PatternInput } from './types';

/** Every chart and indicator rule of spec §4.2, in the table's order. */
export const CHART_RULES: readonly ChartRule[] = [
  goldenCross,
  deathCross,
  rsiOversold,
  rsiOverbought,
  macdBullCross,
  macdBearCross,
  bbBreakoutUp,
  bbBreakoutDown,
  resistanceBreakout,
  supportBreakdown,
  doubleTop,
  doubleBottom,
  headAndShoulders,
  inverseHeadAndShoulders,
  triangleAscending,
  triangleDescending,
  triangleSymmetrical,
  bullFlag,
  bearFlag,
];

/** A pattern detected within the previous 10 bars is not detected again (spec §4). */
export const REFRACTORY_BARS = 10;

/**
 * Chart and indicator detections confirmed on bars [from, to), in bar order then rule order. The refractory period
 * counts detections made in this call plus `lastDetected` (pattern id → bar index of its latest earlier detection),
 * which a caller evaluating a window supplies from its stored detections.
 */
export function detectChartPatterns(
  bars: BarSeries,
  ind: ChartIndicators,
  from = 0,
  to = bars.length,
  lastDetected: ReadonlyMap<string, number> = new Map(),
): ChartDetection[] {
  const input: PatternInput = { bars, ind, pivots: findPivots(bars) };
  const begin = Math.max(from, 1);
  const end = Math.min(to, bars.length);
  const perRule = CHART_RULES.map((rule) => {
    const hits: ChartDetection[] = [];
    const last = lastDetected.get(rule.id);
    const first = Math.max(begin, rule.lookback, last === undefined ? 0 : last + REFRACTORY_BARS + 1);
    scanRule(rule, input, first, end, (t, hit) =>
      hits.push({ patternId: rule.id, direction: hit.direction, barIndex: t, strength: hit.strength }),
    );
    return hits;
  });
  return mergeByBar(perRule);
}

/**
 * How many detections `detectChartPatterns(bars, ind)` makes per rule id (in CHART_RULES order), without building
 * them: on a million bars the ~200k detections kept to the end made the young-generation collections copy them.
 */
export function countChartPatterns(bars: BarSeries, ind: ChartIndicators): Map<string, number> {
  const input: PatternInput = { bars, ind, pivots: findPivots(bars) };
  return new Map(
    CHART_RULES.map((rule) => {
      let count = 0;
      scanRule(rule, input, Math.max(1, rule.lookback), bars.length, () => count++);
      return [rule.id, count];
    }),
  );
}

/**
 * Calls `found` for each bar of [first, end) where `rule` fires. A hit lets the scan jump past the refractory bars
 * instead of testing each of them. `first` must be an integer: a double t would be boxed at every call to evaluate.
 */
function scanRule(
  rule: ChartRule,
  input: PatternInput,
  first: number,
  end: number,
  found: (t: number, hit: Hit) => void,
): void {
  for (let t = first; t < end; t++) {
    const hit = rule.evaluate(input, t);
    if (hit === null) continue;
    found(t, hit);
    t += REFRACTORY_BARS;
  }
}

/** Merges per-rule lists (each in bar order) into bar order, ties in rule order. */
function mergeByBar(lists: ChartDetection[][]): ChartDetection[] {
  const out: ChartDetection[] = [];
  const next = new Int32Array(lists.length);
  for (;;) {
    let pick = -1;
    for (let r = 0; r < lists.length; r++) {
      const d = lists[r][next[r]];
      if (d !== undefined && (pick < 0 || d.barIndex < lists[pick][next[pick]].barIndex)) pick = r;
    }
    if (pick < 0) return out;
    out.push(lists[pick][next[pick]++]);
  }
}

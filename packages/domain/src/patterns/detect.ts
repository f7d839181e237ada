import type { BarSeries } from '../bars';
import type { Indicators } from '../indicators';
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
import type { ChartDetection, ChartRule, PatternInput } from './types';

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
  ind: Indicators,
  from = 0,
  to = bars.length,
  lastDetected: ReadonlyMap<string, number> = new Map(),
): ChartDetection[] {
  const input: PatternInput = { bars, ind, pivots: findPivots(bars) };
  const last = CHART_RULES.map((rule) => lastDetected.get(rule.id) ?? Number.NEGATIVE_INFINITY);
  const out: ChartDetection[] = [];
  for (let t = Math.max(from, 1); t < Math.min(to, bars.length); t++) {
    for (let r = 0; r < CHART_RULES.length; r++) {
      const rule = CHART_RULES[r];
      if (t < rule.lookback || t - last[r] <= REFRACTORY_BARS) continue;
      const hit = rule.evaluate(input, t);
      if (hit === null) continue;
      last[r] = t;
      out.push({ patternId: rule.id, direction: hit.direction, barIndex: t, strength: hit.strength });
    }
  }
  return out;
}

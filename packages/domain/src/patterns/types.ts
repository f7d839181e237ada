import type { BarSeries } from '../bars';
import type { ChartIndicators } from '../indicators';
import type { Pivots } from './pivots';

export type Direction = 1 | -1;

/** A chart or indicator pattern confirmed on the closed bar `barIndex` (spec §4). */
export interface ChartDetection {
  readonly patternId: string;
  readonly direction: Direction;
  readonly barIndex: number;
  readonly strength: number;
}

/** What every rule reads: the bars, the shared indicators and the pivots (used only once available). */
export interface PatternInput {
  readonly bars: BarSeries;
  readonly ind: ChartIndicators;
  readonly pivots: Pivots;
}

export interface Hit {
  readonly direction: Direction;
  readonly strength: number;
}

/** One pattern's rule: `evaluate` reads bars <= t only and says whether the pattern is confirmed at t. */
export interface ChartRule {
  readonly id: string;
  readonly family: 'indicator' | 'chart';
  /** First bar at which every input the rule reads can be defined. */
  readonly lookback: number;
  evaluate(input: PatternInput, t: number): Hit | null;
}

/** Strength is in [0,1]; an undefined ratio (0/0 on a flat series) counts as 0. */
export function capStrength(x: number): number {
  return x > 0 ? Math.min(1, x) : 0;
}

/**
 * A chart rule whose `measure` returns its raw strength at t, or NaN where the pattern is not confirmed: the shape
 * shared by double tops, head and shoulders and flags.
 */
export function measuredRule(
  id: string,
  direction: Direction,
  lookback: number,
  measure: (input: PatternInput, t: number) => number,
): ChartRule {
  return {
    id,
    family: 'chart',
    lookback,
    evaluate(input, t) {
      const strength = measure(input, t);
      return Number.isNaN(strength) ? null : { direction, strength: capStrength(strength) };
    },
  };
}

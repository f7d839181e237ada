import { CANDLE_PATTERNS, TWEEZER_PATTERNS } from './candles';
import { CHART_PATTERNS } from './chart';
import type { PatternInfo } from './types';

export type { CandleCategory, DirectionRule, Family, PatternExplanation, PatternInfo } from './types';

const ALL: readonly PatternInfo[] = [...CANDLE_PATTERNS, ...TWEEZER_PATTERNS, ...CHART_PATTERNS];
const BY_ID = new Map(ALL.map((p) => [p.id, p]));
const BY_SOURCE = new Map(ALL.map((p) => [p.source, p]));

/** Every pattern TX detects: the 61 TA-Lib candles, the two tweezers, then the chart and indicator patterns. */
export function listPatterns(): readonly PatternInfo[] {
  return ALL;
}

export function getPattern(id: string): PatternInfo | undefined {
  return BY_ID.get(id);
}

/** The pattern behind a raw output key: a TA-Lib function name ('CDLHAMMER'), 'TX_TWEEZER_TOP' or a chart id. */
export function patternBySource(source: string): PatternInfo | undefined {
  return BY_SOURCE.get(source);
}

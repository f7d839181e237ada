export type Family = 'candlestick' | 'indicator' | 'chart';

/**
 * How an event's direction is decided: `fixed` (always `directions[0]`), `sign` (the sign of the raw output or
 * the breakout side), `context` (N-category candles: against the prevailing trend, none when flat, spec §3.5).
 */
export type DirectionRule = 'fixed' | 'sign' | 'context';

/** Candle category of spec §3.3: reversal, continuation, neutral (Hikkake is both R and C). */
export type CandleCategory = 'R' | 'C' | 'N' | 'R/C';

export interface PatternExplanation {
  /** What the pattern is, as a trader would recognise it. */
  readonly what: string;
  /** Why it matters: the supply/demand story behind it. */
  readonly why: string;
  /** What proves it wrong after confirmation. */
  readonly invalidation: string;
}

export interface PatternInfo {
  readonly id: string;
  readonly name: string;
  readonly family: Family;
  /** Event directions it can produce (+1 bullish, -1 bearish). */
  readonly directions: readonly (1 | -1)[];
  readonly directionRule: DirectionRule;
  readonly category: CandleCategory | null;
  /** In the priority set (17 TA-Lib candles and both tweezers). */
  readonly priority: boolean;
  /** First bar index at which the detector can report it. */
  readonly lookback: number;
  /** TA-Lib function name for the 61 candles, the raw output key otherwise. */
  readonly source: string;
  /** Which bar confirms a detection. */
  readonly confirmation: string;
  readonly explanation: PatternExplanation;
}

/** Weight of the Beta prior in pseudo-observations (spec §5.3, decision). */
export const PRIOR_WEIGHT = 10;
/** Base rate with no labelled outcome at all: a driftless walk hits +2 ATR before -1 ATR about 1/3 of the time. */
export const NO_LABEL_BASE_RATE = 1 / 3;

export interface Evidence {
  /** Wins and labelled outcomes (win, loss, timeout) of the detection's (pattern_key, timeframe, asset_class). */
  readonly wins: number;
  readonly n: number;
  /** The same over every pattern of that (timeframe, asset_class): the pooled base rate. */
  readonly pooledWins: number;
  readonly pooledN: number;
}

export interface PriorConfidence {
  readonly confidence: number;
  readonly w: number;
  readonly n: number;
  readonly a: number;
  readonly b: number;
  /** The Beta prior's mean m (the pooled base rate). */
  readonly baseRate: number;
}

/**
 * Empirical-Bayes confidence (spec §5.3): (w + a)/(n + a + b) with a = 10·m, b = 10·(1 - m), m the pooled win rate
 * (1/3 when nothing is labelled). With n = 0 it equals m: the base rate, not evidence for the pattern.
 */
export function priorConfidence(e: Evidence): PriorConfidence {
  const m = e.pooledN > 0 ? e.pooledWins / e.pooledN : NO_LABEL_BASE_RATE;
  const a = PRIOR_WEIGHT * m;
  const b = PRIOR_WEIGHT * (1 - m);
  return { confidence: (e.wins + a) / (e.n + a + b), w: e.wins, n: e.n, a, b, baseRate: m };
}

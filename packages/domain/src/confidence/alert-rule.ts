/** Defaults of spec §8 / Appendix B. */
export const MIN_EDGE_R = 0.15;
export const DEFAULT_MIN_CONFIDENCE = 0.4;
export const MIN_PRIOR_N = 20;
/** Only bars confirmed within this many bar durations alert (no floods after catch-up). */
export const LIVE_BARS = 2;
export const COOLDOWN_MS = 10 * 60_000;
export const EXPIRY_BARS = 3;

export type SuppressionReason =
  | 'below_edge'
  | 'below_min_confidence'
  | 'prior_n_small'
  | 'duplicate'
  | 'cooldown'
  | 'stale_bar'
  | 'backfill';

export interface AlertCandidate {
  readonly confidence: number;
  readonly confidenceSource: 'model' | 'prior';
  readonly priorN: number | null;
  readonly expectedR: number;
  readonly backfill: boolean;
  /** Close time of the confirmation bar, epoch ms. */
  readonly confirmedAt: number;
  readonly durationMs: number;
}

/** Whether a detection's edge is worth an alert (spec §8); duplicates and cooldown are decided against storage. */
export function alertRule(c: AlertCandidate, minConfidence: number, now: number): SuppressionReason | null {
  if (c.backfill) return 'backfill';
  if (now - c.confirmedAt > LIVE_BARS * c.durationMs) return 'stale_bar';
  if (c.confidence < minConfidence) return 'below_min_confidence';
  if (c.confidenceSource === 'prior' && (c.priorN ?? 0) < MIN_PRIOR_N) return 'prior_n_small';
  if (c.expectedR < MIN_EDGE_R) return 'below_edge';
  return null;
}

/** Timeframes that scans, detections and labels use (30m and 1w are chart-only, spec §1.2). */
export const SCAN_TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type ScanTimeframe = (typeof SCAN_TIMEFRAMES)[number];

export function isScanTimeframe(tf: string): tf is ScanTimeframe {
  return (SCAN_TIMEFRAMES as readonly string[]).includes(tf);
}

const MINUTE = 60_000;

/** Bar duration in ms (1d = one session, counted as 24 h for scheduling and expiry). */
export const TIMEFRAME_MS: Record<ScanTimeframe, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': 1440 * MINUTE,
};

/** Vertical barrier N per timeframe (spec §6, decision). */
export const HORIZON_BARS: Record<ScanTimeframe, number> = {
  '1m': 60,
  '5m': 48,
  '15m': 32,
  '1h': 24,
  '4h': 30,
  '1d': 10,
};

/** Backfill depth on entering the scan set (spec §1.5): 2 years for 1d, 180 days for 1h/4h, 30 days below 1h. */
export const BACKFILL_DAYS: Record<ScanTimeframe, number> = {
  '1m': 30,
  '5m': 30,
  '15m': 30,
  '1h': 180,
  '4h': 180,
  '1d': 730,
};

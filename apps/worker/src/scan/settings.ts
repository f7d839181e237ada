import type { Config } from '@tx/config';
import { riskSettings, type Sql } from '@tx/db';
import { DEFAULT_MIN_CONFIDENCE } from '@tx/domain';

/** The global scan's configuration before anyone changed it (domain §1.5, Appendix B). */
export function globalScanDefaults(config: Config) {
  return {
    enabled: config.backgroundWorkers,
    symbols: config.defaultWatchlist,
    interval_s: config.BACKEND_SCAN_INTERVAL,
    timeframes: ['1h', '1d'],
    alert_threshold: DEFAULT_MIN_CONFIDENCE,
  };
}

/** A session with auto_alerts uses its owner's risk setting `confidence_threshold` (domain §8), default 0.40. */
export async function sessionMinConfidence(sql: Sql, userId: string): Promise<number> {
  const v = Number((await riskSettings.get(sql, userId))?.confidence_threshold);
  return Number.isFinite(v) ? v : DEFAULT_MIN_CONFIDENCE;
}

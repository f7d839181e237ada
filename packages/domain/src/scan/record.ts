import type { PriorConfidence } from '../confidence/prior';
import { DETECTOR_VERSION, type WindowDetection } from './window';

export interface RecordPlace {
  symbol: string;
  timeframe: string;
  assetClass: string;
  barTime: Date;
  confirmedAt: Date;
  windowStart: Date;
  provider: string;
  backfill: boolean;
  source: 'scan' | 'on_demand';
}

/**
 * The stored detection record of domain §5.2, from a window detection and its evidence prior: the one place that
 * decides which fields a scan and an on-demand detection write.
 */
export function detectionRecord(d: WindowDetection, prior: PriorConfidence, at: RecordPlace) {
  return {
    symbol: at.symbol,
    timeframe: at.timeframe,
    asset_class: at.assetClass,
    pattern_id: d.patternId,
    pattern_key: d.patternKey,
    family: d.family,
    raw: d.raw,
    direction: d.direction,
    strength: d.strength,
    bar_time: at.barTime,
    confirmed_at: at.confirmedAt,
    price: d.price,
    volume: d.volume,
    atr: d.atr,
    context: { ...d.context },
    confidence: prior.confidence,
    confidence_source: 'prior' as const,
    model_key: null,
    model_version: null,
    prior_w: prior.w,
    prior_n: prior.n,
    prior_a: prior.a,
    prior_b: prior.b,
    detector_version: DETECTOR_VERSION,
    window_start: at.windowStart,
    provider: at.provider,
    backfill: at.backfill,
    source: at.source,
  };
}

import type { JobPayload, ScanBatchJob } from '@tx/contracts';
import type { detections } from '@tx/db';
import { channels } from '@tx/realtime';
import type { WorkerDeps } from '../deps';

const INTRADAY = new Set(['1m', '5m', '15m', '1h', '4h']);

/** `scan_update` for a series' new live detections (one series), on `scans` and `patterns:<SYMBOL>` (api.md §4.4). */
export async function publishScanUpdate(
  deps: WorkerDeps,
  p: Pick<JobPayload<typeof ScanBatchJob>, 'scanId' | 'scope'>,
  live: detections.DetectionRow[],
  nameOf: (d: detections.DetectionRow) => string,
) {
  const items = live.map((d) => ({
    pattern_type: nameOf(d),
    confidence: Math.round(d.confidence * 1e4) / 1e4,
    confidence_pct: Math.round(1000 * d.confidence) / 10,
    price: d.price,
    timestamp: d.bar_time.toISOString(),
    detection_id: d.id,
    direction: d.direction === 1 ? ('bullish' as const) : ('bearish' as const),
  }));
  const { symbol, timeframe } = live[0];
  const intraday = INTRADAY.has(timeframe);
  const data = {
    scan_id: p.scanId,
    scope: p.scope,
    symbol,
    timeframe,
    intraday_patterns: intraday ? items : [],
    context_patterns: intraday ? [] : items,
    timestamp: new Date().toISOString(),
  };
  try {
    await deps.publisher.publish(channels.scans, 'scan_update', data);
    await deps.publisher.publish(channels.patterns(data.symbol), 'scan_update', data);
  } catch (err) {
    deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'scan_update not published');
  }
}

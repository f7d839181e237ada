import { scans } from '@tx/db';
import { channels } from '@tx/realtime';
import type { Job } from 'bullmq';
import type { WorkerDeps } from '../deps';
import { emptyResult, type SeriesResult } from './batch';

/** One item per symbol of ScanSnapshot.results (api.md §3.3): the strongest new detection over its timeframes. */
export interface SymbolResult {
  symbol: string;
  price: number | null;
  change_percent: number | null;
  volume: number | null;
  status: 'pattern' | 'no_pattern' | 'error';
  pattern: string | null;
  label: string;
  confidence: number | null;
  confidence_pct: number | null;
  timeframe: string | null;
  detection_id: number | null;
  message: string | null;
}

function merge(symbol: string, items: SeriesResult[]): SymbolResult {
  const patterns = items.filter((r) => r.strongest !== null);
  const best = patterns.reduce<SeriesResult | null>(
    (b, r) => (b && (b.strongest?.confidence ?? 0) >= (r.strongest?.confidence ?? 0) ? b : r),
    null,
  );
  // The daily series gives the session change; otherwise the coarsest series scanned.
  const quoted = items.find((r) => r.timeframe === '1d' && r.price !== null) ?? items.find((r) => r.price !== null);
  const error = items.find((r) => r.status === 'error');
  const status = best ? 'pattern' : error && !quoted ? 'error' : 'no_pattern';
  const pattern = best?.strongest?.pattern ?? null;
  const confidence = best?.strongest?.confidence ?? null;
  return {
    symbol,
    price: quoted?.price ?? null,
    change_percent: quoted?.change_percent ?? null,
    volume: quoted?.volume ?? null,
    status,
    pattern,
    label: pattern ?? (status === 'error' ? 'Error' : 'No pattern'),
    confidence: confidence === null ? null : Math.round(confidence * 1e4) / 1e4,
    confidence_pct: confidence === null ? null : Math.round(confidence * 1000) / 10,
    timeframe: best?.timeframe ?? null,
    detection_id: best?.strongest?.detection_id ?? null,
    message: error?.message ?? null,
  };
}

/** A series whose batch exhausted its attempts (BullMQ hands the parent only the failure's message). */
const failed = (symbol: string, timeframe: string) => emptyResult({ symbol, timeframe }, 'INTERNAL_ERROR', 'error');

/**
 * The cycle's parent job: gathers the batches' results, records the scan and publishes `market_scan_update`. A series
 * with no result belongs to a batch that failed after its attempts (the parent only runs once every child finished or
 * failed). Rerunning it rewrites the same row with the same figures.
 */
export async function completeCycle(deps: WorkerDeps, scanId: number, job: Job) {
  const scan = await scans.getScan(deps.sql, scanId);
  if (!scan) return { skipped: 'unknown_scan' };
  const values = (await job.getChildrenValues()) as Record<string, SeriesResult[]>;
  const done = new Map(
    Object.values(values)
      .flat()
      .map((r) => [`${r.symbol}|${r.timeframe}`, r]),
  );
  const bySymbol = new Map<string, SeriesResult[]>(
    scan.symbols.map((s) => [s, scan.timeframes.map((tf) => done.get(`${s}|${tf}`) ?? failed(s, tf))]),
  );
  const series = [...bySymbol.values()].flat();
  const results = [...bySymbol].map(([symbol, items]) => merge(symbol, items));
  const suppressed: Record<string, number> = {};
  for (const r of series) {
    for (const [k, n] of Object.entries(r.alerts.suppressed)) suppressed[k] = (suppressed[k] ?? 0) + (n ?? 0);
  }
  const errors = series.filter((r) => r.status === 'error').length;
  const row = await scans.finishScan(deps.sql, scanId, {
    status: errors === 0 ? 'completed' : errors === series.length ? 'failed' : 'partial',
    patterns_found: series.reduce((s, r) => s + r.live, 0),
    errors_count: errors,
    alerts_created: series.reduce((s, r) => s + r.alerts.created, 0),
    suppressed,
    results,
  });
  const movers = results
    .filter((r) => r.price !== null && r.change_percent !== null)
    .sort((a, b) => Math.abs(b.change_percent ?? 0) - Math.abs(a.change_percent ?? 0))
    .slice(0, 10)
    .map((r) => ({
      symbol: r.symbol,
      price: r.price as number,
      change: ((r.price as number) * (r.change_percent as number)) / (100 + (r.change_percent as number)),
      change_percent: r.change_percent as number,
      volume: r.volume ?? 0,
    }));
  await deps.publisher
    .publish(channels.scans, 'market_scan_update', { scan_id: scanId, movers, timestamp: new Date().toISOString() })
    .catch((err: Error) => deps.logger.warn({ err: err.message }, 'market_scan_update not published'));
  return { scanId, status: row.status, patterns: row.patterns_found, errors };
}

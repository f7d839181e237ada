import { detections, labels, type Sql } from '@tx/db';
import {
  detectionRecord,
  detectWindow,
  isScanTimeframe,
  LABEL_VERSION,
  MIN_HISTORY,
  priorConfidence,
  type ScanTimeframe,
  TIMEFRAME_MS,
} from '@tx/domain';
import { type MarketData, MarketDataError } from '@tx/market-data';
import { AppError } from '../lib/errors';
import { detectionObject } from './scan-patterns';

/** MarketData failures as api.md §1.4 errors. */
export function marketError(err: unknown): never {
  if (err instanceof MarketDataError) {
    const map = {
      invalid_symbol: [400, 'INVALID_SYMBOL'],
      invalid_timeframe: [400, 'INVALID_TIMEFRAME'],
      unknown_symbol: [404, 'UNKNOWN_SYMBOL'],
      limit_exceeded: [422, 'LIMIT_EXCEEDED'],
      upstream_unavailable: [503, 'UPSTREAM_UNAVAILABLE'],
    } as const;
    const [status, code] = map[err.code];
    throw new AppError(status, code, err.message);
  }
  throw err;
}

export function scanTimeframe(tf: string): ScanTimeframe {
  const t =
    tf === '1D' || tf === 'D' || tf === 'daily' ? '1d' : tf === '60m' || tf === '1H' ? '1h' : tf === '240m' ? '4h' : tf;
  if (!isScanTimeframe(t)) throw new AppError(400, 'INVALID_TIMEFRAME', 'Timeframe is not accepted for detection');
  return t;
}

/**
 * Runs the engine now on the latest closed bars (POST /api/detect): detections confirmed on the last bar, with
 * confidence from the evidence available before it, upserted with source `on_demand` (a scan's row wins).
 * `bars` are the bars it ran on, for callers that describe the market beside the detections.
 */
export async function detectNow(sql: Sql, md: MarketData, symbolInput: string, tf: ScanTimeframe, lookback: number) {
  const res = await md.getBars(symbolInput, tf, { limit: lookback }).catch(marketError);
  const bars = res.bars;
  const n = bars.length;
  const base = { symbol: res.symbol, timeframe: tf, provider: res.provider, timestamp: new Date().toISOString() };
  if (n <= MIN_HISTORY)
    return {
      ...base,
      bar_time: n > 0 ? new Date(bars.time[n - 1]).toISOString() : null,
      patterns: [],
      insufficient: true,
      bars,
    };
  const lastBar = new Date(bars.time[n - 1]);
  const recent = await detections.lastChartDetections(sql, res.symbol, tf, new Date(bars.time[Math.max(0, n - 12)]));
  const lastChart = new Map<string, number>();
  for (const r of recent) {
    const i = bars.time.indexOf(r.bar_time.getTime());
    if (i >= 0 && i < n - 1) lastChart.set(r.pattern_id, i);
  }
  const found = detectWindow(bars, { from: n - 1, lastChart });
  const confirmedAt = new Date(lastBar.getTime() + TIMEFRAME_MS[tf]);
  const evidence =
    found.length > 0 ? await labels.evidenceBefore(sql, LABEL_VERSION, tf, res.assetClass, confirmedAt) : [];
  const pooledWins = evidence.reduce((s, e) => s + e.wins, 0);
  const pooledN = evidence.reduce((s, e) => s + e.n, 0);
  const rows = found.map((d) => {
    const own = evidence.find((e) => e.pattern_key === d.patternKey);
    const prior = priorConfidence({ wins: own?.wins ?? 0, n: own?.n ?? 0, pooledWins, pooledN });
    return detectionRecord(d, prior, {
      symbol: res.symbol,
      timeframe: tf,
      assetClass: res.assetClass,
      barTime: lastBar,
      confirmedAt,
      windowStart: new Date(bars.time[0]),
      provider: res.provider ?? 'unknown',
      backfill: false,
      source: 'on_demand',
    });
  });
  if (rows.length > 0) await detections.insertDetections(sql, rows);
  const stored = await detections.listDetections(
    sql,
    { version: LABEL_VERSION, symbol: res.symbol, timeframe: tf, from: lastBar, to: lastBar },
    { limit: 500 },
  );
  const ids = new Set(found.map((d) => d.patternId));
  const patterns = stored.filter((d) => ids.has(d.pattern_id)).map(detectionObject);
  return { ...base, bar_time: lastBar.toISOString(), patterns, insufficient: false, bars };
}

import type { JobPayload, ScanSeriesJob } from '@tx/contracts';
import { bars as barsDb, detections, scans } from '@tx/db';
import {
  BACKFILL_DAYS,
  type BarSeries,
  detectionRecord,
  detectWindow,
  type Evidence,
  EvidenceIndex,
  HORIZON_BARS,
  type LabelledOutcome,
  MIN_HISTORY,
  priorConfidence,
  type ScanTimeframe,
  TIMEFRAME_MS,
  tripleBarrierLabel,
  type WindowDetection,
} from '@tx/domain';
import { type BarsResult, MarketDataError } from '@tx/market-data';
import type { WorkerDeps } from '../deps';
import { type AlertTally, raiseAlerts } from './alerts';
import { publishScanUpdate } from './events';
import { addEvidence, type EvidenceCache } from './evidence-cache';
import { barIndex, closeTime, labelSeries } from './label-series';

const DAY_MS = 86_400_000;
/** Bars within this many durations of now are processed as live, never as backfill (spec §1.5). */
const LIVE_BARS = 2;

export interface SeriesResult {
  symbol: string;
  timeframe: string;
  status: 'pattern' | 'no_pattern' | 'error';
  price: number | null;
  change_percent: number | null;
  volume: number | null;
  /** New detections this cycle (backfill included) and the live ones among them. */
  detections: number;
  live: number;
  labels: number;
  strongest: { detection_id: number; pattern: string; confidence: number } | null;
  alerts: AlertTally;
  message: string | null;
}

type Payload = JobPayload<typeof ScanSeriesJob>;

/** Last close, change against the previous bar's close and last volume (the series' quote in scan results). */
function quote(close: ArrayLike<number>, volume: ArrayLike<number>) {
  const n = close.length;
  if (n === 0) return { price: null, change_percent: null, volume: null };
  const last = close[n - 1];
  const prev = n > 1 ? close[n - 2] : null;
  return { price: last, change_percent: prev ? (100 * (last - prev)) / prev : null, volume: volume[n - 1] };
}

const empty = (p: Payload, message: string | null, status: SeriesResult['status']): SeriesResult => ({
  symbol: p.symbol,
  timeframe: p.timeframe,
  status,
  price: null,
  change_percent: null,
  volume: null,
  detections: 0,
  live: 0,
  labels: 0,
  strongest: null,
  alerts: { created: 0, suppressed: {} },
  message,
});

/**
 * One (symbol, timeframe) of a cycle (spec §1.5). The first time: backfill the history, detect and label it
 * (backfill = true except the last 2 bar durations). Afterwards: catch up on every final bar since the last one
 * detected, in order, with the 500-bar window. Detections, labels and alerts are keyed, so a rerun adds nothing.
 * A provider failure is this series' result (`error`), never an exception: the other series complete.
 */
export async function scanSeries(deps: WorkerDeps, evidence: EvidenceCache, p: Payload): Promise<SeriesResult> {
  const now = Date.now();
  const tf = p.timeframe as ScanTimeframe;
  const dur = TIMEFRAME_MS[tf];
  const state = await scans.getSeries(deps.sql, p.symbol, tf);
  const backfilled = state?.backfilled_at != null && state.last_detected_bar !== null;
  const last = state?.last_detected_bar?.getTime() ?? 0;

  // No bar can have become final since the last one detected: nothing to fetch.
  if (backfilled && now < last + 2 * dur) {
    const stored = await barsDb.readLatest(deps.sql, p.symbol, tf, now, 2);
    return { ...empty(p, null, 'no_pattern'), ...quote(stored.close, stored.volume) };
  }

  const requested = backfilled ? Math.min(5000, 510 + Math.ceil((now - last) / dur)) : 5000;
  let res: BarsResult;
  try {
    res = backfilled
      ? await deps.marketData.getBars(p.symbol, tf, { limit: requested })
      : await backfillBars(deps, p.symbol, tf);
  } catch (err) {
    if (err instanceof MarketDataError) return empty(p, err.code.toUpperCase(), 'error');
    throw err;
  }
  const bars = res.bars;
  const n = bars.length;
  if (n === 0) return empty(p, 'NO_DATA', 'no_pattern');
  const from = backfilled ? firstAfter(bars, last) : 0;
  const result: SeriesResult = { ...empty(p, null, 'no_pattern'), ...quote(bars.close, bars.volume) };
  if (from >= n) return result;

  const lastChart = backfilled ? await chartRefractory(deps, p.symbol, tf, bars, from) : undefined;
  // A full page means at least 500 stored bars precede the new ones; a short one starts at the series' first bar.
  const offset = n >= requested ? MIN_HISTORY : 0;
  const found = detectWindow(bars, { from, offset, lastChart });

  const liveSince = now - LIVE_BARS * dur;
  const cls = res.assetClass;
  const pool = await evidence.index(tf, cls);
  const own = backfilled ? null : ownOutcomes(found, bars, tf);
  const rows = found.map((d) => {
    const confirmedAt = closeTime(bars, d.barIndex, tf);
    const at = confirmedAt.getTime();
    const ev: Evidence = own
      ? addEvidence(pool.at(d.patternKey, at), own.at(d.patternKey, at))
      : pool.at(d.patternKey, at);
    const prior = priorConfidence(ev);
    return detectionRecord(d, prior, {
      symbol: res.symbol,
      timeframe: tf,
      assetClass: cls,
      barTime: new Date(bars.time[d.barIndex]),
      confirmedAt,
      windowStart: new Date(bars.time[0]),
      provider: res.provider ?? 'unknown',
      backfill: !backfilled && at < liveSince,
      source: 'scan',
    });
  });
  const inserted = rows.length > 0 ? await detections.insertDetections(deps.sql, rows) : [];
  result.labels = await labelSeries(deps.sql, res.symbol, tf, bars, now);
  await scans.markSeries(deps.sql, res.symbol, tf, new Date(bars.time[n - 1]), true);

  const live = inserted.filter((d) => !d.backfill);
  result.detections = inserted.length;
  result.live = live.length;
  const best = live.reduce<(typeof live)[number] | null>((b, d) => (b && b.confidence >= d.confidence ? b : d), null);
  if (best) {
    const name = found.find((d) => d.patternId === best.pattern_id)?.patternName ?? best.pattern_id;
    result.status = 'pattern';
    result.strongest = { detection_id: best.id, pattern: name, confidence: best.confidence };
  }
  const names = new Map(found.map((d) => [`${d.patternId}|${bars.time[d.barIndex]}`, d.patternName]));
  const nameOf = (d: detections.DetectionRow) => names.get(`${d.pattern_id}|${d.bar_time.getTime()}`) ?? d.pattern_id;
  if (live.length > 0) {
    await publishScanUpdate(deps, p, live, nameOf);
    result.alerts = await raiseAlerts(deps, p, live, nameOf, now);
  }
  return result;
}

/** History on entering the scan set: the backfill depth counted back from the latest final bar (spec §1.5). */
async function backfillBars(deps: WorkerDeps, symbol: string, tf: ScanTimeframe): Promise<BarsResult> {
  const head = await deps.marketData.getBars(symbol, tf, { limit: 1 });
  if (head.bars.length === 0) return head;
  const last = head.bars.time[0];
  return deps.marketData.getBars(symbol, tf, { from: last - BACKFILL_DAYS[tf] * DAY_MS, to: last, limit: 5000 });
}

/** First bar index opening after `time`. */
function firstAfter(bars: BarSeries, time: number): number {
  const i = barIndex(bars, time);
  if (i >= 0) return i + 1;
  let k = 0;
  while (k < bars.length && bars.time[k] <= time) k++;
  return k;
}

/** Latest stored chart/indicator detection per pattern within the refractory reach, as bar indices of `bars`. */
async function chartRefractory(deps: WorkerDeps, symbol: string, tf: string, bars: BarSeries, from: number) {
  const since = new Date(bars.time[Math.max(0, from - 11)]);
  const rows = await detections.lastChartDetections(deps.sql, symbol, tf, since);
  const map = new Map<string, number>();
  for (const r of rows) {
    const i = barIndex(bars, r.bar_time.getTime());
    if (i >= 0) map.set(r.pattern_id, i);
  }
  return map;
}

/**
 * A backfilled series' own history as evidence: its labels are computed here from the same bars before anything is
 * stored, so early detections of the series already count toward the priors of later ones (point in time).
 */
function ownOutcomes(found: WindowDetection[], bars: BarSeries, tf: ScanTimeframe): EvidenceIndex {
  const outcomes: LabelledOutcome[] = [];
  for (const d of found) {
    const l = tripleBarrierLabel(bars, d.barIndex, d.direction, d.atr, HORIZON_BARS[tf]);
    if (!l || l.outcome === 'invalid') continue;
    outcomes.push({
      patternKey: d.patternKey,
      availableAt: closeTime(bars, l.availableIndex, tf).getTime(),
      win: l.outcome === 'win',
    });
  }
  return new EvidenceIndex(outcomes);
}

import type { JobPayload, ScanBatchJob } from '@tx/contracts';
import { bars as barsDb, detections, labels, scans } from '@tx/db';
import {
  BACKFILL_DAYS,
  type BarSeries,
  detectionRecord,
  detectWindow,
  type Evidence,
  EvidenceIndex,
  HORIZON_BARS,
  LABEL_VERSION,
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
import { barIndex, closeTime, groupBySeries, labelRows, seriesKey } from './label-series';

const DAY_MS = 86_400_000;
/** Bars within this many durations of now are processed as live, never as backfill (spec §1.5). */
const LIVE_BARS = 2;
/** Bars read before the first new one: the 500-bar detection window plus the chart refractory reach. */
const WINDOW_BARS = 510;

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
  strongest: { detection_id: number; pattern: string; confidence: number } | null;
  alerts: AlertTally;
  message: string | null;
}

type Payload = JobPayload<typeof ScanBatchJob>;
type Series = Payload['series'][number];

/** A series whose bars are read, with what its catch-up needs. */
interface Loaded {
  series: Series;
  res: BarsResult;
  backfilled: boolean;
  /** Open time of the last bar detected on (0 before the backfill). */
  last: number;
  /** Bars asked for: a full page means at least 500 stored bars precede the new ones. */
  requested: number;
}

/** Last close, change against the previous bar's close and last volume (the series' quote in scan results). */
function quote(close: ArrayLike<number>, volume: ArrayLike<number>) {
  const n = close.length;
  if (n === 0) return { price: null, change_percent: null, volume: null };
  const last = close[n - 1];
  const prev = n > 1 ? close[n - 2] : null;
  return { price: last, change_percent: prev ? (100 * (last - prev)) / prev : null, volume: volume[n - 1] };
}

/** The result of a series that produced nothing to report (no data, no pattern, or an error with its code). */
export const emptyResult = (
  s: Pick<Series, 'symbol' | 'timeframe'>,
  message: string | null,
  status: SeriesResult['status'],
): SeriesResult => ({
  symbol: s.symbol,
  timeframe: s.timeframe,
  status,
  price: null,
  change_percent: null,
  volume: null,
  detections: 0,
  live: 0,
  strongest: null,
  alerts: { created: 0, suppressed: {} },
  message,
});

/** The key a loaded series' rows are stored under: the canonical symbol, the scanned timeframe. */
const stored = (item: Loaded) => ({ symbol: item.res.symbol, timeframe: item.series.timeframe });

/**
 * Some (symbol, timeframe) series of a cycle (spec §1.5), with their reads and writes shared: one statement each for
 * the series' state, their bars, their stored chart detections, the new detections, the labels and the cursors.
 * The first time a series is scanned its history is backfilled, detected and labelled on its own (one series'
 * history in memory at a time). Afterwards: catch up on every final bar since the last one detected, in order, with
 * the 500-bar window. Detections, labels and alerts are keyed, so a rerun adds nothing. A provider failure is that
 * series' result (`error`), never an exception: the other series complete.
 */
export async function scanBatch(deps: WorkerDeps, p: Payload): Promise<SeriesResult[]> {
  const now = Date.now();
  const states = new Map(
    (await scans.getSeriesMany(deps.sql, p.series)).map((s) => [seriesKey(s.symbol, s.timeframe), s]),
  );
  const results = new Map<Series, SeriesResult>();
  const idle: Series[] = [];
  const catchUp: { series: Series; last: number; requested: number }[] = [];
  const fresh: Series[] = [];
  for (const s of p.series) {
    const state = states.get(seriesKey(s.symbol, s.timeframe));
    const dur = TIMEFRAME_MS[s.timeframe as ScanTimeframe];
    const last = state?.last_detected_bar?.getTime() ?? 0;
    if (state?.backfilled_at == null || state.last_detected_bar === null) fresh.push(s);
    // No bar can have become final since the last one detected: nothing to fetch.
    else if (now < last + 2 * dur) idle.push(s);
    else catchUp.push({ series: s, last, requested: Math.min(5000, WINDOW_BARS + Math.ceil((now - last) / dur)) });
  }

  const quotes = await barsDb.readLatestMany(
    deps.sql,
    idle.map((s) => ({ symbol: s.symbol, timeframe: s.timeframe, to: now, limit: 2 })),
  );
  for (const [i, s] of idle.entries()) {
    results.set(s, { ...emptyResult(s, null, 'no_pattern'), ...quote(quotes[i].close, quotes[i].volume) });
  }

  const read = await deps.marketData.getLatestBarsMany(
    catchUp.map((c) => ({ symbol: c.series.symbol, timeframe: c.series.timeframe, limit: c.requested })),
  );
  const loaded: Loaded[] = [];
  catchUp.forEach((c, i) => {
    const res = read[i];
    if (res instanceof MarketDataError) results.set(c.series, emptyResult(c.series, res.code.toUpperCase(), 'error'));
    else loaded.push({ ...c, res, backfilled: true });
  });
  for (const r of await scanLoaded(deps, p, loaded, now)) results.set(r.series, r.result);

  for (const s of fresh) {
    let res: BarsResult;
    try {
      res = await backfillBars(deps, s.symbol, s.timeframe as ScanTimeframe);
    } catch (err) {
      if (!(err instanceof MarketDataError)) throw err;
      results.set(s, emptyResult(s, err.code.toUpperCase(), 'error'));
      continue;
    }
    const [r] = await scanLoaded(deps, p, [{ series: s, res, backfilled: false, last: 0, requested: 5000 }], now);
    results.set(s, r.result);
  }
  return p.series.map((s) => results.get(s) as SeriesResult);
}

/** A loaded series with new bars to detect on (from `from`), its result, and what the engine found. */
interface Work {
  item: Loaded;
  from: number;
  result: SeriesResult;
  found: WindowDetection[];
  rows: detections.NewDetection[];
}

/** Detection, labels and cursors of loaded series, each statement shared by all of them; then events and alerts. */
async function scanLoaded(deps: WorkerDeps, p: Payload, items: Loaded[], now: number) {
  const out: { series: Series; result: SeriesResult }[] = [];
  const work: Work[] = [];
  for (const item of items) {
    const { bars } = item.res;
    const n = bars.length;
    if (n === 0) {
      out.push({ series: item.series, result: emptyResult(item.series, 'NO_DATA', 'no_pattern') });
      continue;
    }
    const result = { ...emptyResult(item.series, null, 'no_pattern'), ...quote(bars.close, bars.volume) };
    out.push({ series: item.series, result });
    const from = item.backfilled ? firstAfter(bars, item.last) : 0;
    if (from < n) work.push({ item, from, result, found: [], rows: [] });
  }
  if (work.length === 0) return out;

  const refractory = await chartRefractory(deps, work);
  for (const w of work) Object.assign(w, await detect(deps.evidence, w.item, w.from, refractory.get(w.item), now));
  const inserted = await detections.insertDetections(
    deps.sql,
    work.flatMap((w) => w.rows),
  );
  await labelLoaded(deps, work, now);
  await scans.markSeriesMany(
    deps.sql,
    work.map(({ item }) => ({
      ...stored(item),
      lastBar: new Date(item.res.bars.time[item.res.bars.length - 1]),
      backfilled: true,
    })),
  );

  const bySeries = groupBySeries(inserted);
  for (const { item, result, found } of work) {
    const { symbol, timeframe } = stored(item);
    const mine = bySeries.get(seriesKey(symbol, timeframe)) ?? [];
    const live = mine.filter((d) => !d.backfill);
    result.detections = mine.length;
    result.live = live.length;
    if (live.length === 0) continue;
    const times = item.res.bars.time;
    const names = new Map(found.map((d) => [`${d.patternId}|${times[d.barIndex]}`, d.patternName]));
    const nameOf = (d: detections.DetectionRow) => names.get(`${d.pattern_id}|${d.bar_time.getTime()}`) ?? d.pattern_id;
    const best = live.reduce((b, d) => (b.confidence >= d.confidence ? b : d));
    result.status = 'pattern';
    result.strongest = { detection_id: best.id, pattern: nameOf(best), confidence: best.confidence };
    await publishScanUpdate(deps, p, live, nameOf);
    result.alerts = await raiseAlerts(deps, p, live, nameOf, now);
  }
  return out;
}

/** The engine on a series' new bars, each detection with its point-in-time evidence prior. */
async function detect(
  evidence: EvidenceCache,
  item: Loaded,
  from: number,
  lastChart: Map<string, number> | undefined,
  now: number,
) {
  const { res, backfilled } = item;
  const { bars } = res;
  const tf = item.series.timeframe as ScanTimeframe;
  const offset = bars.length >= item.requested ? MIN_HISTORY : 0;
  const found = detectWindow(bars, { from, offset, lastChart });
  const liveSince = now - LIVE_BARS * TIMEFRAME_MS[tf];
  const pool = await evidence.index(tf, res.assetClass);
  const own = backfilled ? null : ownOutcomes(found, bars, tf);
  const rows = found.map((d) => {
    const confirmedAt = closeTime(bars, d.barIndex, tf);
    const at = confirmedAt.getTime();
    const ev: Evidence = own
      ? addEvidence(pool.at(d.patternKey, at), own.at(d.patternKey, at))
      : pool.at(d.patternKey, at);
    return detectionRecord(d, priorConfidence(ev), {
      symbol: res.symbol,
      timeframe: tf,
      assetClass: res.assetClass,
      barTime: new Date(bars.time[d.barIndex]),
      confirmedAt,
      windowStart: new Date(bars.time[0]),
      provider: res.provider ?? 'unknown',
      backfill: !backfilled && at < liveSince,
      source: 'scan',
    });
  });
  return { found, rows };
}

/**
 * Labels, in one write, the unlabelled detections of the series whose horizon the new bars (from `from` on) can
 * close: those on the last HORIZON_BARS bars before them or later. Older ones were decidable in an earlier cycle
 * (the cursor only advances after labelling); any still open, such as a horizon with missing bars waiting out its
 * grace, is the label queue's (handlers/label.ts).
 */
async function labelLoaded(deps: WorkerDeps, work: { item: Loaded; from: number }[], now: number) {
  const targets = await detections.unlabeledInSeries(
    deps.sql,
    work.map(({ item, from }) => {
      const reach = HORIZON_BARS[item.series.timeframe as ScanTimeframe] + 1;
      return { ...stored(item), since: new Date(item.res.bars.time[Math.max(0, from - reach)]) };
    }),
    LABEL_VERSION,
  );
  const bars = new Map(work.map(({ item }) => [seriesKey(stored(item).symbol, stored(item).timeframe), item.res.bars]));
  const rows: labels.NewLabel[] = [];
  for (const [key, group] of groupBySeries(targets)) {
    const series = bars.get(key);
    if (series) rows.push(...labelRows(group, series, now));
  }
  if (rows.length > 0) await labels.insertLabels(deps.sql, rows);
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

/**
 * Latest stored chart/indicator detection per pattern within the refractory reach of each caught-up series, as bar
 * indices of its bars (one read for all of them).
 */
async function chartRefractory(deps: WorkerDeps, work: { item: Loaded; from: number }[]) {
  const caught = work.filter((w) => w.item.backfilled);
  const rows = await detections.lastChartDetectionsMany(
    deps.sql,
    caught.map(({ item, from }) => ({ ...stored(item), since: new Date(item.res.bars.time[Math.max(0, from - 11)]) })),
  );
  const byKey = new Map(caught.map(({ item }) => [seriesKey(stored(item).symbol, stored(item).timeframe), item]));
  const out = new Map<Loaded, Map<string, number>>(caught.map((w) => [w.item, new Map()]));
  for (const r of rows) {
    const item = byKey.get(seriesKey(r.symbol, r.timeframe));
    if (!item) continue;
    const i = barIndex(item.res.bars, r.bar_time.getTime());
    if (i >= 0) out.get(item)?.set(r.pattern_id, i);
  }
  return out;
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

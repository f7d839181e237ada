import type { Sql } from '../client';
import { type ColumnTypes, unnestInsert } from '../unnest';

/** A detection as stored (domain §5.2). Never updated after insert. */
export interface NewDetection {
  symbol: string;
  timeframe: string;
  asset_class: string;
  pattern_id: string;
  pattern_key: string;
  family: string;
  raw: number | null;
  direction: 1 | -1;
  strength: number;
  bar_time: Date;
  confirmed_at: Date;
  price: number;
  volume: number;
  atr: number;
  context: Record<string, unknown>;
  confidence: number;
  confidence_source: 'model' | 'prior';
  model_key: string | null;
  model_version: number | null;
  prior_w: number | null;
  prior_n: number | null;
  prior_a: number | null;
  prior_b: number | null;
  detector_version: string;
  window_start: Date;
  provider: string;
  backfill: boolean;
  source: 'scan' | 'on_demand';
}

export interface DetectionRow extends NewDetection {
  id: number;
  created_at: Date;
}

const COLUMNS: ColumnTypes<NewDetection> = {
  symbol: 'text',
  timeframe: 'text',
  asset_class: 'text',
  pattern_id: 'text',
  pattern_key: 'text',
  family: 'text',
  raw: 'smallint',
  direction: 'smallint',
  strength: 'float8',
  bar_time: 'timestamptz',
  confirmed_at: 'timestamptz',
  price: 'float8',
  volume: 'float8',
  atr: 'float8',
  context: 'jsonb',
  confidence: 'float8',
  confidence_source: 'text',
  model_key: 'text',
  model_version: 'int',
  prior_w: 'int',
  prior_n: 'int',
  prior_a: 'float8',
  prior_b: 'float8',
  detector_version: 'text',
  window_start: 'timestamptz',
  provider: 'text',
  backfill: 'boolean',
  source: 'text',
};

const CHUNK = 5000;

/**
 * Inserts detections idempotently (unique symbol, timeframe, pattern_id, bar_time) and returns the rows that were
 * new: a re-run over the same bars returns nothing.
 */
export async function insertDetections(sql: Sql, rows: NewDetection[]): Promise<DetectionRow[]> {
  const out: DetectionRow[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await sql<DetectionRow[]>`
      insert into detections ${unnestInsert(sql, rows.slice(i, i + CHUNK), COLUMNS)}
      on conflict (symbol, timeframe, pattern_id, bar_time) do nothing
      returning *`;
    out.push(...inserted);
  }
  return out;
}

/** A series from a bar time on (bulk reads of scan batches). */
export interface SeriesSince {
  symbol: string;
  timeframe: string;
  since: Date;
}

const unnestSince = (sql: Sql, s: SeriesSince[]) => sql`
  unnest(${s.map((x) => x.symbol)}::text[], ${s.map((x) => x.timeframe)}::text[],
         ${s.map((x) => x.since.toISOString())}::timestamptz[]) as k(symbol, timeframe, since)`;

/** Latest stored bar time per chart/indicator pattern of each series since its `since` (refractory rule input). */
export async function lastChartDetectionsMany(sql: Sql, series: SeriesSince[]) {
  if (series.length === 0) return [];
  return sql<{ symbol: string; timeframe: string; pattern_id: string; bar_time: Date }[]>`
    select d.symbol, d.timeframe, d.pattern_id, max(d.bar_time) as bar_time
    from ${unnestSince(sql, series)}
    join detections d on d.symbol = k.symbol and d.timeframe = k.timeframe and d.bar_time >= k.since
    where d.family <> 'candlestick'
    group by d.symbol, d.timeframe, d.pattern_id`;
}

/** Latest stored bar time per chart/indicator pattern of a series since `since`. */
export async function lastChartDetections(sql: Sql, symbol: string, timeframe: string, since: Date) {
  return lastChartDetectionsMany(sql, [{ symbol, timeframe, since }]);
}

/** What labeling needs of a detection. */
export interface LabelTarget {
  id: number;
  symbol: string;
  timeframe: string;
  asset_class: string;
  pattern_key: string;
  direction: 1 | -1;
  atr: number;
  bar_time: Date;
  confirmed_at: Date;
}

/** Detections of each series with bar time at or after its `since` that have no label of `version` yet. */
export async function unlabeledInSeries(sql: Sql, series: SeriesSince[], version: string) {
  if (series.length === 0) return [];
  return sql<LabelTarget[]>`
    select d.id, d.symbol, d.timeframe, d.asset_class, d.pattern_key, d.direction, d.atr, d.bar_time, d.confirmed_at
    from ${unnestSince(sql, series)}
    join detections d on d.symbol = k.symbol and d.timeframe = k.timeframe and d.bar_time >= k.since
    where not exists (select 1 from labels l where l.detection_id = d.id and l.label_version = ${version})
    order by d.symbol, d.timeframe, d.bar_time`;
}

/**
 * Unlabelled detections whose horizon should be final by now (confirmed_at + horizon <= now), oldest first.
 * `horizonMs` maps each timeframe to N bar durations.
 */
export async function dueForLabel(sql: Sql, version: string, horizonMs: Record<string, number>, limit: number) {
  const tfs = Object.keys(horizonMs);
  const spans = tfs.map((tf) => horizonMs[tf]);
  return sql<LabelTarget[]>`
    select d.id, d.symbol, d.timeframe, d.asset_class, d.pattern_key, d.direction, d.atr, d.bar_time, d.confirmed_at
    from detections d
    join unnest(${tfs}::text[], ${spans}::float8[]) as h(tf, span_ms) on h.tf = d.timeframe
    where d.confirmed_at + h.span_ms * interval '1 millisecond' <= now()
      and not exists (select 1 from labels l where l.detection_id = d.id and l.label_version = ${version})
    order by d.confirmed_at
    limit ${limit}`;
}

/** Age in seconds of the oldest detection whose horizon should be final but has no label (0 when none). */
export async function labelLagSeconds(sql: Sql, version: string, horizonMs: Record<string, number>) {
  const [row] = await sql<{ lag: number | null }[]>`
    select extract(epoch from now() - min(d.confirmed_at + h.span_ms * interval '1 millisecond'))::float8 as lag
    from detections d
    join unnest(${Object.keys(horizonMs)}::text[], ${Object.values(horizonMs)}::float8[]) as h(tf, span_ms)
      on h.tf = d.timeframe
    where d.confirmed_at + h.span_ms * interval '1 millisecond' <= now()
      and not exists (select 1 from labels l where l.detection_id = d.id and l.label_version = ${version})`;
  return Math.max(0, row?.lag ?? 0);
}

/** A detection with its label (for the API's Detection object). */
export interface DetectionView extends DetectionRow {
  outcome: string | null;
}

export interface DetectionFilter {
  symbol?: string;
  timeframe?: string;
  /** Case-insensitive substring of pattern_id or pattern_key. */
  pattern?: string;
  patternIds?: string[];
  from?: Date;
  to?: Date;
  minConfidence?: number;
  version: string;
}

function where(sql: Sql, f: DetectionFilter) {
  const like = f.pattern ? `%${f.pattern.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  return sql`
    (${f.symbol ?? null}::text is null or d.symbol = ${f.symbol ?? null})
    and (${f.timeframe ?? null}::text is null or d.timeframe = ${f.timeframe ?? null})
    and (${like}::text is null or d.pattern_id ilike ${like} or d.pattern_key ilike ${like})
    and (${f.patternIds ?? null}::text[] is null or d.pattern_id = any(${f.patternIds ?? null}::text[]))
    and (${f.from ?? null}::timestamptz is null or d.bar_time >= ${f.from ?? null})
    and (${f.to ?? null}::timestamptz is null or d.bar_time <= ${f.to ?? null})
    and (${f.minConfidence ?? null}::float8 is null or d.confidence >= ${f.minConfidence ?? null})`;
}

/** Newest first by id (ids grow with insertion); keyset after `before` = the previous page's last id. */
export async function listDetections(
  sql: Sql,
  f: DetectionFilter,
  page: { limit: number; offset?: number; before?: number },
) {
  return sql<DetectionView[]>`
    select d.*, l.outcome
    from detections d
    left join labels l on l.detection_id = d.id and l.label_version = ${f.version}
    where ${where(sql, f)} and (${page.before ?? null}::bigint is null or d.id < ${page.before ?? null})
    order by d.id desc
    limit ${page.limit} offset ${page.offset ?? 0}`;
}

export async function countDetections(sql: Sql, f: DetectionFilter): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from detections d where ${where(sql, f)}`;
  return row.n;
}

export async function getDetection(sql: Sql, id: number, version: string): Promise<DetectionView | undefined> {
  const [row] = await sql<DetectionView[]>`
    select d.*, l.outcome from detections d
    left join labels l on l.detection_id = d.id and l.label_version = ${version}
    where d.id = ${id}`;
  return row;
}

export async function latestDetectionId(sql: Sql): Promise<number> {
  const [row] = await sql<{ id: number | null }[]>`select max(id) as id from detections`;
  return row.id ?? 0;
}

/** Detections created since `since`, grouped by pattern key and direction (pattern-stats). */
export async function patternCounts(sql: Sql, since: Date, symbol?: string, timeframe?: string) {
  return sql<{ pattern_id: string; direction: 1 | -1; count: number; avg_confidence: number }[]>`
    select pattern_id, direction, count(*)::int as count, avg(confidence)::float8 as avg_confidence
    from detections
    where created_at >= ${since}
      and (${symbol ?? null}::text is null or symbol = ${symbol ?? null})
      and (${timeframe ?? null}::text is null or timeframe = ${timeframe ?? null})
    group by pattern_id, direction
    order by count desc, pattern_id`;
}

export async function dailyCounts(sql: Sql, days: number) {
  return sql<{ date: string; detections: number; avg_confidence: number | null }[]>`
    select to_char(day, 'YYYY-MM-DD') as date, count(d.id)::int as detections,
           avg(d.confidence)::float8 as avg_confidence
    from generate_series((now() at time zone 'utc')::date - ${days - 1}::int, (now() at time zone 'utc')::date,
                         interval '1 day') as day
    left join detections d on (d.created_at at time zone 'utc')::date = day::date
    group by day order by day`;
}

export async function topSymbols(sql: Sql, days: number) {
  return sql<{ symbol: string; detections: number; avg_confidence: number }[]>`
    select symbol, count(*)::int as detections, avg(confidence)::float8 as avg_confidence
    from detections where created_at >= now() - ${days}::int * interval '1 day'
    group by symbol order by detections desc, symbol limit 10`;
}

/** Detections on the latest bar the scan has evaluated for each series (entry signals). */
export async function onLatestBar(sql: Sql, symbols: string[], timeframe: string, version: string) {
  return sql<DetectionView[]>`
    select d.*, l.outcome from detections d
    left join labels l on l.detection_id = d.id and l.label_version = ${version}
    where d.timeframe = ${timeframe} and d.symbol = any(${symbols}::text[])
      and d.bar_time = (select s.last_detected_bar from scan_series s
                        where s.symbol = d.symbol and s.timeframe = d.timeframe)
    order by d.confidence desc, d.id desc`;
}

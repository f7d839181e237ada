import type { Sql } from '../client';
import { type SeriesKey, unnestInsert, unnestSeries } from '../unnest';

export interface ScanConfigRow {
  enabled: boolean;
  symbols: string[];
  interval_s: number;
  timeframes: string[];
  alert_threshold: number;
  updated_at: Date;
}

/** The global scan configuration; `defaults` is written on first read so every instance sees the same row. */
export async function getScanConfig(sql: Sql, defaults: Omit<ScanConfigRow, 'updated_at'>): Promise<ScanConfigRow> {
  const [row] = await sql<ScanConfigRow[]>`
    insert into scan_config (id, enabled, symbols, interval_s, timeframes, alert_threshold)
    values ('global', ${defaults.enabled}, ${defaults.symbols}, ${defaults.interval_s}, ${defaults.timeframes},
            ${defaults.alert_threshold})
    on conflict (id) do update set id = scan_config.id
    returning enabled, symbols, interval_s, timeframes, alert_threshold, updated_at`;
  return row;
}

export async function updateScanConfig(sql: Sql, patch: Partial<Omit<ScanConfigRow, 'updated_at'>>) {
  const [row] = await sql<ScanConfigRow[]>`
    update scan_config set
      enabled = coalesce(${patch.enabled ?? null}, enabled),
      symbols = coalesce(${patch.symbols ?? null}::text[], symbols),
      interval_s = coalesce(${patch.interval_s ?? null}, interval_s),
      timeframes = coalesce(${patch.timeframes ?? null}::text[], timeframes),
      alert_threshold = coalesce(${patch.alert_threshold ?? null}, alert_threshold),
      updated_at = now()
    where id = 'global'
    returning enabled, symbols, interval_s, timeframes, alert_threshold, updated_at`;
  return row;
}

export interface SessionRow {
  user_id: string;
  symbols: string[];
  interval_s: number;
  timeframes: string[];
  auto_alerts: boolean;
  active: boolean;
  session_id: string | null;
  started_at: Date | null;
  stopped_at: Date | null;
}

export async function getSession(sql: Sql, userId: string): Promise<SessionRow | undefined> {
  const [row] = await sql<SessionRow[]>`select * from scan_sessions where user_id = ${userId}`;
  return row;
}

export interface SessionSettings {
  symbols: string[];
  interval_s: number;
  timeframes: string[];
  auto_alerts: boolean;
}

/** Stores the caller's defaults; fields left undefined keep their stored value (or `fallback` on first write). */
export async function saveSessionSettings(
  sql: Sql,
  userId: string,
  patch: Partial<SessionSettings>,
  fallback: SessionSettings,
): Promise<SessionRow> {
  const [row] = await sql<SessionRow[]>`
    insert into scan_sessions (user_id, symbols, interval_s, timeframes, auto_alerts)
    values (${userId}, ${patch.symbols ?? fallback.symbols}, ${patch.interval_s ?? fallback.interval_s},
            ${patch.timeframes ?? fallback.timeframes}, ${patch.auto_alerts ?? fallback.auto_alerts})
    on conflict (user_id) do update set
      symbols = coalesce(${patch.symbols ?? null}::text[], scan_sessions.symbols),
      interval_s = coalesce(${patch.interval_s ?? null}, scan_sessions.interval_s),
      timeframes = coalesce(${patch.timeframes ?? null}::text[], scan_sessions.timeframes),
      auto_alerts = coalesce(${patch.auto_alerts ?? null}, scan_sessions.auto_alerts),
      updated_at = now()
    returning *`;
  return row;
}

/** Activates the session unless it already is (the `activated` flag tells a fresh start from a repeat). */
export async function activateSession(sql: Sql, userId: string, sessionId: string) {
  const rows = await sql<SessionRow[]>`
    update scan_sessions set active = true, session_id = ${sessionId}, started_at = now(), stopped_at = null,
      updated_at = now()
    where user_id = ${userId} and not active
    returning *`;
  return rows[0];
}

export async function deactivateSession(sql: Sql, userId: string) {
  const rows = await sql<SessionRow[]>`
    update scan_sessions set active = false, stopped_at = now(), updated_at = now()
    where user_id = ${userId} and active
    returning *`;
  return rows[0];
}

export async function countActiveSessions(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from scan_sessions where active`;
  return row.n;
}

export interface ScanRow {
  id: number;
  scan_key: string;
  scope: 'global' | 'session';
  user_id: string | null;
  session_id: string | null;
  timeframes: string[];
  symbols: string[];
  status: 'running' | 'completed' | 'partial' | 'failed';
  started_at: Date;
  finished_at: Date | null;
  patterns_found: number;
  errors_count: number;
  alerts_created: number;
  suppressed: Record<string, number>;
  results: unknown[];
}

/** Records a cycle once per key: a redelivered trigger gets the existing row back. */
export async function startScan(
  sql: Sql,
  s: Pick<ScanRow, 'scan_key' | 'scope' | 'user_id' | 'session_id' | 'timeframes' | 'symbols'>,
): Promise<ScanRow> {
  const [row] = await sql<ScanRow[]>`
    insert into scans (scan_key, scope, user_id, session_id, timeframes, symbols)
    values (${s.scan_key}, ${s.scope}, ${s.user_id}, ${s.session_id}, ${s.timeframes}, ${s.symbols})
    on conflict (scan_key) do update set scan_key = excluded.scan_key
    returning *`;
  return row;
}

export async function finishScan(
  sql: Sql,
  id: number,
  f: Pick<ScanRow, 'status' | 'patterns_found' | 'errors_count' | 'alerts_created' | 'suppressed' | 'results'>,
) {
  const [row] = await sql<ScanRow[]>`
    update scans set status = ${f.status}, finished_at = coalesce(finished_at, now()),
      patterns_found = ${f.patterns_found}, errors_count = ${f.errors_count}, alerts_created = ${f.alerts_created},
      suppressed = ${sql.json(f.suppressed)}, results = ${sql.json(f.results as never)}
    where id = ${id}
    returning *`;
  return row;
}

export async function getScan(sql: Sql, id: number): Promise<ScanRow | undefined> {
  const [row] = await sql<ScanRow[]>`select * from scans where id = ${id}`;
  return row;
}

/** The newest completed cycle of the global scan (userId null) or of a user's sessions. */
export async function latestScan(sql: Sql, scope: 'global' | 'session', userId: string | null) {
  const [row] = await sql<ScanRow[]>`
    select * from scans
    where scope = ${scope} and finished_at is not null
      and (${userId}::text is null or user_id = ${userId})
    order by finished_at desc limit 1`;
  return row;
}

export async function sessionStats(sql: Sql, sessionId: string) {
  const [row] = await sql<{ cycles: number; symbols_scanned: number; patterns_found: number }[]>`
    select count(*)::int as cycles, coalesce(sum(cardinality(symbols)), 0)::int as symbols_scanned,
           coalesce(sum(patterns_found), 0)::int as patterns_found
    from scans where session_id = ${sessionId} and finished_at is not null`;
  return row;
}

/** Where a series' scanning stands: backfilled when, detected up to which bar. */
export interface SeriesState extends SeriesKey {
  backfilled_at: Date | null;
  last_detected_bar: Date | null;
}

/** The scan state of many series in one round trip (series never scanned are absent). */
export async function getSeriesMany(sql: Sql, keys: SeriesKey[]): Promise<SeriesState[]> {
  return sql<SeriesState[]>`
    select s.symbol, s.timeframe, s.backfilled_at, s.last_detected_bar
    from ${unnestSeries(sql, keys)}
    join scan_series s on s.symbol = k.symbol and s.timeframe = k.timeframe`;
}

export interface SeriesMark extends SeriesKey {
  lastBar: Date;
  backfilled: boolean;
}

/** Advances the catch-up cursors (never backwards) and marks the histories backfilled, in one statement. */
export async function markSeriesMany(sql: Sql, marks: SeriesMark[]) {
  if (marks.length === 0) return;
  const now = new Date();
  const rows = marks.map((m) => ({
    symbol: m.symbol,
    timeframe: m.timeframe,
    backfilled_at: m.backfilled ? now : null,
    last_detected_bar: m.lastBar,
  }));
  await sql`
    insert into scan_series ${unnestInsert(sql, rows, {
      symbol: 'text',
      timeframe: 'text',
      backfilled_at: 'timestamptz',
      last_detected_bar: 'timestamptz',
    })}
    on conflict (symbol, timeframe) do update set
      backfilled_at = coalesce(scan_series.backfilled_at, excluded.backfilled_at),
      last_detected_bar = greatest(scan_series.last_detected_bar, excluded.last_detected_bar),
      updated_at = now()`;
}

import type { Sql } from '../client';

export interface NewAlert {
  detection_id: number;
  scan_id: number | null;
  symbol: string;
  timeframe: string;
  pattern_id: string;
  pattern_key: string;
  pattern_name: string;
  direction: 1 | -1;
  confidence: number;
  confidence_source: 'model' | 'prior';
  model_key: string | null;
  model_version: number | null;
  expected_r: number;
  price: number;
  bar_time: Date;
  explanation: string;
  suggested_action: 'BUY' | 'SELL' | 'WATCH';
  entry: number;
  stop_loss: number;
  take_profit: number;
  rr: number;
  confidence_factors: Record<string, number>;
  period: string;
  source: 'scan' | 'session';
  expires_at: Date;
}

export interface AlertRow extends NewAlert {
  id: number;
  outcome: string | null;
  played_out: boolean | null;
  created_at: Date;
}

/** An alert with the caller's own status row beside it (null for anonymous callers or no action yet). */
export interface AlertView extends AlertRow {
  user_status: 'dismissed' | 'snoozed' | 'acted' | null;
  snoozed_until: Date | null;
}

export type CreateResult = { alert: AlertRow } | { suppressed: 'duplicate' | 'cooldown' };

/**
 * Creates the alert unless one exists for the same detection key (duplicate) or the same (symbol, pattern) got one
 * within `cooldownMs` on any timeframe (cooldown). An advisory lock per (symbol, pattern) serialises concurrent
 * scan children deciding the same cooldown.
 */
export async function createAlert(sql: Sql, a: NewAlert, cooldownMs: number): Promise<CreateResult> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`${a.symbol}|${a.pattern_id}`}))`;
    const [dup] = await tx`
      select 1 from alerts where symbol = ${a.symbol} and timeframe = ${a.timeframe}
        and pattern_id = ${a.pattern_id} and bar_time = ${a.bar_time}`;
    if (dup) return { suppressed: 'duplicate' as const };
    const [recent] = await tx`
      select 1 from alerts where symbol = ${a.symbol} and pattern_id = ${a.pattern_id}
        and created_at > now() - ${cooldownMs}::float8 * interval '1 millisecond'`;
    if (recent) return { suppressed: 'cooldown' as const };
    const row = { ...a, confidence_factors: tx.json(a.confidence_factors) };
    const [alert] = await tx<AlertRow[]>`
      insert into alerts ${tx(row as never)}
      on conflict do nothing
      returning *`;
    return alert ? { alert } : { suppressed: 'duplicate' as const };
  }) as Promise<CreateResult>;
}

export interface AlertFilter {
  userId: string | null;
  symbol?: string;
  timeframe?: string;
  minConfidence?: number;
  /** Keyset: id of the previous page's last row (ids grow with creation time). */
  before?: number;
  limit: number;
}

/** Active for the caller: not expired and not dismissed, acted on or snoozed (until snoozed_until). */
export async function listActive(sql: Sql, f: AlertFilter) {
  return sql<AlertView[]>`
    select a.*, s.status as user_status, s.snoozed_until
    from alerts a
    left join alert_user_status s on s.alert_id = a.id and s.user_id = ${f.userId ?? ''}
    where a.expires_at > now()
      and (s.status is null or (s.status = 'snoozed' and s.snoozed_until <= now()))
      and (${f.symbol ?? null}::text is null or a.symbol = ${f.symbol ?? null})
      and (${f.timeframe ?? null}::text is null or a.timeframe = ${f.timeframe ?? null})
      and (${f.minConfidence ?? null}::float8 is null or a.confidence >= ${f.minConfidence ?? null})
      and (${f.before ?? null}::bigint is null or a.id < ${f.before ?? null})
    order by a.id desc
    limit ${f.limit}`;
}

/** Every alert (expired and dismissed included unless excluded), newest first. */
export async function listRecent(sql: Sql, f: AlertFilter & { includeExpired: boolean }) {
  return sql<AlertView[]>`
    select a.*, s.status as user_status, s.snoozed_until
    from alerts a
    left join alert_user_status s on s.alert_id = a.id and s.user_id = ${f.userId ?? ''}
    where (${f.includeExpired} or a.expires_at > now())
      and (${f.symbol ?? null}::text is null or a.symbol = ${f.symbol ?? null})
      and (${f.before ?? null}::bigint is null or a.id < ${f.before ?? null})
    order by a.id desc
    limit ${f.limit}`;
}

export async function getAlert(sql: Sql, id: number, userId: string | null): Promise<AlertView | undefined> {
  const [row] = await sql<AlertView[]>`
    select a.*, s.status as user_status, s.snoozed_until
    from alerts a
    left join alert_user_status s on s.alert_id = a.id and s.user_id = ${userId ?? ''}
    where a.id = ${id}`;
  return row;
}

/** The newest alert still active for the caller on a symbol whose pattern matches (alert_id 0 in responses). */
export async function findActiveFor(sql: Sql, userId: string, symbol: string, patternIds: string[] | null) {
  const [row] = await listActiveWhere(sql, userId, symbol, patternIds);
  return row;
}

function listActiveWhere(sql: Sql, userId: string, symbol: string, patternIds: string[] | null) {
  return sql<AlertView[]>`
    select a.*, s.status as user_status, s.snoozed_until
    from alerts a
    left join alert_user_status s on s.alert_id = a.id and s.user_id = ${userId}
    where a.expires_at > now() and a.symbol = ${symbol}
      and (${patternIds}::text[] is null or a.pattern_id = any(${patternIds}::text[]))
      and (s.status is null or (s.status = 'snoozed' and s.snoozed_until <= now()))
    order by a.id desc limit 1`;
}

/**
 * Records the caller's decision. Dismissed and acted are final: a later response leaves them unchanged and the
 * stored row is returned, so repeating a request is harmless.
 */
export async function setUserStatus(
  sql: Sql,
  alertId: number,
  userId: string,
  status: 'dismissed' | 'snoozed' | 'acted',
  opts: { snoozedUntil?: Date | null; userAction?: string | null; orderId?: string | null } = {},
) {
  await sql`
    insert into alert_user_status (alert_id, user_id, status, user_action, snoozed_until, order_id)
    values (${alertId}, ${userId}, ${status}, ${opts.userAction ?? null}, ${opts.snoozedUntil ?? null},
            ${opts.orderId ?? null})
    on conflict (alert_id, user_id) do update set
      status = excluded.status, user_action = excluded.user_action, snoozed_until = excluded.snoozed_until,
      order_id = coalesce(excluded.order_id, alert_user_status.order_id), updated_at = now()
    where alert_user_status.status = 'snoozed'`;
  const [row] = await sql<{ status: 'dismissed' | 'snoozed' | 'acted'; snoozed_until: Date | null }[]>`
    select status, snoozed_until from alert_user_status where alert_id = ${alertId} and user_id = ${userId}`;
  return row;
}

/** The scan's strongest alert (GET /api/scan `last_signal`). */
export async function strongestOfScan(sql: Sql, scanId: number): Promise<AlertRow | undefined> {
  const [row] = await sql<AlertRow[]>`
    select * from alerts where scan_id = ${scanId} order by confidence desc, id desc limit 1`;
  return row;
}

export async function countActive(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from alerts where expires_at > now()`;
  return row.n;
}

export async function insertFeedback(
  sql: Sql,
  f: {
    user_id: string;
    detection_id: number;
    outcome: 'win' | 'loss' | 'breakeven';
    pnl: number | null;
    confidence: number | null;
    trade_duration: number | null;
    symbol: string | null;
    pattern: string | null;
    notes: string | null;
  },
) {
  const [row] = await sql<{ id: number; detection_id: number; outcome: string; recorded_at: Date }[]>`
    insert into detection_feedback ${sql(f as never)}
    returning id, detection_id, outcome, recorded_at`;
  return row;
}

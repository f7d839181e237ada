import type { Sql } from '../client';
import { unpackFloat8 } from '../packed';
import { type ColumnTypes, unnestInsert } from '../unnest';

export interface NewLabel {
  detection_id: number;
  label_version: string;
  pattern_key: string;
  timeframe: string;
  asset_class: string;
  outcome: 'win' | 'loss' | 'timeout' | 'invalid';
  reason: string | null;
  entry_price: number | null;
  exit_price: number | null;
  exit_bar_time: Date | null;
  bars_to_outcome: number | null;
  return: number | null;
  r_multiple: number | null;
  mfe_atr: number | null;
  mae_atr: number | null;
  fwd_return_1: number | null;
  fwd_return_5: number | null;
  fwd_return_n: number | null;
  available_at: Date;
}

const COLUMNS: ColumnTypes<NewLabel> = {
  detection_id: 'bigint',
  label_version: 'text',
  pattern_key: 'text',
  timeframe: 'text',
  asset_class: 'text',
  outcome: 'text',
  reason: 'text',
  entry_price: 'float8',
  exit_price: 'float8',
  exit_bar_time: 'timestamptz',
  bars_to_outcome: 'int',
  return: 'float8',
  r_multiple: 'float8',
  mfe_atr: 'float8',
  mae_atr: 'float8',
  fwd_return_1: 'float8',
  fwd_return_5: 'float8',
  fwd_return_n: 'float8',
  available_at: 'timestamptz',
};

const CHUNK = 5000;

/**
 * One row per (detection, label version), first write wins. The alert raised from each newly labelled detection
 * records the outcome in the same statement, so an alert never misses its label.
 */
export async function insertLabels(sql: Sql, rows: NewLabel[]) {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const [r] = await sql<{ n: number }[]>`
      with ins as (
        insert into labels ${unnestInsert(sql, rows.slice(i, i + CHUNK), COLUMNS)}
        on conflict (detection_id, label_version) do nothing
        returning detection_id, outcome
      ), linked as (
        update alerts a set outcome = ins.outcome, played_out = (ins.outcome = 'win')
        from ins where a.detection_id = ins.detection_id and a.outcome is null
      )
      select count(*)::int as n from ins`;
    inserted += r.n;
  }
  return inserted;
}

/** Labelled outcomes in availability order, as columns. */
interface PackedOutcomes {
  /** available_at in epoch ms. */
  times: Float64Array;
  /** 1 = win, 0 = loss or timeout. */
  wins: Uint8Array;
}

/** Sorts values `available ms * 2 + win` (exact: whole ms below 2^52) and splits them into columns. */
function outcomeColumns(encoded: Float64Array): PackedOutcomes {
  encoded.sort();
  const times = new Float64Array(encoded.length);
  const wins = new Uint8Array(encoded.length);
  for (let i = 0; i < encoded.length; i++) {
    wins[i] = encoded[i] % 2;
    times[i] = (encoded[i] - wins[i]) / 2;
  }
  return { times, wins };
}

/**
 * Labelled outcomes (invalid excluded) of one pool with id > afterId, for point-in-time evidence: all of them and
 * per pattern key, in availability order. Postgres packs each key's outcomes into one field (packed.ts), unsorted
 * (a hash aggregate, no sort spilling to disk); each outcome is one float8 `available ms * 2 + win`, so a native
 * numeric sort puts them in order here.
 */
export async function poolOutcomes(sql: Sql, version: string, timeframe: string, assetClass: string, afterId: number) {
  const rows = await sql<{ pattern_key: string; max_id: number; outcomes: Buffer }[]>`
    select pattern_key, max(id) as max_id,
           string_agg(float8send(round(date_part('epoch', available_at) * 1000) * 2 + (outcome = 'win')::int), '')
             as outcomes
    from labels
    where id > ${afterId} and label_version = ${version} and timeframe = ${timeframe}
      and asset_class = ${assetClass} and outcome <> 'invalid'
    group by pattern_key`;
  const byKey = new Map(rows.map((r) => [r.pattern_key, unpackFloat8(r.outcomes)[0]]));
  const all = new Float64Array([...byKey.values()].reduce((n, v) => n + v.length, 0));
  let at = 0;
  for (const v of byKey.values()) {
    all.set(v, at);
    at += v.length;
  }
  return {
    maxId: rows.reduce((m, r) => Math.max(m, r.max_id), afterId),
    pooled: outcomeColumns(all),
    byKey: new Map([...byKey].map(([k, v]) => [k, outcomeColumns(v)])),
  };
}

/** Evidence strictly before `at` for some pattern keys and pooled over the (timeframe, asset class). */
export async function evidenceBefore(sql: Sql, version: string, timeframe: string, assetClass: string, at: Date) {
  return sql<{ pattern_key: string; wins: number; n: number }[]>`
    select pattern_key, count(*) filter (where outcome = 'win')::int as wins, count(*)::int as n
    from labels
    where label_version = ${version} and timeframe = ${timeframe} and asset_class = ${assetClass}
      and outcome <> 'invalid' and available_at < ${at}
    group by pattern_key`;
}

export interface PerformanceFilter {
  version: string;
  since: Date | null;
  patternIds?: string[];
  symbol?: string;
  timeframe?: string;
}

export interface PerformanceRow {
  group_key: string | null;
  pattern_id: string | null;
  detections: number;
  labeled: number;
  n: number;
  wins: number;
  avg_return: number | null;
  avg_mfe_atr: number | null;
  avg_mae_atr: number | null;
  avg_bars_to_outcome: number | null;
  avg_confidence: number | null;
}

/**
 * Pattern performance (domain §11.5) over detections with bar_time in the window, grouped by `by`: overall,
 * per pattern key, or per symbol. n counts win/loss/timeout labels; invalid labels count as labelled only.
 */
export async function performance(sql: Sql, f: PerformanceFilter, by: 'all' | 'pattern_key' | 'symbol') {
  const group = by === 'all' ? sql`null::text` : by === 'pattern_key' ? sql`d.pattern_key` : sql`d.symbol`;
  return sql<PerformanceRow[]>`
    select ${group} as group_key, ${by === 'pattern_key' ? sql`min(d.pattern_id)` : sql`null::text`} as pattern_id,
      count(*)::int as detections,
      count(l.id)::int as labeled,
      count(l.id) filter (where l.outcome <> 'invalid')::int as n,
      count(l.id) filter (where l.outcome = 'win')::int as wins,
      avg(l.return) filter (where l.outcome <> 'invalid')::float8 as avg_return,
      avg(l.mfe_atr) filter (where l.outcome <> 'invalid')::float8 as avg_mfe_atr,
      avg(l.mae_atr) filter (where l.outcome <> 'invalid')::float8 as avg_mae_atr,
      avg(l.bars_to_outcome) filter (where l.outcome <> 'invalid')::float8 as avg_bars_to_outcome,
      avg(d.confidence)::float8 as avg_confidence
    from detections d
    left join labels l on l.detection_id = d.id and l.label_version = ${f.version}
    where (${f.since}::timestamptz is null or d.bar_time >= ${f.since})
      and (${f.patternIds ?? null}::text[] is null or d.pattern_id = any(${f.patternIds ?? null}::text[]))
      and (${f.symbol ?? null}::text is null or d.symbol = ${f.symbol ?? null})
      and (${f.timeframe ?? null}::text is null or d.timeframe = ${f.timeframe ?? null})
    group by 1
    order by detections desc, 1
    limit ${by === 'symbol' ? 25 : 1000}`;
}

/** Labelled detections of some patterns, newest first (examples for explanations). */
export async function recentLabelled(sql: Sql, version: string, patternIds: string[], limit: number) {
  return sql<
    {
      detection_id: number;
      symbol: string;
      timeframe: string;
      bar_time: Date;
      outcome: string;
      return: number | null;
      bars_to_outcome: number | null;
    }[]
  >`
    select d.id as detection_id, d.symbol, d.timeframe, d.bar_time, l.outcome, l.return, l.bars_to_outcome
    from labels l join detections d on d.id = l.detection_id
    where l.label_version = ${version} and d.pattern_id = any(${patternIds}::text[]) and l.outcome <> 'invalid'
    order by d.bar_time desc, d.id desc limit ${limit}`;
}

/** Per-timeframe outcome counts and the median bars to outcome for some patterns. */
export async function patternOutcomes(sql: Sql, version: string, patternIds: string[], patternKeys?: string[]) {
  return sql<{ timeframe: string; n: number; wins: number; avg_return: number | null; median_bars: number | null }[]>`
    select d.timeframe, count(*)::int as n, count(*) filter (where l.outcome = 'win')::int as wins,
           avg(l.return)::float8 as avg_return,
           percentile_cont(0.5) within group (order by l.bars_to_outcome)::float8 as median_bars
    from labels l join detections d on d.id = l.detection_id
    where l.label_version = ${version} and d.pattern_id = any(${patternIds}::text[]) and l.outcome <> 'invalid'
      and (${patternKeys ?? null}::text[] is null or d.pattern_key = any(${patternKeys ?? null}::text[]))
    group by d.timeframe order by d.timeframe`;
}

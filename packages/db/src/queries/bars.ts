import type { Sql } from '../client';
import { unpackFloat8 } from '../packed';
import { type SeriesKey, unnestSeries } from '../unnest';

/** Bars as columns (open time in epoch ms), the form the domain reads. */
export interface BarColumns {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

export interface StoredBars extends BarColumns {
  provider: string | null;
}

const CHUNK = 5000;

/**
 * Stores final bars; an existing (symbol, timeframe, open_time) is left untouched (final bars are immutable,
 * domain §1.3), so the call is idempotent. Returns how many rows were new.
 */
export async function insertBars(sql: Sql, symbol: string, timeframe: string, provider: string, bars: BarColumns) {
  let inserted = 0;
  for (let i = 0; i < bars.time.length; i += CHUNK) {
    const end = Math.min(i + CHUNK, bars.time.length);
    const times = bars.time.slice(i, end).map((t) => new Date(t).toISOString());
    const r = await sql`
      insert into bars (symbol, timeframe, open_time, open, high, low, close, volume, provider)
      select ${symbol}, ${timeframe}, t, o, h, l, c, v, ${provider}
      from unnest(${times}::timestamptz[], ${bars.open.slice(i, end)}::float8[], ${bars.high.slice(i, end)}::float8[],
                  ${bars.low.slice(i, end)}::float8[], ${bars.close.slice(i, end)}::float8[],
                  ${bars.volume.slice(i, end)}::float8[]) as x(t, o, h, l, c, v)
      on conflict do nothing`;
    inserted += r.count;
  }
  return inserted;
}

type Row = [number, number, number, number, number, number, string];

function columns(rows: Row[], newestFirst: boolean): StoredBars {
  const n = rows.length;
  const out: StoredBars = { time: [], open: [], high: [], low: [], close: [], volume: [], provider: null };
  for (let k = 0; k < n; k++) {
    const r = rows[newestFirst ? n - 1 - k : k] as Row;
    out.time.push(r[0]);
    out.open.push(r[1]);
    out.high.push(r[2]);
    out.low.push(r[3]);
    out.close.push(r[4]);
    out.volume.push(r[5]);
    out.provider = r[6];
  }
  return out;
}

/** Bars with open time in [from, to] (epoch ms), oldest first. */
export async function readRange(sql: Sql, symbol: string, timeframe: string, from: number, to: number) {
  const rows = await sql`
    select (extract(epoch from open_time) * 1000)::float8, open, high, low, close, volume, provider
    from bars where symbol = ${symbol} and timeframe = ${timeframe}
      and open_time >= ${new Date(from)} and open_time <= ${new Date(to)}
    order by open_time`.values();
  return columns(rows as unknown as Row[], false);
}

/** The newest `limit` bars with open time <= `to`, oldest first. */
export async function readLatest(sql: Sql, symbol: string, timeframe: string, to: number, limit: number) {
  const rows = await sql`
    select (extract(epoch from open_time) * 1000)::float8, open, high, low, close, volume, provider
    from bars where symbol = ${symbol} and timeframe = ${timeframe} and open_time <= ${new Date(to)}
    order by open_time desc limit ${limit}`.values();
  return columns(rows as unknown as Row[], true);
}

/** One series' newest `limit` bars with open time <= `to` (a request of readLatestMany). */
export interface LatestRequest {
  symbol: string;
  timeframe: string;
  to: number;
  limit: number;
}

/** Bars as typed columns (the domain's BarSeries shape) with the newest bar's provider. */
export interface PackedBars {
  length: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  provider: string | null;
}

/**
 * readLatest for many series in one round trip, results in request order. Each series comes back as one row: its
 * bars packed as float8 (time, open, high, low, close, volume) per bar, oldest first (packed.ts). Parsing hundreds of
 * thousands of bar rows cost more than the scan's detection, and one packed column sorts once where six would sort
 * six times. Open times are whole milliseconds: date_part in float8, rounded, is exact and cheaper than numeric.
 */
export async function readLatestMany(sql: Sql, reqs: LatestRequest[]): Promise<PackedBars[]> {
  if (reqs.length === 0) return [];
  const rows = await sql<{ bars: Buffer | null; provider: string | null }[]>`
    select b.bars, b.provider
    from unnest(${reqs.map((r) => r.symbol)}::text[], ${reqs.map((r) => r.timeframe)}::text[],
                ${reqs.map((r) => new Date(r.to).toISOString())}::timestamptz[], ${reqs.map((r) => r.limit)}::int[])
         with ordinality as r(symbol, timeframe, t, lim, i)
    cross join lateral (
      select string_agg(float8send(round(date_part('epoch', open_time) * 1000)) || float8send(open)
                        || float8send(high) || float8send(low) || float8send(close) || float8send(volume),
                        '' order by open_time) as bars,
             (array_agg(provider order by open_time desc))[1] as provider
      from (select open_time, open, high, low, close, volume, provider from bars
            where symbol = r.symbol and timeframe = r.timeframe and open_time <= r.t
            order by open_time desc limit r.lim) newest) b
    order by r.i`;
  return rows.map((r) => {
    const [time, open, high, low, close, volume] = unpackFloat8(r.bars, 6);
    return { length: time.length, time, open, high, low, close, volume, provider: r.provider };
  });
}

export interface Coverage {
  provider: string;
  from: number;
  to: number;
}

export async function getCoverage(sql: Sql, symbol: string, timeframe: string): Promise<Coverage | null> {
  const [row] = await sql<{ provider: string; covered_from: Date; covered_to: Date }[]>`
    select provider, covered_from, covered_to from bar_coverage where symbol = ${symbol} and timeframe = ${timeframe}`;
  return row ? { provider: row.provider, from: row.covered_from.getTime(), to: row.covered_to.getTime() } : null;
}

/** Coverage of many series in one round trip, keyed `symbol|timeframe` (series never fetched are absent). */
export async function getCoverageMany(sql: Sql, keys: SeriesKey[]) {
  if (keys.length === 0) return new Map<string, Coverage>();
  const rows = await sql<
    { symbol: string; timeframe: string; provider: string; covered_from: Date; covered_to: Date }[]
  >`
    select c.symbol, c.timeframe, c.provider, c.covered_from, c.covered_to
    from ${unnestSeries(sql, keys)}
    join bar_coverage c on c.symbol = k.symbol and c.timeframe = k.timeframe`;
  return new Map<string, Coverage>(
    rows.map((r) => [
      `${r.symbol}|${r.timeframe}`,
      { provider: r.provider, from: r.covered_from.getTime(), to: r.covered_to.getTime() },
    ]),
  );
}

/**
 * Records that [from, to) has been fetched from `provider`. Overlapping or touching ranges of the same provider
 * merge; a different provider or a disjoint range replaces the record (bars outside it stay stored, they are
 * simply fetched-again candidates, and inserts of them are no-ops).
 */
export async function recordCoverage(sql: Sql, symbol: string, timeframe: string, c: Coverage): Promise<void> {
  await sql`
    insert into bar_coverage (symbol, timeframe, provider, covered_from, covered_to)
    values (${symbol}, ${timeframe}, ${c.provider}, ${new Date(c.from)}, ${new Date(c.to)})
    on conflict (symbol, timeframe) do update set
      covered_from = case when bar_coverage.provider = excluded.provider
          and excluded.covered_from <= bar_coverage.covered_to and excluded.covered_to >= bar_coverage.covered_from
        then least(bar_coverage.covered_from, excluded.covered_from) else excluded.covered_from end,
      covered_to = case when bar_coverage.provider = excluded.provider
          and excluded.covered_from <= bar_coverage.covered_to and excluded.covered_to >= bar_coverage.covered_from
        then greatest(bar_coverage.covered_to, excluded.covered_to) else excluded.covered_to end,
      provider = excluded.provider,
      updated_at = now()`;
}

/** Stored series per symbol (coverage endpoint, assets registry). */
export async function storedSymbols(sql: Sql): Promise<{ symbol: string; timeframes: string[]; bars: number }[]> {
  return sql<{ symbol: string; timeframes: string[]; bars: number }[]>`
    select symbol, array_agg(distinct timeframe order by timeframe) as timeframes, count(*)::int8 as bars
    from bars group by symbol order by symbol`;
}

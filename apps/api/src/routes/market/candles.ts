import {
  DURATION_MS,
  type MarketData,
  PERIODS,
  type Period,
  parseTimeframe,
  periodStart,
  type Timeframe,
} from '@tx/market-data';
import { type CachedBody, cachedBody } from '../../lib/cached-body';
import { AppError, validation } from '../../lib/errors';
import { asAppError } from './errors';
import type { CandlesQuery } from './schemas';
import { parseTimeInput } from './time-input';

const MAX_CACHED = 2000;
const MAX_AGE_MS = 60_000;

/** One answer, both shapes serialised once, kept until `expires`. */
interface Entry {
  body: CachedBody;
  bare: CachedBody;
  expires: number;
}

function toData(
  r: Awaited<ReturnType<MarketData['getBars']>>,
  interval: string,
  period: string | null,
  from?: number,
  to?: number,
) {
  const b = r.bars;
  const candles = new Array(b.length);
  for (let i = 0; i < b.length; i++) {
    const t = b.time[i] as number;
    candles[i] = {
      timestamp: new Date(t).toISOString(),
      t,
      open: b.open[i],
      high: b.high[i],
      low: b.low[i],
      close: b.close[i],
      volume: b.volume[i],
    };
  }
  const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());
  return {
    symbol: r.symbol,
    interval,
    period,
    from: iso(from) ?? candles[0]?.timestamp ?? null,
    to: iso(to) ?? candles.at(-1)?.timestamp ?? null,
    provider: r.provider,
    candles,
  };
}

/**
 * GET /api/candles and its bare-array variant. Closed bars never change, so a built answer is kept (in memory,
 * per process) until the next bar of its timeframe can close, at most 60 s; concurrent misses share one build.
 * The bodies are cached serialised and UTF-8 encoded with their ETag: the hot path is a Map lookup and a socket write.
 */
export function createCandlesHandler(md: MarketData, now: () => number = Date.now) {
  const cache = new Map<string, Entry>();
  const inflight = new Map<string, Promise<Entry>>();

  async function build(q: CandlesQuery, tf: Timeframe, interval: string): Promise<Entry> {
    if (q.period !== undefined && !(PERIODS as readonly string[]).includes(q.period)) {
      throw new AppError(400, 'INVALID_TIMEFRAME', 'Unknown period');
    }
    const t = now();
    let from = parseTimeInput('from', q.from);
    let to = parseTimeInput('to', q.to);
    if (q.period !== undefined && from === undefined && to === undefined) {
      from = periodStart(q.period as Period, t) ?? 0;
      to = t;
    }
    if (to !== undefined && from === undefined) from = 0;
    if (from !== undefined && to !== undefined && from > to)
      throw validation([{ field: 'querystring.from', issue: 'must not be after to' }]);
    const r = await md.getBars(q.symbol, tf, { limit: q.limit, from, to });
    const dur = DURATION_MS[tf];
    const data = toData(r, interval, q.period ?? null, from, to);
    const meta = { provider: data.provider };
    return {
      body: cachedBody({ success: true, data, meta }),
      bare: cachedBody({ success: true, data: data.candles, meta }),
      expires: Math.min(t + MAX_AGE_MS, (Math.floor(t / dur) + 1) * dur + 1000),
    };
  }

  return async function candles(q: CandlesQuery, bare: boolean): Promise<CachedBody> {
    if (q.interval !== undefined && q.timeframe !== undefined && q.interval !== q.timeframe) {
      throw validation([{ field: 'querystring.timeframe', issue: 'differs from interval' }]);
    }
    const interval = q.interval ?? q.timeframe ?? '1d';
    const key = `${q.symbol}|${interval}|${q.period ?? ''}|${q.from ?? ''}|${q.to ?? ''}|${q.limit ?? ''}`;
    const hit = cache.get(key);
    if (hit && hit.expires > now()) return bare ? hit.bare : hit.body;
    const tf = parseTimeframe(interval);
    if (!tf) throw new AppError(400, 'INVALID_TIMEFRAME', 'Unknown interval');
    let p = inflight.get(key);
    if (!p) {
      // Requests for the same key share one build, which also stores the entry.
      p = build(q, tf, interval)
        .then((entry) => {
          if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
          cache.set(key, entry);
          return entry;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    let entry: Entry;
    try {
      entry = await p;
    } catch (err) {
      throw asAppError(err);
    }
    return bare ? entry.bare : entry.body;
  };
}

import type { Config } from '@tx/config';
import { bars as barsDb, type Sql } from '@tx/db';
import { allocateBars, type BarSeries } from '@tx/domain';
import type { Logger, Registry } from '@tx/observability';
import type { Redis } from 'ioredis';
import type {
  BarsQuery,
  BarsResult,
  HealthReport,
  LatestBarsRequest,
  MarketData,
  NewsResult,
  ProviderHealth,
  Quote,
} from './api';
import { registryAssets } from './assets';
import { equitySession, marketOpen, tradingDayEnd } from './calendar';
import { MarketDataError } from './errors';
import { providerMetrics } from './metrics';
import { mergeNews } from './news';
import { enabledProviders, missingKey, orderFor, type Use } from './priority';
import { createProvider, type ProviderContext } from './providers';
import { QuoteCache } from './quote-cache';
import { type ResilienceOptions, ResilientCaller } from './resilience/resilient';
import { SingleFlight } from './single-flight';
import { isSymbolError, normalizeSymbol } from './symbols';
import { DAY_MS, DURATION_MS, parseTimeframe, weekStart } from './timeframes';
import {
  type AssetClass,
  type Bar,
  type MarketDataProvider,
  type NewsItem,
  PROVIDER_IDS,
  ProviderError,
  type ProviderId,
  type ProviderQuote,
  type Timeframe,
} from './types';

export const MAX_BARS = 5000;
const DEFAULT_LIMIT = 200;
const NEWS_TTL_MS = 15 * 60_000;
const ASSET_CLASSES: AssetClass[] = ['equity', 'crypto', 'forex'];

export interface MarketDataOptions {
  config: Config;
  sql: Sql;
  redis: Redis;
  keyPrefix: string;
  logger: Logger;
  /** Third-party HTTP (tests inject recorded provider responses). */
  fetch?: typeof fetch;
  /** Replaces the configured providers (tests). */
  providers?: MarketDataProvider[];
  resilience?: ResilienceOptions;
  /** Registry for tx_provider_requests_total / tx_provider_latency_seconds. */
  metricsRegistry?: Registry;
  now?: () => number;
}

interface Fetched {
  provider: ProviderId;
  bars: Bar[];
}

/** Calendar span that holds `limit` bars of a class, generous enough for weekends and holidays. */
function lookbackMs(limit: number, tf: Timeframe, cls: AssetClass): number {
  const dur = DURATION_MS[tf];
  if (cls === 'crypto') return limit * dur;
  if (tf === '1d') return Math.ceil(limit * 1.5 + 12) * DAY_MS;
  if (cls === 'forex') return Math.ceil(limit * dur * 1.45) + 4 * DAY_MS;
  const perSession = Math.ceil((390 * 60_000) / dur) + 1;
  return Math.ceil((limit / perSession) * 1.5 + 6) * DAY_MS;
}

/** Rough bar count of a window (trading hours and days of the class), to refuse huge windows before fetching. */
function expectedBars(start: number, end: number, tf: Timeframe, cls: AssetClass): number {
  const share = cls === 'crypto' ? 1 : cls === 'forex' ? 5 / 7 : tf === '1d' ? 252 / 365 : (6.5 / 24) * (252 / 365);
  return ((end - start) / DURATION_MS[tf]) * share;
}

/**
 * Open time of the newest bar that can be final at `now`: open + duration + lag <= now, except that an equity
 * bucket holding the session close is final once the session has closed (1d bars close at 16:00 New York).
 */
function lastFinalOpen(tf: Timeframe, cls: AssetClass, now: number, lagMs: number): number {
  const dur = DURATION_MS[tf];
  let end = now - dur - lagMs;
  if (cls === 'equity') {
    const session = equitySession(Math.floor(now / DAY_MS));
    if (session && session.close + lagMs <= now) end = Math.max(end, Math.floor((session.close - 1) / dur) * dur);
  }
  return end;
}

function toSeries(cols: barsDb.BarColumns): BarSeries {
  const s = allocateBars(cols.time.length);
  s.time.set(cols.time);
  s.open.set(cols.open);
  s.high.set(cols.high);
  s.low.set(cols.low);
  s.close.set(cols.close);
  s.volume.set(cols.volume);
  return s;
}

function toColumns(bars: Bar[]): barsDb.BarColumns {
  return {
    time: bars.map((b) => b.time),
    open: bars.map((b) => b.open),
    high: bars.map((b) => b.high),
    low: bars.map((b) => b.low),
    close: bars.map((b) => b.close),
    volume: bars.map((b) => b.volume),
  };
}

/** 1w bars from 1d bars (domain §1.2): O first, H max, L min, C last, V sum, keyed by the week's Monday. */
function weekly(cols: barsDb.BarColumns): barsDb.BarColumns {
  const out: barsDb.BarColumns = { time: [], open: [], high: [], low: [], close: [], volume: [] };
  for (let i = 0; i < cols.time.length; i++) {
    const w = weekStart(cols.time[i] as number);
    const last = out.time.length - 1;
    if (last >= 0 && out.time[last] === w) {
      out.high[last] = Math.max(out.high[last] as number, cols.high[i] as number);
      out.low[last] = Math.min(out.low[last] as number, cols.low[i] as number);
      out.close[last] = cols.close[i] as number;
      out.volume[last] = (out.volume[last] as number) + (cols.volume[i] as number);
    } else {
      out.time.push(w);
      out.open.push(cols.open[i] as number);
      out.high.push(cols.high[i] as number);
      out.low.push(cols.low[i] as number);
      out.close.push(cols.close[i] as number);
      out.volume.push(cols.volume[i] as number);
    }
  }
  return out;
}

function sliceColumns(c: barsDb.BarColumns, start: number): barsDb.BarColumns {
  return {
    time: c.time.slice(start),
    open: c.open.slice(start),
    high: c.high.slice(start),
    low: c.low.slice(start),
    close: c.close.slice(start),
    volume: c.volume.slice(start),
  };
}

export function createMarketData(opts: MarketDataOptions): MarketData {
  return new MarketDataService(opts);
}

class MarketDataService implements MarketData {
  private readonly providers = new Map<ProviderId, MarketDataProvider>();
  private readonly callers = new Map<ProviderId, ResilientCaller>();
  private readonly enabled: ProviderId[];
  private readonly flights = new SingleFlight();
  private readonly quotes: QuoteCache;
  private readonly news = new Map<string, { result: NewsResult; at: number }>();
  private readonly now: () => number;

  constructor(private readonly opts: MarketDataOptions) {
    this.now = opts.now ?? Date.now;
    const ctx: ProviderContext = {
      config: opts.config,
      fetch: opts.fetch ?? globalThis.fetch,
      now: this.now,
    };
    const list = opts.providers ?? enabledProviders(opts.config).map((id) => createProvider(id, ctx));
    const onCall = opts.metricsRegistry ? providerMetrics(opts.metricsRegistry) : undefined;
    for (const p of list) {
      this.providers.set(p.id, p);
      const resilience = { now: this.now, onCall, ...opts.resilience };
      this.callers.set(p.id, new ResilientCaller(p.id, p.capabilities.rateLimit, resilience));
    }
    this.enabled = list.map((p) => p.id);
    this.quotes = new QuoteCache(opts.redis, opts.keyPrefix);
  }

  private order(cls: AssetClass, use: Use, tf?: Timeframe): ProviderId[] {
    return orderFor(this.opts.config, this.enabled, cls, use, (id) => {
      const c = (this.providers.get(id) as MarketDataProvider).capabilities;
      if (!c.assetClasses.includes(cls)) return false;
      return use === 'quotes' ? c.quotes : tf === undefined || c.timeframes.includes(tf);
    });
  }

  priority(): Record<AssetClass, ProviderId[]> {
    return {
      equity: this.order('equity', 'bars'),
      crypto: this.order('crypto', 'bars'),
      forex: this.order('forex', 'bars'),
    };
  }

  private normalize(input: string) {
    const n = normalizeSymbol(input);
    if (isSymbolError(n)) throw new MarketDataError('invalid_symbol', 'Symbol is malformed');
    return n;
  }

  /** Tries providers in order. All "not found" → unknown_symbol; no answer at all → upstream_unavailable. */
  private async firstAnswer<T>(
    order: ProviderId[],
    fn: (p: MarketDataProvider) => Promise<T>,
  ): Promise<{ id: ProviderId; value: T }> {
    let failures = 0;
    for (const id of order) {
      const caller = this.callers.get(id) as ResilientCaller;
      try {
        return { id, value: await caller.call(() => fn(this.providers.get(id) as MarketDataProvider)) };
      } catch (err) {
        if (err instanceof ProviderError && (err.kind === 'not_found' || err.kind === 'unsupported')) continue;
        failures++;
        this.opts.logger.warn(
          { provider: id, err: err instanceof Error ? err.message : String(err) },
          'provider call failed',
        );
      }
    }
    if (failures === 0) throw new MarketDataError('unknown_symbol', 'Unknown symbol');
    throw new MarketDataError('upstream_unavailable', 'No market-data provider could answer');
  }

  async getBars(symbolInput: string, tfInput: Timeframe | string, query: BarsQuery = {}): Promise<BarsResult> {
    const { symbol, assetClass } = this.normalize(symbolInput);
    const timeframe = parseTimeframe(tfInput);
    if (!timeframe) throw new MarketDataError('invalid_timeframe', 'Unknown interval');
    const limit = query.limit ?? (query.from === undefined ? DEFAULT_LIMIT : undefined);
    if (limit !== undefined && (limit < 1 || limit > MAX_BARS)) {
      throw new MarketDataError('limit_exceeded', `At most ${MAX_BARS} bars per request`);
    }
    if (timeframe === '1w') {
      const daily = await this.getBars(symbol, '1d', {
        from: query.from !== undefined ? weekStart(query.from) : undefined,
        to: query.to,
        limit: limit !== undefined ? Math.min(MAX_BARS, limit * 5 + 5) : undefined,
      });
      let cols = weekly({
        time: [...daily.bars.time],
        open: [...daily.bars.open],
        high: [...daily.bars.high],
        low: [...daily.bars.low],
        close: [...daily.bars.close],
        volume: [...daily.bars.volume],
      });
      if (limit !== undefined && cols.time.length > limit) cols = sliceColumns(cols, cols.time.length - limit);
      return { ...daily, timeframe, bars: toSeries(cols) };
    }
    const { cols, provider } = await this.series(
      symbol,
      assetClass,
      timeframe,
      query.from ?? null,
      query.to ?? null,
      limit ?? null,
    );
    if (limit === undefined && cols.time.length > MAX_BARS) {
      throw new MarketDataError('limit_exceeded', `Window holds more than ${MAX_BARS} bars; pass a limit`);
    }
    const kept = limit !== undefined && cols.time.length > limit ? sliceColumns(cols, cols.time.length - limit) : cols;
    return { symbol, assetClass, timeframe, provider: kept.time.length > 0 ? provider : null, bars: toSeries(kept) };
  }

  /**
   * The newest `limit` final bars of many series. Series whose stored bars already cover the window are read in one
   * coverage query and one bar query for all of them; the others take the getBars path one by one. A series'
   * MarketDataError is its own entry, never the whole call's.
   */
  async getLatestBarsMany(requests: LatestBarsRequest[]): Promise<(BarsResult | MarketDataError)[]> {
    const out: (BarsResult | MarketDataError)[] = new Array(requests.length);
    const keys: { i: number; symbol: string; assetClass: AssetClass; timeframe: Timeframe | null }[] = [];
    requests.forEach((r, i) => {
      const n = normalizeSymbol(r.symbol);
      if (isSymbolError(n)) out[i] = new MarketDataError('invalid_symbol', 'Symbol is malformed');
      else keys.push({ i, symbol: n.symbol, assetClass: n.assetClass, timeframe: parseTimeframe(r.timeframe) });
    });
    const coverage = await barsDb.getCoverageMany(
      this.opts.sql,
      keys.map((k) => ({ symbol: k.symbol, timeframe: k.timeframe ?? '' })),
    );
    const stored: {
      i: number;
      symbol: string;
      assetClass: AssetClass;
      timeframe: Timeframe;
      end: number;
      cov: barsDb.Coverage;
    }[] = [];
    const others: number[] = [];
    for (const k of keys) {
      const cov = coverage.get(`${k.symbol}|${k.timeframe}`) ?? null;
      const { limit } = requests[k.i];
      // 1w is aggregated from 1d and a window outside the coverage needs the provider: both take getBars.
      if (k.timeframe === null || k.timeframe === '1w' || cov === null || limit < 1 || limit > MAX_BARS) {
        others.push(k.i);
        continue;
      }
      try {
        const w = await this.window(k.symbol, k.assetClass, k.timeframe, cov, null, null, limit);
        if (w.fresh) stored.push({ ...k, timeframe: k.timeframe, end: w.end, cov });
        else others.push(k.i);
      } catch (err) {
        if (!(err instanceof MarketDataError)) throw err;
        out[k.i] = err;
      }
    }
    const cols = await barsDb.readLatestMany(
      this.opts.sql,
      stored.map((s) => ({ symbol: s.symbol, timeframe: s.timeframe, to: s.end, limit: requests[s.i].limit })),
    );
    for (const [j, s] of stored.entries()) {
      const { provider, ...bars } = cols[j];
      out[s.i] = {
        symbol: s.symbol,
        assetClass: s.assetClass,
        timeframe: s.timeframe,
        provider: bars.length > 0 ? ((provider ?? s.cov.provider) as ProviderId) : null,
        bars,
      };
    }
    for (const i of others) {
      const r = requests[i];
      out[i] = await this.getBars(r.symbol, r.timeframe, { limit: r.limit }).catch((err) => {
        if (err instanceof MarketDataError) return err;
        throw err;
      });
    }
    return out;
  }

  /** The window a read covers (newest final bar `end`, first open `start`) and whether stored bars cover it. */
  private async window(
    symbol: string,
    cls: AssetClass,
    tf: Timeframe,
    coverage: barsDb.Coverage | null,
    from: number | null,
    to: number | null,
    limit: number | null,
  ) {
    const order = this.order(cls, 'bars', tf);
    if (order.length === 0) throw new MarketDataError('unknown_symbol', 'No enabled provider serves this symbol');
    const head = this.providers.get(
      coverage && order.includes(coverage.provider as ProviderId)
        ? (coverage.provider as ProviderId)
        : (order[0] as ProviderId),
    ) as MarketDataProvider;
    let end = Math.min(
      to ?? Number.POSITIVE_INFINITY,
      lastFinalOpen(tf, cls, this.now(), head.capabilities.finalityLagMs),
    );
    if (head.lastBarTime) {
      const last = await head.lastBarTime(symbol, tf).catch(() => null);
      if (last !== null) end = Math.min(end, last);
    }
    // With a limit only the newest `limit` bars matter, so a wide window is never fetched whole.
    const back = end - lookbackMs(limit ?? DEFAULT_LIMIT, tf, cls);
    const start = from === null ? back : limit !== null ? Math.max(from, back) : from;
    return { start, end, fresh: coverage !== null && coverage.from <= start && coverage.to >= end };
  }

  /**
   * DB first: reads inside the recorded coverage never call a provider; the missing part of the window is fetched
   * (one shared call per key), stored, then everything is read back from Postgres.
   */
  private async series(
    symbol: string,
    cls: AssetClass,
    tf: Timeframe,
    from: number | null,
    to: number | null,
    limit: number | null,
  ) {
    const { sql } = this.opts;
    const coverage = await barsDb.getCoverage(sql, symbol, tf);
    const { start, end, fresh } = await this.window(symbol, cls, tf, coverage, from, to, limit);
    if (limit === null && expectedBars(start, end, tf, cls) > MAX_BARS * 1.5) {
      throw new MarketDataError('limit_exceeded', `Window holds more than ${MAX_BARS} bars; pass a limit`);
    }

    let served: string | null = coverage?.provider ?? null;
    if (!fresh && start <= end) {
      const gaps: [number, number][] =
        coverage === null || coverage.to < start || coverage.from > end
          ? [[start, end]]
          : [
              ...(start < coverage.from ? [[start, coverage.from] as [number, number]] : []),
              ...(end > coverage.to ? [[coverage.to, end] as [number, number]] : []),
            ];
      try {
        for (const [a, b] of gaps) {
          const got = await this.fetchBars(symbol, cls, tf, a, b, coverage?.provider as ProviderId | undefined);
          if (coverage && got.provider !== coverage.provider) {
            // A window never mixes providers: serve the new provider's bars for the whole window, unstored.
            const whole = await this.fetchBars(symbol, cls, tf, start, end, got.provider);
            const within = whole.bars.filter((x) => x.time >= start && x.time <= end);
            return { cols: toColumns(within), provider: whole.provider };
          }
          served = got.provider;
        }
      } catch (err) {
        // Outage with stored bars: serve what is stored rather than fail (api.md §3.2 falls back without a 5xx).
        if (!(err instanceof MarketDataError) || err.code !== 'upstream_unavailable' || coverage === null) throw err;
      }
    }
    const cols =
      limit !== null && from === null
        ? await barsDb.readLatest(sql, symbol, tf, end, limit)
        : await barsDb.readRange(sql, symbol, tf, start, end);
    return { cols, provider: (cols.provider ?? served) as ProviderId | null };
  }

  private fetchBars(
    symbol: string,
    cls: AssetClass,
    tf: Timeframe,
    from: number,
    to: number,
    prefer?: ProviderId,
  ): Promise<Fetched> {
    const key = `${symbol}|${tf}|${from}|${to}|${prefer ?? ''}`;
    return this.flights.run(`bars:${key}`, async () => {
      const order = this.order(cls, 'bars', tf);
      const ordered = prefer && order.includes(prefer) ? [prefer, ...order.filter((x) => x !== prefer)] : order;
      const { id, value } = await this.firstAnswer(ordered, (p) => p.getBars(symbol, cls, tf, from, to + 1));
      if (prefer === undefined || id === prefer) {
        await barsDb.insertBars(this.opts.sql, symbol, tf, id, toColumns(value));
        await barsDb.recordCoverage(this.opts.sql, symbol, tf, { provider: id, from, to });
      }
      return { provider: id, bars: value };
    });
  }

  marketOpen(assetClass: AssetClass, at: number): boolean {
    return marketOpen(assetClass, at);
  }

  tradingDayEnd(assetClass: AssetClass, at: number): number {
    return tradingDayEnd(assetClass, at);
  }

  async getQuote(symbolInput: string): Promise<Quote> {
    const { symbol, assetClass } = this.normalize(symbolInput);
    const cached = await this.quotes.fresh(symbol).catch(() => null);
    if (cached) return cached;
    return this.flights.run(`quote:${symbol}`, async () => {
      try {
        const { id, value } = await this.firstAnswer(this.order(assetClass, 'quotes'), (p) =>
          p.getQuote(symbol, assetClass),
        );
        const quote = this.toQuote(symbol, assetClass, id, value);
        await this.quotes
          .store(quote, this.now())
          .catch((err: Error) => this.opts.logger.warn({ err: err.message }, 'quote cache write failed'));
        return quote;
      } catch (err) {
        if (err instanceof MarketDataError && err.code === 'upstream_unavailable') {
          const last = await this.quotes.last(symbol, this.now()).catch(() => null);
          if (last) return last;
        }
        throw err;
      }
    });
  }

  private toQuote(symbol: string, cls: AssetClass, provider: ProviderId, q: ProviderQuote): Quote {
    const change = q.prev_close === null ? 0 : q.price - q.prev_close;
    const pct = q.prev_close === null || q.prev_close === 0 ? 0 : (100 * change) / q.prev_close;
    const at = new Date(q.ts).toISOString();
    const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
    return {
      symbol,
      asset_class: cls,
      price: q.price,
      change: round(change, 8),
      change_percent: round(pct, 4),
      volume: q.volume,
      open: q.open ?? null,
      high: q.high ?? null,
      low: q.low ?? null,
      previous_close: q.prev_close,
      market_cap: q.market_cap ?? null,
      pe_ratio: null,
      timestamp: at,
      as_of: at,
      provider,
      stale: false,
    };
  }

  async getNews(symbolInput: string, window: { from: number; to: number }): Promise<NewsResult> {
    const { symbol, assetClass } = this.normalize(symbolInput);
    const key = `${symbol}|${window.from}|${window.to}`;
    const hit = this.news.get(key);
    if (hit && this.now() - hit.at < NEWS_TTL_MS) return hit.result;
    return this.flights.run(`news:${key}`, async () => {
      const providers = this.enabled.filter((id) => {
        const c = (this.providers.get(id) as MarketDataProvider).capabilities;
        return c.news && c.assetClasses.includes(assetClass);
      });
      const answers = await Promise.all(
        providers.map(async (id) => {
          const p = this.providers.get(id) as MarketDataProvider;
          const caller = this.callers.get(id) as ResilientCaller;
          try {
            return {
              provider: id,
              items: await caller.call(async () => (await p.getNews?.(symbol, window.from, window.to)) ?? []),
            };
          } catch (err) {
            if (err instanceof ProviderError && (err.kind === 'not_found' || err.kind === 'unsupported')) {
              return { provider: id, items: [] };
            }
            this.opts.logger.warn(
              { provider: id, err: err instanceof Error ? err.message : String(err) },
              'news call failed',
            );
            return { provider: id, items: null };
          }
        }),
      );
      const ok = answers.filter((a) => a.items !== null) as { provider: ProviderId; items: NewsItem[] }[];
      const result: NewsResult = {
        symbol,
        items: mergeNews(ok, window.from, window.to),
        providers,
        failed: answers.filter((a) => a.items === null).map((a) => a.provider),
      };
      // A failed provider is asked again next time rather than hidden for 15 minutes.
      if (result.failed.length === 0) {
        if (this.news.size >= 1000) this.news.clear();
        this.news.set(key, { result, at: this.now() });
      }
      return result;
    });
  }

  async searchAssets(query?: string, assetClass?: AssetClass) {
    const served = new Set(ASSET_CLASSES.filter((c) => this.order(c, 'bars').length > 0));
    const q = query?.trim().toUpperCase();
    return registryAssets(assetClass).filter(
      (a) => served.has(a.asset_class) && (!q || a.symbol.includes(q) || a.name.toUpperCase().includes(q)),
    );
  }

  health(): HealthReport {
    const providers = {} as Record<ProviderId, ProviderHealth>;
    for (const id of PROVIDER_IDS) {
      const caller = this.callers.get(id);
      const snap = caller?.stats.snapshot();
      const breaker = caller?.breaker.state ?? 'closed';
      const reason = caller?.misconfigured
        ? 'misconfigured'
        : caller
          ? null
          : missingKey(this.opts.config, id)
            ? 'no_api_key'
            : 'disabled';
      providers[id] = {
        enabled: caller !== undefined,
        ok: caller !== undefined && breaker !== 'open' && !caller.misconfigured,
        reason,
        breaker,
        success_rate_5m: snap?.success_rate_5m ?? null,
        p95_latency_ms: snap?.p95_latency_ms ?? null,
        p50_latency_ms: snap?.p50_latency_ms ?? null,
        requests_5m: snap?.requests_5m ?? 0,
        rate_limited_5m: snap?.rate_limited_5m ?? 0,
        tokens_left: caller?.bucket?.left ?? null,
        last_success_at: caller?.stats.lastSuccessAt ? new Date(caller.stats.lastSuccessAt).toISOString() : null,
        last_error: caller?.stats.lastError
          ? {
              code: caller.stats.lastError.code,
              at: new Date(caller.stats.lastError.at).toISOString(),
              status: caller.stats.lastError.status,
            }
          : null,
      };
    }
    const priority = this.priority();
    const degraded = ASSET_CLASSES.some(
      (c) => priority[c].length > 0 && priority[c].every((id) => providers[id].breaker === 'open'),
    );
    return { providers, priority, degraded, timestamp: new Date(this.now()).toISOString() };
  }

  async close(): Promise<void> {}
}

import {
  Configuration,
  DefaultApi,
  GetCryptoAggregatesSortEnum,
  type GetCryptoAggregatesTimespanEnum,
  GetForexAggregatesSortEnum,
  type GetForexAggregatesTimespanEnum,
  GetStocksAggregatesSortEnum,
  type GetStocksAggregatesTimespanEnum,
} from '@massive.com/client-js';
import axios, { isAxiosError } from 'axios';
import { DAY_MS, DURATION_MS } from '../timeframes';
import {
  type Asset,
  type AssetClass,
  type Bar,
  type MarketDataProvider,
  type NewsItem,
  ProviderError,
  type ProviderQuote,
  type Timeframe,
} from '../types';
import { finalBars, nyTradeDate, rebucket } from './buckets';
import { statusError, TIMEOUT_MS, transportError } from './http';
import { polygonSymbol } from './symbol-forms';

const BASE = 'https://api.massive.com';
const LAG_MS = 60_000;

interface Agg {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v?: number;
}
interface Snapshot {
  ticker?: {
    updated?: number;
    day?: { o?: number; h?: number; l?: number; c?: number; v?: number };
    prevDay?: { c?: number };
    lastTrade?: { p?: number; t?: number };
    lastQuote?: { a?: number; b?: number; t?: number };
  };
}

/** Which aggregate to ask for: equities' hours start 09:30 and include extended hours, so they are rebuilt. */
function plan(
  tf: Timeframe,
  cls: AssetClass,
): { multiplier: number; timespan: 'minute' | 'hour' | 'day'; rebuild: boolean } {
  if (tf === '1d') return { multiplier: 1, timespan: 'day', rebuild: false };
  if (tf === '1h' || tf === '4h')
    return cls === 'equity'
      ? { multiplier: 30, timespan: 'minute', rebuild: true }
      : { multiplier: 1, timespan: 'hour', rebuild: tf === '4h' };
  return { multiplier: DURATION_MS[tf] / 60_000, timespan: 'minute', rebuild: cls === 'equity' };
}

/** Nanosecond or millisecond epoch → ms (snapshots mix both). */
const toMs = (t: number) => (t > 1e15 ? Math.floor(t / 1e6) : t);

/**
 * Polygon (now Massive) through its official JS client. The client is built on an axios instance whose fetch is
 * injectable, so tests answer with recorded response bodies; the interceptor mirrors `restClient`'s (returns data).
 */
export class PolygonProvider implements MarketDataProvider {
  readonly id = 'polygon' as const;
  readonly capabilities = {
    assetClasses: ['equity', 'crypto', 'forex'] as AssetClass[],
    timeframes: ['1m', '5m', '15m', '30m', '1h', '4h', '1d'] as Timeframe[],
    quotes: true,
    search: true,
    news: true,
    finalityLagMs: LAG_MS,
    rateLimit: { perMinute: 5 },
  };
  private readonly api: DefaultApi;

  constructor(
    apiKey: string,
    fetchFn: typeof fetch,
    private readonly now: () => number = Date.now,
  ) {
    const http = axios.create({ adapter: 'fetch', env: { fetch: fetchFn }, timeout: TIMEOUT_MS });
    http.interceptors.response.use((res) => res.data);
    this.api = new DefaultApi(new Configuration({ apiKey, basePath: BASE }), BASE, http);
  }

  private async call<T>(what: string, fn: () => Promise<unknown>): Promise<T> {
    try {
      return (await fn()) as T;
    } catch (err) {
      if (isAxiosError(err) && err.response) {
        const ra = err.response.headers?.['retry-after'];
        throw statusError('polygon', err.response.status, typeof ra === 'string' ? ra : null, what);
      }
      if (isAxiosError(err) && (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT')) {
        throw new ProviderError('polygon', 'timeout', `${what}: timed out`);
      }
      throw transportError('polygon', err);
    }
  }

  async getBars(symbol: string, cls: AssetClass, tf: Timeframe, from: number, to: number): Promise<Bar[]> {
    const p = plan(tf, cls);
    const ticker = polygonSymbol(symbol, cls);
    const args = { multiplier: p.multiplier, from: String(from), to: String(to), adjusted: true, limit: 50_000 };
    const body = await this.call<{ results?: Agg[] }>('aggregates', () => {
      if (cls === 'crypto') {
        return this.api.getCryptoAggregates({
          ...args,
          cryptoTicker: ticker,
          timespan: p.timespan as GetCryptoAggregatesTimespanEnum,
          sort: GetCryptoAggregatesSortEnum.Asc,
        });
      }
      if (cls === 'forex') {
        return this.api.getForexAggregates({
          ...args,
          forexTicker: ticker,
          timespan: p.timespan as GetForexAggregatesTimespanEnum,
          sort: GetForexAggregatesSortEnum.Asc,
        });
      }
      return this.api.getStocksAggregates({
        ...args,
        stocksTicker: ticker,
        timespan: p.timespan as GetStocksAggregatesTimespanEnum,
        sort: GetStocksAggregatesSortEnum.Asc,
      });
    });
    const raw = (body.results ?? []).map((a) => ({
      time: tf === '1d' ? (cls === 'equity' ? nyTradeDate(a.t) : Math.floor(a.t / DAY_MS) * DAY_MS) : a.t,
      open: a.o,
      high: a.h,
      low: a.l,
      close: a.c,
      volume: a.v ?? 0,
    }));
    return finalBars(p.rebuild ? rebucket(raw, tf, cls) : raw, tf, cls, from, to, this.now(), LAG_MS);
  }

  async getQuote(symbol: string, cls: AssetClass): Promise<ProviderQuote> {
    const ticker = polygonSymbol(symbol, cls);
    const body = await this.call<Snapshot>('snapshot', () =>
      cls === 'crypto'
        ? this.api.getCryptoSnapshotTicker({ ticker })
        : cls === 'forex'
          ? this.api.getForexSnapshotTicker({ ticker })
          : this.api.getStocksSnapshotTicker({ stocksTicker: ticker }),
    );
    const t = body.ticker;
    const mid =
      t?.lastQuote?.a !== undefined && t.lastQuote.b !== undefined ? (t.lastQuote.a + t.lastQuote.b) / 2 : undefined;
    const price = cls === 'forex' ? (mid ?? t?.day?.c) : (t?.lastTrade?.p ?? t?.day?.c);
    if (!t || price === undefined || price === 0) throw new ProviderError('polygon', 'not_found', 'no snapshot');
    const at = t.updated ?? t.lastTrade?.t ?? t.lastQuote?.t;
    return {
      symbol,
      price,
      bid: t.lastQuote?.b ?? null,
      ask: t.lastQuote?.a ?? null,
      prev_close: t.prevDay?.c ?? null,
      open: t.day?.o ?? null,
      high: t.day?.h ?? null,
      low: t.day?.l ?? null,
      volume: cls === 'forex' ? 0 : (t.day?.v ?? 0),
      ts: at !== undefined ? toMs(at) : this.now(),
    };
  }

  async searchAssets(query: string): Promise<Asset[]> {
    const body = await this.call<{
      results?: { ticker: string; name: string; market: string; primary_exchange?: string }[];
    }>('tickers', () => this.api.listTickers({ search: query, active: true, limit: 50 }));
    return (body.results ?? []).flatMap((r): Asset[] => {
      if (r.market === 'stocks' && /^[A-Z][A-Z0-9]{0,5}(\.[A-Z])?$/.test(r.ticker)) {
        return [{ symbol: r.ticker, name: r.name, exchange: r.primary_exchange ?? null, asset_class: 'equity' }];
      }
      const crypto = /^X:([A-Z0-9]+)(USD|USDT|USDC|EUR|BTC|ETH)$/.exec(r.ticker);
      if (r.market === 'crypto' && crypto)
        return [{ symbol: `${crypto[1]}-${crypto[2]}`, name: r.name, exchange: null, asset_class: 'crypto' }];
      const fx = /^C:([A-Z]{6})$/.exec(r.ticker);
      if (r.market === 'fx' && fx)
        return [{ symbol: fx[1] as string, name: r.name, exchange: null, asset_class: 'forex' }];
      return [];
    });
  }

  /** News with Polygon's per-ticker sentiment insight (positive 1, neutral 0, negative -1). */
  async getNews(symbol: string, from: number, to: number): Promise<NewsItem[]> {
    type Item = {
      id: string;
      title: string;
      published_utc: string;
      article_url: string;
      description?: string;
      publisher?: { name?: string };
      insights?: { ticker: string; sentiment: string }[];
    };
    const body = await this.call<{ results?: Item[] }>('news', () =>
      this.api.listNews({
        ticker: symbol,
        publishedUtcGte: new Date(from).toISOString(),
        publishedUtcLte: new Date(to).toISOString(),
        limit: 50,
      }),
    );
    const score: Record<string, number> = { positive: 1, neutral: 0, negative: -1 };
    return (body.results ?? []).map((n) => {
      const s = n.insights?.find((i) => i.ticker === symbol)?.sentiment;
      return {
        id: n.id,
        symbol,
        published_at: new Date(n.published_utc).toISOString(),
        headline: n.title,
        ...(n.description ? { summary: n.description } : {}),
        url: n.article_url,
        source: n.publisher?.name ?? 'polygon',
        ...(s !== undefined && s in score ? { provider_sentiment: score[s] } : {}),
      };
    });
  }
}

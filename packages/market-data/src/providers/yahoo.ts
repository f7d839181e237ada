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
import { getJson } from './http';
import { fromYahoo, yahooSymbol } from './symbol-forms';

const BASE = 'https://query1.finance.yahoo.com';
const SEARCH = 'https://query2.finance.yahoo.com';
const LAG_MS = 60_000;

interface ChartResponse {
  chart: {
    result:
      | {
          meta: {
            symbol: string;
            regularMarketPrice?: number;
            chartPreviousClose?: number;
            previousClose?: number;
            regularMarketVolume?: number;
            regularMarketTime?: number;
            regularMarketDayHigh?: number;
            regularMarketDayLow?: number;
          };
          timestamp?: number[];
          indicators: {
            quote: {
              open: (number | null)[];
              high: (number | null)[];
              low: (number | null)[];
              close: (number | null)[];
              volume: (number | null)[];
            }[];
          };
        }[]
      | null;
    error: { code: string; description: string } | null;
  };
}

interface SearchResponse {
  quotes?: { symbol: string; quoteType: string; shortname?: string; longname?: string; exchDisp?: string }[];
  news?: {
    uuid: string;
    title: string;
    publisher: string;
    link: string;
    providerPublishTime: number;
    relatedTickers?: string[];
  }[];
}

/** Native Yahoo interval per timeframe; equities' hours start 09:30, so 1h/4h are rebuilt from 30m bars. */
function plan(tf: Timeframe, cls: AssetClass): { interval: string; rebuild: boolean } {
  if (tf === '1d') return { interval: '1d', rebuild: false };
  if (tf === '1h' || tf === '4h')
    return cls === 'equity' ? { interval: '30m', rebuild: true } : { interval: '60m', rebuild: tf === '4h' };
  return { interval: tf, rebuild: false };
}

/** Yahoo Finance chart and search endpoints (no key). History: 1m 7 days, 5m–30m 60 days, 1h 730 days. */
export class YahooProvider implements MarketDataProvider {
  readonly id = 'yahoo' as const;
  readonly capabilities = {
    assetClasses: ['equity', 'crypto', 'forex'] as AssetClass[],
    timeframes: ['1m', '5m', '15m', '30m', '1h', '4h', '1d'] as Timeframe[],
    quotes: true,
    search: true,
    news: true,
    finalityLagMs: LAG_MS,
    rateLimit: { perMinute: 30 },
  };

  constructor(
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number = Date.now,
  ) {}

  private async chart(symbol: string, cls: AssetClass, query: string) {
    const url = `${BASE}/v8/finance/chart/${encodeURIComponent(yahooSymbol(symbol, cls))}?${query}&includePrePost=false&events=`;
    const body = await getJson<ChartResponse>('yahoo', this.fetchFn, url);
    const result = body.chart?.result?.[0];
    if (!result) {
      if (body.chart?.error?.code === 'Not Found') throw new ProviderError('yahoo', 'not_found', 'symbol not found');
      throw new ProviderError('yahoo', 'bad_response', 'chart without result');
    }
    return result;
  }

  async getBars(symbol: string, cls: AssetClass, tf: Timeframe, from: number, to: number): Promise<Bar[]> {
    const p = plan(tf, cls);
    const r = await this.chart(
      symbol,
      cls,
      `period1=${Math.floor(from / 1000)}&period2=${Math.ceil(to / 1000)}&interval=${p.interval}`,
    );
    const q = r.indicators.quote[0];
    const raw: Bar[] = [];
    (r.timestamp ?? []).forEach((ts, i) => {
      const [o, h, l, c] = [q?.open[i], q?.high[i], q?.low[i], q?.close[i]];
      if (o == null || h == null || l == null || c == null) return; // Yahoo pads missing minutes with nulls
      const t = ts * 1000;
      raw.push({
        time: tf === '1d' ? (cls === 'equity' ? nyTradeDate(t) : Math.floor(t / DAY_MS) * DAY_MS) : t,
        open: o,
        high: h,
        low: l,
        close: c,
        volume: q?.volume[i] ?? 0,
      });
    });
    const bars = p.rebuild ? rebucket(raw, tf, cls) : raw.filter((b) => b.time % DURATION_MS[tf] === 0 || tf === '1d');
    return finalBars(bars, tf, cls, from, to, this.now(), LAG_MS);
  }

  async getQuote(symbol: string, cls: AssetClass): Promise<ProviderQuote> {
    const { meta } = await this.chart(symbol, cls, 'range=1d&interval=1d');
    if (meta.regularMarketPrice === undefined) throw new ProviderError('yahoo', 'bad_response', 'no price');
    return {
      symbol,
      price: meta.regularMarketPrice,
      prev_close: meta.chartPreviousClose ?? meta.previousClose ?? null,
      high: meta.regularMarketDayHigh ?? null,
      low: meta.regularMarketDayLow ?? null,
      volume: meta.regularMarketVolume ?? 0,
      ts: (meta.regularMarketTime ?? Math.floor(this.now() / 1000)) * 1000,
    };
  }

  private search(q: string, news: number) {
    return getJson<SearchResponse>(
      'yahoo',
      this.fetchFn,
      `${SEARCH}/v1/finance/search?q=${encodeURIComponent(q)}&quotesCount=20&newsCount=${news}`,
    );
  }

  async searchAssets(query: string): Promise<Asset[]> {
    const body = await this.search(query, 0);
    return (body.quotes ?? []).flatMap((x) => {
      const c = fromYahoo(x.symbol, x.quoteType);
      return c
        ? [
            {
              symbol: c.symbol,
              name: x.longname ?? x.shortname ?? c.symbol,
              exchange: x.exchDisp ?? null,
              asset_class: c.cls,
            },
          ]
        : [];
    });
  }

  /** Headlines only (no sentiment); Yahoo's search endpoint returns the latest ones. */
  async getNews(symbol: string, from: number, to: number): Promise<NewsItem[]> {
    const body = await this.search(symbol, 20);
    return (body.news ?? [])
      .filter((n) => n.providerPublishTime * 1000 >= from && n.providerPublishTime * 1000 <= to)
      .map((n) => ({
        id: n.uuid,
        symbol,
        published_at: new Date(n.providerPublishTime * 1000).toISOString(),
        headline: n.title,
        url: n.link,
        source: n.publisher,
      }));
  }
}

import type { Asset, AssetClass, MarketDataProvider, NewsItem, ProviderQuote, Timeframe } from '../types';
import { ProviderError } from '../types';
import { getJson } from './http';

const BASE = 'https://finnhub.io/api/v1';
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

interface FinnhubQuote {
  c: number;
  d: number | null;
  dp: number | null;
  h: number;
  l: number;
  o: number;
  pc: number;
  t: number;
}

/**
 * Finnhub: equity quotes, symbol search and company news. Candles need a premium plan, so this adapter serves no
 * bars (its `timeframes` is empty and the chain skips it for bars).
 */
export class FinnhubProvider implements MarketDataProvider {
  readonly id = 'finnhub' as const;
  readonly capabilities = {
    assetClasses: ['equity'] as AssetClass[],
    timeframes: [] as Timeframe[],
    quotes: true,
    search: true,
    news: true,
    finalityLagMs: 60_000,
    rateLimit: { perMinute: 60 },
  };

  constructor(
    private readonly apiKey: string,
    private readonly fetchFn: typeof fetch,
  ) {}

  private get<T>(path: string) {
    return getJson<T>('finnhub', this.fetchFn, `${BASE}${path}`, { 'X-Finnhub-Token': this.apiKey });
  }

  async getBars(): Promise<never> {
    throw new ProviderError('finnhub', 'unsupported', 'candles need a premium plan');
  }

  /** Unknown symbols answer 200 with zeros and t = 0. Finnhub's quote has no volume: 0. */
  async getQuote(symbol: string): Promise<ProviderQuote> {
    const q = await this.get<FinnhubQuote>(`/quote?symbol=${encodeURIComponent(symbol.replace('.', '-'))}`);
    if (!q || q.t === 0 || q.c === 0) throw new ProviderError('finnhub', 'not_found', 'symbol not found');
    return { symbol, price: q.c, prev_close: q.pc || null, open: q.o, high: q.h, low: q.l, volume: 0, ts: q.t * 1000 };
  }

  async searchAssets(query: string): Promise<Asset[]> {
    const body = await this.get<{
      result?: { description: string; displaySymbol: string; symbol: string; type: string }[];
    }>(`/search?q=${encodeURIComponent(query)}`);
    return (body.result ?? [])
      .filter((r) => /^[A-Z][A-Z0-9]{0,5}(\.[A-Z])?$/.test(r.symbol) && (r.type === 'Common Stock' || r.type === 'ETP'))
      .map((r) => ({ symbol: r.symbol, name: r.description, exchange: null, asset_class: 'equity' as const }));
  }

  async getNews(symbol: string, from: number, to: number): Promise<NewsItem[]> {
    const rows = await this.get<
      { id: number; datetime: number; headline: string; summary?: string; url: string; source: string }[]
    >(`/company-news?symbol=${encodeURIComponent(symbol)}&from=${day(from)}&to=${day(to)}`);
    return rows.map((r) => ({
      id: String(r.id),
      symbol,
      published_at: new Date(r.datetime * 1000).toISOString(),
      headline: r.headline,
      ...(r.summary ? { summary: r.summary } : {}),
      url: r.url,
      source: r.source,
    }));
  }
}

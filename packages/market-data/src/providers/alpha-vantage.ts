import type { Asset, AssetClass, Bar, MarketDataProvider, NewsItem, ProviderQuote, Timeframe } from '../types';
import { ProviderError } from '../types';
import { finalBars } from './buckets';
import { getJson, num } from './http';

const BASE = 'https://www.alphavantage.co/query';
const LAG_MS = 60_000;
type Row = Record<string, string>;
type Body = Record<string, unknown>;

/**
 * Alpha Vantage answers errors with HTTP 200 and a message key: "Error Message" (bad symbol or key), "Note" or
 * "Information" (rate limit / plan limit).
 */
function check(body: Body): Body {
  const err = body['Error Message'];
  if (typeof err === 'string') {
    throw /apikey/i.test(err)
      ? new ProviderError('alpha_vantage', 'misconfigured', 'API key rejected', 401)
      : new ProviderError('alpha_vantage', 'not_found', 'invalid symbol');
  }
  const note = body.Note ?? body.Information;
  if (typeof note === 'string') {
    throw /premium|apikey/i.test(note) && !/rate limit|frequency|per day|per minute/i.test(note)
      ? new ProviderError('alpha_vantage', 'misconfigured', 'endpoint not in plan', 403)
      : new ProviderError('alpha_vantage', 'rate_limited', 'rate limited', 429, 60_000);
  }
  return body;
}

function seriesBars(series: Record<string, Row> | undefined): Bar[] {
  return Object.entries(series ?? {}).map(([date, r]) => ({
    time: Date.parse(`${date}T00:00:00Z`),
    open: num(r['1. open']),
    high: num(r['2. high']),
    low: num(r['3. low']),
    close: num(r['4. close']),
    volume: r['5. volume'] === undefined ? 0 : num(r['5. volume']),
  }));
}

/** Alpha Vantage: equity and FX daily bars, equity quotes, symbol search, NEWS_SENTIMENT. 5/min and 25/day. */
export class AlphaVantageProvider implements MarketDataProvider {
  readonly id = 'alpha_vantage' as const;
  readonly capabilities = {
    assetClasses: ['equity', 'forex'] as AssetClass[],
    timeframes: ['1d'] as Timeframe[],
    quotes: true,
    search: true,
    news: true,
    finalityLagMs: LAG_MS,
    rateLimit: { perMinute: 5, perDay: 25 },
  };

  constructor(
    private readonly apiKey: string,
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number = Date.now,
  ) {}

  private async call(params: Record<string, string>): Promise<Body> {
    const qs = new URLSearchParams({ ...params, apikey: this.apiKey });
    return check(await getJson<Body>('alpha_vantage', this.fetchFn, `${BASE}?${qs}`));
  }

  private async daily(symbol: string, cls: AssetClass, full: boolean): Promise<Bar[]> {
    const size = full ? 'full' : 'compact';
    if (cls === 'forex') {
      const b = await this.call({
        function: 'FX_DAILY',
        from_symbol: symbol.slice(0, 3),
        to_symbol: symbol.slice(3),
        outputsize: size,
      });
      return seriesBars(b['Time Series FX (Daily)'] as Record<string, Row>);
    }
    const b = await this.call({ function: 'TIME_SERIES_DAILY', symbol: symbol.replace('.', '-'), outputsize: size });
    return seriesBars(b['Time Series (Daily)'] as Record<string, Row>);
  }

  async getBars(symbol: string, cls: AssetClass, tf: Timeframe, from: number, to: number): Promise<Bar[]> {
    if (tf !== '1d') throw new ProviderError('alpha_vantage', 'unsupported', 'daily bars only');
    const compactCovers = from >= this.now() - 100 * 86_400_000; // compact = the latest 100 sessions
    return finalBars(await this.daily(symbol, cls, !compactCovers), tf, cls, from, to, this.now(), LAG_MS);
  }

  async getQuote(symbol: string, cls: AssetClass): Promise<ProviderQuote> {
    if (cls === 'forex') {
      const bars = (await this.daily(symbol, cls, false)).sort((a, b) => a.time - b.time);
      const last = bars.at(-1);
      if (!last) throw new ProviderError('alpha_vantage', 'not_found', 'no FX data');
      return {
        symbol,
        price: last.close,
        prev_close: bars.at(-2)?.close ?? null,
        open: last.open,
        high: last.high,
        low: last.low,
        volume: 0,
        ts: this.now(),
      };
    }
    const b = await this.call({ function: 'GLOBAL_QUOTE', symbol: symbol.replace('.', '-') });
    const q = b['Global Quote'] as Row | undefined;
    if (!q?.['05. price']) throw new ProviderError('alpha_vantage', 'not_found', 'symbol not found');
    return {
      symbol,
      price: num(q['05. price']),
      prev_close: num(q['08. previous close']),
      open: num(q['02. open']),
      high: num(q['03. high']),
      low: num(q['04. low']),
      volume: num(q['06. volume']),
      ts: Date.parse(`${q['07. latest trading day']}T00:00:00Z`),
    };
  }

  async searchAssets(query: string): Promise<Asset[]> {
    const b = await this.call({ function: 'SYMBOL_SEARCH', keywords: query });
    return ((b.bestMatches as Row[] | undefined) ?? [])
      .filter((m) => m['4. region'] === 'United States' && /^[A-Z][A-Z0-9]{0,5}(\.[A-Z])?$/.test(m['1. symbol'] ?? ''))
      .map((m) => ({
        symbol: m['1. symbol'] as string,
        name: m['2. name'] ?? '',
        exchange: null,
        asset_class: 'equity' as const,
      }));
  }

  /** NEWS_SENTIMENT carries a per-ticker score in -1..1: the provider's own sentiment (domain §13). */
  async getNews(symbol: string, from: number, to: number): Promise<NewsItem[]> {
    const stamp = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').slice(0, 13);
    const b = await this.call({
      function: 'NEWS_SENTIMENT',
      tickers: symbol,
      time_from: stamp(from),
      time_to: stamp(to),
      limit: '50',
    });
    type Item = {
      title: string;
      url: string;
      time_published: string;
      summary?: string;
      source: string;
      ticker_sentiment?: { ticker: string; ticker_sentiment_score: string }[];
    };
    return ((b.feed as Item[] | undefined) ?? []).map((n) => {
      const p = n.time_published;
      const score = n.ticker_sentiment?.find((t) => t.ticker === symbol)?.ticker_sentiment_score;
      return {
        id: n.url,
        symbol,
        published_at: new Date(
          `${p.slice(0, 4)}-${p.slice(4, 6)}-${p.slice(6, 8)}T${p.slice(9, 11)}:${p.slice(11, 13)}:${p.slice(13, 15) || '00'}Z`,
        ).toISOString(),
        headline: n.title,
        ...(n.summary ? { summary: n.summary } : {}),
        url: n.url,
        source: n.source,
        ...(score !== undefined ? { provider_sentiment: Number(score) } : {}),
      };
    });
  }
}

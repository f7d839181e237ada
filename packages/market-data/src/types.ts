/** Shapes shared by every provider and the MarketData service (domain §12.1). */
export type AssetClass = 'equity' | 'crypto' | 'forex';
export type Timeframe = '1m' | '5m' | '15m' | '30m' | '1h' | '4h' | '1d' | '1w';
export type ProviderId = 'synthetic' | 'csv' | 'polygon' | 'yahoo' | 'finnhub' | 'alpha_vantage' | 'coingecko';
export const PROVIDER_IDS: readonly ProviderId[] = [
  'synthetic',
  'csv',
  'polygon',
  'yahoo',
  'finnhub',
  'alpha_vantage',
  'coingecko',
];

/** One final bar; `time` is its open time in epoch ms (UTC). */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface ProviderQuote {
  symbol: string;
  price: number;
  bid?: number | null;
  ask?: number | null;
  /** Previous session close (equities) or previous UTC-day close (crypto, FX); null when the provider has none. */
  prev_close: number | null;
  open?: number | null;
  high?: number | null;
  low?: number | null;
  volume: number;
  market_cap?: number | null;
  /** Epoch ms of the price. */
  ts: number;
}

export interface Asset {
  symbol: string;
  name: string;
  exchange: string | null;
  asset_class: AssetClass;
}

export interface NewsItem {
  id: string;
  symbol: string;
  published_at: string;
  headline: string;
  summary?: string;
  url: string;
  source: string;
  provider_sentiment?: number;
}

export interface Capabilities {
  assetClasses: AssetClass[];
  timeframes: Timeframe[];
  quotes: boolean;
  search: boolean;
  news: boolean;
  /** Delay after a bar's close before it counts as final (domain §1.3). */
  finalityLagMs: number;
  /** Requests per minute and per UTC day (token bucket, domain §12.2); null = unlimited. */
  rateLimit: { perMinute: number; perDay?: number } | null;
}

/**
 * A market-data source (domain §12.1). Symbols are canonical (§1.4); each adapter maps them to its own form.
 * `getBars` returns final bars in [from, to) by open time, ascending and unique. A symbol the provider does not
 * know throws `ProviderError` with kind `not_found` (a valid answer, not a failure).
 */
export interface MarketDataProvider {
  readonly id: ProviderId;
  readonly capabilities: Capabilities;
  getBars(symbol: string, assetClass: AssetClass, tf: Timeframe, from: number, to: number): Promise<Bar[]>;
  getQuote(symbol: string, assetClass: AssetClass): Promise<ProviderQuote>;
  searchAssets(query: string): Promise<Asset[]>;
  getNews?(symbol: string, from: number, to: number): Promise<NewsItem[]>;
  /** Open time of the newest bar a fixed dataset holds (csv); lets `limit` requests end where the data ends. */
  lastBarTime?(symbol: string, tf: Timeframe): Promise<number | null>;
}

/** What went wrong with a provider call, in the terms resilience and health need (domain §12.4). */
export type ProviderErrorKind =
  | 'not_found'
  | 'unsupported'
  | 'rate_limited'
  | 'rate_limited_local'
  | 'misconfigured'
  | 'timeout'
  | 'network'
  | 'upstream'
  | 'bad_response'
  | 'circuit_open';

export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderId,
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status: number | null = null,
    /** Server-requested delay (Retry-After), ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  /** Network errors, timeouts, 408/429/5xx are retried; other 4xx are not (domain §12.4). */
  get retryable(): boolean {
    return (
      this.kind === 'timeout' || this.kind === 'network' || this.kind === 'rate_limited' || this.kind === 'upstream'
    );
  }

  /** Counts against the breaker; "symbol not found" and unsupported requests are valid answers. */
  get isFailure(): boolean {
    return this.kind !== 'not_found' && this.kind !== 'unsupported' && this.kind !== 'rate_limited_local';
  }
}

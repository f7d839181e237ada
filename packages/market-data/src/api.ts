import type { BarSeries } from '@tx/domain';
import type { MarketDataError } from './errors';
import type { Asset, AssetClass, NewsItem, ProviderId, Timeframe } from './types';

/** A bar request: the newest `limit` final bars, or every final bar with open time in [from, to] (epoch ms). */
export interface BarsQuery {
  limit?: number;
  from?: number;
  to?: number;
}

/** One series of getLatestBarsMany: its newest `limit` final bars. */
export interface LatestBarsRequest {
  symbol: string;
  timeframe: string;
  limit: number;
}

export interface BarsResult {
  symbol: string;
  assetClass: AssetClass;
  timeframe: Timeframe;
  /** Who produced the bars; null when there are none. */
  provider: ProviderId | null;
  /** Final bars, oldest first, as columns (time = open time, epoch ms). */
  bars: BarSeries;
}

/** News of one symbol from every enabled provider that serves news for its asset class (domain §12.1, §13). */
export interface NewsResult {
  symbol: string;
  /** Published in [from, to], newest first; one copy per story (same URL, or same headline within 1 h). */
  items: (NewsItem & { provider: ProviderId })[];
  /** The news providers asked; none means no news source is configured. */
  providers: ProviderId[];
  /** Those of them that failed (after retries): all of them failing means news is unavailable, not absent. */
  failed: ProviderId[];
}

/** The Quote object of api.md §2. */
export interface Quote {
  symbol: string;
  asset_class: AssetClass;
  price: number;
  change: number;
  change_percent: number;
  volume: number;
  open: number | null;
  high: number | null;
  low: number | null;
  previous_close: number | null;
  market_cap: number | null;
  pe_ratio: number | null;
  timestamp: string;
  as_of: string;
  provider: ProviderId;
  stale: boolean;
}

export interface ProviderHealth {
  enabled: boolean;
  ok: boolean;
  reason: 'no_api_key' | 'disabled' | 'misconfigured' | null;
  breaker: 'closed' | 'open' | 'half_open';
  success_rate_5m: number | null;
  p95_latency_ms: number | null;
  p50_latency_ms: number | null;
  requests_5m: number;
  rate_limited_5m: number;
  tokens_left: number | null;
  last_success_at: string | null;
  last_error: { code: string; at: string; status: number | null } | null;
}

export interface HealthReport {
  providers: Record<ProviderId, ProviderHealth>;
  priority: Record<AssetClass, ProviderId[]>;
  /** true when every provider of some asset class has an open breaker (makes /health/detailed degraded). */
  degraded: boolean;
  timestamp: string;
}

/**
 * The one market-data entry point for the API, the scan worker and paper trading. Errors are MarketDataError
 * (see errors.ts). Bars come from Postgres when stored; missing final bars are fetched through the provider chain,
 * stored, then served. Quotes are cached 60 s in Redis, news 15 min in memory; concurrent identical calls share
 * one provider call.
 */
export interface MarketData {
  /** Canonicalises `symbol` (any accepted spelling) and returns final bars, oldest first. */
  getBars(symbol: string, timeframe: Timeframe | string, query?: BarsQuery): Promise<BarsResult>;
  /** getBars(symbol, timeframe, { limit }) for many series, stored ones read together; errors per series. */
  getLatestBarsMany(requests: LatestBarsRequest[]): Promise<(BarsResult | MarketDataError)[]>;
  getQuote(symbol: string): Promise<Quote>;
  /** Is the asset class's market open at `at` (epoch ms; domain §1.2 calendars)? */
  marketOpen(assetClass: AssetClass, at: number): boolean;
  /** End of the trading day containing `at` (the next session's close for an equity outside one), epoch ms. */
  tradingDayEnd(assetClass: AssetClass, at: number): number;
  /** News published in [from, to] (epoch ms), cached 15 min per window (domain §12.4). */
  getNews(symbol: string, window: { from: number; to: number }): Promise<NewsResult>;
  /** Registry assets the enabled providers can serve, filtered by a search text and class. */
  searchAssets(query?: string, assetClass?: AssetClass): Promise<Asset[]>;
  /** Enabled providers in fallback order per asset class. */
  priority(): Record<AssetClass, ProviderId[]>;
  health(): HealthReport;
  close(): Promise<void>;
}

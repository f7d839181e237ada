import { coingeckoId } from '../assets';
import { DAY_MS } from '../timeframes';
import type { Asset, AssetClass, Bar, MarketDataProvider, ProviderQuote, Timeframe } from '../types';
import { ProviderError } from '../types';
import { finalBars } from './buckets';
import { getJson } from './http';

const BASE = 'https://api.coingecko.com/api/v3';
const FOUR_HOURS = 4 * 3_600_000;
const LAG_MS = 60_000;

/**
 * CoinGecko: crypto only, registry coins (the registry holds their ids). `/ohlc?days=30` gives 4h candles stamped
 * at their close time and without volume (volume 0); the quote's previous close is the 30-minute candle closing at
 * 00:00 UTC today (`/ohlc?days=1`), per domain §12.1.
 */
export class CoinGeckoProvider implements MarketDataProvider {
  readonly id = 'coingecko' as const;
  readonly capabilities = {
    assetClasses: ['crypto'] as AssetClass[],
    timeframes: ['4h'] as Timeframe[],
    quotes: true,
    search: true,
    news: false,
    finalityLagMs: LAG_MS,
    rateLimit: { perMinute: 30 },
  };

  constructor(
    private readonly apiKey: string,
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number = Date.now,
  ) {}

  private get<T>(path: string) {
    return getJson<T>(
      'coingecko',
      this.fetchFn,
      `${BASE}${path}`,
      this.apiKey ? { 'x-cg-demo-api-key': this.apiKey } : {},
    );
  }

  private coin(symbol: string): { id: string; vs: string } {
    const id = coingeckoId(symbol);
    const vs = symbol.split('-')[1]?.toLowerCase();
    if (!id || !vs) throw new ProviderError('coingecko', 'not_found', 'not a registry coin');
    return { id, vs };
  }

  private async ohlc(symbol: string, days: number): Promise<[number, number, number, number, number][]> {
    const { id, vs } = this.coin(symbol);
    return this.get(`/coins/${id}/ohlc?vs_currency=${vs}&days=${days}`);
  }

  async getBars(symbol: string, _cls: AssetClass, tf: Timeframe, from: number, to: number): Promise<Bar[]> {
    if (tf !== '4h') throw new ProviderError('coingecko', 'unsupported', '4h bars only');
    const rows = await this.ohlc(symbol, 30);
    const bars = rows.map(([closeAt, open, high, low, close]) => ({
      time: closeAt - FOUR_HOURS,
      open,
      high,
      low,
      close,
      volume: 0,
    }));
    return finalBars(
      bars.filter((b) => b.time % FOUR_HOURS === 0),
      tf,
      'crypto',
      from,
      to,
      this.now(),
      LAG_MS,
    );
  }

  async getQuote(symbol: string): Promise<ProviderQuote> {
    const { id, vs } = this.coin(symbol);
    const price = await this.get<Record<string, Record<string, number>>>(
      `/simple/price?ids=${id}&vs_currencies=${vs}&include_24hr_vol=true&include_last_updated_at=true`,
    );
    const p = price[id];
    if (!p || p[vs] === undefined) throw new ProviderError('coingecko', 'not_found', 'no price');
    const midnight = Math.floor(this.now() / DAY_MS) * DAY_MS;
    const prev = (await this.ohlc(symbol, 1)).find(([closeAt]) => closeAt === midnight);
    return {
      symbol,
      price: p[vs] as number,
      prev_close: prev ? prev[4] : null,
      volume: p[`${vs}_24h_vol`] ?? 0,
      ts: (p.last_updated_at ?? Math.floor(this.now() / 1000)) * 1000,
    };
  }

  async searchAssets(query: string): Promise<Asset[]> {
    const body = await this.get<{ coins?: { id: string; name: string; symbol: string }[] }>(
      `/search?query=${encodeURIComponent(query)}`,
    );
    return (body.coins ?? [])
      .filter((c) => /^[A-Za-z0-9]{2,10}$/.test(c.symbol))
      .map((c) => ({
        symbol: `${c.symbol.toUpperCase()}-USD`,
        name: c.name,
        exchange: null,
        asset_class: 'crypto' as const,
      }));
  }
}

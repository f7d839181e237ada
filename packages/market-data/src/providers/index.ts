import type { Config } from '@tx/config';
import type { MarketDataProvider, ProviderId } from '../types';
import { AlphaVantageProvider } from './alpha-vantage';
import { CoinGeckoProvider } from './coingecko';
import { CsvProvider } from './csv';
import { FinnhubProvider } from './finnhub';
import { PolygonProvider } from './polygon';
import { SyntheticProvider } from './synthetic';
import { YahooProvider } from './yahoo';

export interface ProviderContext {
  config: Config;
  fetch: typeof fetch;
  now: () => number;
}

export function createProvider(id: ProviderId, ctx: ProviderContext): MarketDataProvider {
  const { config: c, fetch: f, now } = ctx;
  switch (id) {
    case 'synthetic':
      return new SyntheticProvider(c.SYNTHETIC_SEED, now);
    case 'csv':
      return new CsvProvider(c.MARKET_DATA_CSV_DIR);
    case 'polygon':
      return new PolygonProvider(c.POLYGON_API_KEY, f, now);
    case 'yahoo':
      return new YahooProvider(f, now);
    case 'finnhub':
      return new FinnhubProvider(c.FINNHUB_API_KEY, f);
    case 'alpha_vantage':
      return new AlphaVantageProvider(c.ALPHA_VANTAGE_KEY, f, now);
    case 'coingecko':
      return new CoinGeckoProvider(c.COINGECKO_API_KEY, f, now);
  }
}

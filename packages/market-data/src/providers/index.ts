import type { Config } from '@tx/config';
import type { MarketDataProvider, ProviderId } from '../types';
import { CsvProvider } from './csv';
import { SyntheticProvider } from './synthetic';

export interface ProviderContext {
  config: Config;
  fetch: typeof fetch;
  now: () => number;
}

export function createProvider(id: ProviderId, ctx: ProviderContext): MarketDataProvider {
  switch (id) {
    case 'synthetic':
      return new SyntheticProvider(ctx.config.SYNTHETIC_SEED, ctx.now);
    case 'csv':
      return new CsvProvider(ctx.config.MARKET_DATA_CSV_DIR);
    default:
      throw new Error(`provider ${id} is not available yet`);
  }
}

import type { Config } from '@tx/config';
import type { AssetClass, ProviderId } from './types';

/** Fallback orders of domain §12.4, used when MARKET_DATA_PROVIDERS is not set. */
const BARS: Record<AssetClass, ProviderId[]> = {
  equity: ['polygon', 'yahoo', 'alpha_vantage', 'finnhub'],
  crypto: ['polygon', 'yahoo', 'coingecko'],
  forex: ['polygon', 'yahoo', 'alpha_vantage'],
};
const QUOTES: Record<AssetClass, ProviderId[]> = {
  equity: ['finnhub', 'polygon', 'yahoo'],
  crypto: ['coingecko', 'polygon', 'yahoo'],
  forex: ['polygon', 'yahoo', 'alpha_vantage'],
};

export type Use = 'bars' | 'quotes';

/** Providers that need a key and have none configured. */
export function missingKey(config: Config, id: ProviderId): boolean {
  if (id === 'polygon') return config.POLYGON_API_KEY === '';
  if (id === 'finnhub') return config.FINNHUB_API_KEY === '';
  if (id === 'alpha_vantage') return config.ALPHA_VANTAGE_KEY === '';
  return false;
}

/**
 * The enabled providers in preference order. MARKET_DATA_PROVIDERS, when set, is that order. Otherwise: csv first
 * when MARKET_DATA_CSV_DIR is set, then the real providers when any key is configured, else synthetic (offline).
 * A provider needing a key it lacks, or csv without a directory, is never enabled.
 */
export function enabledProviders(config: Config): ProviderId[] {
  const usable = (id: ProviderId) => !missingKey(config, id) && (id !== 'csv' || config.MARKET_DATA_CSV_DIR !== '');
  if (config.marketDataProviders.length > 0) {
    return [...new Set(config.marketDataProviders as ProviderId[])].filter(usable);
  }
  const csv: ProviderId[] = config.MARKET_DATA_CSV_DIR !== '' ? ['csv'] : [];
  const keyed = (['polygon', 'finnhub', 'alpha_vantage'] as const).some((id) => !missingKey(config, id));
  if (!keyed) return [...csv, 'synthetic'];
  return [...csv, 'polygon', 'yahoo', 'finnhub', 'alpha_vantage', 'coingecko'].filter((id) =>
    usable(id as ProviderId),
  ) as ProviderId[];
}

/** Order for one asset class and use: the explicit list as given, else the domain order with csv/synthetic first. */
export function orderFor(
  config: Config,
  enabled: ProviderId[],
  assetClass: AssetClass,
  use: Use,
  serves: (id: ProviderId) => boolean,
): ProviderId[] {
  if (config.marketDataProviders.length > 0) return enabled.filter(serves);
  const table = use === 'bars' ? BARS : QUOTES;
  const local = enabled.filter((id) => id === 'csv' || id === 'synthetic');
  return [...local, ...table[assetClass].filter((id) => enabled.includes(id))].filter(serves);
}

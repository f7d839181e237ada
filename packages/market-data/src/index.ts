export type {
  BarsQuery,
  BarsResult,
  HealthReport,
  LatestBarsRequest,
  MarketData,
  NewsResult,
  ProviderHealth,
  Quote,
} from './api';
export { ASSETS, registryAsset, registryAssets } from './assets';
export { marketOpen, tradingDayEnd } from './calendar';
export { MarketDataError, type MarketDataErrorCode } from './errors';
export { createMarketData, MAX_BARS, type MarketDataOptions } from './service';
export { isSymbolError, type NormalizedSymbol, normalizeSymbol } from './symbols';
export {
  ANALYSIS_TIMEFRAMES,
  DURATION_MS,
  PERIODS,
  type Period,
  parseTimeframe,
  periodStart,
  TIMEFRAMES,
} from './timeframes';
export * from './types';

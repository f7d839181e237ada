import type { Asset, AssetClass } from './types';

/**
 * The asset registry (domain §1.4, §12.2): the symbols the synthetic feed serves and the names the assets list
 * shows. Crypto entries carry their CoinGecko id. Includes DEFAULT_WATCHLIST.
 */
interface Entry extends Asset {
  coingeckoId?: string;
  /** Lower-case names and bare tickers that map to this symbol (api.md §1.7). */
  aliases?: string[];
}

const eq = (symbol: string, name: string, exchange: string): Entry => ({
  symbol,
  name,
  exchange,
  asset_class: 'equity',
});
const cr = (base: string, name: string, coingeckoId: string): Entry => ({
  symbol: `${base}-USD`,
  name,
  exchange: null,
  asset_class: 'crypto',
  coingeckoId,
  aliases: [base, coingeckoId],
});
const fx = (symbol: string, name: string): Entry => ({ symbol, name, exchange: null, asset_class: 'forex' });

export const ASSETS: readonly Entry[] = [
  eq('AAPL', 'Apple Inc.', 'NASDAQ'),
  eq('MSFT', 'Microsoft Corporation', 'NASDAQ'),
  eq('GOOGL', 'Alphabet Inc. Class A', 'NASDAQ'),
  eq('GOOG', 'Alphabet Inc. Class C', 'NASDAQ'),
  eq('AMZN', 'Amazon.com Inc.', 'NASDAQ'),
  eq('TSLA', 'Tesla Inc.', 'NASDAQ'),
  eq('NVDA', 'NVIDIA Corporation', 'NASDAQ'),
  eq('META', 'Meta Platforms Inc.', 'NASDAQ'),
  eq('NFLX', 'Netflix Inc.', 'NASDAQ'),
  eq('AMD', 'Advanced Micro Devices Inc.', 'NASDAQ'),
  eq('INTC', 'Intel Corporation', 'NASDAQ'),
  eq('ORCL', 'Oracle Corporation', 'NYSE'),
  eq('IBM', 'International Business Machines', 'NYSE'),
  eq('JPM', 'JPMorgan Chase & Co.', 'NYSE'),
  eq('BAC', 'Bank of America Corporation', 'NYSE'),
  eq('AIG', 'American International Group', 'NYSE'),
  eq('GS', 'Goldman Sachs Group Inc.', 'NYSE'),
  eq('V', 'Visa Inc.', 'NYSE'),
  eq('MA', 'Mastercard Inc.', 'NYSE'),
  eq('WMT', 'Walmart Inc.', 'NYSE'),
  eq('KO', 'Coca-Cola Company', 'NYSE'),
  eq('PEP', 'PepsiCo Inc.', 'NASDAQ'),
  eq('DIS', 'Walt Disney Company', 'NYSE'),
  eq('XOM', 'Exxon Mobil Corporation', 'NYSE'),
  eq('JNJ', 'Johnson & Johnson', 'NYSE'),
  eq('BRK.B', 'Berkshire Hathaway Inc. Class B', 'NYSE'),
  eq('SPY', 'SPDR S&P 500 ETF Trust', 'NYSE Arca'),
  eq('QQQ', 'Invesco QQQ Trust', 'NASDAQ'),
  eq('IWM', 'iShares Russell 2000 ETF', 'NYSE Arca'),
  eq('DIA', 'SPDR Dow Jones Industrial Average ETF', 'NYSE Arca'),
  eq('GLD', 'SPDR Gold Shares', 'NYSE Arca'),
  cr('BTC', 'Bitcoin', 'bitcoin'),
  cr('ETH', 'Ethereum', 'ethereum'),
  cr('SOL', 'Solana', 'solana'),
  cr('ADA', 'Cardano', 'cardano'),
  cr('XRP', 'XRP', 'ripple'),
  cr('DOGE', 'Dogecoin', 'dogecoin'),
  cr('LTC', 'Litecoin', 'litecoin'),
  cr('BNB', 'BNB', 'binancecoin'),
  cr('AVAX', 'Avalanche', 'avalanche-2'),
  cr('DOT', 'Polkadot', 'polkadot'),
  fx('EURUSD', 'Euro / US Dollar'),
  fx('GBPUSD', 'British Pound / US Dollar'),
  fx('USDJPY', 'US Dollar / Japanese Yen'),
  fx('USDCHF', 'US Dollar / Swiss Franc'),
  fx('AUDUSD', 'Australian Dollar / US Dollar'),
  fx('USDCAD', 'US Dollar / Canadian Dollar'),
  fx('NZDUSD', 'New Zealand Dollar / US Dollar'),
  fx('EURGBP', 'Euro / British Pound'),
  fx('EURJPY', 'Euro / Japanese Yen'),
];

const BY_SYMBOL = new Map(ASSETS.map((a) => [a.symbol, a]));
const BY_ALIAS = new Map(ASSETS.flatMap((a) => (a.aliases ?? []).map((x) => [x.toUpperCase(), a.symbol] as const)));
/** Crypto bases the registry knows (classification rule, domain §1.4). */
export const CRYPTO_BASES = new Set(
  ASSETS.filter((a) => a.asset_class === 'crypto').map((a) => a.symbol.split('-')[0]),
);

export function registryAsset(symbol: string): Entry | undefined {
  return BY_SYMBOL.get(symbol);
}

/** `BITCOIN` / `BTC` → `BTC-USD` (api.md §1.7: names and bare registry crypto tickers map to their USD pair). */
export function registryAlias(upper: string): string | undefined {
  return BY_ALIAS.get(upper);
}

export function coingeckoId(symbol: string): string | undefined {
  return BY_SYMBOL.get(symbol)?.coingeckoId;
}

export function registryAssets(assetClass?: AssetClass): Asset[] {
  return ASSETS.filter((a) => !assetClass || a.asset_class === assetClass).map(
    ({ symbol, name, exchange, asset_class }) => ({
      symbol,
      name,
      exchange,
      asset_class,
    }),
  );
}

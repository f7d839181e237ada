import { PaperError, priceUnavailable } from './errors';
import type { AssetClass } from './lots';
import { type Dec, dec } from './money';

/** What paper trading needs from market data: a latest price with its time and provider. */
export interface Quote {
  price: number;
  as_of: string;
  provider: string;
}
export interface QuoteSource {
  getQuote(symbol: string): Promise<Quote | null>;
  /** Is the asset class's market open at `at` (epoch ms)? Equities trade in regular hours only (domain §9.1). */
  marketOpen(assetClass: AssetClass, at: number): boolean;
  /** End of the trading day containing `at` (epoch ms): a `day` order expires then. */
  tradingDayEnd(assetClass: AssetClass, at: number): number;
}

/** The fill price source of §9.2: a positive quote no older than `maxAgeS`, else 422 PRICE_UNAVAILABLE. */
export async function currentPrice(quotes: QuoteSource, symbol: string, maxAgeS: number, now: Date) {
  let q: Quote | null = null;
  try {
    q = await quotes.getQuote(symbol);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'unknown_symbol') throw new PaperError(404, 'UNKNOWN_SYMBOL', `Unknown symbol ${symbol}`);
    if (code === 'invalid_symbol') throw new PaperError(400, 'INVALID_SYMBOL', `Malformed symbol ${symbol}`);
    q = null; // an upstream failure means no price, never an invented one
  }
  const age = q ? now.getTime() - Date.parse(q.as_of) : Number.POSITIVE_INFINITY;
  if (!q || !(q.price > 0) || !Number.isFinite(q.price) || !(age <= maxAgeS * 1000)) throw priceUnavailable(symbol);
  return { price: dec(q.price), asOf: q.as_of, provider: q.provider };
}

/** Best-effort marks for valuation: a symbol without a usable quote is left out (valued at cost by the caller). */
export async function markPrices(quotes: QuoteSource, symbols: string[], maxAgeS: number, now: Date) {
  const marks = new Map<string, Dec>();
  await Promise.all(
    [...new Set(symbols)].map(async (s) => {
      try {
        marks.set(s, (await currentPrice(quotes, s, maxAgeS, now)).price);
      } catch {
        // unpriced
      }
    }),
  );
  return marks;
}

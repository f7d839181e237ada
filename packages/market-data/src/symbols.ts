import { CRYPTO_BASES, registryAlias } from './assets';
import type { AssetClass } from './types';

export interface NormalizedSymbol {
  symbol: string;
  assetClass: AssetClass;
}
export type SymbolError = 'invalid_symbol';

/** ISO-4217 codes of currencies FX providers quote (classification, domain §1.4). */
const FIAT = new Set(
  'USD EUR JPY GBP CHF AUD CAD NZD SEK NOK DKK HKD SGD CNH CNY MXN ZAR TRY PLN CZK HUF ILS INR KRW BRL RUB THB TWD'.split(
    ' ',
  ),
);
const CRYPTO_QUOTES = ['USDT', 'USDC', 'USD', 'EUR', 'BTC', 'ETH'];
const EQUITY = /^[A-Z][A-Z0-9]{0,5}(\.[A-Z])?$/;
const LEG = /^[A-Z0-9]{2,10}$/;

function pair(base: string, quote: string): NormalizedSymbol | null {
  if (!LEG.test(base) || !LEG.test(quote)) return null;
  if (FIAT.has(base) && FIAT.has(quote))
    return base.length === 3 && quote.length === 3 ? { symbol: base + quote, assetClass: 'forex' } : null;
  if (CRYPTO_BASES.has(base) || CRYPTO_QUOTES.includes(quote))
    return { symbol: `${base}-${quote}`, assetClass: 'crypto' };
  return null;
}

/** `BTCUSDT` → BTC + USDT: the longest known quote currency that leaves a base of at least 2 characters. */
function splitConcatenated(s: string): NormalizedSymbol | null {
  if (s.length === 6 && FIAT.has(s.slice(0, 3)) && FIAT.has(s.slice(3))) return { symbol: s, assetClass: 'forex' };
  for (const q of CRYPTO_QUOTES) {
    if (s.endsWith(q) && s.length - q.length >= 2) {
      const base = s.slice(0, -q.length);
      if (CRYPTO_BASES.has(base)) return { symbol: `${base}-${q}`, assetClass: 'crypto' };
    }
  }
  return null;
}

/**
 * Maps any accepted spelling to the canonical symbol and its asset class (domain §1.4, api.md §1.7). Pure; says
 * nothing about whether a provider knows the symbol (that is `unknown_symbol`, decided later).
 */
export function normalizeSymbol(input: string): NormalizedSymbol | SymbolError {
  let s = input.trim().toUpperCase();
  if (s.length === 0 || s.length > 32) return 'invalid_symbol';
  const alias = registryAlias(s);
  if (alias) return { symbol: alias, assetClass: 'crypto' };
  if (s.endsWith('=X')) s = s.slice(0, -2);
  const prefix = /^([A-Z]+):(.+)$/.exec(s);
  if (prefix) s = prefix[2] as string;
  const legs = s.split(/[-/_]/);
  if (legs.length === 2) {
    const [a, b] = legs as [string, string];
    if (/^[A-Z]$/.test(b) && EQUITY.test(`${a}.${b}`) && !prefix) return { symbol: `${a}.${b}`, assetClass: 'equity' };
    return pair(a, b) ?? 'invalid_symbol';
  }
  if (legs.length > 2) return 'invalid_symbol';
  const joined = splitConcatenated(s);
  if (joined) return joined;
  return EQUITY.test(s) ? { symbol: s, assetClass: 'equity' } : 'invalid_symbol';
}

export function isSymbolError(x: NormalizedSymbol | SymbolError): x is SymbolError {
  return typeof x === 'string';
}

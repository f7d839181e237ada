import type { AssetClass } from '../types';

/** Canonical symbol (domain §1.4) → each provider's own spelling. */
export const yahooSymbol = (s: string, cls: AssetClass) =>
  cls === 'forex' ? `${s}=X` : cls === 'equity' ? s.replace('.', '-') : s;

export const polygonSymbol = (s: string, cls: AssetClass) =>
  cls === 'crypto' ? `X:${s.replace('-', '')}` : cls === 'forex' ? `C:${s}` : s;

/** Provider spelling → canonical, for search results (null when it is no symbol TX serves). */
export function fromYahoo(sym: string, quoteType: string): { symbol: string; cls: AssetClass } | null {
  if (quoteType === 'CURRENCY' && /^[A-Z]{6}=X$/.test(sym)) return { symbol: sym.slice(0, 6), cls: 'forex' };
  if (quoteType === 'CRYPTOCURRENCY' && /^[A-Z0-9]+-[A-Z]+$/.test(sym)) return { symbol: sym, cls: 'crypto' };
  if ((quoteType === 'EQUITY' || quoteType === 'ETF') && /^[A-Z][A-Z0-9]{0,5}(-[A-Z])?$/.test(sym)) {
    return { symbol: sym.replace('-', '.'), cls: 'equity' };
  }
  return null;
}

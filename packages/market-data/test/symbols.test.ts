import { describe, expect, it } from 'vitest';
import { normalizeSymbol, parseTimeframe } from '../src';

describe('normalizeSymbol (domain §1.4, api.md §1.7)', () => {
  const cases: [string, string, string][] = [
    ['aapl', 'AAPL', 'equity'],
    [' BRK-B ', 'BRK.B', 'equity'],
    ['BRK/B', 'BRK.B', 'equity'],
    ['brk.b', 'BRK.B', 'equity'],
    ['bitcoin', 'BTC-USD', 'crypto'],
    ['BTC', 'BTC-USD', 'crypto'],
    ['sol', 'SOL-USD', 'crypto'],
    ['BTCUSD', 'BTC-USD', 'crypto'],
    ['BTC/USD', 'BTC-USD', 'crypto'],
    ['X:BTCUSD', 'BTC-USD', 'crypto'],
    ['BTCUSDT', 'BTC-USDT', 'crypto'],
    ['BINANCE:BTCUSDT', 'BTC-USDT', 'crypto'],
    ['eth-usdt', 'ETH-USDT', 'crypto'],
    ['EUR/USD', 'EURUSD', 'forex'],
    ['EUR-USD', 'EURUSD', 'forex'],
    ['EURUSD=X', 'EURUSD', 'forex'],
    ['C:EURUSD', 'EURUSD', 'forex'],
    ['FX:EURUSD', 'EURUSD', 'forex'],
    ['OANDA:EUR_USD', 'EURUSD', 'forex'],
    ['usdjpy', 'USDJPY', 'forex'],
    ['ZZZZ', 'ZZZZ', 'equity'],
  ];
  it.each(cases)('%s → %s (%s)', (input, symbol, assetClass) => {
    expect(normalizeSymbol(input)).toEqual({ symbol, assetClass });
  });

  it.each(['', '   ', '$$$', 'AAPL/B/C', 'TOOLONGTICKER', '1ABC', 'A-B-C', 'BTC/USD/X'])('rejects %j', (input) => {
    expect(normalizeSymbol(input)).toBe('invalid_symbol');
  });
});

describe('parseTimeframe', () => {
  it('accepts the canonical set and the documented aliases', () => {
    for (const tf of ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w']) expect(parseTimeframe(tf)).toBe(tf);
    expect(['1D', 'D', 'daily'].map(parseTimeframe)).toEqual(['1d', '1d', '1d']);
    expect(['60m', '1H', '240m', '1wk', 'W'].map(parseTimeframe)).toEqual(['1h', '1h', '4h', '1w', '1w']);
    expect(['7m', '2h', '', 'hourly'].map(parseTimeframe)).toEqual([null, null, null, null]);
  });
});

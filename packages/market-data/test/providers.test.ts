import { describe, expect, it } from 'vitest';
import { AlphaVantageProvider } from '../src/providers/alpha-vantage';
import { CoinGeckoProvider } from '../src/providers/coingecko';
import { FinnhubProvider } from '../src/providers/finnhub';
import { PolygonProvider } from '../src/providers/polygon';
import { YahooProvider } from '../src/providers/yahoo';
import { ProviderError } from '../src/types';
import { fakeFetch } from './fake-fetch';

const D = (iso: string) => Date.parse(iso);
const NOW = D('2024-01-06T00:00:00Z');
const now = () => NOW;
const ALL = [0, NOW] as const;

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

describe('yahoo (recorded chart/search responses)', () => {
  it('maps daily bars to 00:00 UTC of the New York trade date and drops null rows', async () => {
    const f = fakeFetch([[/\/v8\/finance\/chart\/AAPL\?period1=/, ['yahoo/chart-aapl-1d']]]);
    const bars = await new YahooProvider(f.fetch, now).getBars('AAPL', 'equity', '1d', ...ALL);
    expect(bars.map((b) => new Date(b.time).toISOString())).toEqual([
      '2024-01-02T00:00:00.000Z',
      '2024-01-03T00:00:00.000Z',
      '2024-01-04T00:00:00.000Z',
    ]);
    expect(bars[0]).toMatchObject({ open: 187.15, high: 188.44, low: 183.885, close: 185.64, volume: 82488700 });
    expect(f.calls[0]).toContain('interval=1d');
  });

  it('rebuilds equity hours (09:30 starts) from 30m bars on the UTC hour grid, partial first bucket', async () => {
    const f = fakeFetch([[/interval=30m/, ['yahoo/chart-aapl-30m']]]);
    const bars = await new YahooProvider(f.fetch, now).getBars('AAPL', 'equity', '1h', ...ALL);
    expect(bars.map((b) => new Date(b.time).toISOString().slice(11, 16))).toEqual(['14:00', '15:00', '16:00']);
    expect(bars[1]).toEqual({
      time: D('2024-01-02T15:00:00Z'),
      open: 186.0,
      high: 186.5,
      low: 185.0,
      close: 185.3,
      volume: 7500000,
    });
  });

  it('quotes from chart meta, previous close = chartPreviousClose', async () => {
    const f = fakeFetch([[/range=1d/, ['yahoo/chart-quote-aapl']]]);
    const q = await new YahooProvider(f.fetch, now).getQuote('AAPL', 'equity');
    expect(q).toMatchObject({ price: 181.91, prev_close: 184.25, volume: 71983570, ts: 1704402000000 });
  });

  it('maps BRK.B and EURUSD to Yahoo spellings; 404 is not_found; 429 is rate_limited', async () => {
    const f = fakeFetch([
      [/chart\/BRK-B/, ['yahoo/chart-not-found']],
      [/chart\/EURUSD%3DX/, ['yahoo/too-many-requests']],
    ]);
    const y = new YahooProvider(f.fetch, now);
    expect((await failure(y.getBars('BRK.B', 'equity', '1d', ...ALL))).kind).toBe('not_found');
    const limited = await failure(y.getQuote('EURUSD', 'forex'));
    expect([limited.kind, limited.status, limited.retryable]).toEqual(['rate_limited', 429, true]);
  });

  it('search keeps equities and crypto in canonical form; news is filtered by time', async () => {
    const f = fakeFetch([[/v1\/finance\/search/, ['yahoo/search-apple']]]);
    const y = new YahooProvider(f.fetch, now);
    expect((await y.searchAssets('apple')).map((a) => [a.symbol, a.asset_class])).toEqual([
      ['AAPL', 'equity'],
      ['BTC-USD', 'crypto'],
    ]);
    const news = await y.getNews('AAPL', D('2024-01-04T00:00:00Z'), NOW);
    expect(news).toHaveLength(1);
    expect(news[0]).toMatchObject({ source: 'Reuters', published_at: '2024-01-04T17:40:00.000Z' });
  });
});

describe('polygon / massive (official client, recorded responses)', () => {
  const host = /api\.massive\.com/;

  it('reads day aggregates through the client: midnight-ET stamps become 00:00 UTC trade dates', async () => {
    const f = fakeFetch([[/\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\//, ['polygon/aggs-aapl-day']]]);
    const bars = await new PolygonProvider('k', f.fetch, now).getBars('AAPL', 'equity', '1d', ...ALL);
    expect(bars.map((b) => b.time)).toEqual([
      D('2024-01-02T00:00:00Z'),
      D('2024-01-03T00:00:00Z'),
      D('2024-01-04T00:00:00Z'),
    ]);
    expect(bars[2]).toMatchObject({ open: 182.15, close: 181.91, volume: 71983570 });
    expect(f.calls[0]).toMatch(/apiKey=k|sort=asc/);
  });

  it('builds 4h crypto bars from hourly aggregates (X:BTCUSD), keeping only final ones', async () => {
    const f = fakeFetch([[/\/v2\/aggs\/ticker\/X%3ABTCUSD\/range\/1\/hour\//, ['polygon/aggs-btc-hour']]]);
    const t = D('2024-01-01T08:00:30Z'); // the 04:00 bucket closed at 08:00, within the 60 s finality lag
    const bars = await new PolygonProvider('k', f.fetch, () => t).getBars('BTC-USD', 'crypto', '4h', 0, t);
    expect(bars).toEqual([
      { time: D('2024-01-01T00:00:00Z'), open: 42300.1, high: 42520, low: 42250, close: 42500, volume: 330.6 },
    ]);
  });

  it('quotes from the snapshot (last trade, previous day close, ns timestamps)', async () => {
    const f = fakeFetch([[/snapshot\/locale\/global\/markets\/crypto\/tickers\/X%3ABTCUSD/, ['polygon/snapshot-btc']]]);
    const q = await new PolygonProvider('k', f.fetch, now).getQuote('BTC-USD', 'crypto');
    expect(q).toMatchObject({ price: 42800.2, prev_close: 42283.6, volume: 15123.41, ts: 1704081600000 });
  });

  it('maps 404 → not_found, 401 → misconfigured, 429 → rate_limited with Retry-After, 503 → retryable', async () => {
    const cases: [string, string, number | null][] = [
      ['polygon/snapshot-not-found', 'not_found', null],
      ['polygon/unknown-api-key', 'misconfigured', null],
      ['polygon/rate-limited', 'rate_limited', 12_000],
      ['polygon/server-error', 'upstream', 0],
    ];
    for (const [name, kind, retryAfter] of cases) {
      const f = fakeFetch([[host, [name]]]);
      const e = await failure(new PolygonProvider('k', f.fetch, now).getQuote('AAPL', 'equity'));
      expect([e.kind, e.retryAfterMs]).toEqual([kind, retryAfter]);
    }
    const down = fakeFetch([[host, [new TypeError('fetch failed')]]]);
    expect((await failure(new PolygonProvider('k', down.fetch, now).getQuote('AAPL', 'equity'))).kind).toBe('network');
  });

  it('search maps tickers to canonical symbols; news carries the sentiment insight', async () => {
    const f = fakeFetch([
      [/\/v3\/reference\/tickers/, ['polygon/tickers-search']],
      [/\/v2\/reference\/news/, ['polygon/news-aapl']],
    ]);
    const p = new PolygonProvider('k', f.fetch, now);
    expect((await p.searchAssets('a')).map((a) => a.symbol)).toEqual(['AAPL', 'BTC-USD', 'EURUSD']);
    expect((await p.getNews('AAPL', 0, NOW))[0]).toMatchObject({ provider_sentiment: -1, source: 'Benzinga' });
  });
});

describe('finnhub (recorded responses)', () => {
  it('quotes, treats the all-zero answer as not found, and maps 401/429', async () => {
    const f = fakeFetch([
      [/quote\?symbol=AAPL/, ['finnhub/quote-aapl']],
      [/quote\?symbol=ZZZZ/, ['finnhub/quote-unknown']],
      [/quote\?symbol=BAD/, ['finnhub/invalid-key']],
      [/quote\?symbol=MANY/, ['finnhub/rate-limited']],
    ]);
    const p = new FinnhubProvider('k', f.fetch);
    expect(await p.getQuote('AAPL')).toMatchObject({ price: 181.91, prev_close: 184.25, volume: 0, ts: 1704402000000 });
    expect((await failure(p.getQuote('ZZZZ'))).kind).toBe('not_found');
    expect((await failure(p.getQuote('BAD'))).kind).toBe('misconfigured');
    const e = await failure(p.getQuote('MANY'));
    expect([e.kind, e.retryAfterMs]).toEqual(['rate_limited', 2000]);
    expect((await failure(p.getBars())).kind).toBe('unsupported');
  });

  it('search keeps US equities; company news is mapped', async () => {
    const f = fakeFetch([
      [/\/search\?q=apple/, ['finnhub/search-apple']],
      [/company-news\?symbol=AAPL&from=2024-01-01&to=2024-01-06/, ['finnhub/company-news']],
    ]);
    const p = new FinnhubProvider('k', f.fetch);
    expect((await p.searchAssets('apple')).map((a) => a.symbol)).toEqual(['AAPL', 'APLE']);
    expect((await p.getNews('AAPL', D('2024-01-01T00:00:00Z'), NOW))[0]).toMatchObject({
      id: '125123456',
      source: 'Yahoo',
    });
  });
});

describe('alpha vantage (errors arrive as HTTP 200 bodies)', () => {
  it('reads daily equity and FX series, ascending', async () => {
    const f = fakeFetch([
      [/function=TIME_SERIES_DAILY&symbol=IBM/, ['alpha_vantage/daily-ibm']],
      [/function=FX_DAILY&from_symbol=EUR&to_symbol=USD/, ['alpha_vantage/fx-daily-eurusd']],
    ]);
    const p = new AlphaVantageProvider('k', f.fetch, now);
    const ibm = await p.getBars('IBM', 'equity', '1d', ...ALL);
    expect(ibm.map((b) => [new Date(b.time).toISOString().slice(0, 10), b.close])).toEqual([
      ['2024-01-02', 161.5],
      ['2024-01-03', 160.1],
      ['2024-01-04', 160.1],
    ]);
    const fxQuote = await p.getQuote('EURUSD', 'forex');
    expect(fxQuote).toMatchObject({ price: 1.0948, prev_close: 1.092, volume: 0 });
  });

  it('maps Error Message / Note / Information bodies', async () => {
    const f = fakeFetch([
      [/symbol=ZZZZ/, ['alpha_vantage/invalid-symbol']],
      [/symbol=KEY/, ['alpha_vantage/invalid-key']],
      [/symbol=NOTE/, ['alpha_vantage/rate-limit-note']],
      [/symbol=DAY/, ['alpha_vantage/daily-limit-information']],
      [/GLOBAL_QUOTE&symbol=NONE/, ['alpha_vantage/global-quote-empty']],
      [/GLOBAL_QUOTE&symbol=IBM/, ['alpha_vantage/global-quote-ibm']],
    ]);
    const p = new AlphaVantageProvider('k', f.fetch, now);
    expect((await failure(p.getBars('ZZZZ', 'equity', '1d', ...ALL))).kind).toBe('not_found');
    expect((await failure(p.getBars('KEY', 'equity', '1d', ...ALL))).kind).toBe('misconfigured');
    expect((await failure(p.getBars('NOTE', 'equity', '1d', ...ALL))).kind).toBe('rate_limited');
    expect((await failure(p.getBars('DAY', 'equity', '1d', ...ALL))).kind).toBe('rate_limited');
    expect((await failure(p.getQuote('NONE', 'equity'))).kind).toBe('not_found');
    expect(await p.getQuote('IBM', 'equity')).toMatchObject({ price: 160.1, prev_close: 160.1, volume: 4071400 });
    expect((await failure(p.getBars('IBM', 'equity', '1h', ...ALL))).kind).toBe('unsupported');
  });
});

describe('coingecko (recorded responses)', () => {
  it('turns close-stamped 4h OHLC rows into open-time bars without volume', async () => {
    const f = fakeFetch([[/coins\/bitcoin\/ohlc\?vs_currency=usd&days=30/, ['coingecko/ohlc-bitcoin-30d']]]);
    const p = new CoinGeckoProvider('', f.fetch, () => D('2024-01-01T12:00:00Z'));
    const bars = await p.getBars('BTC-USD', 'crypto', '4h', 0, D('2024-01-01T12:00:00Z'));
    expect(bars.map((b) => new Date(b.time).toISOString().slice(11, 16))).toEqual(['20:00', '00:00', '04:00']);
    expect(bars.every((b) => b.volume === 0)).toBe(true);
  });

  it('quotes price and 24h volume; previous close = the candle closing at 00:00 UTC', async () => {
    const f = fakeFetch([
      [/simple\/price\?ids=bitcoin/, ['coingecko/simple-price-bitcoin']],
      [/ohlc\?vs_currency=usd&days=1/, ['coingecko/ohlc-bitcoin-1d']],
    ]);
    const q = await new CoinGeckoProvider('', f.fetch, () => D('2024-01-01T04:00:00Z')).getQuote('BTC-USD');
    expect(q).toMatchObject({ price: 42800.2, prev_close: 42283.6, ts: 1704081600000 });
  });

  it('unknown coins are not found without a request; 429 carries Retry-After', async () => {
    const f = fakeFetch([[/simple\/price/, ['coingecko/rate-limited']]]);
    const p = new CoinGeckoProvider('', f.fetch, now);
    expect((await failure(p.getQuote('FOO-USD'))).kind).toBe('not_found');
    expect(f.calls).toHaveLength(0);
    const e = await failure(p.getQuote('ETH-USD'));
    expect([e.kind, e.retryAfterMs]).toEqual(['rate_limited', 30_000]);
  });
});

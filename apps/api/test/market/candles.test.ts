import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helper';

const DAILY = join(import.meta.dirname, '../../../../../shared/data/daily');
const hasData = existsSync(join(DAILY, 'AAPL.csv'));

/** The file's rows as the API must serve them: open time at 00:00 UTC of the date, numbers as written. */
function lastRows(file: string, n: number) {
  const lines = readFileSync(join(DAILY, file), 'utf8').trim().split('\n').slice(1).slice(-n);
  return lines.map((l) => {
    const [time, open, high, low, close, volume] = l.split(',') as [string, string, string, string, string, string];
    const t = Date.parse(`${time}T00:00:00Z`);
    return {
      timestamp: new Date(t).toISOString(),
      t,
      open: +open,
      high: +high,
      low: +low,
      close: +close,
      volume: +volume,
    };
  });
}

describe('GET /api/candles with the csv provider (../shared/data/daily)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The data lives beside the repository and is never copied into it: say so loudly when it is missing.
    if (!hasData) throw new Error(`market data missing: expected ${DAILY} (../shared/data beside the repository)`);
    t = await buildTestApp({ MARKET_DATA_PROVIDERS: 'csv', MARKET_DATA_CSV_DIR: DAILY });
  });
  afterAll(() => t.close());

  it('returns the last 200 rows of AAPL.csv, oldest first, exactly', async () => {
    const res = await t.app.inject('/api/candles?symbol=AAPL&interval=1d&limit=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.success).toBe(true);
    expect(body.data).toMatchObject({ symbol: 'AAPL', interval: '1d', period: null, provider: 'csv' });
    expect(body.data.candles).toEqual(lastRows('AAPL.csv', 200));
  });

  it('stores the bars: the rows are in Postgres with provider csv', async () => {
    const [row] = await t.db
      .sql`select count(*)::int as n, min(provider) as p from bars where symbol = 'AAPL' and timeframe = '1d'`;
    expect(row?.n).toBeGreaterThanOrEqual(200);
    expect(row?.p).toBe('csv');
  });

  it('serves the bare array on /api/api/candles', async () => {
    const res = await t.app.inject('/api/api/candles?symbol=aapl&interval=1D&limit=5');
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual(lastRows('AAPL.csv', 5));
  });

  it('carries an ETag; a client holding that version gets 304 without a body', async () => {
    const url = '/api/candles?symbol=AAPL&interval=1d&limit=200';
    const first = await t.app.inject(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await t.app.inject({ url, headers: { 'if-none-match': `"other", W/${etag}` } });
    expect([again.statusCode, again.body]).toEqual([304, '']);
    const changed = await t.app.inject({ url, headers: { 'if-none-match': '"other"' } });
    expect([changed.statusCode, changed.body]).toEqual([200, first.body]);
  });

  it('serves a from/to window and an empty window', async () => {
    const res = await t.app.inject('/api/candles?symbol=SPY&interval=1d&from=2021-03-01&to=2021-03-05');
    expect(res.json().data.candles.map((c: { timestamp: string }) => c.timestamp.slice(0, 10))).toEqual([
      '2021-03-01',
      '2021-03-02',
      '2021-03-03',
      '2021-03-04',
      '2021-03-05',
    ]);
    const none = await t.app.inject('/api/candles?symbol=SPY&interval=1d&from=2024-01-01&to=2024-02-01');
    expect(none.statusCode).toBe(200);
    expect(none.json().data.candles).toEqual([]);
  });

  it('rejects a window over 5,000 bars without a limit (422) and a limit over 5,000 (400)', async () => {
    const big = await t.app.inject('/api/candles?symbol=AAPL&interval=1d&period=max');
    expect(big.statusCode).toBe(422);
    expect(big.json().error.code).toBe('LIMIT_EXCEEDED');
    const over = await t.app.inject('/api/candles?symbol=AAPL&interval=1d&limit=5001');
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('VALIDATION_ERROR');
  });

  it('quotes the last close of the file with change against the row before', async () => {
    const res = await t.app.inject('/api/market/AAPL');
    expect(res.statusCode).toBe(200);
    const [prev, last] = lastRows('AAPL.csv', 2).map((r) => r.close) as [number, number];
    expect(res.json().data).toMatchObject({ symbol: 'AAPL', price: last, previous_close: prev, provider: 'csv' });
    expect(res.json().data.change).toBeCloseTo(last - prev, 8);
  });
});

describe('GET /api/candles and /api/market with the default (synthetic) provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('/api/market/BTC-USD has price, change, change_percent, volume, provider, as_of', async () => {
    const res = await t.app.inject('/api/market/BTC-USD');
    expect(res.statusCode).toBe(200);
    const q = res.json().data;
    for (const k of ['price', 'change', 'change_percent', 'volume']) expect(typeof q[k]).toBe('number');
    expect(q).toMatchObject({ symbol: 'BTC-USD', asset_class: 'crypto', provider: 'synthetic', stale: false });
    expect(q.as_of).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(q.change).toBeCloseTo(q.price - q.previous_close, 6);
    const alias = await t.app.inject('/api/data/btcusd');
    expect(alias.json().data).toEqual(q);
  });

  it('serves 200 synthetic bars with ISO and epoch-ms timestamps, oldest first', async () => {
    const res = await t.app.inject('/api/candles?symbol=MSFT&interval=1h&limit=200');
    expect(res.statusCode).toBe(200);
    const { candles, provider } = res.json().data;
    expect(provider).toBe('synthetic');
    expect(candles).toHaveLength(200);
    for (let i = 1; i < candles.length; i++) expect(candles[i].t).toBeGreaterThan(candles[i - 1].t);
    expect(new Date(candles[0].t).toISOString()).toBe(candles[0].timestamp);
    expect(candles.at(-1).t + 3_600_000).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it('unknown symbol → 404 UNKNOWN_SYMBOL; malformed symbol → 400 INVALID_SYMBOL; bad interval → 400 INVALID_TIMEFRAME', async () => {
    const unknown = await t.app.inject('/api/candles?symbol=ZZZZ&interval=1d');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UNKNOWN_SYMBOL');
    expect((await t.app.inject('/api/market/ZZZZ')).json().error.code).toBe('UNKNOWN_SYMBOL');
    const bad = await t.app.inject('/api/candles?symbol=%24%24%24&interval=1d');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_SYMBOL');
    expect((await t.app.inject('/api/market/BTC%2FUSD%2FX')).json().error.code).toBe('INVALID_SYMBOL');
    const tf = await t.app.inject('/api/candles?symbol=AAPL&interval=7m');
    expect(tf.statusCode).toBe(400);
    expect(tf.json().error.code).toBe('INVALID_TIMEFRAME');
    const period = await t.app.inject('/api/candles?symbol=AAPL&period=2w');
    expect(period.json().error.code).toBe('INVALID_TIMEFRAME');
  });

  it('lists assets, coverage, features and provider health with the client-read fields', async () => {
    const assets = (await t.app.inject('/api/assets/list')).json().data;
    expect(assets.stocks.available).toBe(true);
    expect(assets.stocks.symbols.map((a: { symbol: string }) => a.symbol)).toContain('AAPL');
    expect(assets.total).toBe(assets.stocks.count + assets.crypto.count + assets.forex.count);
    expect(assets.indices).toEqual({ available: false, count: 0, symbols: [], providers: [] });
    expect((await t.app.inject('/api/assets?q=bitcoin')).json().data.crypto.symbols[0].symbol).toBe('BTC-USD');

    const cov = (await t.app.inject('/api/coverage')).json().data;
    expect(cov.sources).toMatchObject({
      yahoo: false,
      stocks: true,
      crypto: true,
      forex: true,
      synthetic: true,
      polygon: false,
    });
    expect(cov.providers.configured).toEqual(['synthetic']);
    expect(cov.patterns_supported).toBeGreaterThan(61);

    const features = (await t.app.inject('/api/features')).json().data;
    expect(features.paper_trading_enabled).toBe(true);
    expect(features.data_sources).toEqual(cov.sources);

    const health = (await t.app.inject('/api/provider-health')).json().data;
    expect(health.providers.synthetic).toMatchObject({ enabled: true, ok: true, breaker: 'closed', reason: null });
    expect(health.providers.polygon).toMatchObject({ enabled: false, reason: 'no_api_key' });
    expect(health.priority.equity).toEqual(['synthetic']);
    const detailed = (await t.app.inject('/health/detailed')).json();
    expect(detailed.components.providers.synthetic).toEqual({ enabled: true, ok: true, breaker: 'closed' });
  });

  it('market-scan sorts the default universe by |change_percent|', async () => {
    const res = await t.app.inject('/api/market-scan?type=trending&limit=5');
    expect(res.statusCode).toBe(200);
    const rows = res.json().data as { change_percent: number }[];
    expect(rows).toHaveLength(5);
    for (let i = 1; i < rows.length; i++) {
      expect(Math.abs(rows[i]?.change_percent ?? 0)).toBeLessThanOrEqual(Math.abs(rows[i - 1]?.change_percent ?? 0));
    }
  });
});

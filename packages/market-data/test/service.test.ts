import { createLogger } from '@tx/observability';
import { createTestDatabase, type TestDatabase, testConfig, testKeyPrefix } from '@tx/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarketData, type MarketData, type MarketDataProvider } from '../src';
import { SyntheticProvider } from '../src/providers/synthetic';

const NOW = Date.UTC(2026, 10, 25, 15, 0);

/** Counts provider calls: a second read of stored bars must not reach the provider. */
function counting(p: MarketDataProvider) {
  const calls = { bars: 0, quote: 0 };
  const wrapped: MarketDataProvider = {
    id: p.id,
    capabilities: p.capabilities,
    getBars: (...a) => {
      calls.bars++;
      return p.getBars(...a);
    },
    getQuote: (...a) => {
      calls.quote++;
      return p.getQuote(...a);
    },
    searchAssets: (q) => p.searchAssets(q),
  };
  return { wrapped, calls };
}

describe('MarketData service (synthetic, real Postgres + Redis)', () => {
  let db: TestDatabase;
  let redis: Redis;
  let md: MarketData;
  const { wrapped, calls } = counting(new SyntheticProvider(42, () => NOW));

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig();
    redis = new Redis(config.REDIS_URL);
    md = createMarketData({
      config,
      sql: db.sql,
      redis,
      keyPrefix: testKeyPrefix(),
      logger: createLogger({ name: 'test', level: 'silent', structured: true }),
      providers: [wrapped],
      now: () => NOW,
    });
  });
  afterAll(async () => {
    redis.disconnect();
    await db.drop();
  });

  it('serves 200 final daily bars oldest first, then serves them again from Postgres', async () => {
    const a = await md.getBars('aapl', '1d', { limit: 200 });
    expect(a.symbol).toBe('AAPL');
    expect(a.provider).toBe('synthetic');
    expect(a.bars.length).toBe(200);
    for (let i = 1; i < a.bars.length; i++) expect(a.bars.time[i]).toBeGreaterThan(a.bars.time[i - 1] as number);
    expect(a.bars.time[199]).toBeLessThan(NOW);
    const before = calls.bars;
    const b = await md.getBars('AAPL', '1D', { limit: 200 });
    expect(calls.bars).toBe(before);
    expect([...b.bars.close]).toEqual([...a.bars.close]);
  });

  it('caches quotes: concurrent and repeated requests make one provider call', async () => {
    const before = calls.quote;
    const [q1, q2] = await Promise.all([md.getQuote('BTC-USD'), md.getQuote('btcusd')]);
    const q3 = await md.getQuote('bitcoin');
    expect(calls.quote - before).toBe(1);
    expect(q1).toEqual(q2);
    expect(q3).toEqual(q1);
    expect(q1.provider).toBe('synthetic');
  });

  it('rejects malformed and unknown symbols with distinct codes', async () => {
    await expect(md.getBars('!!', '1d')).rejects.toMatchObject({ code: 'invalid_symbol' });
    await expect(md.getBars('ZZZZ', '1d')).rejects.toMatchObject({ code: 'unknown_symbol' });
    await expect(md.getBars('AAPL', '7m')).rejects.toMatchObject({ code: 'invalid_timeframe' });
  });
});

describe('finality and window limits', () => {
  let db: TestDatabase;
  let redis: Redis;
  beforeAll(async () => {
    db = await createTestDatabase();
    redis = new Redis(testConfig().REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await db.drop();
  });
  const make = (now: number, provider: MarketDataProvider = new SyntheticProvider(42, () => now)) =>
    createMarketData({
      config: testConfig(),
      sql: db.sql,
      redis,
      keyPrefix: testKeyPrefix(),
      logger: createLogger({ name: 'test', level: 'silent', structured: true }),
      providers: [provider],
      now: () => now,
    });

  it("serves today's equity daily bar once the session has closed, not before", async () => {
    const open = await make(Date.UTC(2026, 10, 25, 20, 59)).getBars('NVDA', '1d', { limit: 3 });
    expect(new Date(open.bars.time[2] as number).toISOString().slice(0, 10)).toBe('2026-11-24');
    const closed = await make(Date.UTC(2026, 10, 25, 21, 0)).getBars('NVDA', '1d', { limit: 3 });
    expect(new Date(closed.bars.time[2] as number).toISOString().slice(0, 10)).toBe('2026-11-25');
  });

  it('refuses a window of far more than 5,000 bars before asking any provider', async () => {
    const { wrapped, calls } = counting(new SyntheticProvider(42, () => NOW));
    const md = make(NOW, wrapped);
    await expect(md.getBars('ETH-USD', '1m', { from: Date.UTC(2015, 0, 1), to: NOW })).rejects.toMatchObject({
      code: 'limit_exceeded',
    });
    expect(calls.bars).toBe(0);
    const newest = await md.getBars('ETH-USD', '1m', { from: Date.UTC(2015, 0, 1), to: NOW, limit: 300 });
    expect(newest.bars.length).toBe(300);
    expect(newest.bars.time[299]).toBe(NOW - 60_000);
  });
});

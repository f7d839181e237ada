import { createLogger } from '@tx/observability';
import { createTestDatabase, type TestDatabase, testConfig, testKeyPrefix } from '@tx/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarketData } from '../src';
import { fakeFetch, fixture } from './fake-fetch';

const D = (iso: string) => Date.parse(iso);
const NOW = D('2024-01-06T00:00:00Z');
const WINDOW = { from: D('2024-01-01T00:00:00Z'), to: NOW };
const KEYS = { POLYGON_API_KEY: 'k', FINNHUB_API_KEY: 'k', ALPHA_VANTAGE_KEY: 'k' };

/** Finnhub's recorded answer plus Polygon's story again (same headline, 20 minutes later, another URL). */
function finnhubWithCopy() {
  const f = fixture('finnhub/company-news');
  const [item] = f.body as Record<string, unknown>[];
  const copy = {
    ...item,
    id: 1,
    headline: 'Apple Downgraded',
    datetime: D('2024-01-04T12:50:00Z') / 1000,
    url: 'https://finnhub.io/api/news?id=copy',
  };
  return { ...f, body: [item, copy] };
}

describe('MarketData.getNews over the news providers (recorded responses)', () => {
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

  function service(providers: string, routes: Parameters<typeof fakeFetch>[0]) {
    const f = fakeFetch(routes);
    const config = testConfig({ ...KEYS, MARKET_DATA_PROVIDERS: providers });
    const md = createMarketData({
      config,
      sql: db.sql,
      redis,
      keyPrefix: testKeyPrefix(),
      logger: createLogger({ name: 'test', level: 'silent', structured: true }),
      fetch: f.fetch,
      now: () => NOW,
      resilience: { sleep: async () => {}, retryBaseMs: 1 },
    });
    return { md, calls: f.calls };
  }

  it('merges every news provider of the asset class, newest first, one copy per story, then serves the cache', async () => {
    const { md, calls } = service('synthetic,polygon,finnhub,yahoo,alpha_vantage', [
      [/\/v2\/reference\/news/, ['polygon/news-aapl']],
      [/company-news\?symbol=AAPL/, [finnhubWithCopy()]],
      [/\/v1\/finance\/search\?q=AAPL/, ['yahoo/search-apple']],
      [/function=NEWS_SENTIMENT/, ['alpha_vantage/news-sentiment']],
    ]);
    const r = await md.getNews('aapl', WINDOW);
    expect(r.symbol).toBe('AAPL');
    expect(r.providers).toEqual(['polygon', 'finnhub', 'yahoo', 'alpha_vantage']);
    expect(r.failed).toEqual([]);
    expect(r.items.map((i) => [i.provider, i.published_at])).toEqual([
      ['finnhub', '2024-01-04T17:40:00.000Z'],
      ['yahoo', '2024-01-04T17:40:00.000Z'],
      ['polygon', '2024-01-04T12:30:00.000Z'],
      ['alpha_vantage', '2024-01-04T12:30:00.000Z'],
    ]);
    // Finnhub's unscored copy of Polygon's story is dropped; Polygon's insight is kept.
    expect(r.items.find((i) => i.provider === 'polygon')).toMatchObject({ provider_sentiment: -1 });
    const n = calls.length;
    expect(await md.getNews('AAPL', WINDOW)).toEqual(r);
    expect(calls.length).toBe(n);
  });

  it('crypto asks only the providers with crypto news; a failing provider is reported and not cached', async () => {
    const { md, calls } = service('polygon,finnhub,yahoo', [
      [/\/v2\/reference\/news/, ['polygon/server-error']],
      [/\/v1\/finance\/search\?q=BTC-USD/, ['yahoo/search-apple']],
    ]);
    const r = await md.getNews('BTC-USD', WINDOW);
    expect(r.providers).toEqual(['polygon', 'yahoo']);
    expect(r.failed).toEqual(['polygon']);
    expect(r.items.map((i) => i.provider)).toEqual(['yahoo']);
    const n = calls.length;
    await md.getNews('BTC-USD', WINDOW);
    expect(calls.length).toBeGreaterThan(n);
  });

  it('no news provider configured: nothing asked, nothing found', async () => {
    const { md, calls } = service('synthetic', []);
    expect(await md.getNews('AAPL', WINDOW)).toEqual({ symbol: 'AAPL', items: [], providers: [], failed: [] });
    expect(calls).toEqual([]);
  });
});

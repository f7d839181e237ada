import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, respond } from '../../../../packages/market-data/test/fake-fetch';
import { buildTestApp, type TestApp } from '../helper';

/**
 * Polygon (first in MARKET_DATA_PROVIDERS) is down with 503s; Yahoo answers from recorded responses. Every
 * outgoing request is recorded so the tests can count provider calls.
 */
let yahooDown = false;
const calls: string[] = [];
const providerFetch = (async (input: string | URL | Request) => {
  const url = String(input instanceof Request ? input.url : input);
  calls.push(url);
  if (url.includes('api.massive.com')) return respond(fixture('polygon/server-error'));
  if (yahooDown) return respond(fixture('yahoo/too-many-requests'));
  if (url.includes('range=1d')) return respond(fixture('yahoo/chart-quote-aapl'));
  if (url.includes('/v8/finance/chart/AAPL?period1=')) return respond(fixture('yahoo/chart-aapl-1d'));
  return respond(fixture('yahoo/chart-not-found'));
}) as typeof fetch;
const count = (host: string) => calls.filter((u) => u.includes(host)).length;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ MARKET_DATA_PROVIDERS: 'polygon,yahoo', POLYGON_API_KEY: 'test-key' }, undefined, {
    providerFetch,
  });
});
afterAll(() => t.close());

describe('provider outage: fallback, health, breaker, cache', () => {
  it('falls back to yahoo without a 5xx and reports polygon failing in provider health', async () => {
    const res = await t.app.inject('/api/market/AAPL');
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ symbol: 'AAPL', price: 181.91, previous_close: 184.25, provider: 'yahoo' });
    expect(count('massive')).toBe(3); // 503 is retried: 3 attempts (Retry-After: 0)
    const h = (await t.app.inject('/api/provider-health')).json().data;
    expect(h.providers.polygon).toMatchObject({ enabled: true, success_rate_5m: 0, requests_5m: 3, breaker: 'closed' });
    expect(h.providers.polygon.last_error).toMatchObject({ code: 'upstream', status: 503 });
    expect(h.providers.yahoo).toMatchObject({ enabled: true, ok: true, success_rate_5m: 100, requests_5m: 1 });
    expect(h.providers.synthetic).toMatchObject({ enabled: false, reason: 'disabled' });
    expect(h.priority.equity).toEqual(['polygon', 'yahoo']);
  });

  it('a second identical request within the TTL makes no provider call (alias included)', async () => {
    const before = calls.length;
    const again = await t.app.inject('/api/market/AAPL');
    const alias = await t.app.inject('/api/data/aapl');
    expect(calls.length).toBe(before);
    expect(again.json().data).toEqual(alias.json().data);
  });

  it('concurrent requests for the same uncached quote share one provider call', async () => {
    await t.deps.redis.del(`${t.deps.keyPrefix}:md:quote:AAPL`);
    const yahooBefore = count('yahoo');
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.app.inject('/api/market/AAPL')));
    expect(answers.every((r) => r.statusCode === 200)).toBe(true);
    expect(count('yahoo') - yahooBefore).toBe(1);
  });

  it("serves candles from the fallback, then opens polygon's breaker and stops calling it", async () => {
    const res = await t.app.inject('/api/candles?symbol=AAPL&interval=1d&from=2024-01-01&to=2024-01-05');
    expect(res.statusCode).toBe(200);
    expect(res.json().data.provider).toBe('yahoo');
    expect(res.json().data.candles.map((c: { timestamp: string }) => c.timestamp.slice(0, 10))).toEqual([
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
    ]);
    const h = (await t.app.inject('/api/provider-health')).json().data;
    expect(h.providers.polygon).toMatchObject({ breaker: 'open', ok: false });
    const detailed = (await t.app.inject('/health/detailed')).json();
    expect(detailed.components.providers.polygon).toEqual({ enabled: true, ok: false, breaker: 'open' });
    const polygonBefore = count('massive');
    const msft = await t.app.inject('/api/market/MSFT');
    expect(msft.json().data.provider).toBe('yahoo');
    expect(count('massive')).toBe(polygonBefore);
  });

  it('stored bars are served from Postgres without any provider call', async () => {
    const before = calls.length;
    const res = await t.app.inject('/api/api/candles?symbol=AAPL&interval=1d&from=2024-01-02&to=2024-01-04');
    expect(res.json().data).toHaveLength(3);
    expect(calls.length).toBe(before);
  });

  it('with every provider failing: a stale cached quote, else 503 UPSTREAM_UNAVAILABLE', async () => {
    yahooDown = true;
    try {
      const prefix = `${t.deps.keyPrefix}:md`;
      await t.deps.redis.del(`${prefix}:quote:AAPL`);
      const recent = await t.app.inject('/api/market/AAPL');
      expect(recent.json().data).toMatchObject({ price: 181.91, stale: false }); // last good copy, < 2x TTL old
      const last = JSON.parse((await t.deps.redis.get(`${prefix}:quote-last:AAPL`)) ?? '{}');
      await t.deps.redis.set(`${prefix}:quote-last:AAPL`, JSON.stringify({ ...last, fetchedAt: Date.now() - 121_000 }));
      const stale = await t.app.inject('/api/market/AAPL');
      expect(stale.statusCode).toBe(200);
      expect(stale.json().data).toMatchObject({ price: 181.91, stale: true });
      const none = await t.app.inject('/api/market/NVDA');
      expect(none.statusCode).toBe(503);
      expect(none.json().error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(none.headers['retry-after']).toBe('5');
    } finally {
      yahooDown = false;
    }
  });

  it('counts provider calls in /metrics by provider and outcome', async () => {
    const text = (await t.app.inject('/metrics')).body;
    expect(text).toMatch(/tx_provider_requests_total\{provider="polygon",outcome="failure"\} \d+/);
    expect(text).toMatch(/tx_provider_requests_total\{provider="yahoo",outcome="success"\} \d+/);
    expect(text).toContain('tx_provider_latency_seconds_bucket{le="0.01",provider="yahoo"}');
  });
});

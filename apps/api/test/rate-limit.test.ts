import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper';

const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((a) => a.close())));

async function app(env: Record<string, string>) {
  const t = await buildTestApp(env);
  apps.push(t);
  return t;
}

describe('rate limits', () => {
  it('a user-group route allows 30 per minute, then 429 with Retry-After and security headers', async () => {
    const t = await app({ RATELIMIT_STORAGE_URI: 'redis://127.0.0.1:6379' });
    for (let i = 0; i < 30; i++) {
      const res = await t.app.inject('/api/profile');
      expect(res.statusCode, `request ${i + 1}`).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('30');
    }
    const limited = await t.app.inject('/api/profile');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-frame-options']).toBe('DENY');
    // Another route keeps its own budget; health is never limited.
    expect((await t.app.inject('/api/health')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/save-profile', payload: {} })).statusCode).toBe(200);
  });

  it('counters in Redis are shared by every instance', async () => {
    const a = await app({ RATELIMIT_STORAGE_URI: 'redis://127.0.0.1:6379' });
    const b = await buildTestApp({ RATELIMIT_STORAGE_URI: 'redis://127.0.0.1:6379' });
    apps.push(b);
    // Same key prefix, as two replicas of one deployment would have.
    const shared = await a.app.inject('/api/profile');
    expect(shared.headers['x-ratelimit-remaining']).toBe('29');
    expect(a.deps.keyPrefix).not.toBe(b.deps.keyPrefix); // separate test files never share counters
  });

  it('a client over its limit is refused from memory until the window ends: no Redis call per request', async () => {
    const t = await app({ RATELIMIT_STORAGE_URI: 'redis://127.0.0.1:6379' });
    for (let i = 0; i < 31; i++) await t.app.inject('/api/profile');
    const redis = t.deps.rateLimitRedis;
    if (!redis) throw new Error('expected a Redis limiter store');
    const evals = redis.eval.bind(redis);
    let calls = 0;
    redis.eval = ((...args: Parameters<typeof evals>) => {
      calls += 1;
      return evals(...args);
    }) as typeof redis.eval;
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject('/api/profile');
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(calls).toBe(0);
    // Another route still counts in Redis.
    expect((await t.app.inject({ method: 'POST', url: '/api/save-profile', payload: {} })).statusCode).toBe(200);
    expect(calls).toBe(1);
  });

  it('allowlisted client addresses are exempt', async () => {
    const t = await app({ RATE_LIMIT_ALLOWLIST: '127.0.0.1' });
    for (let i = 0; i < 35; i++) expect((await t.app.inject('/api/profile')).statusCode).toBe(200);
  });

  it('when the limiter store is down requests pass (fail open) and the failure is counted', async () => {
    const t = await app({ RATELIMIT_STORAGE_URI: 'redis://127.0.0.1:1' });
    for (let i = 0; i < 35; i++) {
      const res = await t.app.inject('/api/profile');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/Connection is closed/);
    }
    const metrics = await t.app.inject('/metrics');
    const m = metrics.body.match(/^tx_ratelimit_store_errors_total (\d+)/m);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(35);
  });
});

import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../src/resilience/breaker';
import { ResilientCaller } from '../src/resilience/resilient';
import { backoffMs, retryDelayMs } from '../src/resilience/retry';
import { TokenBucket } from '../src/resilience/token-bucket';
import { ProviderError } from '../src/types';

function clock(start = 0) {
  const c = {
    t: start,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}
const fail =
  (kind: ProviderError['kind'], retryAfterMs: number | null = null) =>
  () =>
    Promise.reject(new ProviderError('polygon', kind, kind, null, retryAfterMs));

describe('circuit breaker (domain §12.4)', () => {
  it('opens after 5 consecutive failures, half-opens after 60 s with one probe, doubles on re-open', () => {
    const c = clock();
    const b = new CircuitBreaker(c.now);
    for (let i = 0; i < 4; i++) b.failure();
    expect(b.state).toBe('closed');
    b.failure();
    expect(b.state).toBe('open');
    expect(b.tryPass()).toBe(false);
    c.t += 60_000;
    expect(b.state).toBe('half_open');
    expect(b.tryPass()).toBe(true);
    expect(b.tryPass()).toBe(false); // one probe at a time
    b.failure();
    expect(b.state).toBe('open');
    c.t += 60_000;
    expect(b.state).toBe('open'); // now open for 120 s
    c.t += 60_000;
    expect(b.tryPass()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
  });

  it('opens at >= 50 % failures among the last 20 calls once 10 were made; caps at 15 min', () => {
    const c = clock();
    const b = new CircuitBreaker(c.now);
    for (let i = 0; i < 9; i++) i % 2 === 0 ? b.success() : b.failure();
    expect(b.state).toBe('closed'); // 4 of 9: never 5 in a row, fewer than 10 calls
    b.failure();
    expect(b.state).toBe('open'); // S F S F S F S F S F: 5 of the last 10 calls failed
    for (let k = 0; k < 6; k++) {
      c.t += 15 * 60_000;
      b.tryPass();
      b.failure();
    }
    c.t += 15 * 60_000 - 1;
    expect(b.state).toBe('open');
    c.t += 1;
    expect(b.state).toBe('half_open');
  });
});

describe('token bucket (domain §12.2)', () => {
  it('holds per-minute capacity, waits for a refill up to 10 s, then fails rate_limited_local', async () => {
    const c = clock();
    const bucket = new TokenBucket('polygon', 5, undefined, c.now, c.sleep);
    for (let i = 0; i < 5; i++) await bucket.take();
    await expect(bucket.take()).rejects.toMatchObject({ kind: 'rate_limited_local' }); // next token in 12 s > 10 s
    const fast = new TokenBucket('yahoo', 30, undefined, c.now, c.sleep);
    for (let i = 0; i < 30; i++) await fast.take();
    const before = c.t;
    await fast.take(); // a token every 2 s
    expect(c.t - before).toBe(2000);
  });

  it('counts the daily cap per UTC day', async () => {
    const c = clock(Date.UTC(2024, 0, 1, 23, 0));
    const bucket = new TokenBucket('alpha_vantage', 100, 2, c.now, c.sleep);
    await bucket.take();
    await bucket.take();
    await expect(bucket.take()).rejects.toMatchObject({ kind: 'rate_limited_local' });
    c.t = Date.UTC(2024, 0, 2, 0, 0);
    await expect(bucket.take()).resolves.toBeUndefined();
  });
});

describe('retries', () => {
  it('backoff is min(30 s, 0.5 s·2^(n-1)) × U(0.5, 1.5); Retry-After wins', () => {
    expect(backoffMs(1, () => 0)).toBe(250);
    expect(backoffMs(1, () => 0.999999)).toBeCloseTo(750, 0);
    expect(backoffMs(3, () => 0.5)).toBe(2000);
    expect(backoffMs(10, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(1, 12_000)).toBe(12_000);
    expect(retryDelayMs(1, 120_000)).toBe(30_000);
  });

  it('retries 429/5xx/network up to 3 attempts, not 4xx; not found is a success for health', async () => {
    const c = clock();
    const caller = new ResilientCaller('polygon', null, { now: c.now, sleep: c.sleep, random: () => 0.5 });
    let n = 0;
    const flaky = () => (++n < 3 ? fail('upstream')() : Promise.resolve('ok'));
    await expect(caller.call(flaky)).resolves.toBe('ok');
    expect(n).toBe(3);
    expect(c.t).toBe(500 + 1000);

    n = 0;
    const counted = (f: () => Promise<never>) => () => {
      n++;
      return f();
    };
    await expect(caller.call(counted(fail('bad_response')))).rejects.toMatchObject({ kind: 'bad_response' });
    expect(n).toBe(1);
    n = 0;
    await expect(caller.call(counted(fail('rate_limited', 5000)))).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(n).toBe(3);
    await expect(caller.call(fail('not_found'))).rejects.toMatchObject({ kind: 'not_found' });
    const snap = caller.stats.snapshot();
    expect(snap.requests_5m).toBe(3 + 1 + 3 + 1);
    expect(snap.rate_limited_5m).toBe(3);
    expect(caller.stats.lastError).toMatchObject({ code: 'rate_limited' });
  });

  it('marks 401/403 misconfigured and stops calling once the breaker opens', async () => {
    const c = clock();
    const caller = new ResilientCaller('finnhub', null, { now: c.now, sleep: c.sleep });
    await expect(caller.call(fail('misconfigured'))).rejects.toMatchObject({ kind: 'misconfigured' });
    expect(caller.misconfigured).toBe(true);
    for (let i = 0; i < 4; i++) await caller.call(fail('misconfigured')).catch(() => {});
    let called = false;
    await expect(
      caller.call(async () => {
        called = true;
      }),
    ).rejects.toMatchObject({ kind: 'circuit_open' });
    expect(called).toBe(false);
    expect(caller.breaker.state).toBe('open');
  });
});

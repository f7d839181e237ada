import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshingCache } from '../../src/lib/refreshing-cache';

/** A load the test resolves by hand, counting calls. */
function loader() {
  const pending: ((v: number) => void)[] = [];
  const load = vi.fn(() => new Promise<number>((resolve) => pending.push(resolve)));
  return { load, resolveNext: (v: number) => pending.shift()?.(v) };
}

describe('RefreshingCache', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('concurrent misses share one load; a fresh value is served without loading', async () => {
    const cache = new RefreshingCache<number>(1000, 1000, 10);
    const l = loader();
    const a = cache.get('k', l.load);
    const b = cache.get('k', l.load);
    l.resolveNext(1);
    expect([await a, await b]).toEqual([1, 1]);
    vi.setSystemTime(999);
    expect(await cache.get('k', l.load)).toBe(1);
    expect(l.load).toHaveBeenCalledTimes(1);
  });

  it('past the TTL the previous value serves while one reload runs; past the grace callers wait for it', async () => {
    const cache = new RefreshingCache<number>(1000, 1000, 10);
    const l = loader();
    const first = cache.get('k', l.load);
    l.resolveNext(1);
    await first;
    vi.setSystemTime(1500);
    expect(await cache.get('k', l.load)).toBe(1);
    expect(await cache.get('k', l.load)).toBe(1);
    expect(l.load).toHaveBeenCalledTimes(2);
    vi.setSystemTime(2500);
    const waiting = cache.get('k', l.load);
    l.resolveNext(2);
    expect(await waiting).toBe(2);
    expect(l.load).toHaveBeenCalledTimes(2);
  });

  it('a failed reload keeps the stale value within the grace and is retried by the next caller', async () => {
    const cache = new RefreshingCache<number>(1000, 1000, 10);
    expect(await cache.get('k', async () => 1)).toBe(1);
    vi.setSystemTime(1200);
    const failing = vi.fn(async () => {
      throw new Error('db down');
    });
    expect(await cache.get('k', failing)).toBe(1);
    await Promise.resolve();
    await Promise.resolve();
    const retry = vi.fn(async () => 3);
    expect(await cache.get('k', retry)).toBe(1);
    expect(retry).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(await cache.get('k', async () => 4)).toBe(3);
  });

  it('delete drops the value at once, and a load already running for it stores nothing', async () => {
    const cache = new RefreshingCache<number>(1000, 1000, 10);
    const l = loader();
    const running = cache.get('k', l.load);
    cache.delete('k');
    l.resolveNext(1);
    expect(await running).toBe(1);
    expect(await cache.get('k', async () => 2)).toBe(2);
  });
});

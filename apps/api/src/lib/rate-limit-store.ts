import type { Redis } from 'ioredis';

type Callback = (err: Error | null, res: { current: number; ttl: number } | null) => void;
interface RouteOptions {
  routeInfo: { method: string; url: string };
  config?: { canonical?: string };
}

// INCR and start the window on the first hit; returns [count, ttl ms].
const INCR_LUA = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {c, t}`;

/**
 * Rate-limit counters keyed by route, so one route's traffic never spends another's budget, and aliases count
 * against their canonical route (api.md §6.1). Backed by Redis (shared by every instance) or by process memory.
 * A Redis failure is reported to `onError` and passed on; the plugin runs with skipOnError, so the limiter fails
 * open instead of answering 500 (api.md §1.8).
 */
export class RouteRateLimitStore {
  private readonly memory = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly redis: Redis | null,
    private readonly onError: (err: Error) => void,
    private readonly prefix = 'rl:',
    shared?: Map<string, { count: number; resetAt: number }>,
  ) {
    if (shared) this.memory = shared;
  }

  incr(key: string, cb: Callback, timeWindow: number): void {
    const full = this.prefix + key;
    if (!this.redis) {
      cb(null, this.incrMemory(full, timeWindow));
      return;
    }
    (this.redis.eval(INCR_LUA, 1, full, timeWindow) as Promise<[number, number]>).then(
      ([current, ttl]) => cb(null, { current, ttl }),
      (err: Error) => {
        this.onError(err);
        cb(err, null);
      },
    );
  }

  child(routeOptions: RouteOptions): RouteRateLimitStore {
    const path = routeOptions.config?.canonical ?? routeOptions.routeInfo.url;
    return new RouteRateLimitStore(
      this.redis,
      this.onError,
      `${this.prefix}${routeOptions.routeInfo.method}:${path}:`,
      this.memory,
    );
  }

  private incrMemory(key: string, windowMs: number) {
    const now = Date.now();
    let entry = this.memory.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowMs };
      this.memory.set(key, entry);
      if (this.memory.size > 50_000) this.sweep(now);
    }
    entry.count += 1;
    return { current: entry.count, ttl: entry.resetAt - now };
  }

  private sweep(now: number) {
    for (const [k, v] of this.memory) if (v.resetAt <= now) this.memory.delete(k);
  }
}

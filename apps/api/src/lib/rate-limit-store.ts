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

type Counters = Map<string, { count: number; resetAt: number }>;

/**
 * Rate-limit counters keyed by route, so one route's traffic never spends another's budget, and aliases count
 * against their canonical route (api.md §6.1). Backed by Redis (shared by every instance) or by process memory.
 * A Redis failure is reported to `onError` and passed on; the plugin runs with skipOnError, so the limiter fails
 * open instead of answering 500 (api.md §1.8).
 *
 * Once Redis reports a key over its limit, the key stays refused until its window ends whatever any instance
 * does (fixed windows only grow), so this instance remembers that and answers the rest of the window from memory:
 * a client flooding past its limit costs no Redis round trip per request.
 */
export class RouteRateLimitStore {
  private readonly memory: Counters;
  private readonly exceeded: Counters;

  constructor(
    private readonly redis: Redis | null,
    private readonly onError: (err: Error) => void,
    private readonly prefix = 'rl:',
    shared?: { memory: Counters; exceeded: Counters },
  ) {
    this.memory = shared?.memory ?? new Map();
    this.exceeded = shared?.exceeded ?? new Map();
  }

  incr(key: string, cb: Callback, timeWindow: number, max: number): void {
    const full = this.prefix + key;
    if (!this.redis) {
      cb(null, this.incrMemory(this.memory, full, timeWindow));
      return;
    }
    const over = this.exceeded.get(full);
    if (over && over.resetAt > Date.now()) {
      cb(null, this.incrMemory(this.exceeded, full, timeWindow));
      return;
    }
    (this.redis.eval(INCR_LUA, 1, full, timeWindow) as Promise<[number, number]>).then(
      ([current, ttl]) => {
        if (current > max) this.remember(this.exceeded, full, { count: current, resetAt: Date.now() + ttl });
        cb(null, { current, ttl });
      },
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
      { memory: this.memory, exceeded: this.exceeded },
    );
  }

  private incrMemory(counters: Counters, key: string, windowMs: number) {
    const now = Date.now();
    let entry = counters.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = this.remember(counters, key, { count: 0, resetAt: now + windowMs });
    }
    entry.count += 1;
    return { current: entry.count, ttl: entry.resetAt - now };
  }

  private remember(counters: Counters, key: string, entry: { count: number; resetAt: number }) {
    counters.set(key, entry);
    if (counters.size > 50_000) {
      const now = Date.now();
      for (const [k, v] of counters) if (v.resetAt <= now) counters.delete(k);
    }
    return entry;
  }
}

import type { Redis } from 'ioredis';
import type { Quote } from './api';

export const QUOTE_TTL_S = 60;
/** The last good quote outlives the TTL so an outage can still answer with `stale: true` (api.md §3.2). */
const LAST_TTL_S = 7 * 86_400;

export class QuoteCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async fresh(symbol: string): Promise<Quote | null> {
    return this.read(`${this.prefix}:md:quote:${symbol}`);
  }

  async last(symbol: string): Promise<Quote | null> {
    return this.read(`${this.prefix}:md:quote-last:${symbol}`);
  }

  async store(q: Quote): Promise<void> {
    const json = JSON.stringify(q);
    await this.redis
      .multi()
      .set(`${this.prefix}:md:quote:${q.symbol}`, json, 'EX', QUOTE_TTL_S)
      .set(`${this.prefix}:md:quote-last:${q.symbol}`, json, 'EX', LAST_TTL_S)
      .exec();
  }

  private async read(key: string): Promise<Quote | null> {
    const raw = await this.redis.get(key);
    return raw ? (JSON.parse(raw) as Quote) : null;
  }
}

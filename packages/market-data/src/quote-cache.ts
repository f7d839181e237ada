import type { Redis } from 'ioredis';
import type { Quote } from './api';

export const QUOTE_TTL_S = 60;
/** The last good quote outlives the TTL so an outage can still answer with it (api.md §3.2). */
const LAST_TTL_S = 7 * 86_400;

interface Entry {
  quote: Quote;
  fetchedAt: number;
}

export class QuoteCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async fresh(symbol: string): Promise<Quote | null> {
    return (await this.read(`${this.prefix}:md:quote:${symbol}`))?.quote ?? null;
  }

  /** The last good quote, `stale` when it was fetched more than 2× the TTL ago (api.md §2 Quote). */
  async last(symbol: string, now: number): Promise<Quote | null> {
    const e = await this.read(`${this.prefix}:md:quote-last:${symbol}`);
    return e ? { ...e.quote, stale: now - e.fetchedAt > 2 * QUOTE_TTL_S * 1000 } : null;
  }

  async store(quote: Quote, now: number): Promise<void> {
    const json = JSON.stringify({ quote, fetchedAt: now } satisfies Entry);
    await this.redis
      .multi()
      .set(`${this.prefix}:md:quote:${quote.symbol}`, json, 'EX', QUOTE_TTL_S)
      .set(`${this.prefix}:md:quote-last:${quote.symbol}`, json, 'EX', LAST_TTL_S)
      .exec();
  }

  private async read(key: string): Promise<Entry | null> {
    const raw = await this.redis.get(key);
    return raw ? (JSON.parse(raw) as Entry) : null;
  }
}

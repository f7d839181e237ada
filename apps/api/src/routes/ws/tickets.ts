import { createHash, randomBytes } from 'node:crypto';
import { redisKeys } from '@tx/realtime';
import type { Redis } from 'ioredis';

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('base64url');

/**
 * Single-use WebSocket tickets (api.md §3.13): 32 random bytes, base64url, stored in Redis under their hash (a
 * leaked key dump cannot open sockets) and bound to the caller; GETDEL makes a second use fail atomically.
 */
export function createTickets(redis: Redis, prefix: string, ttlMs: number) {
  const keys = redisKeys(prefix);
  return {
    async issue(userId: string): Promise<{ ticket: string; expiresAt: Date }> {
      const ticket = randomBytes(32).toString('base64url');
      await redis.set(keys.ticket(hash(ticket)), userId, 'PX', ttlMs);
      return { ticket, expiresAt: new Date(Date.now() + ttlMs) };
    },
    /** The ticket's user, or null when missing, expired, reused or invalid. */
    async consume(ticket: string): Promise<string | null> {
      if (!/^[A-Za-z0-9_-]{43,128}$/.test(ticket)) return null;
      return redis.getdel(keys.ticket(hash(ticket)));
    },
  };
}
export type Tickets = ReturnType<typeof createTickets>;

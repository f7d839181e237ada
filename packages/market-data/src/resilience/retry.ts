/** Delay before retry `attempt` (1-based): min(30 s, 0.5 s·2^(attempt-1)) × U(0.5, 1.5) (domain §12.4). */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 500): number {
  return Math.min(30_000, baseMs * 2 ** (attempt - 1)) * (0.5 + random());
}

/** A server's Retry-After wins over our own backoff, capped at 30 s. */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, random?: () => number, baseMs?: number) {
  return retryAfterMs !== null ? Math.min(30_000, retryAfterMs) : backoffMs(attempt, random, baseMs);
}

import { ProviderError, type ProviderId } from '../types';
import { CircuitBreaker } from './breaker';
import { retryDelayMs } from './retry';
import { CallStats } from './stats';
import { TokenBucket } from './token-bucket';

export interface ResilienceOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** First retry delay before jitter (500 ms per domain §12.4; tests shorten it). */
  retryBaseMs?: number;
  attempts?: number;
  onCall?: (provider: ProviderId, outcome: 'success' | 'failure' | 'not_found', seconds: number) => void;
}

function asProviderError(provider: ProviderId, err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ProviderError(provider, 'network', message);
}

/**
 * Every call to one provider goes through here: circuit breaker, token bucket, retries with backoff and jitter
 * (honouring Retry-After), and the health statistics. "Symbol not found" counts as a successful answer.
 */
export class ResilientCaller {
  readonly breaker: CircuitBreaker;
  readonly stats: CallStats;
  readonly bucket: TokenBucket | null;
  misconfigured = false;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    readonly provider: ProviderId,
    rateLimit: { perMinute: number; perDay?: number } | null,
    private readonly opts: ResilienceOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.breaker = new CircuitBreaker(this.now);
    this.stats = new CallStats(this.now);
    this.bucket = rateLimit
      ? new TokenBucket(provider, rateLimit.perMinute, rateLimit.perDay, this.now, this.sleep)
      : null;
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    const attempts = this.opts.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      if (!this.breaker.tryPass()) throw new ProviderError(this.provider, 'circuit_open', 'circuit open');
      try {
        await this.bucket?.take();
      } catch (err) {
        this.breaker.release();
        throw err;
      }
      const started = performance.now();
      try {
        const value = await fn();
        this.succeeded(started, 'success');
        return value;
      } catch (err) {
        const pe = asProviderError(this.provider, err);
        if (!pe.isFailure) {
          this.succeeded(started, 'not_found');
          throw pe;
        }
        const ms = performance.now() - started;
        this.stats.failure(ms, pe.kind, pe.status);
        this.breaker.failure();
        this.opts.onCall?.(this.provider, 'failure', ms / 1000);
        if (pe.kind === 'misconfigured') this.misconfigured = true;
        if (!pe.retryable || attempt >= attempts) throw pe;
        await this.sleep(retryDelayMs(attempt, pe.retryAfterMs, this.opts.random, this.opts.retryBaseMs));
      }
    }
  }

  private succeeded(started: number, outcome: 'success' | 'not_found') {
    const ms = performance.now() - started;
    this.stats.success(ms);
    this.breaker.success();
    this.misconfigured = false;
    this.opts.onCall?.(this.provider, outcome, ms / 1000);
  }
}

import { ProviderError, type ProviderId } from '../types';

const DAY = 86_400_000;

/**
 * Per-provider request budget (domain §12.2): capacity = the per-minute limit, refilled limit/60 per second, plus
 * an optional cap per UTC day. A caller waits for a token up to `maxWaitMs`, then fails `rate_limited_local`.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private day = -1;
  private usedToday = 0;

  constructor(
    private readonly provider: ProviderId,
    private readonly perMinute: number,
    private readonly perDay: number | undefined,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly maxWaitMs = 10_000,
  ) {
    this.tokens = perMinute;
    this.refilledAt = now();
  }

  get left(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  async take(): Promise<void> {
    const deadline = this.now() + this.maxWaitMs;
    for (;;) {
      this.refill();
      const today = Math.floor(this.now() / DAY);
      if (today !== this.day) {
        this.day = today;
        this.usedToday = 0;
      }
      if (this.perDay !== undefined && this.usedToday >= this.perDay) {
        throw new ProviderError(this.provider, 'rate_limited_local', 'daily request cap reached');
      }
      if (this.tokens >= 1) {
        this.tokens -= 1;
        this.usedToday += 1;
        return;
      }
      const wait = ((1 - this.tokens) * 60_000) / this.perMinute;
      if (this.now() + wait > deadline) {
        throw new ProviderError(this.provider, 'rate_limited_local', 'request budget exhausted');
      }
      await this.sleep(wait);
    }
  }

  private refill() {
    const t = this.now();
    this.tokens = Math.min(this.perMinute, this.tokens + ((t - this.refilledAt) * this.perMinute) / 60_000);
    this.refilledAt = t;
  }
}

export type BreakerState = 'closed' | 'open' | 'half_open';

const WINDOW = 20;
const MIN_CALLS = 10;
const CONSECUTIVE = 5;
const BASE_OPEN_MS = 60_000;
const MAX_OPEN_MS = 15 * 60_000;

/**
 * Circuit breaker per provider (domain §12.4): opens after 5 consecutive failures or >= 50 % failures among the
 * last 20 calls (at least 10); stays open 60 s, doubling on each re-open up to 15 min; then lets one probe through
 * (half-open): success closes it, failure re-opens it.
 */
export class CircuitBreaker {
  private outcomes: boolean[] = [];
  private consecutive = 0;
  private openUntil = 0;
  private openMs = BASE_OPEN_MS;
  private probing = false;
  private opened = false;

  constructor(private readonly now: () => number = Date.now) {}

  get state(): BreakerState {
    if (!this.opened) return 'closed';
    return this.now() >= this.openUntil ? 'half_open' : 'open';
  }

  /** May a call go out now? In half-open state only one probe at a time. */
  tryPass(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** A probe that never went out (e.g. no rate-limit token) frees the half-open slot. */
  release(): void {
    this.probing = false;
  }

  success(): void {
    this.record(true);
    this.consecutive = 0;
    if (this.opened) {
      this.opened = false;
      this.probing = false;
      this.openMs = BASE_OPEN_MS;
      this.outcomes = [];
    }
  }

  failure(): void {
    this.record(false);
    this.consecutive += 1;
    if (this.opened) {
      // A failed probe: open again for twice as long.
      this.probing = false;
      this.openMs = Math.min(this.openMs * 2, MAX_OPEN_MS);
      this.openUntil = this.now() + this.openMs;
      return;
    }
    const failures = this.outcomes.filter((ok) => !ok).length;
    if (
      this.consecutive >= CONSECUTIVE ||
      (this.outcomes.length >= MIN_CALLS && failures * 2 >= this.outcomes.length)
    ) {
      this.opened = true;
      this.openUntil = this.now() + this.openMs;
    }
  }

  private record(ok: boolean) {
    this.outcomes.push(ok);
    if (this.outcomes.length > WINDOW) this.outcomes.shift();
  }
}

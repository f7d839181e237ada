const WINDOW_MS = 5 * 60_000;
const LATENCY_SAMPLES = 500;
const MAX_CALLS = 10_000;

interface Call {
  at: number;
  ok: boolean;
  ms: number;
  limited: boolean;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, i)] as number) * 10) / 10;
}

/** Rolling per-provider call statistics for /api/provider-health (domain §12.4): last 5 min, last 500 latencies. */
export class CallStats {
  private calls: Call[] = [];
  lastSuccessAt: number | null = null;
  lastError: { code: string; at: number; status: number | null } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  success(ms: number): void {
    const at = this.now();
    this.push({ at, ok: true, ms, limited: false });
    this.lastSuccessAt = at;
  }

  failure(ms: number, code: string, status: number | null): void {
    const at = this.now();
    this.push({ at, ok: false, ms, limited: code === 'rate_limited' });
    this.lastError = { code, at, status };
  }

  snapshot() {
    const since = this.now() - WINDOW_MS;
    const recent = this.calls.filter((c) => c.at >= since);
    const ok = recent.filter((c) => c.ok).length;
    const latencies = recent
      .slice(-LATENCY_SAMPLES)
      .map((c) => c.ms)
      .sort((a, b) => a - b);
    return {
      requests_5m: recent.length,
      success_rate_5m: recent.length === 0 ? null : Math.round((ok / recent.length) * 10_000) / 100,
      p50_latency_ms: percentile(latencies, 50),
      p95_latency_ms: percentile(latencies, 95),
      rate_limited_5m: recent.filter((c) => c.limited).length,
    };
  }

  private push(c: Call) {
    this.calls.push(c);
    const since = c.at - WINDOW_MS;
    if (this.calls.length > MAX_CALLS || (this.calls[0]?.at ?? c.at) < since) {
      this.calls = this.calls.filter((x) => x.at >= since).slice(-MAX_CALLS);
    }
  }
}

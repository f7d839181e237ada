/**
 * Open-loop order generator for `pnpm bench paper` (runs in a child process so it does not share the server's core):
 * sends `rate` orders per second on a fixed schedule whatever the responses do, and measures each latency from its
 * scheduled send time, so a slow server cannot hide queueing (no coordinated omission).
 */

export interface PaperLoadConfig {
  url: string;
  rate: number;
  seconds: number;
  users: number;
  symbols: string[];
  qty: number;
}

export interface PaperLoadResult {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  latenciesMs: number[];
}

async function main() {
  const cfg = JSON.parse(process.argv[2]!) as PaperLoadConfig;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  const total = cfg.rate * cfg.seconds;
  const start = performance.now() + 100;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / cfg.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const user = `bench-${i % cfg.users}`;
    // Each user alternates buy and sell so positions and cash stay bounded for the whole run.
    const side = Math.floor(i / cfg.users) % 2 === 0 ? 'buy' : 'sell';
    const symbol = cfg.symbols[Math.floor(i / (2 * cfg.users)) % cfg.symbols.length]!;
    const body = JSON.stringify({ symbol, side, qty: cfg.qty, user_id: user });
    inflight.push(
      fetch(`${cfg.url}/api/paper-trade/execute`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then(
        async (res) => {
          const text = await res.text();
          latencies.push(performance.now() - due);
          if (res.status === 201) ok += 1;
          else {
            const code = `${res.status} ${(JSON.parse(text) as { error?: { code?: string } }).error?.code ?? ''}`;
            errors[code] = (errors[code] ?? 0) + 1;
          }
        },
        (err: Error) => {
          latencies.push(performance.now() - due);
          errors[err.message] = (errors[err.message] ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(inflight);
  const result: PaperLoadResult = { sent: total, ok, errors, latenciesMs: latencies };
  process.send?.(result);
}

await main();

/**
 * Open-loop order generator for `pnpm bench paper` (runs in a child process so it does not share the server's core):
 * sends `rate` orders per second on a fixed schedule whatever the responses do, and measures each latency from its
 * scheduled send time, so a slow server cannot hide queueing (no coordinated omission). It uses node:http with
 * keep-alive sockets rather than fetch: fetch costs several times the CPU per request, and on two cores the
 * generator's CPU is taken from the server under test.
 */
import http from 'node:http';

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
  /** The generator's own CPU time over the run: it shares the machine with the server. */
  cpuMs: number;
}

function get(agent: http.Agent, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
}

function post(agent: http.Agent, base: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/paper-trade/execute`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  const cfg = JSON.parse(process.argv[2]!) as PaperLoadConfig;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  const total = cfg.rate * cfg.seconds;
  const inflight: Promise<void>[] = [];
  // As many keep-alive sockets as users; a request beyond them waits for one, and that wait counts as latency.
  const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.users });
  // Opened before the clock starts, as a trading screen's connection is: the run measures orders, not TCP set-up.
  await Promise.all(Array.from({ length: cfg.users }, () => get(agent, `${cfg.url}/health`)));
  const cpu = process.cpuUsage();
  const start = performance.now() + 100;
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
      post(agent, cfg.url, body).then(
        ({ status, text }) => {
          latencies.push(performance.now() - due);
          if (status === 201) ok += 1;
          else {
            const code = `${status} ${(JSON.parse(text) as { error?: { code?: string } }).error?.code ?? ''}`;
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
  agent.destroy();
  const used = process.cpuUsage(cpu);
  const result: PaperLoadResult = {
    sent: total,
    ok,
    errors,
    latenciesMs: latencies,
    cpuMs: (used.user + used.system) / 1000,
  };
  process.send?.(result);
}

await main();

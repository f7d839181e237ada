/**
 * `pnpm bench candles`: GET /api/candles (200 daily bars of a cached symbol) on a real listening TX server, rate
 * limiting bypassed through RATE_LIMIT_ALLOWLIST=127.0.0.1, as issue 4 asks:
 *   1. open loop at a fixed 5,000 req/s for 30 s: p99 <= 10 ms and 0 errors;
 *   2. the ceiling: a bare Fastify route serving the same JSON from a Map, at the same fixed rate (the p99 this
 *      machine allows) and closed loop at maximum rate;
 *   3. TX closed loop at maximum rate: at least 0.8x the ceiling.
 * autocannon runs in a child process so the server keeps a core of its own (this machine has 2).
 */
import { join } from 'node:path';
import Fastify from 'fastify';
import { autocannon, type CannonResult, measure } from '../lib/autocannon';
import { startBenchServer } from '../lib/bench-server';

const ROOT = join(import.meta.dirname, '../..');
const DAILY = join(ROOT, '../shared/data/daily');
const PATH = '/api/candles?symbol=AAPL&interval=1d&limit=200';
const SECONDS = Number(process.env.CANDLES_BENCH_SECONDS ?? 30);
const RATE = 5000;
// A reverse proxy's keep-alive pool, not one socket per 50 req/s: at 100 connections autocannon's own scheduling
// sets the tail (the bare route alone measured p99 27 ms at 5,000/s), see docs/benchmarks.md.
const CONNECTIONS = Number(process.env.CANDLES_BENCH_CONNECTIONS ?? 20);

function line(name: string, r: CannonResult & { cpuUsPerReq: number }) {
  const errors = r.errors + r.timeouts + r.non2xx;
  console.log(
    `${name.padEnd(34)} ${Math.round(r.requests.average).toLocaleString('en-US').padStart(7)} req/s  ` +
      `latency ms p50 ${r.latency.p50} p90 ${r.latency.p90} p99 ${r.latency.p99} max ${r.latency.max}  ` +
      `errors ${errors}  ${(r.throughput.average / 2 ** 20).toFixed(1)} MiB/s  server CPU ${Math.round(r.cpuUsPerReq)} us/req`,
  );
  return errors;
}

export default async function candles(): Promise<void> {
  const server = await startBenchServer({ MARKET_DATA_PROVIDERS: 'csv', MARKET_DATA_CSV_DIR: DAILY });
  const tx = `${server.origin}${PATH}`;

  const warm = await fetch(tx);
  const body = await warm.text();
  const bars = (JSON.parse(body) as { data: { candles: unknown[] } }).data.candles.length;
  console.log(
    `payload: ${bars} candles, ${(body.length / 1024).toFixed(1)} KiB; ${CONNECTIONS} connections, ${SECONDS} s per run`,
  );

  const bare = Fastify();
  const store = new Map([[PATH, body]]);
  bare.get('/api/candles', async (req, reply) =>
    reply.type('application/json; charset=utf-8').send(store.get(req.url)),
  );
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const ceilingUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}${PATH}`;

  try {
    // Warm both servers (JIT, connection pools) before anything is measured.
    const warm = (url: string) => autocannon({ url, connections: CONNECTIONS, seconds: 5, rate: null });
    await Promise.all([warm(tx), warm(ceilingUrl)]);
    const fixed = await measure({ url: tx, connections: CONNECTIONS, seconds: SECONDS, rate: RATE });
    const fixedErrors = line(`TX open loop ${RATE}/s`, fixed);
    // The bare route at the same fixed rate: what p99 this machine allows when autocannon shares its cores.
    line(
      `bare Fastify + Map, open loop ${RATE}/s`,
      await measure({ url: ceilingUrl, connections: CONNECTIONS, seconds: SECONDS, rate: RATE }),
    );
    const ceiling = await measure({ url: ceilingUrl, connections: CONNECTIONS, seconds: SECONDS, rate: null });
    line('bare Fastify + Map, closed loop', ceiling);
    const max = await measure({ url: tx, connections: CONNECTIONS, seconds: SECONDS, rate: null });
    line('TX closed loop', max);
    const ratio = max.requests.average / ceiling.requests.average;
    const held = fixed.requests.average >= RATE * 0.99;
    console.log(
      `targets: ${RATE}/s held ${held ? 'yes' : 'NO'} (${Math.round(fixed.requests.average)}), ` +
        `p99 ${fixed.latency.p99} ms ${fixed.latency.p99 <= 10 ? '<=' : '>'} 10, errors ${fixedErrors}, ` +
        `TX/ceiling ${ratio.toFixed(2)} ${ratio >= 0.8 ? '>=' : '<'} 0.8 ` +
        `(by server CPU per request: ${(ceiling.cpuUsPerReq / max.cpuUsPerReq).toFixed(2)})`,
    );
  } finally {
    await bare.close();
    await server.close();
  }
}

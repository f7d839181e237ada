/**
 * `pnpm bench ws`: the real-time gateway under api.md §4 load. 1,000 clients subscribed to `alerts`, 100 events/s
 * for 30 s (100,000 deliveries/s): publish→receipt latency p99 must be <= 50 ms with 0 lost. Then the saturation
 * rate (a ramp of publish rates; the highest kept with no loss and p99 <= 250 ms) of our gateway and of a bare
 * `ws` + ioredis relay, measured the same way in the same run, the two alternating step by step. The relays run in
 * this process; the clients (split over WS_BENCH_CLIENT_PROCS children) and the publishers run in child processes.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';
import { buildApp } from '../../apps/api/src/app';
import { closeAppDeps, createAppDeps } from '../../apps/api/src/deps';
import { testConfig } from '../../packages/testing/src/config';
import type { LoadConfig, ParentMessage, PhaseCounts } from '../lib/ws-load';

const CLIENTS = Number(process.env.WS_BENCH_CLIENTS ?? 1000);
const CLIENT_PROCS = Number(process.env.WS_BENCH_CLIENT_PROCS ?? 2);
const TARGET = { rate: 100, seconds: Number(process.env.WS_BENCH_SECONDS ?? 30), p99Ms: 50 };
// Starts below what either relay must sustain, so that both keep a step and the highest kept one is a real rate.
const RAMP = [10, 25, 50, 100, 150, 200, 300, 400, 600, 800, 1000, 1500, 2000].map((rate) => ({ rate, seconds: 5 }));
const RAMP_P99_MS = 250;
/** `target` skips the saturation ramps (for profiling and quick A/B runs). */
const ONLY_TARGET = process.env.WS_BENCH_PHASES === 'target';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const loadScript = path.resolve(import.meta.dirname, '../lib/ws-load.ts');

interface PhaseResult {
  rate: number;
  seconds: number;
  published: number;
  expected: number;
  received: number;
  lost: number;
  outOfOrder: number;
  closedClients: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  deliveriesPerSec: number;
  kept: boolean;
  /** CPU time of this process (the relay under test) per delivery. */
  serverCpuUsPerDelivery: number;
  /** CPU time of the client processes per delivery (the harness's own cost, for judging its share). */
  clientCpuUsPerDelivery: number;
}

interface Child {
  send: (m: ParentMessage) => void;
  next: <T>(key: string) => Promise<T>;
}

function spawnChild(cfg: LoadConfig): Promise<Child> {
  const child = fork(loadScript, [JSON.stringify(cfg)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const waiting = new Map<string, (v: unknown) => void>();
  let failed: Error | null = null;
  child.on('message', (m: Record<string, unknown>) => {
    if (m.error) failed = new Error(String(m.error));
    for (const [key, resolve] of waiting) {
      if (key in m) {
        waiting.delete(key);
        resolve(m[key]);
      }
    }
  });
  const api: Child = {
    send: (m) => child.send(m),
    next: <T>(key: string) =>
      new Promise<T>((resolve, reject) => {
        if (failed) reject(failed);
        waiting.set(key, resolve as (v: unknown) => void);
      }),
  };
  return api.next('ready').then(() => api);
}

/** `hist` has 1 ms buckets. */
function percentile(hist: number[], total: number, p: number): number {
  const target = Math.ceil(total * p);
  let acc = 0;
  for (let b = 0; b < hist.length; b++) {
    acc += hist[b];
    if (acc >= target) return b;
  }
  return hist.length - 1;
}

function report(clients: Child[], final: boolean): Promise<PhaseCounts[]> {
  return Promise.all(
    clients.map((c) => {
      const p = c.next<PhaseCounts>('counts');
      c.send({ report: { final } });
      return p;
    }),
  );
}

interface Load {
  /** Publishes at `rate` for `seconds`, waits up to 10 s for every delivery and merges the children's figures. */
  phase(phase: { rate: number; seconds: number }, maxP99Ms: number): Promise<PhaseResult>;
  stop(): void;
}

/** Clients split over CLIENT_PROCS children, the publisher in another; this process is the relay. */
async function startLoad(kind: 'tx' | 'bare', url: string, prefix: string): Promise<Load> {
  const base = { kind, url, redisUrl, prefix };
  const per = Math.ceil(CLIENTS / CLIENT_PROCS);
  const clients = await Promise.all(
    Array.from({ length: CLIENT_PROCS }, (_, k) =>
      spawnChild({ ...base, role: 'clients', first: k * per, clients: Math.min(per, CLIENTS - k * per) }),
    ),
  );
  const publisher = await spawnChild({ ...base, role: 'publisher', first: 0, clients: 0 });
  return {
    stop: () => {
      for (const c of [...clients, publisher]) c.send({ stop: true });
    },
    async phase(phase, maxP99Ms) {
      for (const c of clients) c.send({ start: true });
      await sleep(100);
      const cpu = process.cpuUsage();
      publisher.send({ publish: phase });
      const t0 = await publisher.next<number>('t0');
      const total = Math.round(phase.rate * phase.seconds);
      const expected = total * CLIENTS;
      const deadline = Date.now() + 10_000;
      let polled: PhaseCounts[];
      do {
        await sleep(200);
        polled = await report(clients, false);
      } while (polled.reduce((a, c) => a + c.received, 0) < expected && Date.now() < deadline);
      const used = process.cpuUsage(cpu);
      const counts = await report(clients, true);
      const received = counts.reduce((a, c) => a + c.received, 0);
      const hists = counts.map((c) => c.hist ?? []);
      const hist = hists[0].map((_, b) => hists.reduce((a, h) => a + h[b], 0));
      const wall = (Math.max(...counts.map((c) => c.lastReceipt)) - t0) / 1000;
      const r: PhaseResult = {
        ...phase,
        published: total,
        expected,
        received,
        lost: expected - received,
        outOfOrder: counts.reduce((a, c) => a + c.outOfOrder, 0),
        closedClients: counts.reduce((a, c) => a + c.closed, 0),
        p50: percentile(hist, received, 0.5),
        p95: percentile(hist, received, 0.95),
        p99: percentile(hist, received, 0.99),
        max: round(Math.max(...counts.map((c) => c.maxMs))),
        deliveriesPerSec: Math.round(received / Math.max(wall, phase.seconds)),
        kept: false,
        serverCpuUsPerDelivery: round((used.user + used.system) / Math.max(1, received)),
        clientCpuUsPerDelivery: round(counts.reduce((a, c) => a + c.cpuUs, 0) / Math.max(1, received)),
      };
      r.kept = r.lost === 0 && r.outOfOrder === 0 && r.closedClients === 0 && r.p99 <= maxP99Ms;
      print(kind, r);
      return r;
    },
  };
}

/**
 * Both relays up at once, each with its own clients; every ramp step runs on one, then on the other, so a busy
 * moment of the host hits both alike. A step not kept only for its latency (everything delivered) is run once more,
 * so that one busy moment of a shared host does not end a ramp; a relay leaves the ramp at a step it does not keep
 * twice, or at once when deliveries were missing (its backlog would spill into the next step).
 */
async function ramps(): Promise<Record<'tx' | 'bare', PhaseResult[]>> {
  return withTx((txUrl, txPrefix) =>
    withBare(async (bareUrl, barePrefix) => {
      const loads = { tx: await startLoad('tx', txUrl, txPrefix), bare: await startLoad('bare', bareUrl, barePrefix) };
      const out: Record<'tx' | 'bare', PhaseResult[]> = { tx: [], bare: [] };
      const going = (kind: 'tx' | 'bare') => out[kind].at(-1)?.kept ?? true;
      try {
        for (const step of RAMP) {
          for (const kind of ['tx', 'bare'] as const) {
            if (!going(kind)) continue;
            let r = await loads[kind].phase(step, RAMP_P99_MS);
            if (!r.kept && r.lost === 0 && r.closedClients === 0 && r.outOfOrder === 0) {
              await sleep(1000);
              r = await loads[kind].phase(step, RAMP_P99_MS);
            }
            out[kind].push(r);
            await sleep(1000);
          }
          if (!going('tx') && !going('bare')) break;
        }
      } finally {
        loads.tx.stop();
        loads.bare.stop();
      }
      return out;
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;

function print(kind: string, r: PhaseResult) {
  console.log(
    `${kind.padEnd(4)} ${String(r.rate).padStart(5)} ev/s x ${r.seconds}s: ${r.received}/${r.expected} delivered ` +
      `(lost ${r.lost}, out of order ${r.outOfOrder}, closed ${r.closedClients}), ` +
      `${r.deliveriesPerSec.toLocaleString('en-US')} deliveries/s, latency ms p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} max ${r.max}, relay CPU ${r.serverCpuUsPerDelivery} us/delivery, clients ${r.clientCpuUsPerDelivery}` +
      `${r.kept ? '' : '  <- not kept'}`,
  );
}

async function withTx<T>(fn: (url: string, prefix: string) => Promise<T>): Promise<T> {
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const config = testConfig({ RATE_LIMIT_ALLOWLIST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const deps = createAppDeps(config, 'bench', { keyPrefix: prefix });
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  try {
    return await fn(`ws://127.0.0.1:${port}/ws`, prefix);
  } finally {
    await app.close();
    await closeAppDeps(deps);
    await cleanup(prefix);
  }
}

/** The baseline: one subscriber, every message sent as-is to every socket, nothing else. */
async function withBare<T>(fn: (url: string, prefix: string) => Promise<T>): Promise<T> {
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  const sub = new Redis(redisUrl);
  await sub.subscribe(`${prefix}:bare:alerts`);
  sub.on('message', (_channel, message: string) => {
    for (const ws of wss.clients) ws.send(message);
  });
  const { port } = wss.address() as { port: number };
  try {
    return await fn(`ws://127.0.0.1:${port}`, prefix);
  } finally {
    sub.disconnect();
    for (const ws of wss.clients) ws.terminate();
    await new Promise((r) => wss.close(r));
  }
}

async function cleanup(prefix: string) {
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

const saturation = (rs: PhaseResult[]) => Math.max(0, ...rs.filter((r) => r.kept).map((r) => r.deliveriesPerSec));

export default async function ws(): Promise<void> {
  console.log(
    `${CLIENTS} clients on alerts; target ${TARGET.rate} ev/s x ${TARGET.seconds}s, p99 <= ${TARGET.p99Ms} ms, 0 lost; ` +
      `load ${loadavg().map(round).join(' ')}`,
  );
  const target = await withTx(async (url, prefix) => {
    const load = await startLoad('tx', url, prefix);
    try {
      return await load.phase(TARGET, TARGET.p99Ms);
    } finally {
      load.stop();
    }
  });
  if (ONLY_TARGET) return;
  const { tx: txRamp, bare: bareRamp } = await ramps();

  const ours = saturation(txRamp);
  const bare = saturation(bareRamp);
  const cpu = (rs: PhaseResult[]) =>
    round(rs.reduce((a, r) => a + r.serverCpuUsPerDelivery, 0) / Math.max(1, rs.length));
  console.log(
    `relay CPU per delivery over the ramp: tx ${cpu(txRamp)} us, bare ${cpu(bareRamp)} us; load ${loadavg().map(round).join(' ')}`,
  );
  console.log(
    `\ntarget: ${target.kept ? 'PASS' : 'FAIL'} (p99 ${target.p99} ms, lost ${target.lost} of ${target.expected})`,
  );
  const verdict =
    bare === 0 ? 'not measured: the bare relay kept no step, the machine is too busy' : ours >= bare ? 'PASS' : 'FAIL';
  console.log(
    `saturation (highest kept ramp step, p99 <= ${RAMP_P99_MS} ms, 0 lost): tx ${ours.toLocaleString('en-US')} deliveries/s, ` +
      `bare ws+ioredis ${bare.toLocaleString('en-US')} deliveries/s: ${verdict}`,
  );
}

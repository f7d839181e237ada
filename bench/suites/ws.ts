/**
 * `pnpm bench ws`: the real-time gateway under api.md §4 load. 1,000 clients subscribed to `alerts`, 100 events/s
 * for 30 s (100,000 deliveries/s): publish→receipt latency p99 must be <= 50 ms with 0 lost. Then the saturation
 * rate (a ramp of publish rates; the highest kept with no loss and p99 <= 250 ms) of our gateway and of a bare
 * `ws` + ioredis relay, measured the same way in the same run. The relay runs in this process, the clients and the
 * publisher in a child process, so each side has one of the machine's cores.
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
import type { LoadConfig, PhaseResult } from '../lib/ws-load';

const CLIENTS = Number(process.env.WS_BENCH_CLIENTS ?? 1000);
const TARGET = { rate: 100, seconds: Number(process.env.WS_BENCH_SECONDS ?? 30), p99Ms: 50 };
const RAMP = [200, 400, 700, 1000, 1500, 2000, 3000].map((rate) => ({ rate, seconds: 5 }));
const RAMP_P99_MS = 250;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const loadScript = path.resolve(import.meta.dirname, '../lib/ws-load.ts');

type Measured = PhaseResult & { serverCpuUsPerDelivery: number };

/** Runs the load child; the relay's CPU time per delivery is measured here, where the relay runs. */
function runLoad(cfg: LoadConfig): Promise<Measured[]> {
  return new Promise((resolve, reject) => {
    const child = fork(loadScript, [JSON.stringify(cfg)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const measured: Measured[] = [];
    let cpu = process.cpuUsage();
    child.on('message', (m: { phaseStart?: boolean; phase?: PhaseResult; done?: PhaseResult[]; error?: string }) => {
      if (m.phaseStart) cpu = process.cpuUsage();
      if (m.phase) {
        const used = process.cpuUsage(cpu);
        const r = {
          ...m.phase,
          serverCpuUsPerDelivery: round((used.user + used.system) / Math.max(1, m.phase.received)),
        };
        measured.push(r);
        print(cfg.kind, r);
      }
      if (m.done) resolve(measured);
      if (m.error) reject(new Error(m.error));
    });
    child.on('exit', (code) => code !== 0 && reject(new Error(`load generator exited ${code}`)));
  });
}

const round = (x: number) => Math.round(x * 100) / 100;

function print(kind: string, r: Measured) {
  console.log(
    `${kind.padEnd(4)} ${String(r.rate).padStart(5)} ev/s x ${r.seconds}s: ${r.received}/${r.expected} delivered ` +
      `(lost ${r.lost}, out of order ${r.outOfOrder}, closed ${r.closedClients}), ` +
      `${r.deliveriesPerSec.toLocaleString('en-US')} deliveries/s, latency ms p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} max ${r.max}, relay CPU ${r.serverCpuUsPerDelivery} us/delivery` +
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

const saturation = (rs: Measured[]) => Math.max(0, ...rs.filter((r) => r.kept).map((r) => r.deliveriesPerSec));

export default async function ws(): Promise<void> {
  const load = (kind: 'tx' | 'bare', url: string, prefix: string, phases: LoadConfig['phases'], maxP99Ms: number) =>
    runLoad({ kind, url, redisUrl, prefix, clients: CLIENTS, phases, maxP99Ms });

  console.log(
    `${CLIENTS} clients on alerts; target ${TARGET.rate} ev/s x ${TARGET.seconds}s, p99 <= ${TARGET.p99Ms} ms, 0 lost`,
  );
  const [target] = await withTx((url, prefix) => load('tx', url, prefix, [TARGET], TARGET.p99Ms));
  const txRamp = await withTx((url, prefix) => load('tx', url, prefix, RAMP, RAMP_P99_MS));
  const bareRamp = await withBare((url, prefix) => load('bare', url, prefix, RAMP, RAMP_P99_MS));

  const ours = saturation(txRamp);
  const bare = saturation(bareRamp);
  const cpu = (rs: Measured[]) => round(rs.reduce((a, r) => a + r.serverCpuUsPerDelivery, 0) / Math.max(1, rs.length));
  console.log(
    `relay CPU per delivery over the ramp: tx ${cpu(txRamp)} us, bare ${cpu(bareRamp)} us; load ${loadavg().map(round).join(' ')}`,
  );
  console.log(
    `\ntarget: ${target.kept ? 'PASS' : 'FAIL'} (p99 ${target.p99} ms, lost ${target.lost} of ${target.expected})`,
  );
  console.log(
    `saturation (highest kept ramp step, p99 <= ${RAMP_P99_MS} ms, 0 lost): tx ${ours.toLocaleString('en-US')} deliveries/s, ` +
      `bare ws+ioredis ${bare.toLocaleString('en-US')} deliveries/s (${ours >= bare ? 'at least as high' : 'LOWER'})`,
  );
}

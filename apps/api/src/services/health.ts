import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { QUEUE_NAMES } from '@tx/contracts';
import { migrationStatus, pingSql, type Sql, workers } from '@tx/db';
import { evictionPolicy, pingRedis, type QueueCounts, type Queues, queueCounts } from '@tx/queue';
import type { Redis } from 'ioredis';

export const CHECK_TIMEOUT_MS = 1000;

type Status = 'ok' | 'down';

async function timed<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await fn() };
  } catch {
    return { ok: false };
  }
}

function withTimeout<T>(p: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();

/** Readiness and health checks, each bounded by a 1 s timeout so a dead dependency never hangs a probe. */
export function createHealth(deps: { sql: Sql; redis: Redis; queues: Queues }) {
  async function database() {
    const ping = await timed(() => pingSql(deps.sql, CHECK_TIMEOUT_MS));
    if (!ping.ok) return { status: 'down' as Status, latency_ms: null, migrations: { applied: 0, latest: null } };
    const m = await timed(() => withTimeout(migrationStatus(deps.sql)));
    return {
      status: 'ok' as Status,
      latency_ms: round(ping.value),
      migrations: m.ok ? m.value : { applied: 0, latest: null },
    };
  }

  async function redis() {
    const ping = await timed(() => pingRedis(deps.redis, CHECK_TIMEOUT_MS));
    if (!ping.ok) return { status: 'down' as const, latency_ms: null, maxmemory_policy: null };
    const policy = await timed(() => withTimeout(evictionPolicy(deps.redis)));
    const maxmemory_policy = policy.ok ? policy.value : null;
    const status = maxmemory_policy && maxmemory_policy !== 'noeviction' ? 'degraded' : 'ok';
    return { status: status as 'ok' | 'degraded', latency_ms: round(ping.value), maxmemory_policy };
  }

  async function queues(): Promise<Record<string, QueueCounts> | null> {
    const r = await timed(() =>
      withTimeout(Promise.all(QUEUE_NAMES.map(async (q) => [q, await queueCounts(deps.queues[q])] as const))),
    );
    return r.ok ? Object.fromEntries(r.value) : null;
  }

  async function workerList() {
    const r = await timed(() => withTimeout(workers.listWorkers(deps.sql)));
    if (!r.ok) return null;
    return r.value.map((w) => ({
      id: w.id,
      queues: w.queues,
      started_at: w.started_at.toISOString(),
      last_beat_at: w.last_beat_at.toISOString(),
      alive: w.alive,
      active_jobs: w.active_jobs,
      jobs_done: w.jobs_done,
      jobs_failed: w.jobs_failed,
    }));
  }

  return { database, redis, queues, workers: workerList };
}
export type Health = ReturnType<typeof createHealth>;

export function systemStats() {
  const mem = process.memoryUsage();
  const total = totalmem();
  const free = freemem();
  return {
    memory: {
      rss_mb: round(mem.rss / 2 ** 20),
      heap_used_mb: round(mem.heapUsed / 2 ** 20),
      total_gb: round(total / 2 ** 30),
      available_gb: round(free / 2 ** 30),
      percent_used: round(((total - free) / total) * 100),
    },
    load_avg: loadavg().map(round),
    cpu_count: cpus().length,
    event_loop_lag_ms: round(loopDelay.mean / 1e6),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

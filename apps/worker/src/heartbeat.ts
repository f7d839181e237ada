import { hostname } from 'node:os';
import { workers } from '@tx/db';
import type { WorkerDeps } from './deps';

export interface Stats {
  active: number;
  done: number;
  failed: number;
}

/** Writes this process's heartbeat every 10 s; /api/workers/health reads it (alive = a beat within 3 intervals). */
export function startHeartbeat(deps: WorkerDeps, id: string, queues: string[], stats: Stats) {
  const startedAt = new Date();
  const beat = () =>
    workers
      .recordHeartbeat(deps.sql, {
        id,
        queues,
        hostname: hostname(),
        pid: process.pid,
        startedAt,
        activeJobs: stats.active,
        jobsDone: stats.done,
        jobsFailed: stats.failed,
      })
      .catch((err: unknown) => deps.logger.warn({ err }, 'heartbeat failed'));
  const timer = setInterval(beat, workers.BEAT_INTERVAL_MS);
  timer.unref();
  return {
    first: beat(),
    stop: async () => {
      clearInterval(timer);
      await workers.removeHeartbeat(deps.sql, id).catch(() => {});
    },
  };
}

import { randomUUID } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import { isQueueName, type QueueName } from '@tx/contracts';
import { captureException } from '@tx/observability';
import { workerConnection } from '@tx/queue';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { WorkerDeps } from './deps';
import { type Stats, startHeartbeat } from './heartbeat';
import type { Registry } from './registry';

const CONCURRENCY_KEYS = {
  scan: 'WORKER_CONCURRENCY_SCAN',
  label: 'WORKER_CONCURRENCY_LABEL',
  retrain: 'WORKER_CONCURRENCY_RETRAIN',
  backtest: 'WORKER_CONCURRENCY_BACKTEST',
  trade: 'WORKER_CONCURRENCY_TRADE',
} as const;

/**
 * Consumes the configured queues. Payloads are validated again on receipt (they outlive deploys): an invalid one is
 * a permanent failure, never retried. Returns a closer that stops intake and waits for in-flight jobs.
 */
export async function startWorkers(deps: WorkerDeps, registry: Registry, queueNames: string[]) {
  const unknown = queueNames.filter((q) => !isQueueName(q));
  if (unknown.length > 0) throw new Error(`WORKER_QUEUES names unknown queues: ${unknown.join(', ')}`);
  const withJobs = registry.queuesWithJobs();
  const consumed = (queueNames as QueueName[]).filter((q) => withJobs.has(q));
  for (const q of queueNames) {
    if (!withJobs.has(q as QueueName)) deps.logger.info({ queue: q }, 'queue has no job types yet: not consumed');
  }

  const stats: Stats = { active: 0, done: 0, failed: 0 };
  const id = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const processor = async (job: Job) => {
    const queue = job.queueName as QueueName;
    const entry = registry.get(queue, job.name);
    const log = deps.logger.child({ queue, jobName: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
    if (!entry) throw new UnrecoverableError(`no handler for ${queue}:${job.name}`);
    if (!Value.Check(entry.job.payload, job.data)) {
      const first = [...Value.Errors(entry.job.payload, job.data)][0];
      throw new UnrecoverableError(`invalid payload: ${first?.path ?? ''} ${first?.message ?? ''}`.trim());
    }
    stats.active += 1;
    try {
      return await entry.handle(job.data as never, { deps: { ...deps, logger: log }, job });
    } finally {
      stats.active -= 1;
    }
  };

  const workers = consumed.map((queue) => {
    const connection = workerConnection(deps.config.REDIS_URL);
    const w = new Worker(queue, processor, {
      connection,
      prefix: deps.keyPrefix,
      concurrency: deps.config[CONCURRENCY_KEYS[queue]],
    });
    w.on('completed', () => {
      stats.done += 1;
    });
    w.on('failed', (job, err) => {
      stats.failed += 1;
      deps.logger.warn({ queue, jobName: job?.name, jobId: job?.id, err: err.message }, 'job failed');
      if (!(err instanceof UnrecoverableError)) captureException(err, { queue, jobId: job?.id });
    });
    w.on('error', (err) => deps.logger.warn({ queue, err: err.message }, 'worker connection error'));
    return { w, connection };
  });

  const heartbeat = startHeartbeat(deps, id, consumed, stats);
  await heartbeat.first;
  deps.logger.info({ id, queues: consumed }, 'worker started');
  return {
    id,
    stats,
    close: async () => {
      await Promise.all(workers.map(({ w }) => w.close()));
      for (const { connection } of workers) connection.disconnect();
      await heartbeat.stop();
    },
  };
}

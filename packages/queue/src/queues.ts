import { type JobContract, type JobPayload, QUEUE_NAMES, type QueueName } from '@tx/contracts';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export type Queues = Record<QueueName, Queue>;

/** Default retention: completed jobs a day (results are read back), failed ones a week for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** One BullMQ Queue per name on a shared producer connection. `prefix` isolates tests and environments. */
export function createQueues(connection: Redis, prefix: string): Queues {
  const entries = QUEUE_NAMES.map((name) => [
    name,
    new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
  ]);
  return Object.fromEntries(entries) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}

/** Typed enqueue: the payload is checked against the contract at compile time and carries the contract's policy. */
export function enqueue<J extends JobContract>(
  queues: Queues,
  job: J,
  payload: JobPayload<J>,
  opts: { jobId?: string; delayMs?: number; priority?: number } = {},
) {
  const jobId = opts.jobId ?? job.jobId?.(payload);
  return queues[job.queue].add(job.name, payload, {
    attempts: job.attempts,
    backoff: { type: 'exponential', delay: job.backoffMs },
    ...(jobId ? { jobId } : {}),
    ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    ...(opts.priority ? { priority: opts.priority } : {}),
  });
}

export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'failed' | 'completed' | 'paused', number>;

/** BullMQ 6 has no `paused` job state: jobs of a paused queue stay waiting, so they are reported as paused. */
export async function queueCounts(queue: Queue): Promise<QueueCounts> {
  const [c, paused] = await Promise.all([
    queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
    queue.isPaused(),
  ]);
  const waiting = (c.waiting ?? 0) + (c.prioritized ?? 0);
  return {
    waiting: paused ? 0 : waiting,
    active: c.active ?? 0,
    delayed: c.delayed ?? 0,
    failed: c.failed ?? 0,
    completed: c.completed ?? 0,
    paused: paused ? waiting : 0,
  };
}

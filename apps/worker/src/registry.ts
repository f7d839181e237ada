import { JOBS, type JobContract, type QueueName } from '@tx/contracts';
import type { Job } from 'bullmq';
import type { WorkerDeps } from './deps';

export interface JobContext {
  deps: WorkerDeps;
  job: Job;
}

export interface HandlerEntry<J extends JobContract = JobContract> {
  job: J;
  handle: (
    payload: J extends JobContract<infer _S> ? J['payload']['static'] : never,
    ctx: JobContext,
  ) => Promise<unknown>;
}

export function defineHandler<J extends JobContract>(job: J, handle: HandlerEntry<J>['handle']): HandlerEntry<J> {
  return { job, handle };
}

const key = (queue: string, name: string) => `${queue}:${name}`;

/**
 * Maps each contract job to exactly one handler. A job without a handler, a handler for an unknown job, or two
 * handlers for one job stop the worker at boot rather than failing jobs at run time.
 */
export function buildRegistry(handlers: HandlerEntry[], jobs: readonly JobContract[] = JOBS) {
  const map = new Map<string, HandlerEntry>();
  const problems: string[] = [];
  for (const h of handlers) {
    const k = key(h.job.queue, h.job.name);
    if (map.has(k)) problems.push(`two handlers for ${k}`);
    if (!jobs.includes(h.job)) problems.push(`handler for ${k}, which is not in the contracts`);
    map.set(k, h);
  }
  for (const j of jobs) if (!map.has(key(j.queue, j.name))) problems.push(`no handler for ${key(j.queue, j.name)}`);
  if (problems.length > 0) throw new Error(`worker registry is incomplete:\n  ${problems.join('\n  ')}`);
  return {
    get: (queue: QueueName, name: string) => map.get(key(queue, name)),
    queuesWithJobs: () => new Set(jobs.map((j) => j.queue)),
  };
}
export type Registry = ReturnType<typeof buildRegistry>;

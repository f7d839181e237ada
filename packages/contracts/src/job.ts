import type { Static, TSchema } from '@sinclair/typebox';
import type { QueueName } from './queues';

/**
 * One job type: its queue, name, payload schema (validated again by the worker: payloads outlive deploys, so each
 * carries `v`), and delivery policy. BullMQ delivers at least once; handlers are idempotent.
 */
export interface JobContract<S extends TSchema = TSchema> {
  readonly queue: QueueName;
  readonly name: string;
  readonly payload: S;
  readonly attempts: number;
  readonly backoffMs: number;
  /** Derives the BullMQ job id from the domain key, so a duplicate enqueue is a no-op. Undefined: BullMQ's id. */
  jobId?(payload: Static<S>): string;
}

export function defineJob<S extends TSchema>(job: JobContract<S>): JobContract<S> {
  return job;
}

export type JobPayload<J> = J extends JobContract<infer S> ? Static<S> : never;

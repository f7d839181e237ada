import { Type as T } from '@sinclair/typebox';
import { defineEvent, Nullable, Str } from './common';

/**
 * 4.4 `job_progress` on the owner's `jobs:<id>` stream. Publish one with status `queued` when the job is created:
 * that first event is what binds the job id to its owner for subscription checks.
 */
export const JobProgressEvent = T.Object({
  job_id: Str,
  type: Str,
  status: T.Union(['queued', 'active', 'completed', 'failed', 'cancelled'].map((s) => T.Literal(s))),
  progress: T.Number({ minimum: 0, maximum: 100 }),
  message: Nullable(Str),
  result: Nullable(T.Unknown()),
  error: Nullable(T.Object({ code: Str, message: Str })),
});

export const JOB_EVENTS = {
  job_progress: defineEvent(JobProgressEvent, ['jobs']),
};

import { Type as T } from '@sinclair/typebox';
import { defineJob } from '../job';

/** Every 60 s: labels detections whose horizon is final (domain §6), oldest first, a bounded batch per run. */
export const LabelDueJob = defineJob({
  queue: 'label',
  name: 'label',
  payload: T.Object({ v: T.Literal(1) }),
  attempts: 3,
  backoffMs: 5000,
});

export const LABEL_JOBS = [LabelDueJob];
export const LABEL_SCHEDULER = 'label-due';
export const LABEL_INTERVAL_MS = 60_000;

import { Type as T } from '@sinclair/typebox';
import { defineJob } from '../job';

const Scope = T.Union([T.Literal('global'), T.Literal('session')]);

/**
 * One scan cycle's trigger (from the global scheduler, a user's session scheduler or scan/start). The handler records
 * the cycle and fans it out as a flow: `scan-batch` children over its symbol × timeframe series under a `scan-complete`
 * parent.
 */
export const ScanCycleJob = defineJob({
  queue: 'scan',
  name: 'scan',
  payload: T.Object({
    v: T.Literal(1),
    scope: Scope,
    userId: T.Optional(T.String({ minLength: 1, maxLength: 128 })),
    sessionId: T.Optional(T.String({ minLength: 1, maxLength: 64 })),
  }),
  attempts: 3,
  backoffMs: 2000,
});

/** Most series per `scan-batch` job: their state, bars, detections and labels are read and written together. */
export const SCAN_BATCH_SIZE = 25;

/**
 * Some (symbol, timeframe) series of a cycle: catch-up detection on new final bars (backfill the first time), labels,
 * alerts. `batch` numbers the cycle's batches (series in symbol-major order, SCAN_BATCH_SIZE per batch).
 */
export const ScanBatchJob = defineJob({
  queue: 'scan',
  name: 'scan-batch',
  payload: T.Object({
    v: T.Literal(1),
    scanId: T.Integer({ minimum: 1 }),
    scope: Scope,
    batch: T.Integer({ minimum: 0 }),
    series: T.Array(
      T.Object({
        symbol: T.String({ minLength: 1, maxLength: 32 }),
        timeframe: T.String({ minLength: 2, maxLength: 3 }),
      }),
      { minItems: 1, maxItems: SCAN_BATCH_SIZE },
    ),
    /** Minimum confidence for alerts (domain §8); null: this cycle raises no alerts (session without auto_alerts). */
    minConfidence: T.Union([T.Number({ minimum: 0, maximum: 1 }), T.Null()]),
  }),
  attempts: 3,
  backoffMs: 1000,
  jobId: (p) => `batch~${p.scanId}~${p.batch}`,
});

/** Parent of a cycle's children: runs once they all finished, records the scan and publishes its events. */
export const ScanCompleteJob = defineJob({
  queue: 'scan',
  name: 'scan-complete',
  payload: T.Object({ v: T.Literal(1), scanId: T.Integer({ minimum: 1 }) }),
  attempts: 3,
  backoffMs: 1000,
  jobId: (p) => `complete~${p.scanId}`,
});

export const SCAN_JOBS = [ScanCycleJob, ScanBatchJob, ScanCompleteJob];

/** Scheduler ids (BullMQ job schedulers are upserted by id, so registering twice is harmless). */
export const GLOBAL_SCAN_SCHEDULER = 'global-scan';
export const sessionScheduler = (userId: string) => `session-scan~${userId}`;

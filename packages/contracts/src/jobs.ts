import type { JobContract } from './job';
import { LABEL_JOBS } from './jobs/label';
import { SCAN_JOBS } from './jobs/scan';
import { TRADE_JOBS } from './jobs/trade';

/**
 * The registry of job types. Each feature adds its contracts here; the worker refuses to boot when a listed job has
 * no handler (apps/worker/src/registry.ts).
 */
export const JOBS: readonly JobContract[] = [...SCAN_JOBS, ...LABEL_JOBS, ...TRADE_JOBS];

import type { JobContract } from './job';

/**
 * The registry of job types. Each feature adds its contracts here; the worker refuses to boot when a listed job has
 * no handler (apps/worker/src/registry.ts).
 */
export const JOBS: readonly JobContract[] = [];

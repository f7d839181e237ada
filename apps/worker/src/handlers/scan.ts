import { ScanCycleJob } from '@tx/contracts';
import { defineHandler } from '../registry';
import { startCycle } from '../scan/cycle';

/** A scan cycle's trigger: records the cycle and adds its flow (scan/cycle.ts). */
export const scanCycleHandler = defineHandler(ScanCycleJob, (payload, { deps, job }) =>
  startCycle(deps, payload, job.id ?? `${job.name}-${job.timestamp}`),
);

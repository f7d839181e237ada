import { ScanCompleteJob } from '@tx/contracts';
import { defineHandler } from '../registry';
import { completeCycle } from '../scan/complete';

/** Parent of a cycle's flow: runs after every child, records the scan (scan/complete.ts). */
export const scanCompleteHandler = defineHandler(ScanCompleteJob, (payload, { deps, job }) =>
  completeCycle(deps, payload.scanId, job),
);

import { ScanBatchJob } from '@tx/contracts';
import { defineHandler } from '../registry';
import { scanBatch } from '../scan/batch';

/** Some symbol × timeframe series of a cycle: detection, labels and alerts, read and written together (scan/batch.ts). */
export const scanBatchHandler = defineHandler(ScanBatchJob, (payload, { deps }) => scanBatch(deps, payload));

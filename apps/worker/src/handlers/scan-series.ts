import { ScanSeriesJob } from '@tx/contracts';
import { defineHandler } from '../registry';
import { scanSeries } from '../scan/series';

/** One symbol × timeframe of a cycle: detection, labels and alerts (scan/series.ts). */
export const scanSeriesHandler = defineHandler(ScanSeriesJob, (payload, { deps }) =>
  scanSeries(deps, deps.evidence, payload),
);

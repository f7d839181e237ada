import { LabelDueJob } from '@tx/contracts';
import { bars as barsDb, detections } from '@tx/db';
import {
  allocateBars,
  HORIZON_BARS,
  LABEL_VERSION,
  SCAN_TIMEFRAMES,
  type ScanTimeframe,
  TIMEFRAME_MS,
} from '@tx/domain';
import { defineHandler } from '../registry';
import { groupBySeries, labelTargets } from '../scan/label-series';

const BATCH = 2000;

/** Horizon span per timeframe: N bar durations after confirmation (the earliest the horizon can be final). */
export const HORIZON_MS = Object.fromEntries(
  SCAN_TIMEFRAMES.map((tf) => [tf, HORIZON_BARS[tf] * TIMEFRAME_MS[tf]]),
) as Record<ScanTimeframe, number>;

/**
 * Every 60 s: labels detections whose horizon should be final (spec §6), oldest first, reading each series' stored
 * bars once per batch. Scans label their own series as they go; this catches everything else.
 */
export const labelHandler = defineHandler(LabelDueJob, async (_payload, { deps }) => {
  const now = Date.now();
  const due = await detections.dueForLabel(deps.sql, LABEL_VERSION, HORIZON_MS, BATCH);
  let written = 0;
  for (const targets of groupBySeries(due).values()) {
    const { symbol, timeframe } = targets[0];
    const tf = timeframe as ScanTimeframe;
    const from = targets[0].bar_time.getTime();
    const to = targets[targets.length - 1].bar_time.getTime() + 3 * HORIZON_MS[tf] + 14 * 86_400_000;
    const cols = await barsDb.readRange(deps.sql, symbol, tf, from, Math.min(to, now));
    const bars = allocateBars(cols.time.length);
    bars.time.set(cols.time);
    bars.open.set(cols.open);
    bars.high.set(cols.high);
    bars.low.set(cols.low);
    bars.close.set(cols.close);
    bars.volume.set(cols.volume);
    written += await labelTargets(deps.sql, targets, bars, now);
  }
  return { due: due.length, written };
});

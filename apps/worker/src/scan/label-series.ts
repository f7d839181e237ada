import { type detections, labels, type Sql } from '@tx/db';
import {
  type BarSeries,
  HORIZON_BARS,
  invalidLabel,
  LABEL_VERSION,
  type ScanTimeframe,
  TIMEFRAME_MS,
  type TripleBarrierLabel,
  tripleBarrierLabel,
} from '@tx/domain';

/** The key of a series in the maps below: `symbol|timeframe`. */
export const seriesKey = (symbol: string, timeframe: string) => `${symbol}|${timeframe}`;

/** Rows grouped by series, each group in the rows' order, the groups in order of first appearance. */
export function groupBySeries<T extends { symbol: string; timeframe: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const key = seriesKey(r.symbol, r.timeframe);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}

/** Index of the bar opening at `time`, or -1. */
export function barIndex(bars: BarSeries, time: number): number {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = bars.time[mid];
    if (t === time) return mid;
    if (t < time) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The stored row of a tb-1 label computed on `bars` (indices mapped back to bar times). */
export function labelRow(
  target: detections.LabelTarget,
  label: TripleBarrierLabel,
  bars: BarSeries,
  availableAt: Date,
): labels.NewLabel {
  const tf = target.timeframe as ScanTimeframe;
  return {
    detection_id: target.id,
    label_version: LABEL_VERSION,
    pattern_key: target.pattern_key,
    timeframe: tf,
    asset_class: target.asset_class,
    outcome: label.outcome,
    reason: label.reason,
    entry_price: label.entryPrice,
    exit_price: label.exitPrice,
    exit_bar_time: label.exitIndex === null ? null : new Date(bars.time[label.exitIndex]),
    bars_to_outcome: label.barsToOutcome,
    return: label.return,
    r_multiple: label.rMultiple,
    mfe_atr: label.mfeAtr,
    mae_atr: label.maeAtr,
    fwd_return_1: label.fwdReturn1,
    fwd_return_5: label.fwdReturn5,
    fwd_return_n: label.fwdReturnN,
    available_at: availableAt,
  };
}

/** Close time of bar `i` (open + duration; the series' finality is decided by market data). */
export const closeTime = (bars: BarSeries, i: number, tf: ScanTimeframe) => new Date(bars.time[i] + TIMEFRAME_MS[tf]);

/** Grace after the horizon should have closed before missing bars make a label `invalid` (spec §6). */
const MISSING_GRACE_MS = 7 * 24 * 3600_000;

/**
 * Label rows of the targets whose horizon lies inside `bars` (the series' stored bars from some point on). Targets
 * whose bars are still missing a week after the horizon should have closed become `invalid` / `insufficient_data`.
 */
export function labelRows(targets: detections.LabelTarget[], bars: BarSeries, now: number): labels.NewLabel[] {
  const rows: labels.NewLabel[] = [];
  for (const t of targets) {
    const tf = t.timeframe as ScanTimeframe;
    const n = HORIZON_BARS[tf];
    const i = barIndex(bars, t.bar_time.getTime());
    const label = i < 0 ? null : tripleBarrierLabel(bars, i, t.direction, t.atr, n);
    if (label) {
      rows.push(labelRow(t, label, bars, closeTime(bars, label.availableIndex, tf)));
      continue;
    }
    // Calendar estimate of the horizon's close with weekends (5 trading days a week at most).
    const due = t.confirmed_at.getTime() + (n * TIMEFRAME_MS[tf] * 7) / 5;
    if (now > due + MISSING_GRACE_MS) {
      rows.push(labelRow(t, invalidLabel('insufficient_data', -1), bars, new Date(due + MISSING_GRACE_MS)));
    }
  }
  return rows;
}

/** Labels the targets `bars` can decide (labelRows) and stores them; returns how many were new. */
export async function labelTargets(
  sql: Sql,
  targets: detections.LabelTarget[],
  bars: BarSeries,
  now: number,
): Promise<number> {
  const rows = labelRows(targets, bars, now);
  return rows.length > 0 ? labels.insertLabels(sql, rows) : 0;
}

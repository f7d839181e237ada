import { alertObject, type JobPayload, type ScanBatchJob, type StoredAlert } from '@tx/contracts';
import { alerts, type detections } from '@tx/db';
import {
  alertExplanation,
  alertRule,
  COOLDOWN_MS,
  costR,
  EXPIRY_BARS,
  expectedR,
  riskLevels,
  type ScanTimeframe,
  type SuppressionReason,
  TIMEFRAME_MS,
} from '@tx/domain';
import { marketOpen } from '@tx/market-data';
import { channels } from '@tx/realtime';
import type { WorkerDeps } from '../deps';

export interface AlertTally {
  created: number;
  suppressed: Partial<Record<SuppressionReason, number>>;
}

const DAY_MS = 86_400_000;
const PERIODS: [string, number][] = [
  ['1d', 1],
  ['5d', 5],
  ['1mo', 31],
  ['3mo', 92],
  ['6mo', 183],
  ['1y', 366],
  ['2y', 731],
  ['5y', 1827],
  ['10y', 3653],
];

/** Smallest period code covering the bars analysed (pattern_alert `period`). */
export function periodCovering(fromMs: number, toMs: number): string {
  const days = (toMs - fromMs) / DAY_MS;
  return PERIODS.find(([, d]) => d >= days)?.[0] ?? 'max';
}

/**
 * Applies the alert rule of spec §8 to a cycle's new live detections, stores the alerts that pass (deduplicated and
 * cooled down in the database) and publishes `new_alert` and `pattern_alert` for each. Returns what was created and
 * what was suppressed, by reason.
 */
export async function raiseAlerts(
  deps: WorkerDeps,
  p: Pick<JobPayload<typeof ScanBatchJob>, 'scanId' | 'scope' | 'minConfidence'>,
  live: detections.DetectionRow[],
  nameOf: (d: detections.DetectionRow) => string,
  now: number,
): Promise<AlertTally> {
  const tally: AlertTally = { created: 0, suppressed: {} };
  if (p.minConfidence === null) return tally;
  const suppress = (r: SuppressionReason) => {
    tally.suppressed[r] = (tally.suppressed[r] ?? 0) + 1;
  };
  for (const d of live) {
    const barMs = TIMEFRAME_MS[d.timeframe as ScanTimeframe];
    const er = expectedR(d.confidence, costR(d.price, d.atr));
    const reason = alertRule(
      {
        confidence: d.confidence,
        confidenceSource: d.confidence_source,
        priorN: d.prior_n,
        expectedR: er,
        backfill: d.backfill,
        confirmedAt: d.confirmed_at.getTime(),
        durationMs: barMs,
      },
      p.minConfidence,
      now,
    );
    if (reason) {
      suppress(reason);
      continue;
    }
    const name = nameOf(d);
    const ctx = d.context as {
      trend: string;
      adx: number | null;
      volume_z: number | null;
      volatility_pct: number | null;
    };
    const risk = riskLevels(d.price, d.direction, d.atr);
    const history = { wins: d.prior_w ?? 0, n: d.prior_n ?? 0 };
    const created = await alerts.createAlert(
      deps.sql,
      {
        detection_id: d.id,
        scan_id: p.scanId,
        symbol: d.symbol,
        timeframe: d.timeframe,
        pattern_id: d.pattern_id,
        pattern_key: d.pattern_key,
        pattern_name: name,
        direction: d.direction,
        confidence: d.confidence,
        confidence_source: d.confidence_source,
        model_key: d.model_key,
        model_version: d.model_version,
        expected_r: er,
        price: d.price,
        bar_time: d.bar_time,
        explanation: alertExplanation({
          patternName: name,
          direction: d.direction,
          symbol: d.symbol,
          timeframe: d.timeframe,
          barTime: d.bar_time.toISOString(),
          confidence: d.confidence,
          source: d.confidence_source,
          modelVersion: d.model_version,
          prior: { w: history.wins, n: history.n },
          context: ctx,
          patternKey: d.pattern_key,
          assetClass: d.asset_class,
          history,
        }),
        suggested_action: marketOpen(d.asset_class, now) ? (d.direction === 1 ? 'BUY' : 'SELL') : 'WATCH',
        entry: risk.entry,
        stop_loss: risk.stop_loss,
        take_profit: risk.take_profit,
        rr: risk.rr,
        confidence_factors: factors(d, history),
        period: periodCovering(d.window_start.getTime(), d.confirmed_at.getTime()),
        source: p.scope === 'global' ? 'scan' : 'session',
        expires_at: new Date(d.confirmed_at.getTime() + EXPIRY_BARS * barMs),
      },
      COOLDOWN_MS,
    );
    if ('suppressed' in created) {
      suppress(created.suppressed);
      continue;
    }
    tally.created += 1;
    await publishAlert(deps, created.alert as StoredAlert, p.scope);
  }
  return tally;
}

/** Named numbers behind the confidence (Alert metadata.confidence_factors). */
function factors(d: detections.DetectionRow, history: { wins: number; n: number }): Record<string, number> {
  const out: Record<string, number> = {
    prior_wins: history.wins,
    prior_n: history.n,
    prior_a: d.prior_a ?? 0,
    prior_b: d.prior_b ?? 0,
    strength: d.strength,
  };
  for (const k of ['adx', 'volume_z', 'volatility_pct', 'ema20_slope_atr'] as const) {
    const v = (d.context as Record<string, unknown>)[k];
    if (typeof v === 'number') out[k] = v;
  }
  return out;
}

async function publishAlert(deps: WorkerDeps, a: StoredAlert, scope: 'global' | 'session') {
  const obj = alertObject(a, 'active');
  try {
    await deps.publisher.publish(channels.alerts, 'new_alert', obj);
    await deps.publisher.publish(channels.patterns(a.symbol), 'pattern_alert', {
      symbol: a.symbol,
      alert_type: obj.alert_type,
      confidence: obj.confidence,
      confidence_pct: obj.confidence_pct,
      price: obj.price,
      timestamp: obj.timestamp,
      source: scope === 'global' ? 'scan' : 'session',
      explanation: obj.explanation,
      interval: a.timeframe,
      period: a.period,
      alert_id: a.id,
      timeframe: a.timeframe,
      direction: obj.direction,
      suggested_action: a.suggested_action,
    });
  } catch (err) {
    // Pub/sub is at most once; the alert is stored and served by REST either way.
    deps.logger.warn(
      { err: err instanceof Error ? err.message : String(err), alertId: a.id },
      'alert event not published',
    );
  }
}

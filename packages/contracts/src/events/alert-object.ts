/**
 * Builds the Alert object of api.md §2 from a stored alert and the caller's status, so REST responses and the
 * `new_alert` event carry exactly the same fields.
 */
export interface StoredAlert {
  id: number;
  detection_id: number;
  symbol: string;
  timeframe: string;
  pattern_id: string;
  pattern_key: string;
  pattern_name: string;
  direction: 1 | -1;
  confidence: number;
  confidence_source: string;
  model_key: string | null;
  model_version: number | null;
  expected_r: number;
  price: number;
  bar_time: Date;
  explanation: string;
  suggested_action: 'BUY' | 'SELL' | 'WATCH';
  entry: number;
  stop_loss: number;
  take_profit: number;
  rr: number;
  confidence_factors: Record<string, number>;
  period: string;
  expires_at: Date;
  outcome: string | null;
  played_out: boolean | null;
  created_at: Date;
}

export type AlertStatus = 'active' | 'snoozed' | 'dismissed' | 'acted' | 'expired';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const r8 = (x: number) => Math.round(x * 1e8) / 1e8;

function qualityBadge(pct: number) {
  return pct >= 85 ? 'ELITE' : pct >= 70 ? 'HIGH' : pct >= 55 ? 'GOOD' : 'MODERATE';
}

export function alertStatus(
  a: Pick<StoredAlert, 'expires_at'>,
  user: { status: 'dismissed' | 'snoozed' | 'acted' | null; snoozed_until: Date | null },
  now = Date.now(),
): AlertStatus {
  if (user.status === 'dismissed' || user.status === 'acted') return user.status;
  if (a.expires_at.getTime() <= now) return 'expired';
  if (user.status === 'snoozed' && user.snoozed_until && user.snoozed_until.getTime() > now) return 'snoozed';
  return 'active';
}

export function alertObject(a: StoredAlert, status: AlertStatus, snoozedUntil: Date | null = null) {
  const confidence = r4(a.confidence);
  const confidencePct = Math.round(1000 * a.confidence) / 10;
  const ts = a.created_at.toISOString();
  const risk = { entry: r8(a.entry), stop_loss: r8(a.stop_loss), take_profit: r8(a.take_profit), rr: r4(a.rr) };
  const message = `${a.pattern_name} on ${a.symbol} ${a.timeframe}: ${a.suggested_action} at ${r8(a.price)} (confidence ${confidencePct}%)`;
  return {
    id: a.id,
    symbol: a.symbol,
    alert_type: a.pattern_name,
    pattern: a.pattern_name,
    pattern_id: a.pattern_id,
    pattern_key: a.pattern_key,
    direction: a.direction === 1 ? 'bullish' : 'bearish',
    timeframe: a.timeframe,
    message,
    confidence,
    confidence_pct: confidencePct,
    confidence_source: a.confidence_source,
    expected_r: r4(a.expected_r),
    price: r8(a.price),
    timestamp: ts,
    time: ts,
    explanation: a.explanation,
    action: a.suggested_action,
    status,
    is_active: status === 'active',
    expires_at: a.expires_at.toISOString(),
    snoozed_until: snoozedUntil ? snoozedUntil.toISOString() : null,
    detection_id: a.detection_id,
    bar_time: a.bar_time.toISOString(),
    outcome: a.outcome,
    played_out: a.played_out,
    entryPrice: risk.entry,
    stopLoss: risk.stop_loss,
    takeProfit: risk.take_profit,
    riskReward: `1:${Number(risk.rr.toFixed(2))}`,
    metadata: {
      suggested_action: a.suggested_action,
      explanation: a.explanation,
      timeframe: a.timeframe,
      timestamp_eat: ts,
      confidence_pct: confidencePct,
      risk_suggestions: risk,
      confidence_factors: a.confidence_factors,
      interval: a.timeframe,
      period: a.period,
      quality_badge: qualityBadge(confidencePct),
      model_key: a.model_key,
      model_version: a.model_version,
    },
  };
}
export type AlertObject = ReturnType<typeof alertObject>;

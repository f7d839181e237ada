import { alerts, type Sql } from '@tx/db';
import { type Dec, dec, type Intent, type OrderRequest } from '@tx/paper';
import { AppError, validation } from '../../lib/errors';
import { instrument } from '../../services/paper-trade';
import type { ExecuteBodyT } from './schemas';

const INTENTS = new Set(['buy', 'sell', 'short', 'cover']);

export function intentOf(side: string, field = 'side'): Intent {
  const s = side.trim().toLowerCase();
  if (!INTENTS.has(s)) throw validation([{ field, issue: 'must be one of buy, sell, short, cover' }]);
  return s as Intent;
}

/** `qty` and its legacy spelling `quantity`: both sent with different values is a 400 (api.md §6.1). */
export function qtyOf(body: { qty?: number | null; quantity?: number | null }): Dec | null {
  if (body.qty != null && body.quantity != null && body.qty !== body.quantity) {
    throw validation([{ field: 'quantity', issue: 'differs from qty' }]);
  }
  const q = body.qty ?? body.quantity ?? null;
  return q === null ? null : dec(q);
}

const decOrNull = (v: number | null | undefined) => (v == null ? null : dec(v));

/** Links an order to an alert and its detection when the id names a stored alert (else no link). */
export async function alertLink(sql: Sql, alertId: number | null | undefined, userId: string) {
  if (!alertId) return { alertId: null, detectionId: null, alert: undefined };
  const alert = await alerts.getAlert(sql, alertId, userId);
  return alert
    ? { alertId: alert.id, detectionId: alert.detection_id, alert }
    : { alertId: null, detectionId: null, alert };
}

export async function executeRequest(
  sql: Sql,
  userId: string,
  body: ExecuteBodyT,
  clientOrderId: string | null,
): Promise<OrderRequest> {
  const intent = intentOf(body.side);
  const type = (body.type ?? 'market').toLowerCase();
  if (type !== 'market' && type !== 'limit') throw validation([{ field: 'type', issue: 'must be market or limit' }]);
  const limit = type === 'limit' ? (body.limit_price ?? body.price ?? null) : null;
  if (type === 'limit' && limit === null)
    throw validation([{ field: 'limit_price', issue: 'is required for a limit order' }]);
  const { symbol, assetClass } = instrument(body.symbol);
  const link = await alertLink(sql, body.alert_id, userId);
  return {
    userId,
    symbol,
    assetClass,
    intent,
    qty: qtyOf(body),
    type,
    limitPrice: decOrNull(limit),
    stopLoss: decOrNull(body.stop_loss),
    takeProfit: decOrNull(body.take_profit),
    timeInForce: body.time_in_force ?? 'gtc',
    source: link.alertId ? 'alert' : 'manual',
    alertId: link.alertId,
    detectionId: link.detectionId,
    pattern: body.pattern ?? null,
    confidence: body.confidence ?? null,
    clientOrderId,
  };
}

/**
 * The order's client_order_id: the Idempotency-Key, prefixed for routes other than execute because keys are scoped
 * per route (api.md §1.9) while client order ids are unique per user.
 */
export function idempotencyKey(
  header: string | string[] | undefined,
  route: 'close' | 'alert' | null = null,
): string | null {
  if (typeof header !== 'string') return null;
  return route ? `${route}:${header}` : header;
}

export function notActionable(action: string) {
  return new AppError(422, 'NOT_ACTIONABLE', `${action} is not a direction: nothing to trade`);
}

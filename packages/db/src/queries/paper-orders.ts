import type { Db } from './paper-db';

export type OrderStatus = 'open' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected' | 'expired';

export interface OrderRow {
  id: number;
  account_id: number;
  user_id: string;
  client_order_id: string | null;
  symbol: string;
  asset_class: string;
  side: 'buy' | 'sell';
  intent: 'buy' | 'sell' | 'short' | 'cover';
  type: 'market' | 'limit' | 'stop';
  role: 'entry' | 'stop_loss' | 'take_profit';
  parent_id: number | null;
  position_id: number | null;
  status: OrderStatus;
  qty: string;
  filled_qty: string;
  limit_price: string | null;
  stop_price: string | null;
  avg_fill_price: string | null;
  time_in_force: 'gtc' | 'day';
  bracket_stop_loss: string | null;
  bracket_take_profit: string | null;
  source: 'manual' | 'alert' | 'strategy';
  alert_id: number | null;
  detection_id: number | null;
  pattern: string | null;
  confidence: string | null;
  reject_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export type OrderInput = Omit<
  OrderRow,
  'id' | 'created_at' | 'updated_at' | 'filled_qty' | 'avg_fill_price' | 'reject_reason' | 'position_id'
> & { position_id?: number | null };

/** Inserts an order; a repeated client_order_id (the Idempotency-Key) yields undefined and the caller reads the first. */
export async function insert(db: Db, o: OrderInput): Promise<OrderRow | undefined> {
  const [row] = await db<OrderRow[]>`
    insert into paper_orders ${db(o as never)}
    on conflict (user_id, client_order_id) where client_order_id is not null do nothing
    returning *`;
  return row;
}

export async function byClientId(db: Db, userId: string, clientOrderId: string): Promise<OrderRow | undefined> {
  const [row] = await db<OrderRow[]>`
    select * from paper_orders where user_id = ${userId} and client_order_id = ${clientOrderId}`;
  return row;
}

export async function byId(db: Db, userId: string, id: number): Promise<OrderRow | undefined> {
  const [row] = await db<OrderRow[]>`select * from paper_orders where id = ${id} and user_id = ${userId}`;
  return row;
}

export async function lock(db: Db, id: number): Promise<OrderRow | undefined> {
  const [row] = await db<OrderRow[]>`select * from paper_orders where id = ${id} for update`;
  return row;
}

/** Cancels the given open orders (or every open order of an account) and returns them. */
export async function cancel(db: Db, where: { ids?: number[]; accountId?: number }) {
  return db<OrderRow[]>`
    update paper_orders set status = 'cancelled', updated_at = now()
     where status = 'open'
       and (${where.ids ?? null}::bigint[] is null or id = any(${where.ids ?? null}::bigint[]))
       and (${where.accountId ?? null}::bigint is null or account_id = ${where.accountId ?? null})
    returning *`;
}

/** A `day` order whose trading day ended unfilled (domain §9.1). */
export async function expire(db: Db, id: number) {
  await db`update paper_orders set status = 'expired', updated_at = now() where id = ${id} and status = 'open'`;
}

export async function reject(db: Db, id: number, reason: string) {
  await db`update paper_orders set status = 'rejected', reject_reason = ${reason}, updated_at = now() where id = ${id}`;
}

export async function list(
  db: Db,
  userId: string,
  f: { status?: string; symbol?: string; limit: number; beforeId?: number },
) {
  return db<OrderRow[]>`
    select * from paper_orders
     where user_id = ${userId}
       and (${f.status ?? null}::text is null or status = ${f.status ?? null})
       and (${f.symbol ?? null}::text is null or symbol = ${f.symbol ?? null})
       and (${f.beforeId ?? null}::bigint is null or id < ${f.beforeId ?? null})
     order by id desc limit ${f.limit}`;
}

/** Symbols with resting orders: the trade worker watches their prices. */
export async function restingFor(db: Db, symbol: string) {
  return db<OrderRow[]>`select * from paper_orders where symbol = ${symbol} and status = 'open' order by id`;
}

export async function hasResting(db: Db, symbol: string): Promise<boolean> {
  const [row] = await db`select 1 from paper_orders where symbol = ${symbol} and status = 'open' limit 1`;
  return Boolean(row);
}

import type { Db } from './paper-db';

export interface FillRow {
  id: number;
  order_id: number;
  account_id: number;
  user_id: string;
  position_id: number;
  symbol: string;
  side: 'buy' | 'sell';
  qty: string;
  price: string;
  reference_price: string;
  slippage_bps: string;
  commission: string;
  realized_pnl: string;
  closed_qty: string;
  closed_cost: string;
  closing_side: 'buy' | 'sell' | null;
  filled_at: Date;
}

export type FillInput = Omit<FillRow, 'id' | 'filled_at'>;

export async function forOrders(db: Db, orderIds: number[]): Promise<FillRow[]> {
  return db<FillRow[]>`select * from paper_fills where order_id = any(${orderIds}::bigint[]) order by id`;
}

/** Fills that reduced or closed a position: the "closed" rows of the trading screen, newest first. */
export async function closing(db: Db, userId: string, f: { symbol?: string; limit: number; beforeId?: number }) {
  return db<(FillRow & { position_source: string; alert_id: number | null })[]>`
    select f.*, p.source as position_source, p.alert_id
      from paper_fills f join paper_positions p on p.id = f.position_id
     where f.user_id = ${userId} and f.closed_qty > 0
       and (${f.symbol ?? null}::text is null or f.symbol = ${f.symbol ?? null})
       and (${f.beforeId ?? null}::bigint is null or f.id < ${f.beforeId ?? null})
     order by f.id desc limit ${f.limit}`;
}

import type { Db } from './paper-db';

export interface PositionRow {
  id: number;
  account_id: number;
  user_id: string;
  symbol: string;
  asset_class: string;
  side: 'long' | 'short';
  qty: string;
  cost_basis: string;
  realized_pnl: string;
  fees: string;
  entry_notional: string;
  entry_qty: string;
  exit_notional: string;
  exit_qty: string;
  max_qty: string;
  first_qty: string;
  first_price: string;
  initial_stop: string | null;
  stop_loss: string | null;
  take_profit: string | null;
  stop_widened: boolean;
  source: string;
  alert_id: number | null;
  detection_id: number | null;
  pattern: string | null;
  timeframe: string | null;
  status: 'open' | 'closed';
  opened_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

export async function listOpen(db: Db, accountId: number): Promise<PositionRow[]> {
  return db<
    PositionRow[]
  >`select * from paper_positions where account_id = ${accountId} and status = 'open' order by id desc`;
}

export async function byId(db: Db, userId: string, id: number): Promise<PositionRow | undefined> {
  const [row] = await db<PositionRow[]>`select * from paper_positions where id = ${id} and user_id = ${userId}`;
  return row;
}

export interface OpenInput {
  account_id: number;
  user_id: string;
  symbol: string;
  asset_class: string;
  side: 'long' | 'short';
  qty: string;
  cost_basis: string;
  fees: string;
  entry_notional: string;
  entry_qty: string;
  max_qty: string;
  first_qty: string;
  first_price: string;
  initial_stop: string | null;
  stop_loss: string | null;
  take_profit: string | null;
  source: string;
  alert_id: number | null;
  detection_id: number | null;
  pattern: string | null;
  timeframe: string | null;
}

export async function open(db: Db, p: OpenInput): Promise<PositionRow> {
  const [row] = await db<PositionRow[]>`insert into paper_positions ${db(p as never)} returning *`;
  return row!;
}

export interface UpdateInput {
  qty: string;
  cost_basis: string;
  realized_pnl: string;
  fees: string;
  entry_notional: string;
  entry_qty: string;
  exit_notional: string;
  exit_qty: string;
  max_qty: string;
  stop_loss: string | null;
  take_profit: string | null;
  stop_widened: boolean;
}

export async function update(db: Db, id: number, u: UpdateInput): Promise<PositionRow> {
  const closed = Number(u.qty) === 0;
  const [row] = await db<PositionRow[]>`
    update paper_positions set ${db(u as never)}, updated_at = now(),
           status = ${closed ? 'closed' : 'open'}, closed_at = ${closed ? db`now()` : null}
     where id = ${id} returning *`;
  return row!;
}

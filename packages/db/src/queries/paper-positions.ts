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

/** The open positions of the user's active account (read in one round trip with the account's lock). */
export async function listOpenOfUser(db: Db, userId: string): Promise<PositionRow[]> {
  return db<PositionRow[]>`
    select * from paper_positions
     where user_id = ${userId} and status = 'open'
       and account_id = (select id from paper_accounts where user_id = ${userId} and status = 'active')
     order by id desc`;
}

/** Active accounts with an open short on `symbol`, with their cash: the margin call watches them (domain §9.4). */
export async function shortHolders(db: Db, symbol: string) {
  return db<{ account_id: number; user_id: string; cash: string }[]>`
    select distinct p.account_id, p.user_id, a.cash
      from paper_positions p join paper_accounts a on a.id = p.account_id and a.status = 'active'
     where p.symbol = ${symbol} and p.status = 'open' and p.qty < 0`;
}

/** Is any active account short `symbol`? (The trade worker keeps polling it for margin calls.) */
export async function anyShort(db: Db, symbol: string): Promise<boolean> {
  const [row] = await db`
    select 1 from paper_positions p join paper_accounts a on a.id = p.account_id and a.status = 'active'
     where p.symbol = ${symbol} and p.status = 'open' and p.qty < 0 limit 1`;
  return Boolean(row);
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

import type { Db } from './paper-db';

export interface AccountRow {
  id: number;
  user_id: string;
  status: 'active' | 'archived';
  currency: string;
  initial_cash: string;
  cash: string;
  realized_pnl: string;
  fees_paid: string;
  day: Date | null;
  day_start_equity: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The caller's active account, created with `initialCash` on first use (concurrent first uses create one). */
export async function ensureActive(db: Db, userId: string, initialCash: string): Promise<AccountRow> {
  const [existing] = await db<
    AccountRow[]
  >`select * from paper_accounts where user_id = ${userId} and status = 'active'`;
  if (existing) return existing;
  await db`
    insert into paper_accounts (user_id, initial_cash, cash) values (${userId}, ${initialCash}, ${initialCash})
    on conflict (user_id) where status = 'active' do nothing`;
  const [row] = await db<AccountRow[]>`select * from paper_accounts where user_id = ${userId} and status = 'active'`;
  return row!;
}

/** Row-locks the active account: every balance change of one account is serialised behind this lock. */
export async function lockActive(db: Db, userId: string): Promise<AccountRow | undefined> {
  const [row] = await db<AccountRow[]>`
    select * from paper_accounts where user_id = ${userId} and status = 'active' for update`;
  return row;
}

export async function lockById(db: Db, id: number): Promise<AccountRow | undefined> {
  const [row] = await db<AccountRow[]>`select * from paper_accounts where id = ${id} for update`;
  return row;
}

/** Records the first equity seen on a UTC day (the daily-loss rule's reference). */
export async function startDay(db: Db, id: number, day: string, equity: string): Promise<void> {
  await db`update paper_accounts set day = ${day}::date, day_start_equity = ${equity} where id = ${id}`;
}

/** Archives the active account (a reset); the caller then opens the next one. */
export async function archive(db: Db, id: number): Promise<void> {
  await db`update paper_accounts set status = 'archived', archived_at = now(), updated_at = now() where id = ${id}`;
}

export async function create(db: Db, userId: string, initialCash: string): Promise<AccountRow> {
  const [row] = await db<AccountRow[]>`
    insert into paper_accounts (user_id, initial_cash, cash) values (${userId}, ${initialCash}, ${initialCash})
    returning *`;
  return row!;
}

/** The active account without a lock (pre-reads outside the fill transaction). */
export async function findActive(db: Db, userId: string): Promise<AccountRow | undefined> {
  const [row] = await db<AccountRow[]>`select * from paper_accounts where user_id = ${userId} and status = 'active'`;
  return row;
}

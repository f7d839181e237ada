import type { Sql } from '../client';

export interface WatchlistRow {
  id: number;
  user_id: string;
  name: string;
  symbols: string[];
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

/** Creates the user's default list once (idempotent: a second call returns the existing default). */
export async function ensureDefaultWatchlist(sql: Sql, userId: string, symbols: string[]): Promise<WatchlistRow> {
  await sql`
    insert into watchlists (user_id, name, symbols, is_default)
    values (${userId}, 'Default', ${symbols}, true)
    on conflict do nothing`;
  const [row] = await sql<WatchlistRow[]>`select * from watchlists where user_id = ${userId} and is_default`;
  if (!row) throw new Error(`default watchlist of ${userId} is missing after insert`);
  return row;
}

export async function defaultWatchlist(sql: Sql, userId: string): Promise<WatchlistRow | undefined> {
  const [row] = await sql<WatchlistRow[]>`select * from watchlists where user_id = ${userId} and is_default`;
  return row;
}

/** One of the user's lists by id; another user's list is not found (api.md §1.3 ownership). */
export async function watchlistById(sql: Sql, userId: string, id: number): Promise<WatchlistRow | undefined> {
  const [row] = await sql<WatchlistRow[]>`select * from watchlists where id = ${id} and user_id = ${userId}`;
  return row;
}

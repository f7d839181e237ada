import type { Tx } from '../transaction';
import type { Db } from './paper-db';
import type { FillInput } from './paper-fills';
import type { OrderInput } from './paper-orders';
import type { OutcomeInput } from './paper-outcomes';
import type { OpenInput, UpdateInput } from './paper-positions';

/** One leg of a fill: the position's new state (its id given: update; none: open a round trip) and its fill. */
export interface BookLeg {
  position_id?: number;
  position: UpdateInput | (OpenInput & { stop_widened: boolean });
  fill: Omit<FillInput, 'order_id' | 'position_id'>;
  /** The round trip's outcome, when this leg closed it (its open exit orders are then cancelled). */
  outcome?: Omit<OutcomeInput, 'position_id'>;
}

/** Everything one fill writes, computed by the engine; `paper_book` (migration 0005) writes it in one statement. */
export interface BookPlan {
  account_id: number;
  /** Deltas applied to the account. */
  cash: string;
  realized: string;
  fees: string;
  /** A resting order that filled, or a market order inserted already filled. */
  order: { id: number } | Omit<OrderInput, 'status'>;
  filled_qty: string;
  avg_fill_price: string;
  legs: BookLeg[];
  /** Bracket legs for the last leg's position, after cancelling its open ones when `cancel`. */
  exits: { cancel: boolean; orders: Omit<OrderInput, 'status' | 'parent_id' | 'position_id'>[] } | null;
}

/** What the caller does not know before the write: the new rows' ids, the transaction's time, the account's totals. */
export interface BookResult {
  order_id: number;
  /** The position of each leg. */
  position_ids: number[];
  fill_ids: number[];
  at: Date;
  cash: string;
  realized_pnl: string;
  fees_paid: string;
}

const INSUFFICIENT_FUNDS = 'TX001';

/**
 * Writes a fill in one round trip, inside the caller's transaction with the account row locked; with `commitWith`
 * the same round trip also commits. Undefined when the database refused the cash movement (the balance would go
 * below zero); the transaction is then aborted.
 */
export async function book(db: Db, plan: BookPlan, commitWith?: Tx['commitWith']): Promise<BookResult | undefined> {
  type Row = { r: Omit<BookResult, 'at'> & { at: string } };
  try {
    const [row] = commitWith
      ? await commitWith((sql) => sql<Row[]>`select paper_book(${sql.json(plan as never)}) as r`)
      : await db<Row[]>`select paper_book(${db.json(plan as never)}) as r`;
    return { ...row!.r, at: new Date(row!.r.at) };
  } catch (err) {
    if ((err as { code?: string }).code === INSUFFICIENT_FUNDS) return undefined;
    throw err;
  }
}

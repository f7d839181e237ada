import type postgres from 'postgres';
import type { Sql } from './client';

/** An open transaction on a reserved connection (see `transaction`). */
export interface Tx {
  /** Statements run inside the transaction, in the order they are issued. */
  sql: postgres.ReservedSql;
  /**
   * Sends `statement` and COMMIT back to back: one round trip for both, and the transaction ends with it. The
   * statement must be built synchronously (a PendingQuery, never a promise) so nothing can slip in after COMMIT.
   * When it fails, Postgres turns the COMMIT into a rollback and the error is thrown.
   */
  commitWith<T extends readonly postgres.MaybeRow[]>(
    statement: (sql: postgres.ReservedSql) => postgres.PendingQuery<T>,
  ): Promise<postgres.RowList<T>>;
}

/**
 * A transaction that spends no round trip of its own where `sql.begin` spends two: BEGIN is pipelined with the first
 * statements `fn` issues (sent without waiting for its answer; postgres.js puts what one tick issues in one write
 * when it is under 1 KiB), and COMMIT with the last one through `commitWith`; without it, COMMIT follows `fn`. Rolls back when `fn` throws. Only a
 * broken connection can make BEGIN fail, and then the statements behind it fail too.
 */
export async function transaction<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const conn = await sql.reserve();
  let ended = false;
  const begun = conn`begin`.execute();
  begun.catch(() => {}); // a failed BEGIN surfaces below, and through the statements queued behind it
  const tx: Tx = {
    sql: conn,
    async commitWith(statement) {
      if (ended) throw new Error('transaction already ended');
      await begun;
      ended = true;
      // Issued together, in this order: the connection runs them one after the other.
      const [last, commit] = await Promise.allSettled([statement(conn), conn`commit`]);
      if (last.status === 'rejected') throw last.reason;
      if (commit.status === 'rejected') throw commit.reason;
      return last.value;
    },
  };
  try {
    const result = await fn(tx);
    if (!ended) {
      await begun;
      await conn`commit`;
    }
    return result;
  } catch (err) {
    if (!ended) await conn`rollback`.catch(() => {});
    throw err;
  } finally {
    conn.release();
  }
}

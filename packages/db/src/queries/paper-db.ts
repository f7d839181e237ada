import type postgres from 'postgres';
import type { Sql } from '../client';

/** A pool or an open transaction: paper-trading writes run inside `sql.begin`, reads may use either. */
export type Db = Sql | postgres.TransactionSql;

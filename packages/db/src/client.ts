import postgres from 'postgres';

export type Sql = postgres.Sql;

export interface SqlOptions {
  url: string;
  applicationName: string;
  max?: number;
  statementTimeoutMs?: number;
  /** false for PgBouncer in transaction mode, which cannot keep prepared statements. */
  prepare?: boolean;
  /** Schema placed first on the search_path (tests isolate themselves in their own schema). */
  schema?: string;
}

/**
 * postgres.js pool with the session settings every TX process wants. SSL follows the URL (`?sslmode=require`),
 * `numeric` stays a string (money is exact; callers convert at the edges), `bigint` (int8) becomes a JS number
 * (ids and counts stay far below 2^53).
 */
export function createSql(opts: SqlOptions): Sql {
  return postgres(opts.url, {
    max: opts.max ?? 10,
    prepare: opts.prepare ?? true,
    idle_timeout: 30,
    connect_timeout: 5,
    onnotice: () => {},
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
    connection: {
      application_name: opts.applicationName,
      statement_timeout: opts.statementTimeoutMs ?? 15_000,
      idle_in_transaction_session_timeout: 60_000,
      ...(opts.schema ? { search_path: opts.schema } : {}),
    },
  });
}

/** One round trip with a deadline, for readiness checks. */
export async function pingSql(sql: Sql, timeoutMs: number): Promise<number> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`select 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
      }),
    ]);
    return performance.now() - started;
  } finally {
    clearTimeout(timer);
  }
}

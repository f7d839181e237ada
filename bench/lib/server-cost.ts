/**
 * What one operation costs the server side, measured around a run: this process's CPU (the API runs in-process),
 * the CPU of the Postgres backends of its pool (read from /proc, Linux only), and, in a separate run, the SQL
 * statements it sends. CPU time per operation stays comparable when other work shares the machine; wall-clock
 * latency does not.
 */
import { readFileSync } from 'node:fs';
import type { Sql } from '../../packages/db/src';

export interface ServerCost {
  apiCpuMs: number;
  /** null where /proc cannot be read (not Linux, or Postgres on another host). */
  pgCpuMs: number | null;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

function procCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return null;
  }
}

/** The backend pid of every pooled connection: all of them reserved at once, so each answers once. */
async function backendPids(sql: Sql, poolSize: number): Promise<number[]> {
  const reserved = await Promise.all(Array.from({ length: poolSize }, () => sql.reserve()));
  try {
    const rows = await Promise.all(reserved.map((r) => r<{ pid: number }[]>`select pg_backend_pid() as pid`));
    return rows.map((r) => r[0]!.pid);
  } finally {
    for (const r of reserved) r.release();
  }
}

/** Starts measuring; the returned function stops and reports the totals since. */
export async function measureServerCost(sql: Sql, poolSize: number): Promise<() => ServerCost> {
  const pids = await backendPids(sql, poolSize);
  const pgBefore = pids.map(procCpuMs);
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    const pgAfter = pids.map(procCpuMs);
    const readable = pgBefore.every((v) => v !== null) && pgAfter.every((v) => v !== null);
    return {
      apiCpuMs: (used.user + used.system) / 1000,
      pgCpuMs: readable ? pgAfter.reduce((a, v, i) => a + v! - pgBefore[i]!, 0) : null,
    };
  };
}

/**
 * Counts the statements sent until the returned function is called. Not for a timed run: with a debug hook set,
 * postgres.js captures a stack trace for every query, which costs more than some queries themselves.
 */
export function countStatements(sql: Sql): () => number {
  let statements = 0;
  const options = sql.options as { debug?: unknown };
  options.debug = () => {
    statements += 1;
  };
  return () => {
    options.debug = false;
    return statements;
  };
}

/**
 * `pnpm bench paper`: POST /api/paper-trade/execute at 200 orders/s for 30 s from 50 users against a listening
 * server (real Postgres, Redis and the synthetic market-data feed), open loop. Targets: p99 < 50 ms, 0 errors.
 * Crypto symbols trade around the clock, so the synthetic quotes are always fresh.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { startBenchServer } from '../lib/bench-server';
import type { PaperLoadConfig, PaperLoadResult } from '../lib/paper-load';
import { countStatements, measureServerCost } from '../lib/server-cost';

const RATE = Number(process.env.PAPER_BENCH_RATE ?? 200);
const SECONDS = Number(process.env.PAPER_BENCH_SECONDS ?? 30);
const USERS = 50;
const TARGET_P99_MS = 50;
const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'];
const POOL = 20;

function runLoad(cfg: PaperLoadConfig): Promise<PaperLoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.resolve(import.meta.dirname, '../lib/paper-load.ts'), [JSON.stringify(cfg)], {
      execArgv: ['--import', 'tsx'],
      stdio: 'inherit',
    });
    child.once('message', (m) => resolve(m as PaperLoadResult));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load generator exited ${code}`))));
  });
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export default async function paperBench(): Promise<void> {
  const server = await startBenchServer({ DATABASE_POOL_MAX: String(POOL) });
  const { db, deps, origin: url } = server;
  try {
    // Warm the quote cache, the accounts and the JIT outside the measured window.
    for (const s of SYMBOLS) await deps.marketData.getQuote(s);
    await runLoad({ url, rate: 100, seconds: 2, users: USERS, symbols: SYMBOLS, qty: 0.001 });
    const stop = await measureServerCost(deps.sql, POOL);
    const r = await runLoad({ url, rate: RATE, seconds: SECONDS, users: USERS, symbols: SYMBOLS, qty: 0.001 });
    const cost = stop();
    const stopCounting = countStatements(deps.sql);
    const counted = await runLoad({ url, rate: 100, seconds: 1, users: USERS, symbols: SYMBOLS, qty: 0.001 });
    const statements = stopCounting() / counted.ok;
    const sorted = [...r.latenciesMs].sort((a, b) => a - b);
    const p99 = pct(sorted, 99);
    const errors = r.sent - r.ok;
    console.log(
      `orders: ${r.sent} at ${RATE}/s for ${SECONDS} s from ${USERS} users; filled ${r.ok}, errors ${errors}`,
    );
    if (errors > 0) console.log(`error codes: ${JSON.stringify(r.errors)}`);
    console.log(
      `latency ms: p50 ${pct(sorted, 50).toFixed(1)}  p90 ${pct(sorted, 90).toFixed(1)}  p99 ${p99.toFixed(1)}  max ${sorted.at(-1)?.toFixed(1)}`,
    );
    // Per filled order: a request the client gave up on before it reached the server cost the server nothing.
    const per = (v: number) => (v / Math.max(1, r.ok)).toFixed(2);
    console.log(
      `per order: API CPU ${per(cost.apiCpuMs)} ms, Postgres CPU ${cost.pgCpuMs === null ? 'n/a' : per(cost.pgCpuMs)} ms, ` +
        `SQL statements ${statements.toFixed(2)} (begin/commit included, counted in a separate 100-order run); ` +
        `load generator CPU ${per(r.cpuMs)} ms`,
    );
    const [row] = await db.sql`
      select count(*)::int as fills,
             bool_and(a.cash + coalesce((select sum(sign(p.qty) * p.cost_basis) from paper_positions p
                                          where p.account_id = a.id and p.status = 'open'), 0)
                      = a.initial_cash + a.realized_pnl - a.fees_paid) as ledger_ok
        from paper_accounts a`;
    console.log(`accounts: ${row!.fills}, ledger identity holds: ${row!.ledger_ok}`);
    console.log(
      `target p99 < ${TARGET_P99_MS} ms and 0 errors: ${p99 < TARGET_P99_MS && errors === 0 ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    await server.close();
  }
}

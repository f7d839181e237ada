import { type ChildProcess, spawn } from 'node:child_process';
import { ScanCycleJob } from '@tx/contracts';
import { enqueue } from '@tx/queue';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '@tx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScanHarness, scanHarness, waitForScan } from './harness';

const SYMBOLS = ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'TSLA', 'NVDA', 'META', 'NFLX'];
const ENV = { MARKET_DATA_PROVIDERS: 'synthetic', WORKER_CONCURRENCY_SCAN: '1' };

const keysOf = (h: ScanHarness) => h.db.sql<{ k: string; outcome: string | null }[]>`
  select d.symbol || '|' || d.timeframe || '|' || d.pattern_id || '|' || d.bar_time::text as k, l.outcome
  from detections d left join labels l on l.detection_id = d.id order by k`;

/**
 * A worker process SIGKILLed in the middle of a cycle: BullMQ redelivers its job to the next worker, the cycle
 * completes, and the stored keys equal those of an uninterrupted run (no duplicates, nothing missing).
 */
describe('worker killed mid-scan', () => {
  let reference: ScanHarness;
  let h: ScanHarness;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    reference = await scanHarness(ENV, { symbols: SYMBOLS, timeframes: ['1d'] });
    await reference.cycle('ref');
    h = await scanHarness(ENV, { symbols: SYMBOLS, timeframes: ['1d'] });
    await h.stopWorkers();
  }, 180_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await reference?.close();
    await h?.close();
  });

  it('completes after restart with exactly one detection and one label per key', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: TEST_DATABASE_URL,
        REDIS_URL: TEST_REDIS_URL,
        SECRET_KEY: 'test-secret-key-not-for-production',
        DATABASE_SCHEMA: h.db.schema,
        REDIS_KEY_PREFIX: h.deps.keyPrefix,
        WORKER_QUEUES: 'scan',
        ENABLE_BACKGROUND_WORKERS: 'false',
        LOG_LEVEL: 'silent',
        ...ENV,
      },
      stdio: 'ignore',
    });
    await enqueue(h.deps.queues, ScanCycleJob, { v: 1, scope: 'global' }, { jobId: 'crash' });
    // Kill once some series are stored but the cycle is not finished.
    for (let i = 0; i < 1200; i++) {
      const [row] = await h.db.sql`select count(distinct symbol)::int as n from detections`;
      if (row.n >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    const [mid] = await h.db.sql`select count(*)::int as n from scans where finished_at is not null`;
    expect(mid.n).toBe(0);

    await h.startWorkers();
    const scan = await waitForScan(h.db, 'global~-~crash', 150_000);
    expect(scan.status).toBe('completed');
    const [got, want] = await Promise.all([keysOf(h), keysOf(reference)]);
    expect(got.length).toBeGreaterThan(100);
    expect(got).toEqual(want);
  }, 240_000);
});

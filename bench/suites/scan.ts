/**
 * `pnpm bench scan` (issue 5):
 *   1. One worker process (spawned, like production) scans 500 symbols x 500 daily bars. History is stored and
 *      labelled by a warm-up cycle over the first 499 bars; then bar 500 is stored and the measured cycle detects,
 *      labels and applies the alert rule on it for every symbol. Target: enqueue → parent complete < 3 s, worker
 *      RSS < 200 MB (peak VmHWM of the worker process).
 *   The GET /api/get_active_alerts target of the same issue is its own suite, alerts.ts (no scan warm-up needed).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeAppDeps, createAppDeps } from '../../apps/api/src/deps';
import { ScanCycleJob } from '../../packages/contracts/src';
import { bars as barsDb, scans } from '../../packages/db/src';
import { enqueue } from '../../packages/queue/src';
import {
  createTestDatabase,
  finalWeekdays,
  randomWalkBars,
  sliceColumns,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  testConfig,
} from '../../packages/testing/src';

const ROOT = join(import.meta.dirname, '../..');
const SYMBOLS = Number(process.env.SCAN_BENCH_SYMBOLS ?? 500);
const BARS = 500;
const DAY = 86_400_000;

/** User + system CPU seconds of a process so far (/proc/<pid>/stat utime + stime, in clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssPeakMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function waitScan(sql: import('../../packages/db/src').Sql, key: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [row] = await sql<scans.ScanRow[]>`select * from scans where scan_key = ${key} and finished_at is not null`;
    if (row) return row;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`scan ${key} did not finish`);
}

async function scanCycle() {
  const db = await createTestDatabase();
  const keyPrefix = `bench-${randomBytes(4).toString('hex')}`;
  const config = testConfig({ MARKET_DATA_PROVIDERS: 'synthetic' });
  const deps = createAppDeps(config, 'bench', { schema: db.schema, keyPrefix });
  const times = finalWeekdays(BARS);
  const symbols = Array.from({ length: SYMBOLS }, (_, i) => `B${String(i).padStart(4, '0')}`);
  const all = symbols.map((_, i) => randomWalkBars(i + 1, times));
  const t0 = performance.now();
  for (let i = 0; i < symbols.length; i++) {
    await barsDb.insertBars(db.sql, symbols[i], '1d', 'synthetic', sliceColumns(all[i], 0, BARS - 1));
    await barsDb.recordCoverage(db.sql, symbols[i], '1d', {
      provider: 'synthetic',
      from: times[0] - 400 * DAY,
      // Covered through now: the series' newest final bar is bar 499 until bar 500 "arrives" below.
      to: Date.now(),
    });
  }
  await scans.getScanConfig(db.sql, {
    enabled: true,
    symbols,
    interval_s: 300,
    timeframes: ['1d'],
    alert_threshold: 0.4,
  });
  console.log(`stored ${SYMBOLS} x ${BARS - 1} bars in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The worker runs as shipped: the esbuild bundle of apps/worker (no TypeScript loader in the process).
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ['../../scripts/bundle.mjs', 'src/main.ts', 'dist/main.js'], {
      cwd: join(ROOT, 'apps/worker'),
      stdio: 'ignore',
    }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker bundle failed (${code})`)))),
  );
  const spawnWorker = () =>
    spawn(process.execPath, ['apps/worker/dist/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: TEST_DATABASE_URL,
        REDIS_URL: TEST_REDIS_URL,
        SECRET_KEY: 'bench-secret-key-not-for-production',
        DATABASE_SCHEMA: db.schema,
        REDIS_KEY_PREFIX: keyPrefix,
        WORKER_QUEUES: 'scan',
        ENABLE_BACKGROUND_WORKERS: 'false',
        LOG_LEVEL: 'silent',
        MARKET_DATA_PROVIDERS: 'synthetic',
        WORKER_CONCURRENCY_SCAN: '8',
      },
      stdio: 'ignore',
    });
  let worker: ChildProcess = spawnWorker();
  try {
    const w0 = performance.now();
    await enqueue(deps.queues, ScanCycleJob, { v: 1, scope: 'global' }, { jobId: 'warmup' });
    const warm = await waitScan(db.sql, 'global~-~warmup', 600_000);
    const [hist] =
      await db.sql`select (select count(*)::int from detections) as d, (select count(*)::int from labels) as l`;
    console.log(
      `warm-up (backfill + labels of ${SYMBOLS} series): ${((performance.now() - w0) / 1000).toFixed(1)} s, ` +
        `${hist.d} detections, ${hist.l} labels, status ${warm.status}`,
    );

    // The measured worker starts fresh, as after a deploy: its memory is that of a steady-state cycle.
    worker.kill('SIGTERM');
    await new Promise((r) => worker?.once('exit', r));
    worker = spawnWorker();
    await new Promise((r) => setTimeout(r, 3000));
    for (let i = 0; i < symbols.length; i++) {
      await barsDb.insertBars(db.sql, symbols[i], '1d', 'synthetic', sliceColumns(all[i], BARS - 1, BARS));
      await barsDb.recordCoverage(db.sql, symbols[i], '1d', {
        provider: 'synthetic',
        from: times[0] - 400 * DAY,
        to: times[BARS - 1],
      });
    }
    const runs: number[] = [];
    for (const key of ['live']) {
      const s0 = performance.now();
      const c0 = cpuSeconds(worker.pid as number);
      await enqueue(deps.queues, ScanCycleJob, { v: 1, scope: 'global' }, { jobId: key });
      const done = await waitScan(db.sql, `global~-~${key}`, 120_000);
      runs.push((performance.now() - s0) / 1000);
      const cpu = cpuSeconds(worker.pid as number) - c0;
      const [after] =
        await db.sql`select (select count(*)::int from detections) as d, (select count(*)::int from labels) as l`;
      console.log(
        `cycle with one new bar per series: ${runs[runs.length - 1].toFixed(2)} s enqueue→parent complete ` +
          `(worker CPU ${cpu.toFixed(2)} s), ` +
          `status ${done.status}, ${done.patterns_found} new detections (${after.d - hist.d} stored), ` +
          `${after.l - hist.l} new labels, alerts ${done.alerts_created}, suppressed ${JSON.stringify(done.suppressed)}`,
      );
    }
    const s1 = performance.now();
    const c1 = cpuSeconds(worker.pid as number);
    await enqueue(deps.queues, ScanCycleJob, { v: 1, scope: 'global' }, { jobId: 'idle' });
    await waitScan(db.sql, 'global~-~idle', 120_000);
    const idle = (performance.now() - s1) / 1000;
    const idleCpu = cpuSeconds(worker.pid as number) - c1;
    const rss = rssPeakMb(worker.pid as number);
    console.log(
      `cycle with nothing new: ${idle.toFixed(2)} s (worker CPU ${idleCpu.toFixed(2)} s); ` +
        `worker peak RSS (VmHWM) ${rss.toFixed(0)} MB`,
    );
    console.log(
      `targets: cycle ${runs[0].toFixed(2)} s ${runs[0] < 3 ? '<' : '>='} 3 s, RSS ${rss.toFixed(0)} MB ${rss < 200 ? '<' : '>='} 200 MB`,
    );
  } finally {
    worker.kill('SIGKILL');
    await closeAppDeps(deps);
    await db.drop();
  }
}

export default async function scan(): Promise<void> {
  await scanCycle();
}

import { ScanCycleJob } from '@tx/contracts';
import { scans } from '@tx/db';
import { enqueue } from '@tx/queue';
import { createTestDatabase, type TestDatabase, testConfig, testKeyPrefix } from '@tx/testing';
import { closeWorkerDeps, createWorkerDeps, type WorkerDeps } from '../../src/deps';
import { HANDLERS } from '../../src/handlers';
import { buildRegistry } from '../../src/registry';
import { startWorkers } from '../../src/runtime';

export interface ScanHarness {
  db: TestDatabase;
  deps: WorkerDeps;
  /** Enqueues one global cycle and resolves with its finished scan row. */
  cycle: (key: string) => Promise<scans.ScanRow>;
  stopWorkers: () => Promise<void>;
  startWorkers: () => Promise<void>;
  close: () => Promise<void>;
}

/** A real worker (in process) over its own schema and key prefix, with the global scan configured as given. */
export async function scanHarness(
  env: Record<string, string>,
  global: { symbols: string[]; timeframes: string[]; alert_threshold?: number },
): Promise<ScanHarness> {
  const db = await createTestDatabase();
  const keyPrefix = testKeyPrefix();
  const deps = createWorkerDeps(testConfig({ WORKER_CONCURRENCY_SCAN: '4', ...env }), { schema: db.schema, keyPrefix });
  await scans.getScanConfig(db.sql, {
    enabled: true,
    symbols: global.symbols,
    interval_s: 300,
    timeframes: global.timeframes,
    alert_threshold: global.alert_threshold ?? 0.4,
  });
  const registry = buildRegistry(HANDLERS);
  let running: Awaited<ReturnType<typeof startWorkers>> | null = null;
  const start = async () => {
    running = await startWorkers(deps, registry, ['scan', 'label']);
  };
  await start();
  return {
    db,
    deps,
    cycle: async (key) => {
      await enqueue(deps.queues, ScanCycleJob, { v: 1, scope: 'global' }, { jobId: key });
      return waitForScan(db, `global~-~${key}`);
    },
    stopWorkers: async () => {
      await running?.close();
      running = null;
    },
    startWorkers: start,
    close: async () => {
      await running?.close();
      await closeWorkerDeps(deps);
      await db.drop();
    },
  };
}

export async function waitForScan(db: TestDatabase, scanKey: string, timeoutMs = 60_000): Promise<scans.ScanRow> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [row] = await db.sql<scans.ScanRow[]>`select * from scans where scan_key = ${scanKey}`;
    if (row?.finished_at) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`scan ${scanKey} did not finish`);
}

export async function counts(db: TestDatabase) {
  const [row] = await db.sql<{ detections: number; labels: number; alerts: number }[]>`
    select (select count(*)::int from detections) as detections, (select count(*)::int from labels) as labels,
           (select count(*)::int from alerts) as alerts`;
  return row;
}

import { GLOBAL_SCAN_SCHEDULER, LABEL_INTERVAL_MS, LABEL_SCHEDULER, LabelDueJob, ScanCycleJob } from '@tx/contracts';
import { scans } from '@tx/db';
import type { Queues } from '@tx/queue';
import type { WorkerDeps } from './deps';
import { globalScanDefaults } from './scan/settings';

/** The global scan's scheduler: on when enabled, every `intervalS` (upsert is idempotent, so any caller may run it). */
export async function applyGlobalScanScheduler(queues: Queues, enabled: boolean, intervalS: number) {
  if (!enabled) {
    await queues.scan.removeJobScheduler(GLOBAL_SCAN_SCHEDULER);
    return;
  }
  await queues.scan.upsertJobScheduler(
    GLOBAL_SCAN_SCHEDULER,
    { every: intervalS * 1000 },
    { name: ScanCycleJob.name, data: { v: 1, scope: 'global' }, opts: { attempts: ScanCycleJob.attempts } },
  );
}

/**
 * Periodic schedulers, registered by the worker that consumes the scan or label queue. With background workers off
 * (ENABLE_BACKGROUND_WORKERS=false) nothing periodic runs by itself: scans run only from scan/start.
 */
export async function registerSchedulers(deps: WorkerDeps, consumed: readonly string[]) {
  if (!deps.config.backgroundWorkers) return;
  if (consumed.includes('scan')) {
    const cfg = await scans.getScanConfig(deps.sql, globalScanDefaults(deps.config));
    await applyGlobalScanScheduler(deps.queues, cfg.enabled, cfg.interval_s);
  }
  if (consumed.includes('label')) {
    await deps.queues.label.upsertJobScheduler(
      LABEL_SCHEDULER,
      { every: LABEL_INTERVAL_MS },
      { name: LabelDueJob.name, data: { v: 1 }, opts: { attempts: LabelDueJob.attempts } },
    );
  }
}

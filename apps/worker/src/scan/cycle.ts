import { type JobPayload, SCAN_BATCH_SIZE, ScanBatchJob, ScanCompleteJob, type ScanCycleJob } from '@tx/contracts';
import { scans } from '@tx/db';
import type { WorkerDeps } from '../deps';
import { globalScanDefaults, sessionMinConfidence } from './settings';

/**
 * Records a cycle (once per trigger job: its id is the cycle key) and adds it as one flow: a `scan-complete` parent
 * over `scan-batch` children of SCAN_BATCH_SIZE symbol × timeframe series each (one job per series made BullMQ and
 * per-series round trips the bulk of a cycle). Job ids come from the cycle id and the batch number, so a redelivered
 * trigger adds nothing new. A child that still fails after its attempts does not block the parent.
 */
export async function startCycle(deps: WorkerDeps, p: JobPayload<typeof ScanCycleJob>, triggerId: string) {
  let symbols: string[];
  let timeframes: string[];
  let minConfidence: number | null;
  if (p.scope === 'global') {
    const cfg = await scans.getScanConfig(deps.sql, globalScanDefaults(deps.config));
    if (!cfg.enabled) return { skipped: 'global_scan_disabled' };
    ({ symbols, timeframes } = cfg);
    minConfidence = cfg.alert_threshold;
  } else {
    const session = p.userId ? await scans.getSession(deps.sql, p.userId) : undefined;
    if (!session?.active || (p.sessionId && session.session_id !== p.sessionId)) return { skipped: 'session_inactive' };
    ({ symbols, timeframes } = session);
    minConfidence = session.auto_alerts ? await sessionMinConfidence(deps.sql, session.user_id) : null;
  }
  const scan = await scans.startScan(deps.sql, {
    scan_key: `${p.scope}~${p.userId ?? '-'}~${triggerId}`,
    scope: p.scope,
    user_id: p.userId ?? null,
    session_id: p.sessionId ?? null,
    timeframes,
    symbols,
  });
  const opts = (attempts: number, backoffMs: number, jobId: string) => ({
    jobId,
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
  const series = symbols.flatMap((symbol) => timeframes.map((timeframe) => ({ symbol, timeframe })));
  const children = [];
  for (let i = 0; i < series.length; i += SCAN_BATCH_SIZE) {
    const data = {
      v: 1 as const,
      scanId: scan.id,
      scope: p.scope,
      batch: i / SCAN_BATCH_SIZE,
      series: series.slice(i, i + SCAN_BATCH_SIZE),
      minConfidence,
    };
    children.push({
      name: ScanBatchJob.name,
      queueName: ScanBatchJob.queue,
      data,
      opts: {
        ...opts(ScanBatchJob.attempts, ScanBatchJob.backoffMs, ScanBatchJob.jobId?.(data) as string),
        ignoreDependencyOnFailure: true,
      },
    });
  }
  const parent = { v: 1 as const, scanId: scan.id };
  await deps.flows.add({
    name: ScanCompleteJob.name,
    queueName: ScanCompleteJob.queue,
    data: parent,
    opts: opts(ScanCompleteJob.attempts, ScanCompleteJob.backoffMs, ScanCompleteJob.jobId?.(parent) as string),
    children,
  });
  return { scanId: scan.id, series: series.length, batches: children.length };
}

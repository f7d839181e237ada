import { type JobPayload, ScanCompleteJob, type ScanCycleJob, ScanSeriesJob } from '@tx/contracts';
import { scans } from '@tx/db';
import type { WorkerDeps } from '../deps';
import { globalScanDefaults, sessionMinConfidence } from './settings';

/**
 * Records a cycle (once per trigger job: its id is the cycle key) and adds it as one flow: a `scan-complete` parent
 * over one `scan-series` child per symbol × timeframe. Job ids come from the cycle id and the series key, so a
 * redelivered trigger adds nothing new. A child that still fails after its attempts does not block the parent.
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
  const children = symbols.flatMap((symbol) =>
    timeframes.map((timeframe) => {
      const data = { v: 1 as const, scanId: scan.id, scope: p.scope, symbol, timeframe, minConfidence };
      return {
        name: ScanSeriesJob.name,
        queueName: ScanSeriesJob.queue,
        data,
        opts: {
          ...opts(ScanSeriesJob.attempts, ScanSeriesJob.backoffMs, ScanSeriesJob.jobId?.(data) as string),
          ignoreDependencyOnFailure: true,
        },
      };
    }),
  );
  const parent = { v: 1 as const, scanId: scan.id };
  await deps.flows.add({
    name: ScanCompleteJob.name,
    queueName: ScanCompleteJob.queue,
    data: parent,
    opts: opts(ScanCompleteJob.attempts, ScanCompleteJob.backoffMs, ScanCompleteJob.jobId?.(parent) as string),
    children,
  });
  return { scanId: scan.id, series: children.length };
}

import { detections, type Sql, scans } from '@tx/db';
import { HORIZON_BARS, LABEL_VERSION, SCAN_TIMEFRAMES, TIMEFRAME_MS } from '@tx/domain';
import { counter, gauge, histogram, type Registry } from '@tx/observability';
import type { Queues } from '@tx/queue';
import { globalSchedulerActive } from './scan';

const HORIZON_MS = Object.fromEntries(SCAN_TIMEFRAMES.map((tf) => [tf, HORIZON_BARS[tf] * TIMEFRAME_MS[tf]]));

/**
 * Scan-loop metrics (api.md §3.1) read from the facts workers store: each finished cycle is observed once by this
 * instance (duration by scope, failing series by reason), label lag and active sessions are read at scrape time.
 */
export function scanMetrics(registry: Registry, sql: Sql, queues: Queues) {
  const duration = histogram(
    registry,
    'tx_scan_duration_seconds',
    'Scan cycle duration',
    ['scope'],
    [0.5, 1, 2, 3, 5, 10, 30, 60, 120, 300],
  );
  const failures = counter(registry, 'tx_scan_symbol_failures_total', 'Scanned series that failed', ['reason']);
  const lag = gauge(registry, 'tx_label_lag_seconds', 'Age of the oldest detection due for a label without one');
  const sessions = gauge(registry, 'tx_scan_sessions_active', 'Active user scan sessions');
  let seen: number | null = null;
  return {
    scannerActive: () => globalSchedulerActive(queues),
    async collect() {
      const rows = await sql<
        { id: number; scope: string; seconds: number; results: { status: string; message: string | null }[] }[]
      >`
        select id, scope, extract(epoch from finished_at - started_at)::float8 as seconds, results
        from scans where finished_at is not null and id > ${seen ?? 0} order by id`;
      // The first scrape only sets the baseline: earlier cycles were counted by whoever ran before this process.
      if (seen !== null) {
        for (const r of rows) {
          duration.observe({ scope: r.scope }, r.seconds);
          for (const x of r.results) if (x.status === 'error') failures.inc({ reason: x.message ?? 'unknown' });
        }
      }
      if (rows.length > 0) seen = rows[rows.length - 1].id;
      else seen ??= 0;
      lag.set(await detections.labelLagSeconds(sql, LABEL_VERSION, HORIZON_MS));
      sessions.set(await scans.countActiveSessions(sql));
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { Config } from '@tx/config';
import { GLOBAL_SCAN_SCHEDULER, ScanCycleJob, sessionScheduler } from '@tx/contracts';
import { alerts, type Sql, scans, watchlists } from '@tx/db';
import { DEFAULT_MIN_CONFIDENCE, isScanTimeframe } from '@tx/domain';
import { isSymbolError, type MarketData, MarketDataError, normalizeSymbol } from '@tx/market-data';
import type { Queues } from '@tx/queue';
import { AppError } from '../lib/errors';

export interface ScanServiceDeps {
  sql: Sql;
  queues: Queues;
  config: Config;
  marketData: MarketData;
}

export const GLOBAL_TIMEFRAMES = ['1h', '1d'];

export function globalDefaults(config: Config) {
  return {
    enabled: config.backgroundWorkers,
    symbols: config.defaultWatchlist,
    interval_s: config.BACKEND_SCAN_INTERVAL,
    timeframes: GLOBAL_TIMEFRAMES,
    alert_threshold: DEFAULT_MIN_CONFIDENCE,
  };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Timeframe list from `timeframes` or `timeframe`, validated for scanning (30m and 1w are chart-only). */
export function scanTimeframes(list: string[] | undefined, single: string | undefined): string[] | undefined {
  const tfs = list ?? (single ? [single] : undefined);
  if (!tfs) return undefined;
  const out = tfs.map((t) =>
    t === '1D' || t === 'D' || t === 'daily' ? '1d' : t === '60m' || t === '1H' ? '1h' : t === '240m' ? '4h' : t,
  );
  if (out.length === 0 || out.some((t) => !isScanTimeframe(t))) {
    throw new AppError(400, 'INVALID_TIMEFRAME', 'Timeframe is not accepted for scanning');
  }
  return [...new Set(out)];
}

/** Canonical symbols; malformed → 400 INVALID_SYMBOL, unknown to every provider and stored data → 404 UNKNOWN_SYMBOL. */
export async function checkSymbols(md: MarketData, input: string[]): Promise<string[]> {
  const canonical: string[] = [];
  for (const s of input) {
    const n = normalizeSymbol(s);
    if (isSymbolError(n))
      throw new AppError(400, 'INVALID_SYMBOL', 'Symbol is malformed', [{ field: 'symbols', issue: s }]);
    canonical.push(n.symbol);
  }
  const unique = [...new Set(canonical)];
  const unknown: string[] = [];
  await Promise.all(
    unique.map((s) =>
      md.getBars(s, '1d', { limit: 1 }).catch((err: unknown) => {
        if (err instanceof MarketDataError && (err.code === 'unknown_symbol' || err.code === 'invalid_symbol')) {
          unknown.push(s);
        }
      }),
    ),
  );
  if (unknown.length > 0) {
    throw new AppError(
      404,
      'UNKNOWN_SYMBOL',
      'Unknown symbol',
      unknown.map((s) => ({ field: 'symbols', issue: s })),
    );
  }
  return unique;
}

export async function globalConfig(d: ScanServiceDeps) {
  return scans.getScanConfig(d.sql, globalDefaults(d.config));
}

/** Enables, reschedules or removes the global scan's scheduler so it matches the stored configuration. */
export async function applyGlobalScheduler(d: ScanServiceDeps, cfg: scans.ScanConfigRow) {
  if (!cfg.enabled) {
    await d.queues.scan.removeJobScheduler(GLOBAL_SCAN_SCHEDULER);
    return;
  }
  await d.queues.scan.upsertJobScheduler(
    GLOBAL_SCAN_SCHEDULER,
    { every: cfg.interval_s * 1000 },
    { name: ScanCycleJob.name, data: { v: 1, scope: 'global' }, opts: { attempts: ScanCycleJob.attempts } },
  );
}

export async function globalSchedulerActive(queues: Queues): Promise<boolean> {
  return (await queues.scan.getJobScheduler(GLOBAL_SCAN_SCHEDULER)) !== undefined;
}

async function sessionFallback(d: ScanServiceDeps, userId: string) {
  const list = await watchlists.defaultWatchlist(d.sql, userId);
  const cfg = await globalConfig(d);
  return {
    symbols: list && list.symbols.length > 0 ? list.symbols.slice(0, 50) : cfg.symbols.slice(0, 50),
    interval_s: d.config.BACKEND_SCAN_INTERVAL,
    timeframes: ['1d'],
    auto_alerts: true,
  };
}

/** The caller's stored defaults, created from the default watchlist (else the universe) on first use. */
export async function userDefaults(d: ScanServiceDeps, userId: string) {
  return (
    (await scans.getSession(d.sql, userId)) ??
    scans.saveSessionSettings(d.sql, userId, {}, await sessionFallback(d, userId))
  );
}

async function schedule(d: ScanServiceDeps, s: scans.SessionRow) {
  await d.queues.scan.upsertJobScheduler(
    sessionScheduler(s.user_id),
    { every: s.interval_s * 1000 },
    {
      name: ScanCycleJob.name,
      data: { v: 1, scope: 'session', userId: s.user_id, sessionId: s.session_id ?? undefined },
      opts: { attempts: ScanCycleJob.attempts },
    },
  );
}

export function sessionObject(s: scans.SessionRow, alreadyActive: boolean, nextRunAt: number | null) {
  return {
    session_id: s.session_id,
    active: s.active,
    already_active: alreadyActive,
    symbols: s.symbols,
    interval: s.interval_s,
    timeframes: s.timeframes,
    auto_alerts: s.auto_alerts,
    started_at: iso(s.started_at),
    next_run_at: nextRunAt === null ? null : new Date(nextRunAt).toISOString(),
  };
}

async function nextRun(queues: Queues, id: string): Promise<number | null> {
  const s = await queues.scan.getJobScheduler(id);
  return s?.next ?? null;
}

/**
 * Starts the caller's repeating scan session (idempotent: an active session is returned as is). The scheduler's
 * first job runs at once, so the first cycle starts immediately.
 */
export async function startSession(
  d: ScanServiceDeps,
  userId: string,
  body: { symbols?: string[]; interval?: number; timeframes?: string[]; auto_alerts?: boolean },
) {
  const current = await scans.getSession(d.sql, userId);
  if (current?.active) return sessionObject(current, true, await nextRun(d.queues, sessionScheduler(userId)));
  const patch = {
    symbols: body.symbols ? await checkSymbols(d.marketData, body.symbols) : undefined,
    interval_s: body.interval,
    timeframes: body.timeframes,
    auto_alerts: body.auto_alerts,
  };
  await scans.saveSessionSettings(d.sql, userId, patch, await sessionFallback(d, userId));
  const started = await scans.activateSession(d.sql, userId, randomUUID());
  const session = started ?? ((await scans.getSession(d.sql, userId)) as scans.SessionRow);
  await schedule(d, session);
  return sessionObject(session, !started, await nextRun(d.queues, sessionScheduler(userId)));
}

export async function stopSession(d: ScanServiceDeps, userId: string) {
  await d.queues.scan.removeJobScheduler(sessionScheduler(userId));
  const stopped = await scans.deactivateSession(d.sql, userId);
  if (!stopped) return { active: false, was_active: false, final_stats: null };
  const stats = stopped.session_id ? await scans.sessionStats(d.sql, stopped.session_id) : null;
  return {
    active: false,
    was_active: true,
    final_stats: {
      cycles: stats?.cycles ?? 0,
      symbols_scanned: stats?.symbols_scanned ?? 0,
      patterns_found: stats?.patterns_found ?? 0,
      started_at: iso(stopped.started_at),
      stopped_at: iso(stopped.stopped_at),
    },
  };
}

/** Applies a config change to the caller's defaults; an active session is rescheduled with them. */
export async function updateUserConfig(
  d: ScanServiceDeps,
  userId: string,
  patch: { symbols?: string[]; interval?: number; timeframes?: string[]; auto_alerts?: boolean },
) {
  const row = await scans.saveSessionSettings(
    d.sql,
    userId,
    {
      symbols: patch.symbols ? await checkSymbols(d.marketData, patch.symbols) : undefined,
      interval_s: patch.interval,
      timeframes: patch.timeframes,
      auto_alerts: patch.auto_alerts,
    },
    await sessionFallback(d, userId),
  );
  if (row.active) await schedule(d, row);
  return row;
}

export async function updateGlobalConfig(
  d: ScanServiceDeps,
  patch: { enabled?: boolean; symbols?: string[]; interval?: number; timeframes?: string[]; alert_threshold?: number },
) {
  await globalConfig(d);
  const row = await scans.updateScanConfig(d.sql, {
    enabled: patch.enabled,
    symbols: patch.symbols ? await checkSymbols(d.marketData, patch.symbols) : undefined,
    interval_s: patch.interval,
    timeframes: patch.timeframes,
    alert_threshold: patch.alert_threshold,
  });
  await applyGlobalScheduler(d, row);
  return row;
}

/** ScanSnapshot of api.md §3.3. */
export function snapshot(s: scans.ScanRow) {
  return {
    id: s.id,
    time: iso(s.finished_at),
    started_at: iso(s.started_at),
    finished_at: iso(s.finished_at),
    scope: s.scope,
    status: s.status,
    timeframes: s.timeframes,
    symbols_count: s.symbols.length,
    patterns_found: s.patterns_found,
    errors_count: s.errors_count,
    results: s.results,
  };
}

/** The cycle a caller sees: their own session's latest when it has one (or asked for `mine`), else the global. */
export async function visibleScan(d: ScanServiceDeps, userId: string | null, scope: 'auto' | 'global' | 'mine') {
  if (scope !== 'global' && userId) {
    const own = await scans.latestScan(d.sql, 'session', userId);
    if (own || scope === 'mine') return own ?? null;
  }
  return (await scans.latestScan(d.sql, 'global', null)) ?? null;
}

export async function status(d: ScanServiceDeps, userId: string | null) {
  const session = userId ? await scans.getSession(d.sql, userId) : undefined;
  const active = session?.active ?? false;
  const cfg = await globalConfig(d);
  const last = await visibleScan(d, active ? userId : null, active ? 'mine' : 'global');
  const lastGlobal = await scans.latestScan(d.sql, 'global', null);
  const globalEnabled = await globalSchedulerActive(d.queues);
  return {
    active,
    scanning: active,
    session_id: active ? (session?.session_id ?? null) : null,
    symbols_scanned: last?.symbols ?? [],
    patterns_found: last?.patterns_found ?? 0,
    last_scan: iso(last?.finished_at),
    started_at: active ? iso(session?.started_at) : null,
    interval: active ? (session?.interval_s ?? null) : null,
    next_run_at: active ? nullableIso(await nextRun(d.queues, sessionScheduler(userId as string))) : null,
    global: {
      enabled: globalEnabled,
      interval: cfg.interval_s,
      symbols_count: cfg.symbols.length,
      last_cycle_at: iso(lastGlobal?.finished_at),
      next_run_at: globalEnabled ? nullableIso(await nextRun(d.queues, GLOBAL_SCAN_SCHEDULER)) : null,
    },
  };
}

const nullableIso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** GET /api/scan `last_signal`: the strongest alert of the cycle shown. */
export async function lastSignal(d: ScanServiceDeps, scan: scans.ScanRow | null) {
  if (!scan) return null;
  const a = await alerts.strongestOfScan(d.sql, scan.id);
  if (!a) return null;
  return {
    symbol: a.symbol,
    timeframe: a.timeframe,
    pattern: a.pattern_name,
    confidence: Math.round(a.confidence * 1e4) / 1e4,
    time: a.created_at.toISOString(),
    action: a.suggested_action,
    alert_id: a.id,
  };
}

/** `scanning` component of /api/workers/health and the scheduler gauge. */
export async function scanningComponent(d: ScanServiceDeps) {
  const last = await scans.latestScan(d.sql, 'global', null);
  return {
    active: await globalSchedulerActive(d.queues),
    last_scan: iso(last?.finished_at),
    symbols_scanned: last?.symbols.length ?? 0,
    patterns_found: last?.patterns_found ?? 0,
  };
}

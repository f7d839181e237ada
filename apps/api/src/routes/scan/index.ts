import { Type as T } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { AppError } from '../../lib/errors';
import { IdentityHints } from '../../lib/identity-hints';
import { Nullable, Open } from '../../lib/typebox';
import { userId } from '../../plugins/auth';
import {
  globalConfig,
  lastSignal,
  type ScanServiceDeps,
  scanTimeframes,
  snapshot,
  startSession,
  status,
  stopSession,
  updateGlobalConfig,
  updateUserConfig,
  userDefaults,
  visibleScan,
} from '../../services/scan';

const U = { auth: 'user', group: 'U' } as const;
const M = { auth: 'public', group: 'M' } as const;
const Iso = Nullable(T.String());
const IdHints = IdentityHints;

const SymbolsT = T.Array(T.String({ minLength: 1, maxLength: 32 }), { minItems: 1, maxItems: 50 });
const IntervalT = T.Integer({ minimum: 60, maximum: 3600 });
const TimeframesT = T.Array(T.String({ minLength: 1, maxLength: 8 }), { minItems: 1, maxItems: 6 });

const SessionT = Open({
  session_id: Nullable(T.String()),
  active: T.Boolean(),
  already_active: T.Boolean(),
  symbols: T.Array(T.String()),
  interval: T.Integer(),
  timeframes: T.Array(T.String()),
  auto_alerts: T.Boolean(),
  started_at: Iso,
  next_run_at: Iso,
});

const StatusT = Open({
  active: T.Boolean(),
  scanning: T.Boolean(),
  session_id: Nullable(T.String()),
  symbols_scanned: T.Array(T.String()),
  patterns_found: T.Integer(),
  last_scan: Iso,
  started_at: Iso,
  interval: Nullable(T.Integer()),
  next_run_at: Iso,
  global: Open({
    enabled: T.Boolean(),
    interval: T.Integer(),
    symbols_count: T.Integer(),
    last_cycle_at: Iso,
    next_run_at: Iso,
  }),
});

const ResultT = Open({
  symbol: T.String(),
  price: Nullable(T.Number()),
  change_percent: Nullable(T.Number()),
  status: T.String(),
  pattern: Nullable(T.String()),
  label: T.String(),
  confidence: Nullable(T.Number()),
  confidence_pct: Nullable(T.Number()),
  timeframe: Nullable(T.String()),
  detection_id: Nullable(T.Integer()),
  message: Nullable(T.String()),
});
const SnapshotT = Open({
  id: T.Integer(),
  time: Iso,
  started_at: Iso,
  finished_at: Iso,
  scope: T.String(),
  status: T.String(),
  timeframes: T.Array(T.String()),
  symbols_count: T.Integer(),
  patterns_found: T.Integer(),
  errors_count: T.Integer(),
  results: T.Array(ResultT),
});
const SignalT = Open({
  symbol: T.String(),
  timeframe: T.String(),
  pattern: T.String(),
  confidence: T.Number(),
  time: T.String(),
  action: T.String(),
  alert_id: T.Integer(),
});

const DefaultsT = Open({
  symbols: T.Array(T.String()),
  interval: T.Integer(),
  auto_alerts: T.Boolean(),
  timeframes: T.Array(T.String()),
});
const GlobalT = Open({
  enabled: T.Boolean(),
  symbols: T.Array(T.String()),
  interval: T.Integer(),
  timeframes: T.Array(T.String()),
  alert_threshold: T.Number(),
});

/** Scanning endpoints (api.md §3.3): the caller's scan session, the global scan's configuration and snapshots. */
export async function scanRoutes(app: FastifyInstance, d: ScanServiceDeps) {
  app.get(
    '/api/scan',
    {
      config: M,
      schema: {
        querystring: T.Object({
          scope: T.Union([T.Literal('auto'), T.Literal('global'), T.Literal('mine')], { default: 'auto' }),
        }),
        response: { 200: Envelope(T.Object({ last_scan: Nullable(SnapshotT), last_signal: Nullable(SignalT) })) },
      },
    },
    async (req) => {
      const { scope } = req.query as { scope: 'auto' | 'global' | 'mine' };
      if (scope === 'mine' && !req.identity) throw new AppError(401, 'UNAUTHENTICATED', 'Authentication required');
      const scan = await visibleScan(d, req.identity?.userId ?? null, scope);
      return ok({ last_scan: scan ? snapshot(scan) : null, last_signal: await lastSignal(d, scan) });
    },
  );

  app.post(
    '/api/scan/start',
    {
      config: U,
      schema: {
        body: T.Object(
          {
            ...IdHints,
            symbols: T.Optional(SymbolsT),
            interval: T.Optional(IntervalT),
            timeframes: T.Optional(TimeframesT),
            timeframe: T.Optional(T.String({ minLength: 1, maxLength: 8 })),
            auto_alerts: T.Optional(T.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Envelope(SessionT) },
      },
    },
    async (req) => {
      const b = (req.body ?? {}) as {
        symbols?: string[];
        interval?: number;
        timeframes?: string[];
        timeframe?: string;
        auto_alerts?: boolean;
      };
      const timeframes = scanTimeframes(b.timeframes, b.timeframe);
      return ok(await startSession(d, userId(req), { ...b, timeframes }));
    },
  );

  app.post(
    '/api/scan/stop',
    {
      config: U,
      schema: {
        body: T.Object({ ...IdHints }, { additionalProperties: false }),
        response: {
          200: Envelope(
            T.Object({
              active: T.Boolean(),
              was_active: T.Boolean(),
              final_stats: Nullable(
                Open({
                  cycles: T.Integer(),
                  symbols_scanned: T.Integer(),
                  patterns_found: T.Integer(),
                  started_at: Iso,
                  stopped_at: Iso,
                }),
              ),
            }),
          ),
        },
      },
    },
    async (req) => ok(await stopSession(d, userId(req))),
  );

  app.get('/api/scan/status', { config: M, schema: { response: { 200: Envelope(StatusT) } } }, async (req) =>
    ok(await status(d, req.identity?.userId ?? null)),
  );

  const defaultsOf = (s: { symbols: string[]; interval_s: number; auto_alerts: boolean; timeframes: string[] }) => ({
    symbols: s.symbols,
    interval: s.interval_s,
    auto_alerts: s.auto_alerts,
    timeframes: s.timeframes,
  });
  const globalOf = (g: Awaited<ReturnType<typeof globalConfig>>) => ({
    enabled: g.enabled,
    symbols: g.symbols,
    interval: g.interval_s,
    timeframes: g.timeframes,
    alert_threshold: g.alert_threshold,
  });

  app.get(
    '/api/scan/config',
    {
      config: U,
      schema: {
        response: {
          200: Envelope(T.Object({ defaults: DefaultsT, status: StatusT, global: GlobalT, timestamp: T.String() })),
        },
      },
    },
    async (req) => {
      const user = userId(req);
      const [defaults, st, g] = await Promise.all([userDefaults(d, user), status(d, user), globalConfig(d)]);
      return ok({
        defaults: defaultsOf(defaults),
        status: st,
        global: globalOf(g),
        timestamp: new Date().toISOString(),
      });
    },
  );

  app.post(
    '/api/scan/config',
    {
      config: U,
      schema: {
        body: T.Object(
          {
            ...IdHints,
            scope: T.Optional(T.Union([T.Literal('user'), T.Literal('global')])),
            symbols: T.Optional(SymbolsT),
            interval: T.Optional(IntervalT),
            auto_alerts: T.Optional(T.Boolean()),
            timeframes: T.Optional(TimeframesT),
            enabled: T.Optional(T.Boolean()),
            alert_threshold: T.Optional(T.Number({ minimum: 0.3, maximum: 0.95 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Envelope(T.Object({ updated: T.Array(T.String()), defaults: T.Union([DefaultsT, GlobalT]) })),
        },
      },
    },
    async (req) => {
      const {
        scope = 'user',
        user_id: _u,
        userId: _v,
        ...patch
      } = (req.body ?? {}) as Record<string, unknown> & {
        scope?: 'user' | 'global';
        timeframes?: string[];
      };
      const updated = Object.keys(patch).filter((k) => patch[k] !== undefined);
      const timeframes = scanTimeframes(patch.timeframes, undefined);
      if (scope === 'global') {
        if (!req.identity?.admin) throw new AppError(403, 'FORBIDDEN', 'Admin role required');
        const row = await updateGlobalConfig(d, { ...(patch as object), timeframes });
        return ok({ updated, defaults: globalOf(row) });
      }
      if ('enabled' in patch || 'alert_threshold' in patch) {
        throw new AppError(400, 'VALIDATION_ERROR', 'Request is invalid', [
          { field: 'enabled', issue: 'only with scope "global"' },
        ]);
      }
      const row = await updateUserConfig(d, userId(req), { ...(patch as object), timeframes });
      return ok({ updated, defaults: defaultsOf(row) });
    },
  );
}

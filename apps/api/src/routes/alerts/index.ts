import { Type as T } from '@sinclair/typebox';
import { alertObject, alertStatus } from '@tx/contracts';
import { alerts, detections, type Sql, watchlists } from '@tx/db';
import { LABEL_VERSION } from '@tx/domain';
import { isSymbolError, normalizeSymbol } from '@tx/market-data';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cachedBody, sendCached } from '../../lib/cached-body';
import { Envelope, ok } from '../../lib/envelope';
import { AppError, notFound } from '../../lib/errors';
import { IdentityHints } from '../../lib/identity-hints';
import { userId } from '../../plugins/auth';
import { ActiveAlertCache } from '../../services/alert-cache';
import { resolvePattern } from '../../services/scan-patterns';
import { cursors } from '../paper-trade/cursor';
import { AlertT } from './schemas';

const M = { auth: 'public', group: 'M' } as const;
const U = { auth: 'user', group: 'U' } as const;
const IdHints = IdentityHints;
const Limit = T.Integer({ minimum: 1, maximum: 500, default: 50 });

function view(a: alerts.AlertView) {
  return alertObject(a, alertStatus(a, { status: a.user_status, snoozed_until: a.snoozed_until }), a.snoozed_until);
}

function canonicalSymbol(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const n = normalizeSymbol(s);
  if (isSymbolError(n)) throw new AppError(400, 'INVALID_SYMBOL', 'Symbol is malformed');
  return n.symbol;
}

const RESPONSES: Record<string, 'dismissed' | 'snoozed' | 'acted' | 'watch'> = {
  dismiss: 'dismissed',
  ignore: 'dismissed',
  snooze: 'snoozed',
  accept: 'acted',
  buy: 'acted',
  sell: 'acted',
  execute: 'acted',
  simulate: 'acted',
  watch: 'watch',
};

/** Alerts (api.md §3.5): shared market events with per-user status, feedback on detections. */
export async function alertRoutes(app: FastifyInstance, opts: { sql: Sql; secret: string }) {
  const { sql } = opts;
  const pages = cursors(opts.secret);
  const caller = (req: FastifyRequest) => req.identity?.userId ?? null;

  const ActiveQuery = T.Object({
    limit: Limit,
    cursor: T.Optional(T.String({ maxLength: 512 })),
    symbol: T.Optional(T.String({ maxLength: 32 })),
    timeframe: T.Optional(T.String({ maxLength: 8 })),
    min_confidence: T.Optional(T.Number({ minimum: 0, maximum: 1 })),
  });
  const cache = new ActiveAlertCache(sql);
  const active = async (req: FastifyRequest, reply: FastifyReply) => {
    const q = req.query as {
      limit: number;
      cursor?: string;
      symbol?: string;
      timeframe?: string;
      min_confidence?: number;
    };
    const scope = `active|${q.symbol ?? ''}|${q.timeframe ?? ''}|${q.min_confidence ?? ''}`;
    const before = pages.decode(scope, q.cursor);
    const filter = {
      symbol: canonicalSymbol(q.symbol),
      timeframe: q.timeframe,
      minConfidence: q.min_confidence,
      before,
      limit: q.limit,
    };
    const user = caller(req);
    const page = await cache.page(`${scope}|${before ?? ''}|${q.limit}`, filter);
    if (user === null || !(await cache.hasStatuses(user))) {
      // No status of the caller's own can hide an alert: the shared page serves as is.
      page.body ??= cachedBody(
        ok({ alerts: page.rows.map(view) }, { next_cursor: nextCursor(page.rows), limit: q.limit }),
      );
      return sendCached(req, reply, page.body);
    }
    const rows = await alerts.listActive(sql, { ...filter, userId: user });
    return ok({ alerts: rows.map(view) }, { next_cursor: nextCursor(rows), limit: q.limit });

    function nextCursor(rows: alerts.AlertView[]) {
      return rows.length === q.limit ? pages.encode(scope, rows[rows.length - 1].id) : null;
    }
  };
  const activeSchema = {
    querystring: ActiveQuery,
    response: { 200: Envelope(T.Object({ alerts: T.Array(AlertT) })) },
  };
  app.get('/api/get_active_alerts', { config: M, schema: activeSchema }, active);
  app.get(
    '/api/get_active_alert',
    { config: { ...M, canonical: '/api/get_active_alerts' }, schema: { ...activeSchema, deprecated: true } },
    active,
  );

  app.get(
    '/api/alerts/recent',
    {
      config: M,
      schema: {
        querystring: T.Object({
          limit: Limit,
          cursor: T.Optional(T.String({ maxLength: 512 })),
          symbol: T.Optional(T.String({ maxLength: 32 })),
          include_expired: T.Boolean({ default: true }),
        }),
        response: { 200: Envelope(T.Array(AlertT)) },
      },
    },
    async (req) => {
      const q = req.query as { limit: number; cursor?: string; symbol?: string; include_expired: boolean };
      const scope = `recent|${q.symbol ?? ''}|${q.include_expired}`;
      const rows = await alerts.listRecent(sql, {
        userId: caller(req),
        symbol: canonicalSymbol(q.symbol),
        includeExpired: q.include_expired,
        before: pages.decode(scope, q.cursor),
        limit: q.limit,
      });
      const next = rows.length === q.limit ? pages.encode(scope, rows[rows.length - 1].id) : null;
      return ok(rows.map(view), { next_cursor: next, limit: q.limit });
    },
  );

  app.get(
    '/api/alerts/:id',
    {
      config: M,
      schema: { params: T.Object({ id: T.Integer({ minimum: 1 }) }), response: { 200: Envelope(AlertT) } },
    },
    async (req) => {
      const a = await alerts.getAlert(sql, (req.params as { id: number }).id, caller(req));
      if (!a) throw notFound('Alert');
      return ok(view(a));
    },
  );

  app.post(
    '/api/alerts/dismiss/:id',
    {
      config: U,
      schema: {
        params: T.Object({ id: T.Integer({ minimum: 1 }) }),
        body: T.Object({ ...IdHints }, { additionalProperties: false }),
        response: { 200: Envelope(T.Object({ id: T.Integer(), status: T.String() })) },
      },
    },
    async (req) => {
      const id = (req.params as { id: number }).id;
      const user = userId(req);
      if (!(await alerts.getAlert(sql, id, user))) throw notFound('Alert');
      const row = await cache.setStatus(id, user, 'dismissed');
      return ok({ id, status: row.status });
    },
  );

  app.post(
    '/api/handle_alert_response',
    {
      config: U,
      schema: {
        body: T.Object(
          {
            ...IdHints,
            alert_id: T.Integer({ minimum: 0 }),
            response: T.Optional(T.Union([T.Literal('accept'), T.Literal('dismiss'), T.Literal('snooze')])),
            action: T.Optional(T.String({ minLength: 1, maxLength: 16 })),
            snooze_minutes: T.Integer({ minimum: 5, maximum: 1440, default: 60 }),
            symbol: T.Optional(T.String({ maxLength: 32 })),
            pattern: T.Optional(T.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Envelope(
            T.Object({
              alert_id: T.Integer(),
              response: T.String(),
              user_action: T.Union([T.String(), T.Null()]),
              status: T.String(),
              snoozed_until: T.Union([T.String(), T.Null()]),
              timestamp: T.String(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const b = req.body as {
        alert_id: number;
        response?: string;
        action?: string;
        snooze_minutes: number;
        symbol?: string;
        pattern?: string;
      };
      const user = userId(req);
      const action = b.action?.toLowerCase() ?? null;
      const key = b.response ?? action;
      if (!key)
        throw new AppError(400, 'VALIDATION_ERROR', 'Request is invalid', [
          { field: 'response', issue: 'response or action is required' },
        ]);
      const outcome = Object.hasOwn(RESPONSES, key) ? RESPONSES[key] : undefined;
      if (!outcome || (action !== null && !Object.hasOwn(RESPONSES, action))) {
        throw new AppError(400, 'VALIDATION_ERROR', 'Request is invalid', [
          { field: 'action', issue: 'unknown action' },
        ]);
      }
      let alert: alerts.AlertView | undefined;
      if (b.alert_id === 0) {
        const symbol = canonicalSymbol(b.symbol);
        if (!symbol) throw notFound('Alert');
        const match = b.pattern ? resolvePattern(b.pattern) : null;
        if (b.pattern && !match) throw notFound('Alert');
        alert = await alerts.findActiveFor(sql, user, symbol, match?.ids ?? null);
      } else {
        alert = await alerts.getAlert(sql, b.alert_id, user);
      }
      if (!alert) throw notFound('Alert');
      let status: string;
      let snoozedUntil: Date | null = null;
      if (outcome === 'watch') {
        const list = await watchlists.ensureDefaultWatchlist(sql, user, []);
        if (!list.symbols.includes(alert.symbol)) {
          await sql`update watchlists set symbols = array_append(symbols, ${alert.symbol}), updated_at = now()
                    where id = ${list.id} and not (${alert.symbol} = any(symbols))`;
        }
        status = alertStatus(alert, { status: alert.user_status, snoozed_until: alert.snoozed_until });
      } else {
        const until = outcome === 'snoozed' ? new Date(Date.now() + b.snooze_minutes * 60_000) : null;
        const row = await cache.setStatus(alert.id, user, outcome, { snoozedUntil: until, userAction: action });
        status = row.status;
        snoozedUntil = row.snoozed_until;
      }
      return ok({
        alert_id: alert.id,
        response:
          outcome === 'watch'
            ? 'watch'
            : outcome === 'dismissed'
              ? 'dismiss'
              : outcome === 'snoozed'
                ? 'snooze'
                : 'accept',
        user_action: action,
        status,
        snoozed_until: snoozedUntil ? snoozedUntil.toISOString() : null,
        timestamp: new Date().toISOString(),
      });
    },
  );

  app.post(
    '/api/log_outcome',
    {
      config: U,
      schema: {
        body: T.Object(
          {
            ...IdHints,
            detection_id: T.Union([T.Integer({ minimum: 1 }), T.Literal('latest')]),
            outcome: T.Union([T.Literal('win'), T.Literal('loss'), T.Literal('breakeven'), T.Literal('profit')]),
            pnl: T.Optional(T.Number()),
            confidence: T.Optional(T.Number({ minimum: 0, maximum: 100 })),
            trade_duration: T.Optional(T.Number({ minimum: 0 })),
            symbol: T.Optional(T.String({ maxLength: 32 })),
            pattern: T.Optional(T.String({ maxLength: 100 })),
            notes: T.Optional(T.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Envelope(
            T.Object({ id: T.Integer(), detection_id: T.Integer(), outcome: T.String(), recorded_at: T.String() }),
          ),
        },
      },
    },
    async (req) => {
      const b = req.body as {
        detection_id: number | 'latest';
        outcome: 'win' | 'loss' | 'breakeven' | 'profit';
        pnl?: number;
        confidence?: number;
        trade_duration?: number;
        symbol?: string;
        pattern?: string;
        notes?: string;
      };
      const id = b.detection_id === 'latest' ? await detections.latestDetectionId(sql) : b.detection_id;
      if (!id || !(await detections.getDetection(sql, id, LABEL_VERSION))) throw notFound('Detection');
      const row = await alerts.insertFeedback(sql, {
        user_id: userId(req),
        detection_id: id,
        outcome: b.outcome === 'profit' ? 'win' : b.outcome,
        pnl: b.pnl ?? null,
        confidence: b.confidence ?? null,
        trade_duration: b.trade_duration ?? null,
        symbol: b.symbol ?? null,
        pattern: b.pattern ?? null,
        notes: b.notes ?? null,
      });
      return ok({ ...row, recorded_at: row.recorded_at.toISOString() });
    },
  );
}

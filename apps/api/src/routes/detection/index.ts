import { Type as T } from '@sinclair/typebox';
import { detections, type Sql } from '@tx/db';
import { LABEL_VERSION, listPatterns } from '@tx/domain';
import { isSymbolError, type MarketData, normalizeSymbol } from '@tx/market-data';
import type { FastifyInstance } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { AppError } from '../../lib/errors';
import { Nullable, Open } from '../../lib/typebox';
import { detectNow, scanTimeframe } from '../../services/scan-detect';
import { detectionObject, displayName, patternInfoObject, resolvePattern } from '../../services/scan-patterns';
import { cursors } from '../paper-trade/cursor';
import { enhancedDetectRoutes } from './enhanced';
import { patternPerformance } from './performance';
import { DetectionT } from './schemas';

const M = { auth: 'public', group: 'M' } as const;
const A = { auth: 'public', group: 'A' } as const;
const Cell = Open({
  detections: T.Integer(),
  labeled: T.Integer(),
  n: T.Integer(),
  hit_rate: Nullable(T.Number()),
  hit_rate_ci: Nullable(T.Object({ low: T.Number(), high: T.Number() })),
  avg_return_pct: Nullable(T.Number()),
  avg_mfe_atr: Nullable(T.Number()),
  avg_mae_atr: Nullable(T.Number()),
  avg_bars_to_outcome: Nullable(T.Number()),
  avg_confidence: Nullable(T.Number()),
});

function canonical(symbol: string): string {
  const n = normalizeSymbol(symbol);
  if (isSymbolError(n)) throw new AppError(400, 'INVALID_SYMBOL', 'Symbol is malformed');
  return n.symbol;
}

function patternIds(name: string | undefined): string[] | undefined {
  if (name === undefined) return undefined;
  const m = resolvePattern(name);
  if (!m) throw new AppError(404, 'PATTERN_NOT_FOUND', 'Pattern not found');
  return m.ids;
}

const PerformanceQuery = T.Object({
  window: T.Union([T.Integer({ minimum: 1, maximum: 10_000 }), T.Literal('all')], { default: 30 }),
  pattern: T.Optional(T.String({ maxLength: 100 })),
  symbol: T.Optional(T.String({ maxLength: 32 })),
  timeframe: T.Optional(T.String({ maxLength: 8 })),
});
type PerformanceQueryT = { window: number | 'all'; pattern?: string; symbol?: string; timeframe?: string };

/** Detection, patterns, detection logs and pattern performance (api.md §3.4, §3.9 rows). */
export async function detectionRoutes(
  app: FastifyInstance,
  opts: { sql: Sql; marketData: MarketData; secret: string },
) {
  const { sql } = opts;
  const pages = cursors(opts.secret);

  app.post(
    '/api/detect',
    {
      config: M,
      schema: {
        body: T.Object(
          {
            symbol: T.String({ minLength: 1, maxLength: 32 }),
            timeframe: T.String({ default: '1d', maxLength: 8 }),
            lookback_bars: T.Integer({ minimum: 250, maximum: 5000, default: 300 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Envelope(
            Open({
              symbol: T.String(),
              timeframe: T.String(),
              bar_time: Nullable(T.String()),
              patterns: T.Array(DetectionT),
              count: T.Integer(),
              provider: Nullable(T.String()),
              timestamp: T.String(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const b = req.body as { symbol: string; timeframe: string; lookback_bars: number };
      const r = await detectNow(sql, opts.marketData, b.symbol, scanTimeframe(b.timeframe), b.lookback_bars);
      const { insufficient, bars: _bars, ...data } = r;
      return ok({ ...data, count: r.patterns.length }, insufficient ? { reason: 'insufficient_history' } : undefined);
    },
  );

  enhancedDetectRoutes(app, opts);

  app.get(
    '/api/detect/:symbol',
    {
      config: M,
      schema: {
        params: T.Object({ symbol: T.String({ minLength: 1, maxLength: 32 }) }),
        querystring: T.Object({
          timeframe: T.Optional(T.String({ maxLength: 8 })),
          pattern: T.Optional(T.String({ maxLength: 100 })),
          limit: T.Integer({ minimum: 1, maximum: 500, default: 50 }),
          cursor: T.Optional(T.String({ maxLength: 512 })),
        }),
        response: { 200: Envelope(T.Array(DetectionT)) },
      },
    },
    async (req) => {
      const symbol = canonical((req.params as { symbol: string }).symbol);
      const q = req.query as { timeframe?: string; pattern?: string; limit: number; cursor?: string };
      const scope = `detect|${symbol}|${q.timeframe ?? ''}|${q.pattern ?? ''}`;
      const rows = await detections.listDetections(
        sql,
        {
          version: LABEL_VERSION,
          symbol,
          timeframe: q.timeframe ? scanTimeframe(q.timeframe) : undefined,
          patternIds: patternIds(q.pattern),
        },
        { limit: q.limit, before: pages.decode(scope, q.cursor) },
      );
      const next = rows.length === q.limit ? pages.encode(scope, rows[rows.length - 1].id) : null;
      return ok(rows.map(detectionObject), { next_cursor: next, limit: q.limit });
    },
  );

  app.get(
    '/api/patterns/list',
    {
      config: M,
      schema: {
        querystring: T.Object({ detail: T.Boolean({ default: false }) }),
        response: {
          200: Envelope(T.Union([T.Array(T.String()), T.Array(Open({ key: T.String(), name: T.String() }))])),
        },
      },
    },
    async (req) => {
      const all = [...listPatterns()].sort((a, b) => a.name.localeCompare(b.name));
      if ((req.query as { detail: boolean }).detail) return ok(all.map(patternInfoObject));
      return ok([...new Set(all.map((p) => p.name))]);
    },
  );

  app.get(
    '/api/pattern-stats',
    {
      config: M,
      schema: {
        querystring: T.Object({
          hours: T.Integer({ minimum: 1, maximum: 720, default: 24 }),
          symbol: T.Optional(T.String({ maxLength: 32 })),
          timeframe: T.Optional(T.String({ maxLength: 8 })),
        }),
        response: {
          200: Envelope(T.Array(T.Object({ pattern: T.String(), count: T.Integer(), avg_confidence: T.Number() }))),
        },
      },
    },
    async (req) => {
      const q = req.query as { hours: number; symbol?: string; timeframe?: string };
      const rows = await detections.patternCounts(
        sql,
        new Date(Date.now() - q.hours * 3_600_000),
        q.symbol ? canonical(q.symbol) : undefined,
        q.timeframe,
      );
      return ok(
        rows.map((r) => ({
          pattern: displayName(r.pattern_id, r.direction),
          count: r.count,
          avg_confidence: Math.round(r.avg_confidence * 10_000) / 100,
        })),
      );
    },
  );

  app.get(
    '/api/get_latest_detection_id',
    {
      config: M,
      schema: {
        response: {
          200: Envelope(
            T.Object({ latest_detection_id: T.Integer(), detection_id: T.Integer(), timestamp: T.String() }),
          ),
        },
      },
    },
    async () => {
      const id = await detections.latestDetectionId(sql);
      return ok({ latest_detection_id: id, detection_id: id, timestamp: new Date().toISOString() });
    },
  );

  const performance = async (q: PerformanceQueryT) =>
    patternPerformance(sql, {
      windowDays: q.window === 'all' ? null : q.window,
      patternIds: patternIds(q.pattern),
      symbol: q.symbol ? canonical(q.symbol) : undefined,
      timeframe: q.timeframe ? scanTimeframe(q.timeframe) : undefined,
    });
  const perfMeta = (q: PerformanceQueryT) => ({
    window_days: q.window,
    pattern: q.pattern ?? null,
    symbol: q.symbol ?? null,
  });

  app.get(
    '/api/pattern-performance',
    {
      config: A,
      schema: {
        querystring: PerformanceQuery,
        response: {
          200: Envelope(
            T.Object({
              overall: Cell,
              by_pattern: T.Array(T.Intersect([Cell, T.Object({ pattern: T.String(), pattern_key: T.String() })])),
              by_symbol: T.Array(T.Intersect([Cell, T.Object({ symbol: T.String() })])),
            }),
          ),
        },
      },
    },
    async (req) => {
      const q = req.query as PerformanceQueryT;
      return ok(await performance(q), perfMeta(q));
    },
  );

  app.get(
    '/api/pattern-performance/summary',
    {
      config: A,
      schema: {
        querystring: PerformanceQuery,
        response: {
          200: Envelope(
            T.Object({
              detections: T.Object({ count: T.Integer(), labeled: T.Integer() }),
              outcomes: T.Object({
                available: T.Boolean(),
                by_pattern: T.Array(Open({ pattern: T.String(), trades: T.Integer() })),
                by_symbol: T.Array(Open({ symbol: T.String(), trades: T.Integer() })),
              }),
            }),
          ),
        },
      },
    },
    async (req) => {
      const q = req.query as PerformanceQueryT;
      const p = await performance(q);
      const view = (c: (typeof p.by_pattern)[number] | (typeof p.by_symbol)[number]) => ({
        trades: c.n,
        win_rate: c.hit_rate,
        avg_pnl: c.avg_return_pct,
      });
      return ok(
        {
          detections: { count: p.overall.detections, labeled: p.overall.labeled },
          outcomes: {
            available: p.overall.n > 0,
            by_pattern: p.by_pattern.map((c) => ({ pattern: c.pattern, ...view(c) })),
            by_symbol: p.by_symbol.map((c) => ({ symbol: c.symbol, ...view(c) })),
          },
        },
        perfMeta(q),
      );
    },
  );

  const LogsQuery = T.Object({
    limit: T.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: T.Optional(T.String({ maxLength: 512 })),
    offset: T.Optional(T.Integer({ minimum: 0, maximum: 10_000 })),
    symbol: T.Optional(T.String({ maxLength: 32 })),
    pattern: T.Optional(T.String({ maxLength: 100 })),
    timeframe: T.Optional(T.String({ maxLength: 8 })),
    from: T.Optional(T.String({ format: 'date-time' })),
    to: T.Optional(T.String({ format: 'date-time' })),
    min_confidence: T.Optional(T.Number({ minimum: 0, maximum: 1 })),
  });
  app.get(
    '/api/detection_logs',
    {
      config: A,
      schema: {
        querystring: LogsQuery,
        response: {
          200: Envelope(
            T.Object({
              logs: T.Array(DetectionT),
              pagination: T.Object({
                limit: T.Integer(),
                offset: Nullable(T.Integer()),
                total: T.Integer(),
                next_cursor: Nullable(T.String()),
              }),
            }),
          ),
        },
      },
    },
    async (req) => {
      const q = req.query as typeof LogsQuery.static;
      const filter: detections.DetectionFilter = {
        version: LABEL_VERSION,
        symbol: q.symbol ? canonical(q.symbol) : undefined,
        pattern: q.pattern?.replace(/[\s-]+/g, '_'),
        timeframe: q.timeframe,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        minConfidence: q.min_confidence,
      };
      const scope = `logs|${JSON.stringify(filter)}`;
      const [rows, total] = await Promise.all([
        detections.listDetections(sql, filter, {
          limit: q.limit,
          offset: q.cursor ? 0 : (q.offset ?? 0),
          before: pages.decode(scope, q.cursor),
        }),
        detections.countDetections(sql, filter),
      ]);
      const next = rows.length === q.limit ? pages.encode(scope, rows[rows.length - 1].id) : null;
      return ok({
        logs: rows.map(detectionObject),
        pagination: { limit: q.limit, offset: q.cursor ? null : (q.offset ?? 0), total, next_cursor: next },
      });
    },
  );

  app.get(
    '/api/detection_stats',
    {
      config: A,
      schema: {
        querystring: T.Object({
          days: T.Integer({ minimum: 1, maximum: 90, default: 7 }),
          top_window_days: T.Integer({ minimum: 1, maximum: 365, default: 30 }),
        }),
        response: {
          200: Envelope(
            T.Object({
              daily_detections: T.Array(
                T.Object({ date: T.String(), detections: T.Integer(), avg_confidence: Nullable(T.Number()) }),
              ),
              top_symbols: T.Array(
                T.Object({ symbol: T.String(), detections: T.Integer(), avg_confidence: T.Number() }),
              ),
              window_days: T.Integer(),
              timestamp: T.String(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const q = req.query as { days: number; top_window_days: number };
      const pct = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 100);
      const [daily, top] = await Promise.all([
        detections.dailyCounts(sql, q.days),
        detections.topSymbols(sql, q.top_window_days),
      ]);
      return ok({
        daily_detections: daily.map((d) => ({ ...d, avg_confidence: pct(d.avg_confidence) })),
        top_symbols: top.map((t) => ({ ...t, avg_confidence: pct(t.avg_confidence) as number })),
        window_days: q.days,
        timestamp: new Date().toISOString(),
      });
    },
  );

  app.get(
    '/api/export_detection_logs',
    {
      config: A,
      schema: {
        querystring: T.Object({
          symbol: T.Optional(T.String({ maxLength: 32 })),
          pattern: T.Optional(T.String({ maxLength: 100 })),
          days: T.Integer({ minimum: 1, maximum: 365, default: 30 }),
          format: T.Union([T.Literal('json'), T.Literal('csv')], { default: 'json' }),
        }),
        // format=csv answers a text/csv attachment (a string, sent as is); json answers this envelope.
        response: {
          200: Envelope(T.Object({ csv_content: T.String(), filename: T.String(), record_count: T.Integer() })),
        },
      },
    },
    async (req, reply) => {
      const q = req.query as { symbol?: string; pattern?: string; days: number; format: 'json' | 'csv' };
      const filter: detections.DetectionFilter = {
        version: LABEL_VERSION,
        symbol: q.symbol ? canonical(q.symbol) : undefined,
        pattern: q.pattern?.replace(/[\s-]+/g, '_'),
        from: new Date(Date.now() - q.days * 86_400_000),
      };
      const total = await detections.countDetections(sql, filter);
      if (total > 100_000) {
        throw new AppError(422, 'LIMIT_EXCEEDED', 'Too many rows to export', [
          { limit: 'rows', max: 100_000, value: total },
        ]);
      }
      const rows = await detections.listDetections(sql, filter, { limit: 100_000 });
      const csv = toCsv(rows);
      const filename = `detection_logs_${new Date().toISOString().slice(0, 10)}.csv`;
      if (q.format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="${filename}"`);
        return csv;
      }
      return ok({ csv_content: csv, filename, record_count: rows.length });
    },
  );
}

/** CSV cells that a spreadsheet would read as a formula are prefixed with `'`. */
function cellText(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(rows: detections.DetectionView[]): string {
  const head = 'id,symbol,timeframe,pattern,direction,confidence,bar_time,price,volume,outcome';
  const lines = rows.map((d) =>
    [
      d.id,
      d.symbol,
      d.timeframe,
      displayName(d.pattern_id, d.direction),
      d.direction === 1 ? 'bullish' : 'bearish',
      Math.round(d.confidence * 1e4) / 1e4,
      d.bar_time.toISOString(),
      d.price,
      d.volume,
      d.outcome ?? '',
    ]
      .map(cellText)
      .join(','),
  );
  return `${[head, ...lines].join('\n')}\n`;
}

import { Type as T } from '@sinclair/typebox';
import { QUEUE_NAMES } from '@tx/contracts';
import type { FastifyInstance } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { type Health, systemStats } from '../../services/health';

export interface HealthRouteOptions {
  health: Health;
  version: string;
  authMode: 'demo' | 'jwt';
  lifecycle: { draining: boolean; startedAt: number };
  backgroundWorkers: boolean;
  /** Feature components add their own sections (providers, websocket, ml_models, scanning). */
  components: () => Promise<Record<string, unknown>>;
}

const H = { auth: 'public', group: 'H' } as const;
const Counts = T.Object({
  waiting: T.Integer(),
  active: T.Integer(),
  delayed: T.Integer(),
  failed: T.Integer(),
  completed: T.Integer(),
  paused: T.Integer(),
});
const Worker = T.Object({
  id: T.String(),
  queues: T.Array(T.String()),
  started_at: T.String(),
  last_beat_at: T.String(),
  alive: T.Boolean(),
  active_jobs: T.Integer(),
  jobs_done: T.Integer(),
  jobs_failed: T.Integer(),
});

/** Ops endpoints (api.md §3.1). None touches a dependency without a 1 s deadline. */
export async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions) {
  const { health } = opts;

  app.get(
    '/',
    {
      config: H,
      schema: { response: { 200: Envelope(T.Object({ service: T.String(), version: T.String(), docs: T.String() })) } },
    },
    async () => ok({ service: 'tx', version: opts.version, docs: '/docs' }),
  );

  app.get('/health', { config: H, schema: { response: { 200: T.Object({ status: T.Literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/ready',
    {
      config: H,
      schema: {
        response: {
          '2xx': T.Object({
            status: T.String(),
            checks: T.Object({ database: T.String(), redis: T.String(), draining: T.Boolean() }),
          }),
          503: T.Object({
            status: T.String(),
            checks: T.Object({ database: T.String(), redis: T.String(), draining: T.Boolean() }),
          }),
        },
      },
    },
    async (_req, reply) => {
      const [db, redis] = await Promise.all([health.database(), health.redis()]);
      const checks = {
        database: db.status,
        redis: redis.status === 'down' ? 'down' : 'ok',
        draining: opts.lifecycle.draining,
      };
      const ready = checks.database === 'ok' && checks.redis === 'ok' && !checks.draining;
      if (!ready) reply.code(503).header('retry-after', '5');
      return { status: ready ? 'ready' : 'not_ready', checks };
    },
  );

  app.get(
    '/health/detailed',
    {
      config: H,
      schema: {
        response: {
          '2xx': T.Object({}, { additionalProperties: true }),
          503: T.Object({}, { additionalProperties: true }),
        },
      },
    },
    async (_req, reply) => {
      const [database, redis, queues, seen, extra] = await Promise.all([
        health.database(),
        health.redis(),
        health.queues(),
        health.workers(),
        opts.components(),
      ]);
      const alive = (seen ?? []).filter((w) => w.alive).length;
      const system = systemStats();
      const unhealthy = database.status === 'down' || redis.status === 'down';
      const degraded =
        alive === 0 || redis.status === 'degraded' || system.memory.percent_used > 90 || extra.degraded === true;
      const status = unhealthy ? 'unhealthy' : degraded ? 'degraded' : 'healthy';
      if (unhealthy) reply.code(503);
      const { degraded: _ignored, ...featureComponents } = extra;
      return {
        status,
        version: opts.version,
        uptime_s: Math.round((Date.now() - opts.lifecycle.startedAt) / 1000),
        timestamp: new Date().toISOString(),
        auth_mode: opts.authMode,
        components: {
          database,
          redis,
          queues: queues ?? Object.fromEntries(QUEUE_NAMES.map((q) => [q, null])),
          workers: { status: alive > 0 ? 'ok' : 'degraded', alive, seen: seen ?? [] },
          ...featureComponents,
          system,
        },
      };
    },
  );

  const apiHealth = {
    config: H,
    schema: {
      response: {
        200: Envelope(
          T.Object({
            status: T.Union([T.Literal('ok'), T.Literal('degraded')]),
            version: T.String(),
            timestamp: T.String(),
            database: T.String(),
            redis: T.String(),
            workers_alive: T.Integer(),
          }),
        ),
      },
    },
  } as const;
  const apiHealthHandler = async () => {
    const [database, redis, seen] = await Promise.all([health.database(), health.redis(), health.workers()]);
    const alive = (seen ?? []).filter((w) => w.alive).length;
    const good = database.status === 'ok' && redis.status !== 'down' && alive > 0;
    return ok({
      status: good ? ('ok' as const) : ('degraded' as const),
      version: opts.version,
      timestamp: new Date().toISOString(),
      database: database.status,
      redis: redis.status,
      workers_alive: alive,
    });
  };
  app.get('/api/health', apiHealth, apiHealthHandler);
  app.get('/api/status', { ...apiHealth, config: { ...H, canonical: '/api/health' } }, apiHealthHandler);

  app.get(
    '/api/workers/health',
    {
      config: H,
      schema: {
        response: {
          200: Envelope(
            T.Object({
              workers: T.Array(Worker),
              queues: T.Record(T.String(), T.Union([Counts, T.Null()])),
              live_scanner_active: T.Boolean(),
              scanning_status: T.Object({
                active: T.Boolean(),
                last_scan: T.Union([T.String(), T.Null()]),
                symbols_scanned: T.Integer(),
                patterns_found: T.Integer(),
              }),
              background_workers_enabled: T.Boolean(),
            }),
          ),
        },
      },
    },
    async () => {
      const [seen, queues, extra] = await Promise.all([health.workers(), health.queues(), opts.components()]);
      const scanning = (extra.scanning ?? null) as {
        active: boolean;
        last_scan: string | null;
        symbols_scanned: number;
        patterns_found: number;
      } | null;
      return ok({
        workers: seen ?? [],
        queues: queues ?? Object.fromEntries(QUEUE_NAMES.map((q) => [q, null])),
        live_scanner_active: scanning?.active ?? false,
        scanning_status: scanning ?? { active: false, last_scan: null, symbols_scanned: 0, patterns_found: 0 },
        background_workers_enabled: opts.backgroundWorkers,
      });
    },
  );
}

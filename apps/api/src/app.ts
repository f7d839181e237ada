import './lib/route-config';
import { randomUUID } from 'node:crypto';
import { QUEUE_NAMES } from '@tx/contracts';
import { queueCounts } from '@tx/queue';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AppDeps } from './deps';
import { lazyChildLogger } from './lib/request-logger';
import { authPlugin } from './plugins/auth';
import { docsPlugin } from './plugins/docs';
import { errorsPlugin, frameworkErrors } from './plugins/errors';
import { idempotencyPlugin } from './plugins/idempotency';
import { BODY_LIMIT, jsonBodyPlugin } from './plugins/json-body';
import { metricsPlugin } from './plugins/metrics';
import { queueBoardPlugin } from './plugins/queue-board';
import { rateLimitPlugin } from './plugins/rate-limit';
import { securityPlugin } from './plugins/security';
import { alertRoutes } from './routes/alerts';
import { detectionRoutes } from './routes/detection';
import { explainRoutes } from './routes/explain';
import { healthRoutes } from './routes/health';
import { marketRoutes, providerComponents } from './routes/market';
import { paperTradeRoutes } from './routes/paper-trade';
import { profileRoutes } from './routes/profile';
import { scanRoutes } from './routes/scan';
import { signalRoutes } from './routes/signals';
import { wsRoutes } from './routes/ws';
import { createHealth } from './services/health';
import { scanningComponent } from './services/scan';
import { scanMetrics } from './services/scan-metrics';

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Builds the API without listening or touching signals (server.ts owns those), so tests drive it with inject.
 * Plugins load in waves: transport and safety first, then identity and limits, then docs, then routes.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    // Oversized tokens must reach the auth check and get a 401 envelope, not Node's bare 431 (api.md §1.1).
    http: { maxHeaderSize: 32 * 1024 },
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    return503OnClosing: true,
    // Fastify's two lines per request are replaced by one access line in the metrics hook.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLogger,
    frameworkErrors,
  });
  // Hooks that never wait take Fastify's callback form: an async hook costs a promise and a microtask per request.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    // While draining, every response asks the client to reconnect (to another instance) for its next request.
    if (deps.lifecycle.draining) reply.header('connection', 'close');
    done();
  });

  await app.register(errorsPlugin);
  await app.register(securityPlugin, { production: config.production, corsOrigins: config.corsOrigins });
  await app.register(jsonBodyPlugin);
  const scanning = scanMetrics(deps.metrics.registry, deps.sql, deps.queues);
  await app.register(metricsPlugin, {
    metrics: deps.metrics,
    collect: async () => {
      deps.metrics.scannerActive.set((await scanning.scannerActive()) ? 1 : 0);
      await scanning.collect();
      for (const name of QUEUE_NAMES) {
        const counts = await queueCounts(deps.queues[name]);
        for (const [state, n] of Object.entries(counts)) deps.metrics.queueJobs.set({ queue: name, state }, n);
      }
    },
  });
  await app.register(authPlugin, {
    mode: config.authMode,
    adminUserIds: config.adminUserIds,
    jwt: config.jwt,
    demoInProduction: config.demoInProduction,
  });
  await app.register(rateLimitPlugin, {
    redis: deps.rateLimitRedis,
    keyPrefix: `${deps.keyPrefix}:rl:`,
    allowlist: config.rateLimitAllowlist,
    onStoreError: () => deps.metrics.rateLimitStoreErrors.inc(),
  });
  await app.register(idempotencyPlugin, { sql: deps.sql });
  await app.register(docsPlugin, { version: deps.version });

  await app.register(healthRoutes, {
    health: createHealth(deps),
    version: deps.version,
    authMode: config.authMode,
    lifecycle: deps.lifecycle,
    backgroundWorkers: config.backgroundWorkers,
    components: async () => ({
      websocket: app.realtime.health(),
      ...providerComponents(deps.marketData),
      scanning: await scanningComponent(deps),
    }),
  });
  await app.register(profileRoutes, { sql: deps.sql });
  await app.register(scanRoutes, deps);
  await app.register(detectionRoutes, { sql: deps.sql, marketData: deps.marketData, secret: config.SECRET_KEY });
  await app.register(alertRoutes, { sql: deps.sql, secret: config.SECRET_KEY });
  await app.register(explainRoutes, { sql: deps.sql, marketData: deps.marketData });
  await app.register(signalRoutes, { sql: deps.sql, config });
  await app.register(paperTradeRoutes, {
    sql: deps.sql,
    quotes: deps.marketData,
    publisher: deps.publisher,
    queues: deps.queues,
    config,
    redis: deps.redis,
    keyPrefix: deps.keyPrefix,
  });
  await app.register(marketRoutes, { marketData: deps.marketData, sql: deps.sql, config });
  await app.register(wsRoutes, {
    redis: deps.redis,
    redisUrl: config.REDIS_URL,
    keyPrefix: deps.keyPrefix,
    authMode: config.authMode,
    corsOrigins: config.corsOrigins,
    rateLimitAllowlist: config.rateLimitAllowlist,
    limits: { heartbeatMs: config.WS_HEARTBEAT_MS },
  });
  await app.register(queueBoardPlugin, {
    queues: deps.queues,
    username: config.ADMIN_USERNAME,
    password: config.ADMIN_PASSWORD,
    production: config.production,
  });
  return app;
}

import type { Config } from '@tx/config';
import { createSql, type Sql } from '@tx/db';
import { createMarketData, type MarketData } from '@tx/market-data';
import { createLogger, createMetricsRegistry, type Logger } from '@tx/observability';
import { closeQueues, createQueues, producerConnection, type Queues } from '@tx/queue';
import { createPublisher, type EventPublisher } from '@tx/realtime';
import type { Redis } from 'ioredis';
import { type ApiMetrics, createApiMetrics } from './plugins/metrics';

/**
 * Everything an API instance talks to, built in one place (the API's composition root) and handed to buildApp.
 * Tests build the same object against their own schema and key prefix.
 */
export interface AppDeps {
  config: Config;
  logger: Logger;
  sql: Sql;
  /** Fail-fast producer connection: enqueue, caches, health. */
  redis: Redis;
  /** Rate-limit counters (RATELIMIT_STORAGE_URI); null keeps them in process memory. */
  rateLimitRedis: Redis | null;
  queues: Queues;
  metrics: ApiMetrics;
  /** Namespaces BullMQ queues and Redis keys; pub/sub channels too (pub/sub ignores the database index). */
  keyPrefix: string;
  version: string;
  lifecycle: { draining: boolean; startedAt: number };
  /** Validated, sequenced WebSocket events (api.md §4), e.g. a job's `queued` progress from the jobs routes. */
  publisher: EventPublisher;
  /** Bars, quotes and provider health (packages/market-data). */
  marketData: MarketData;
}

export interface DepsOverrides {
  schema?: string;
  keyPrefix?: string;
  logger?: Logger;
  /** Third-party HTTP for market-data providers (tests inject recorded responses). */
  providerFetch?: typeof fetch;
}

export function createAppDeps(config: Config, version: string, overrides: DepsOverrides = {}): AppDeps {
  const logger =
    overrides.logger ?? createLogger({ name: 'api', level: config.LOG_LEVEL, structured: config.structuredLogs });
  const sql = createSql({
    url: config.DATABASE_URL,
    applicationName: 'tx-api',
    max: config.DATABASE_POOL_MAX,
    prepare: config.databasePrepare,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    schema: overrides.schema ?? (config.DATABASE_SCHEMA || undefined),
  });
  const keyPrefix = overrides.keyPrefix ?? config.REDIS_KEY_PREFIX;
  const redis = producerConnection(config.REDIS_URL);
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const queues = createQueues(redis, keyPrefix);
  const rateLimitRedis = config.RATELIMIT_STORAGE_URI.startsWith('redis')
    ? producerConnection(config.RATELIMIT_STORAGE_URI)
    : null;
  rateLimitRedis?.on('error', (err) => logger.warn({ err: err.message }, 'rate-limit redis error'));
  const metrics = createApiMetrics(createMetricsRegistry({ defaultMetrics: true }));
  return {
    config,
    logger,
    sql,
    redis,
    rateLimitRedis,
    queues,
    keyPrefix,
    version,
    metrics,
    lifecycle: { draining: false, startedAt: Date.now() },
    publisher: createPublisher(redis, keyPrefix),
    marketData: createMarketData({
      config,
      sql,
      redis,
      keyPrefix,
      logger,
      fetch: overrides.providerFetch,
      metricsRegistry: metrics.registry,
    }),
  };
}

/** Closes what createAppDeps opened, in dependency order. */
export async function closeAppDeps(deps: AppDeps): Promise<void> {
  await deps.marketData.close();
  await closeQueues(deps.queues);
  deps.redis.disconnect();
  deps.rateLimitRedis?.disconnect();
  await deps.sql.end({ timeout: 5 });
}

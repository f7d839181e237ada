import type { Config } from '@tx/config';
import { createSql, type Sql } from '@tx/db';
import { createMarketData, type MarketData } from '@tx/market-data';
import { createLogger, type Logger } from '@tx/observability';
import { closeQueues, createQueues, producerConnection, type Queues } from '@tx/queue';
import { createPublisher, type EventPublisher } from '@tx/realtime';
import { FlowProducer } from 'bullmq';
import type { Redis } from 'ioredis';
import { EvidenceCache } from './scan/evidence-cache';

/** What handlers use, built once in the worker's composition root (and by tests against their own schema). */
export interface WorkerDeps {
  config: Config;
  logger: Logger;
  sql: Sql;
  /** Producer connection for enqueueing follow-up jobs and publishing events. */
  redis: Redis;
  queues: Queues;
  keyPrefix: string;
  /** Validated, sequenced WebSocket events (api.md §4): `publisher.publish(channels.alerts, 'new_alert', alert)`. */
  publisher: EventPublisher;
  /** Bars and quotes for scans and paper trading (packages/market-data). */
  marketData: MarketData;
  /** Adds a scan cycle as one BullMQ flow (parent `scan-complete` over `scan-batch` children of its series). */
  flows: FlowProducer;
  /** Point-in-time label evidence for confidence priors, shared by this process's scan jobs. */
  evidence: EvidenceCache;
}

export function createWorkerDeps(
  config: Config,
  overrides: { schema?: string; keyPrefix?: string; logger?: Logger } = {},
): WorkerDeps {
  const logger =
    overrides.logger ?? createLogger({ name: 'worker', level: config.LOG_LEVEL, structured: config.structuredLogs });
  const keyPrefix = overrides.keyPrefix ?? config.REDIS_KEY_PREFIX;
  const redis = producerConnection(config.REDIS_URL, { enableOfflineQueue: true, maxRetriesPerRequest: 3 });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const sql = createSql({
    url: config.DATABASE_URL,
    applicationName: 'tx-worker',
    max: config.DATABASE_POOL_MAX,
    prepare: config.databasePrepare,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    schema: overrides.schema ?? (config.DATABASE_SCHEMA || undefined),
  });
  return {
    config,
    logger,
    sql,
    redis,
    queues: createQueues(redis, keyPrefix),
    keyPrefix,
    publisher: createPublisher(redis, keyPrefix),
    marketData: createMarketData({ config, sql, redis, keyPrefix, logger }),
    flows: new FlowProducer({ connection: redis, prefix: keyPrefix }),
    evidence: new EvidenceCache(sql),
  };
}

export async function closeWorkerDeps(deps: WorkerDeps): Promise<void> {
  await deps.flows.close();
  await deps.marketData.close();
  await closeQueues(deps.queues);
  deps.redis.disconnect();
  await deps.sql.end({ timeout: 5 });
}

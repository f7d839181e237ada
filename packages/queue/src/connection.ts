import { Redis, type RedisOptions } from 'ioredis';

/**
 * Producer connections fail fast: no offline queue and one retry, so an API request gets a 503 when Redis is down
 * instead of hanging. Worker connections wait and reconnect forever (BullMQ requires maxRetriesPerRequest null).
 * Both honour the database index in the URL.
 */
export function producerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
    ...extra,
  });
}

export function workerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 500, 5000),
    ...extra,
  });
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export function waitReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error('redis not ready'));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

export async function pingRedis(redis: Redis, timeoutMs: number): Promise<number> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('redis ping timed out')), timeoutMs);
      }),
    ]);
    return performance.now() - started;
  } finally {
    clearTimeout(timer);
  }
}

/** maxmemory-policy must be noeviction: an evicted job key is a lost job. */
export async function evictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    return reply[1] ?? null;
  } catch {
    return null; // managed Redis may forbid CONFIG
  }
}

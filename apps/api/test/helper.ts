import { waitReady } from '@tx/queue';
import { createTestDatabase, type TestDatabase, testConfig, testKeyPrefix } from '@tx/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { type AppDeps, closeAppDeps, createAppDeps, type DepsOverrides } from '../src/deps';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  db: TestDatabase;
  close: () => Promise<void>;
}

/**
 * The real app on a real Postgres schema and Redis prefix of its own. `extend` may add test-only routes before the
 * app is sealed (e.g. a route that throws, to check 500 bodies).
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  extend?: (app: FastifyInstance) => void,
  overrides: Pick<DepsOverrides, 'providerFetch'> = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const deps = createAppDeps(testConfig(env), 'test', { ...overrides, schema: db.schema, keyPrefix: testKeyPrefix() });
  const app = await buildApp(deps);
  extend?.(app);
  await app.ready();
  await waitReady(deps.redis, 5000);
  // A limiter store that never answers is a test case of its own (rate-limit.test.ts); others start connected.
  if (deps.rateLimitRedis) await waitReady(deps.rateLimitRedis, 1000).catch(() => {});
  return {
    app,
    deps,
    db,
    close: async () => {
      await app.close();
      await closeAppDeps(deps);
      await db.drop();
    },
  };
}

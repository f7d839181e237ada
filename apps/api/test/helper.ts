import { createTestDatabase, type TestDatabase, testConfig, testKeyPrefix } from '@tx/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { type AppDeps, closeAppDeps, createAppDeps } from '../src/deps';

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
): Promise<TestApp> {
  const db = await createTestDatabase();
  const deps = createAppDeps(testConfig(env), 'test', { schema: db.schema, keyPrefix: testKeyPrefix() });
  const app = await buildApp(deps);
  extend?.(app);
  await app.ready();
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
